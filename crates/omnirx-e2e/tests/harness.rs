//! The end-to-end harness: serves the built `dist/`, starts ChromeDriver and headless Chromium,
//! runs each case in a fresh browser profile, and saves a screenshot when a case fails.

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long a condition may take before a case fails. Generous: CI has 2 cores.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// What a case's function returns: the case, run to its end.
pub type CaseFuture = Pin<Box<dyn Future<Output = Result<()>>>>;

/// A test case: a name and an async body that gets a fresh browser.
pub struct Case {
    pub name: &'static str,
    /// The browser's preferred language, e.g. `en-US`; `+no-site-data` after it starts a browser
    /// that refuses every site storage (IndexedDB, localStorage), as strict privacy settings do;
    /// `+small-disk` puts the browser profile on a 24 MB tmpfs, so that storage really runs out
    /// (needs root to mount, as on the project's machines); the app's own files take about 5 MB
    /// of it in the service worker's cache.
    pub language: &'static str,
    pub run: fn(Browser) -> CaseFuture,
}

/// A child process that is killed when the harness ends, even when a case panics.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

pub fn wait_for_port(port: u16, what: &str) -> Result<()> {
    let started = Instant::now();
    while started.elapsed() < PATIENCE {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("{what} did not start listening on port {port} within {PATIENCE:?}")
}

/// A plain static file server (`python3 -m http.server`, no rewrite rules), as on a real host.
pub fn serve_directory(root: &Path) -> Result<(Guard, u16)> {
    let port = free_port();
    let child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting python3 -m http.server")?;
    let guard = Guard(child);
    wait_for_port(port, "the static file server")?;
    Ok((guard, port))
}

/// The running servers shared by every case.
pub struct Environment {
    _servers: Vec<Guard>,
    _chromedriver: Guard,
    webdriver_url: String,
    /// The app served at the root of a host: `http://127.0.0.1:PORT/`.
    root_url: String,
    /// The same app served under a sub-path: `http://127.0.0.1:PORT/tools/omnirx/`.
    sub_path_url: String,
    dist: PathBuf,
    artifacts: PathBuf,
    _sub_path_root: TempDirectory,
}

/// A temporary directory removed at the end of the run (unmounted first if it is a tmpfs).
pub struct TempDirectory(pub PathBuf, bool);

impl TempDirectory {
    pub fn new(label: &str) -> TempDirectory {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|duration| duration.as_nanos())
            .unwrap_or_default();
        let path =
            std::env::temp_dir().join(format!("omnirx-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("a temporary directory");
        TempDirectory(path, false)
    }

    /// A temporary directory on its own tmpfs of `megabytes`: a disk that really fills up.
    pub fn new_small_disk(label: &str, megabytes: u32) -> Result<TempDirectory> {
        let directory = TempDirectory::new(label);
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&directory.0)
            .status()
            .context("running mount")?;
        if !status.success() {
            bail!(
                "cannot mount a {megabytes} MB tmpfs at {} (root is needed): {status}",
                directory.0.display()
            );
        }
        Ok(TempDirectory(directory.0.clone(), true))
    }
}

impl Drop for TempDirectory {
    fn drop(&mut self) {
        if self.1 {
            // Lazily: the browser may still be closing its files in there.
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Environment {
    pub fn start() -> Result<Environment> {
        let manifest = omnirx_e2e::repository();
        let dist = std::env::var_os("OMNIRX_DIST")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("dist"));
        if !dist.join("index.html").is_file() {
            bail!(
                "no built app at {}: run `./x test` (it builds dist/ with `trunk build --release`)",
                dist.display()
            );
        }
        let artifacts = manifest.join("e2e-artifacts");
        std::fs::create_dir_all(&artifacts)?;

        let (root_server, root_port) = serve_directory(&dist)?;
        let sub_path_root = TempDirectory::new("subpath");
        std::fs::create_dir_all(sub_path_root.0.join("tools"))?;
        std::os::unix::fs::symlink(dist.canonicalize()?, sub_path_root.0.join("tools/omnirx"))?;
        let (sub_path_server, sub_path_port) = serve_directory(&sub_path_root.0)?;

        let driver_binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver_port = free_port();
        let chromedriver = Command::new(&driver_binary)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {driver_binary} (install it with ./x setup)"))?;
        let chromedriver = Guard(chromedriver);
        wait_for_port(driver_port, "ChromeDriver")?;

        Ok(Environment {
            _servers: vec![root_server, sub_path_server],
            _chromedriver: chromedriver,
            webdriver_url: format!("http://127.0.0.1:{driver_port}"),
            root_url: format!("http://127.0.0.1:{root_port}/"),
            sub_path_url: format!("http://127.0.0.1:{sub_path_port}/tools/omnirx/"),
            dist,
            artifacts,
            _sub_path_root: sub_path_root,
        })
    }

    /// The built app's directory (for the bench's size figures; the cases use `Browser::dist`).
    #[allow(dead_code)]
    pub fn dist(&self) -> PathBuf {
        self.dist.clone()
    }

    /// A fresh headless Chromium with an empty profile whose preferred language is `language`.
    pub async fn browser(&self, language: &str) -> Result<Browser> {
        let (language, option) = language.split_once('+').unwrap_or((language, ""));
        let block_site_data = option == "no-site-data";
        let profile = if option == "small-disk" {
            TempDirectory::new_small_disk("profile", 24)?
        } else {
            TempDirectory::new("profile")
        };
        let downloads = profile.0.join("downloads");
        std::fs::create_dir_all(&downloads)?;
        let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        // Extra switches for experiments, e.g. `--js-flags=--no-liftoff` to see what V8's wasm
        // tiers cost (space-separated, none by default).
        let mut arguments = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            "--disable-quic".into(),
            // A name for the local server that is not localhost: plain http there is not a
            // secure context, as on a real http host (no service worker).
            "--host-resolver-rules=MAP omnirx.test 127.0.0.1".into(),
            format!("--lang={language}"),
            format!("--accept-lang={language}"),
            format!("--user-data-dir={}", profile.0.display()),
            "--window-size=1440,900".into(),
        ];
        arguments.extend(
            std::env::var("OMNIRX_CHROMIUM_EXTRA_ARGS")
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string),
        );
        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": arguments,
                "prefs": {
                    "intl.accept_languages": language,
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                    // 2 = block: the content setting behind "Block sites from saving data".
                    "profile.default_content_setting_values.cookies": if block_site_data { 2 } else { 1 },
                },
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("the capabilities literal is an object"),
        };
        let client = ClientBuilder::rustls()
            .context("building the WebDriver client")?
            .capabilities(capabilities)
            .connect(&self.webdriver_url)
            .await
            .context("opening a Chromium session through ChromeDriver")?;
        Ok(Browser {
            client,
            root_url: self.root_url.clone(),
            sub_path_url: self.sub_path_url.clone(),
            dist: self.dist.clone(),
            downloads,
            profile: std::sync::Arc::new(profile),
        })
    }
}

