"""A static file server that compresses as static hosts do (gzip, level 6, for text and wasm).

`python3 -m http.server` sends every file as it is on disk; GitHub Pages, Netlify and the
like send the app's wasm and JS gzip- or brotli-compressed. The bench's throttled cold start
(issue 19: 10 Mbit/s, 40 ms round trip) is measured through this server so that it downloads
what a user's browser downloads. Usage: python3 tools/gzip_server.py PORT DIRECTORY
"""

import gzip
import http.server
import sys

COMPRESSED = (".wasm", ".js", ".css", ".html", ".json", ".svg", ".webmanifest")


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.endswith("/"):
            path += "index.html"
        if not (wants_gzip and path.endswith(COMPRESSED)):
            return super().send_head()
        try:
            with open(path, "rb") as file:
                body = gzip.compress(file.read(), compresslevel=6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *arguments):
        pass


if __name__ == "__main__":
    port, directory = int(sys.argv[1]), sys.argv[2]
    handler = lambda *a, **k: Handler(*a, directory=directory, **k)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
