// OmniRx's service worker (the template: tools/service_worker.py writes it into the build as
// sw.js, with the build's files and a cache named after their content). It precaches exactly the
// built files and serves them cache-first, so the app starts and works without a network after the
// first visit; a navigation gets the cached index.html. Nothing else is ever cached: the data
// lives in IndexedDB, never here.
//
// Updates never take over on their own: a new version installs beside the running one and waits
// until the page asks it to ("A new version is ready — reload"), then the page reloads.

const CACHE = "omnirx-__OMNIRX_VERSION__";
const FILES = __OMNIRX_FILES__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("omnirx-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      // The first visit's page is served from the cache from now on, without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "omnirx:take-over") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  const cached = caches.open(CACHE).then((cache) =>
    // Relative names resolve against this script, so the app works under any sub-path.
    request.mode === "navigate" ? cache.match("index.html") : cache.match(request),
  );
  event.respondWith(cached.then((response) => response || fetch(request)));
});