/// One browser session for one case.
pub struct Browser {
    pub client: Client,
    /// The app at the root of a host.
    pub root_url: String,
    /// The app under `/tools/omnirx/`.
    pub sub_path_url: String,
    /// The built app on disk.
    pub dist: PathBuf,
    /// Where Chromium saves downloads, inside the profile.
    pub downloads: PathBuf,
    /// Shared so that the runner can keep it until Chromium has closed, then remove it.
    pub profile: std::sync::Arc<TempDirectory>,
}

/// A count as the app writes it, "1,234" → 1234.
pub fn number(text: &str) -> Result<u64> {
    text.trim()
        .replace(',', "")
        .parse()
        .with_context(|| format!("{text:?} is not a count"))
}

pub fn by_test_id(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// A DevTools protocol command sent through ChromeDriver's `goog/cdp/execute` endpoint.
#[derive(Debug)]
struct DevToolsCommand {
    command: String,
    parameters: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevToolsCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.command, "params": self.parameters });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Sends a DevTools protocol command (e.g. `Storage.clearDataForOrigin`) to the page's
    /// browser, for faults a user cannot cause by clicking.
    pub async fn devtools(
        &self,
        command: &str,
        parameters: serde_json::Value,
    ) -> Result<serde_json::Value> {
        self.client
            .issue_cmd(DevToolsCommand {
                command: command.to_string(),
                parameters,
            })
            .await
            .with_context(|| format!("the DevTools command {command}"))
    }

    /// Runs `patch` (JavaScript) in the page and, before anything else, in every worker the page
    /// starts from now on: the import worker reads and writes IndexedDB itself, so a fault a user
    /// cannot cause by clicking (a transaction aborted half way) must be set up there too. A
    /// worker is started from a module that runs the patch and then the worker's own script.
    pub async fn patch_page_and_workers(&self, patch: &str) -> Result<()> {
        let patch_text = serde_json::to_string(patch)?;
        self.script(&format!(
            "{patch}
             const Original = window.Worker;
             const patch = {patch_text};
             window.Worker = function (url, options) {{
                 const address = new URL(url, location.href);
                 const script = address.href.replace('_loader.js', '.js');
                 const module = patch + `\nimport init from '${{script}}'; await init();`;
                 const blob = new Blob([module], {{ type: 'text/javascript' }});
                 return new Original(URL.createObjectURL(blob), options);
             }};
             return true;"
        ))
        .await?;
        Ok(())
    }

    /// Saves what the page shows into `e2e-artifacts/views/`, in both languages, at desktop
    /// tablet and phone widths, so that a reviewer can look at states that only a fault brings about
    /// (a conflict notice, an outdated tab). The language and size are put back afterwards.
    pub async fn keep_views(&self, name: &str) -> Result<()> {
        self.keep_views_around(name, None).await
    }

    /// Like [`Browser::keep_views`], with the element `test_id` scrolled to the middle of each
    /// view (a state shown below the fold, such as the import preview's repairs).
    pub async fn keep_views_around(&self, name: &str, test_id: Option<&str>) -> Result<()> {
        let directory = omnirx_e2e::repository().join("e2e-artifacts/views");
        std::fs::create_dir_all(&directory)?;
        let language: String = self
            .script("return document.documentElement.lang")
            .await?
            .as_str()
            .unwrap_or("en")
            .to_string();
        let (width, height) = self.client.get_window_size().await?;
        for tag in [
            language.as_str(),
            if language == "en" { "zh-CN" } else { "en" },
        ] {
            self.click(&format!("language-{tag}")).await?;
            for (label, size) in [
                ("desktop", (1440, 900)),
                ("tablet", (768, 1024)),
                ("phone", (390, 844)),
            ] {
                self.client.set_window_size(size.0, size.1).await?;
                if let Some(test_id) = test_id {
                    self.scroll_to_middle(&self.element(test_id).await?).await?;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
                let png = self.client.screenshot().await?;
                std::fs::write(directory.join(format!("{name}-{tag}-{label}.png")), png)?;
            }
        }
        self.client
            .set_window_size(width.try_into()?, height.try_into()?)
            .await?;
        self.click(&format!("language-{language}")).await?;
        Ok(())
    }

    pub async fn open(&self, url: &str) -> Result<()> {
        self.client
            .goto(url)
            .await
            .with_context(|| format!("opening {url}"))?;
        // The app has started when the boot placeholder is gone and the shell is drawn.
        self.element("main").await?;
        Ok(())
    }

    /// Waits for the element with `data-testid`, failing with its name if it never comes.
    pub async fn element(&self, test_id: &str) -> Result<Element> {
        let selector = by_test_id(test_id);
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&selector))
            .await
            .with_context(|| {
                format!("no element [data-testid={test_id}] appeared within {PATIENCE:?}")
            })
    }

    /// Scrolls `element` to the middle of the view, clear of the sticky header.
    async fn scroll_to_middle(&self, element: &Element) -> Result<()> {
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(element)?],
            )
            .await?;
        Ok(())
    }

    /// Whether an element with `data-testid` is in the page now (without waiting for one).
    pub async fn is_present(&self, test_id: &str) -> bool {
        self.client
            .find(fantoccini::Locator::Css(&by_test_id(test_id)))
            .await
            .is_ok()
    }

    pub async fn click(&self, test_id: &str) -> Result<()> {
        let element = self.element(test_id).await?;
        // Centred first, so that the sticky header never covers what a user would click.
        self.scroll_to_middle(&element).await?;
        element
            .click()
            .await
            .with_context(|| format!("clicking [data-testid={test_id}]"))
    }

    pub async fn text_of(&self, test_id: &str) -> Result<String> {
        Ok(self.element(test_id).await?.text().await?)
    }

    /// Waits until the text of `test_id` equals `expected`; the error shows the last text seen.
    pub async fn wait_for_text(&self, test_id: &str, expected: &str) -> Result<()> {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < PATIENCE {
            if let Ok(element) = self.client.find(Locator::Css(&by_test_id(test_id))).await {
                last = element.text().await.unwrap_or_default();
                if last.trim() == expected {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("[data-testid={test_id}] shows {last:?}, expected {expected:?}")
    }

    pub async fn is_displayed(&self, test_id: &str) -> Result<bool> {
        Ok(self.element(test_id).await?.is_displayed().await?)
    }

    /// Runs JavaScript in the page and returns its JSON result.
    pub async fn script(&self, source: &str) -> Result<serde_json::Value> {
        Ok(self.client.execute(source, vec![]).await?)
    }

    /// Waits until the service worker has kept the build (its install fetches and stores every
    /// file, the pages' modules too), or 20 s: a test that measures the disk must not race it.
    pub async fn service_worker_settled(&self) -> Result<()> {
        self.client
            .execute_async(
                "const done = arguments[0]; \
                 if (!('serviceWorker' in navigator)) { done(false); return; } \
                 Promise.race([navigator.serviceWorker.ready.then(() => true), \
                     new Promise(resolve => setTimeout(() => resolve(false), 20000))]).then(done);",
                vec![],
            )
            .await?;
        Ok(())
    }

    /// Waits for a finished download and returns its name and bytes.
    pub async fn downloaded_file(&self) -> Result<(String, Vec<u8>)> {
        let started = Instant::now();
        // Chromium reserves the final name with an empty file while the bytes still go to a
        // `.crdownload` file, so a download is finished only when no partial file is left and
        // the file's size has stopped changing.
        let mut last_seen: Option<(String, u64)> = None;
        while started.elapsed() < PATIENCE {
            let entries: Vec<_> = std::fs::read_dir(&self.downloads)?.flatten().collect();
            let partial = entries.iter().any(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.ends_with(".crdownload") || name.starts_with('.')
            });
            let finished = entries.iter().find(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                !name.ends_with(".crdownload") && !name.starts_with('.')
            });
            match finished {
                Some(entry) if !partial => {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let size = entry.metadata()?.len();
                    if size > 0 && last_seen.as_ref() == Some(&(name.clone(), size)) {
                        // Taken away once read, so that the next download is the next one found.
                        let bytes = std::fs::read(entry.path())?;
                        std::fs::remove_file(entry.path())?;
                        return Ok((name, bytes));
                    }
                    last_seen = Some((name, size));
                }
                _ => last_seen = None,
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("no download finished within {PATIENCE:?}")
    }

    /// Picks `path` in the file input with `data-testid`, as a user choosing a file would.
    pub async fn choose_file(&self, test_id: &str, path: &Path) -> Result<()> {
        let input = self.element(test_id).await?;
        input
            .send_keys(&path.display().to_string())
            .await
            .with_context(|| format!("choosing {} in {test_id}", path.display()))
    }

    /// Imports the file at `path` as a new workspace through the Data page, as a user does
    /// (choose, preview, confirm), and returns the notice the app then shows.
    pub async fn import_as_new(&self, path: &Path) -> Result<String> {
        self.choose_file("import-file", path).await?;
        self.element("import-preview").await?;
        self.click("import-as-new").await?;
        self.text_of("notice").await
    }

    /// Chooses the option with `value` in the `<select>` with `data-testid`, as a user would.
    pub async fn select(&self, test_id: &str, value: &str) -> Result<()> {
        self.element(test_id)
            .await?
            .select_by_value(value)
            .await
            .with_context(|| format!("choosing {value:?} in [data-testid={test_id}]"))
    }

    /// Replaces the text of the input with `data-testid` and leaves it (which commits it).
    pub async fn type_into(&self, test_id: &str, text: &str) -> Result<()> {
        let input = self.element(test_id).await?;
        input.clear().await?;
        input
            .send_keys(&format!("{text}{}", char::from(fantoccini::key::Key::Tab)))
            .await?;
        Ok(())
    }

    /// Selects what is in the input with `data-testid`, types `text` over it and leaves with
    /// Tab, as a user replacing a value does (one change event, no intermediate empty value,
    /// so an input that is drawn again on change is never left half-typed).
    pub async fn replace_text(&self, test_id: &str, text: &str) -> Result<()> {
        let input = self.element(test_id).await?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();",
                vec![serde_json::to_value(&input)?],
            )
            .await?;
        // Control+A, release the modifier (NULL), the new text, Tab.
        input
            .send_keys(&format!("\u{E009}a\u{E000}{text}\u{E004}"))
            .await
            .with_context(|| format!("typing into [data-testid={test_id}]"))
    }

    /// The texts of every element with `data-testid`, in document order.
    pub async fn texts_of_all(&self, test_id: &str) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self
            .client
            .find_all(Locator::Css(&by_test_id(test_id)))
            .await?
        {
            texts.push(element.text().await?);
        }
        Ok(texts)
    }

    pub async fn hash(&self) -> Result<String> {
        Ok(self
            .client
            .current_url()
            .await?
            .fragment()
            .unwrap_or("")
            .to_string())
    }
}

/// Runs every case, each in a fresh browser; prints a summary line that CI reads.
pub async fn run_all(cases: &[Case]) -> bool {
    // Cases whose name contains any of the arguments (all cases without one).
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .collect();
    let environment = match Environment::start() {
        Ok(environment) => environment,
        Err(error) => {
            eprintln!("e2e: cannot start: {error:#}");
            return false;
        }
    };
    let (mut passed, mut failed) = (0, 0);
    for case in cases {
        if !filters.is_empty()
            && !filters
                .iter()
                .any(|filter| case.name.contains(filter.as_str()))
        {
            continue;
        }
        let started = Instant::now();
        let outcome = run_case(&environment, case).await;
        match outcome {
            Ok(()) => {
                passed += 1;
                println!(
                    "test {} ... ok ({:.1} s)",
                    case.name,
                    started.elapsed().as_secs_f64()
                );
            }
            Err(error) => {
                failed += 1;
                println!("test {} ... FAILED\n    {error:#}", case.name);
            }
        }
    }
    println!("\ne2e: {passed} passed, {failed} failed");
    failed == 0 && passed > 0
}

async fn run_case(environment: &Environment, case: &Case) -> Result<()> {
    let browser = environment.browser(case.language).await?;
    let client = browser.client.clone();
    let profile = browser.profile.clone();
    let result = (case.run)(browser).await;
    if result.is_err() {
        let path = environment.artifacts.join(format!("{}.png", case.name));
        match client.screenshot().await {
            Ok(png) if std::fs::write(&path, &png).is_ok() => {
                eprintln!("    screenshot of the page: {}", path.display());
            }
            _ => eprintln!("    (no screenshot could be taken)"),
        }
    }
    let _ = client.close().await;
    // Only now is Chromium done with its profile directory.
    drop(profile);
    result
}
