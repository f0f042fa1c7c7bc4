//! The app shell as a user meets it: pages, language, deep links, sub-path hosting, phone width, keyboard.

use anyhow::{ensure, Context, Result};
use fantoccini::key::Key;

use crate::harness::{Browser, Case};

const PAGES: [(&str, &str, &str); 7] = [
    ("overview", "Overview", "概览"),
    ("performance", "Performance", "业绩"),
    ("funnels", "Funnels", "漏斗分析"),
    ("segments", "Segments", "客户分群"),
    ("journeys", "Patient journeys", "患者旅程"),
    ("customers", "Customers", "客户"),
    ("data", "Data", "数据"),
];

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "every_page_is_reached_by_clicking_the_navigation",
            language: "en-US",
            run: |b| Box::pin(every_page_is_reached_by_clicking_the_navigation(b)),
        },
        Case {
            name: "first_visit_follows_the_browser_language",
            language: "zh-CN",
            run: |b| Box::pin(first_visit_follows_the_browser_language(b)),
        },
        Case {
            name: "language_switch_changes_the_text_and_is_remembered",
            language: "en-US",
            run: |b| Box::pin(language_switch_changes_the_text_and_is_remembered(b)),
        },
        Case {
            name: "deep_link_survives_a_reload",
            language: "en-US",
            run: |b| Box::pin(deep_link_survives_a_reload(b)),
        },
        Case {
            name: "app_works_under_a_sub_path",
            language: "en-US",
            run: |b| Box::pin(app_works_under_a_sub_path(b)),
        },
        Case {
            name: "unknown_link_says_so_and_leads_back",
            language: "en-US",
            run: |b| Box::pin(unknown_link_says_so_and_leads_back(b)),
        },
        Case {
            name: "phone_width_collapses_the_navigation",
            language: "en-US",
            run: |b| Box::pin(phone_width_collapses_the_navigation(b)),
        },
        Case {
            name: "keyboard_reaches_the_content_and_the_navigation",
            language: "en-US",
            run: |b| Box::pin(keyboard_reaches_the_content_and_the_navigation(b)),
        },
        Case {
            name: "built_page_keeps_integrity_and_a_strict_policy",
            language: "en-US",
            run: |b| Box::pin(built_page_keeps_integrity_and_a_strict_policy(b)),
        },
        Case {
            name: "one_changed_byte_in_the_wasm_stops_the_app_with_a_message",
            language: "en-US",
            run: |b| Box::pin(one_changed_byte_in_the_wasm_stops_the_app(b)),
        },
        Case {
            name: "a_page_whose_module_cannot_be_fetched_says_so_and_comes_on_retry",
            language: "zh-CN",
            run: |b| Box::pin(a_page_whose_module_cannot_be_fetched(b)),
        },
        Case {
            name: "the_overviews_card_comes_first_and_its_analyses_from_their_module",
            language: "zh-CN",
            run: |b| Box::pin(the_overviews_analyses_come_from_their_module(b)),
        },
        Case {
            name: "a_first_visit_without_the_demos_module_says_so_and_imports_still_work",
            language: "zh-CN",
            run: |b| Box::pin(a_first_visit_without_the_demos_module(b)),
        },
    ]
}

/// The first download holds the Overview; every other page is its own module, fetched the first
/// time it is shown. One that cannot be fetched (the network gone before the service worker kept
/// it) is said on the page, the rest of the app goes on, and "try again" fetches it once it can.
async fn a_page_whose_module_cannot_be_fetched(browser: Browser) -> Result<()> {
    let missing = ModuleAside::open(&browser, "split_data_page.wasm").await?;
    let (data_page, aside) = (&missing.module, &missing.aside);
    browser.element("page-overview").await?;
    browser.click("nav-data").await?;
    let said = browser.text_of("page-load-failed").await?;
    ensure!(
        said.contains("这个页面没能加载"),
        "a page that could not be fetched said {said:?}"
    );
    browser
        .keep_views_around("page-load-failed", Some("page-load-failed"))
        .await?;
    // The rest of the app goes on.
    browser.click("nav-funnels").await?;
    browser.element("page-funnels").await?;
    browser.click("nav-data").await?;
    browser.element("page-load-failed").await?;
    std::fs::rename(aside, data_page)?;
    browser.click("page-load-retry").await?;
    browser.element("page-data").await?;
    browser.element("import-file").await?;
    Ok(())
}

/// The first download draws the Overview's workspace card; its funnel, attainment, segment and
/// journey cards come from a module of their own. One that cannot be fetched is said under the
/// card, which stays usable, and "try again" draws the analyses once the module can come.
async fn the_overviews_analyses_come_from_their_module(browser: Browser) -> Result<()> {
    let missing = ModuleAside::open(&browser, "split_overview_analyses.wasm").await?;
    browser.element("workspace-summary").await?;
    let said = browser.text_of("page-load-failed").await?;
    ensure!(
        said.contains("概览的分析没能加载"),
        "analyses that could not be fetched said {said:?}"
    );
    let hcps = browser.text_of("count-hcps").await?;
    ensure!(hcps != "0", "the workspace's card counts {hcps} HCPs");
    browser
        .keep_views_around("overview-analyses-unavailable", Some("page-load-failed"))
        .await?;
    std::fs::rename(&missing.aside, &missing.module)?;
    browser.click("page-load-retry").await?;
    browser.element("overview-funnel").await?;
    browser.element("overview-journey").await?;
    browser.keep_views("overview-whole").await?;
    Ok(())
}

/// The demo generator is a module of its own, which a visit that opens stored data never fetches.
/// A first visit that cannot fetch it says so, shows an empty workspace whose Data page still
/// imports, and makes the demo when asked once the module can come; the demo is then stored.
async fn a_first_visit_without_the_demos_module(browser: Browser) -> Result<()> {
    let missing = ModuleAside::open(&browser, "split_demo.wasm").await?;
    let (demo, aside) = (&missing.module, &missing.aside);
    let said = browser.text_of("notice").await?;
    ensure!(
        said.contains("示例数据没能加载"),
        "a demo that could not be fetched said {said:?}"
    );
    browser.wait_for_text("count-hcps", "0").await?;
    browser
        .keep_views_around("demo-unavailable", Some("notice"))
        .await?;
    browser.click("language-en").await?;
    let said = browser.text_of("notice").await?;
    ensure!(
        said.contains("The demo could not be loaded"),
        "in English the notice said {said:?}"
    );
    browser.click("nav-data").await?;
    browser.element("import-file").await?;
    std::fs::rename(aside, demo)?;
    browser.click("nav-overview").await?;
    browser.click("reset-demo").await?;
    browser.element("header-demo-badge").await?;
    let hcps = browser.text_of("count-hcps").await?;
    ensure!(hcps != "0", "the demo made on request has {hcps} HCPs");
    // Stored: a reload opens it without the module being asked again.
    std::fs::rename(demo, aside)?;
    browser.client.refresh().await?;
    browser.element("header-demo-badge").await?;
    browser.wait_for_text("count-hcps", &hcps).await?;
    Ok(())
}

/// A copy of the built app served with one of its split modules moved aside (renamed, so a
/// case can put it back), the browser opened on it.
struct ModuleAside {
    module: std::path::PathBuf,
    aside: std::path::PathBuf,
    _server: crate::harness::Guard,
    _copy: crate::harness::TempDirectory,
}

impl ModuleAside {
    async fn open(browser: &Browser, file: &str) -> Result<ModuleAside> {
        let copy = crate::harness::TempDirectory::new(&format!("without-{file}"));
        copy_directory(&browser.dist, &copy.0)?;
        let module = omnirx_e2e::page_modules_directory(&copy.0)
            .context("no split-* folder of modules in dist/")?
            .join(file);
        let aside = module.with_extension("wasm.aside");
        std::fs::rename(&module, &aside).with_context(|| format!("no module {file}"))?;
        let (server, port) = crate::harness::serve_directory(&copy.0)?;
        browser
            .client
            .goto(&format!("http://127.0.0.1:{port}/"))
            .await?;
        Ok(ModuleAside {
            module,
            aside,
            _server: server,
            _copy: copy,
        })
    }
}

/// The offset of the last byte of a wasm module's data section (id 11), walking the sections.
fn last_byte_of_data_section(module: &[u8]) -> Option<usize> {
    let mut position = 8; // The magic number and the version.
    while position < module.len() {
        let id = module[position];
        position += 1;
        let (mut size, mut shift) = (0usize, 0);
        loop {
            let byte = *module.get(position)?;
            position += 1;
            size |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                break;
            }
        }
        if id == 11 && size > 0 {
            return Some(position + size - 1);
        }
        position += size;
    }
    None
}

/// Copies the built app, its folders too (the snippets, the pages' modules).
fn copy_directory(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().context("a file name")?);
        if path.is_dir() {
            copy_directory(&path, &target)?;
        } else {
            std::fs::copy(&path, target)?;
        }
    }
    Ok(())
}

/// A copy of the built app with one byte of the `.wasm` changed, as a corrupted upload or a
/// tampering proxy would leave it: the loader's integrity check must refuse it and say so.
async fn one_changed_byte_in_the_wasm_stops_the_app(browser: Browser) -> Result<()> {
    let copy = crate::harness::TempDirectory::new("tampered");
    copy_directory(&browser.dist, &copy.0)?;
    let wasm = std::fs::read_dir(&copy.0)?
        .flatten()
        .map(|entry| entry.path())
        // The page's wasm, not the import worker's (which loads only for a table import).
        .find(|path| {
            path.extension().is_some_and(|e| e == "wasm")
                && path
                    .file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with("omnirx-web-"))
        })
        .context("no omnirx-web .wasm in dist/")?;
    let mut bytes = std::fs::read(&wasm)?;
    // A byte of the data section (string constants): the module stays valid WebAssembly, so only
    // the integrity check can refuse it.
    let offset = last_byte_of_data_section(&bytes).context("the wasm has no data section")?;
    bytes[offset] ^= 0x01;
    std::fs::write(&wasm, &bytes)?;
    let (_server, port) = crate::harness::serve_directory(&copy.0)?;
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/"))
        .await?;
    let failed = browser.element("boot-failed").await?;
    let message = failed.text().await?;
    ensure!(
        message.contains("could not start") && message.contains("无法启动"),
        "the boot placeholder says {message:?}"
    );
    let started = browser
        .script("return document.querySelector('[data-testid=main]') !== null || window.wasmBindings !== undefined;")
        .await?;
    ensure!(started == false, "the app started from a changed wasm");
    Ok(())
}

async fn every_page_is_reached_by_clicking_the_navigation(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    browser.element("page-overview").await?;
    for (slug, english, _) in PAGES.iter().rev() {
        browser.click(&format!("nav-{slug}")).await?;
        browser.element(&format!("page-{slug}")).await?;
        browser.wait_for_text("page-title", english).await?;
        let current = browser
            .element(&format!("nav-{slug}"))
            .await?
            .attr("aria-current")
            .await?;
        ensure!(
            current.as_deref() == Some("page"),
            "nav-{slug} is not marked as the current page: {current:?}"
        );
        ensure!(
            browser.hash().await? == format!("/{slug}"),
            "the URL does not point to {slug}"
        );
    }
    Ok(())
}

async fn first_visit_follows_the_browser_language(browser: Browser) -> Result<()> {
    browser.open(&browser.root_url).await?;
    browser.wait_for_text("page-title", "概览").await?;
    let lang = browser
        .script("return document.documentElement.lang")
        .await?;
    ensure!(lang == "zh-CN", "<html lang> is {lang}, expected zh-CN");
    let pressed = browser
        .element("language-zh-CN")
        .await?
        .attr("aria-pressed")
        .await?;
    ensure!(
        pressed.as_deref() == Some("true"),
        "the Chinese button is not pressed"
    );
    Ok(())
}

async fn language_switch_changes_the_text_and_is_remembered(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/funnels", browser.root_url))
        .await?;
    browser.wait_for_text("page-title", "Funnels").await?;
    let english_date = browser.text_of("nav-overview").await?;
    browser.click("language-zh-CN").await?;
    browser.wait_for_text("page-title", "漏斗分析").await?;
    for (slug, _, chinese) in PAGES {
        let label = browser.text_of(&format!("nav-{slug}")).await?;
        ensure!(
            label == chinese,
            "nav-{slug} reads {label:?} after switching, expected {chinese:?}"
        );
    }
    ensure!(
        english_date != browser.text_of("nav-overview").await?,
        "the navigation did not change"
    );
    browser.client.refresh().await?;
    browser
        .wait_for_text("page-title", "漏斗分析")
        .await
        .context("the choice was not remembered")?;
    // Dates follow the language too.
    browser.click("nav-overview").await?;
    let today = browser.text_of("today").await?;
    ensure!(
        today.contains('年') && today.contains("星期"),
        "the date is not written in Chinese: {today:?}"
    );
    browser.click("language-en").await?;
    browser.wait_for_text("page-title", "Overview").await?;
    let today = browser.text_of("today").await?;
    ensure!(
        today.starts_with("Today") && today.contains("day, "),
        "the date is not written in English: {today:?}"
    );
    Ok(())
}

async fn deep_link_survives_a_reload(browser: Browser) -> Result<()> {
    for (slug, english, _) in PAGES {
        browser
            .open(&format!("{}#/{slug}", browser.root_url))
            .await?;
        browser.client.refresh().await?;
        browser.element(&format!("page-{slug}")).await?;
        browser.wait_for_text("page-title", english).await?;
    }
    // Back goes to the previous page, as users expect from links.
    browser.click("nav-segments").await?;
    browser.element("page-segments").await?;
    browser.client.back().await?;
    browser
        .element("page-data")
        .await
        .context("Back did not return to the previous page")?;
    Ok(())
}

async fn app_works_under_a_sub_path(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/customers", browser.sub_path_url))
        .await?;
    browser.wait_for_text("page-title", "Customers").await?;
    browser.click("nav-journeys").await?;
    browser
        .wait_for_text("page-title", "Patient journeys")
        .await?;
    browser.client.refresh().await?;
    browser
        .wait_for_text("page-title", "Patient journeys")
        .await?;
    let url = browser.client.current_url().await?;
    ensure!(
        url.path() == "/tools/omnirx/",
        "the app left its sub-path: {url}"
    );
    Ok(())
}

async fn unknown_link_says_so_and_leads_back(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/nowhere", browser.root_url))
        .await?;
    browser
        .wait_for_text("page-title", "Page not found")
        .await?;
    ensure!(
        browser.text_of("not-found-path").await? == "#/nowhere",
        "the unknown path is not shown"
    );
    browser.click("back-to-overview").await?;
    browser.element("page-overview").await?;
    Ok(())
}

async fn phone_width_collapses_the_navigation(browser: Browser) -> Result<()> {
    browser.client.set_window_size(390, 844).await?;
    browser.open(&browser.root_url).await?;
    ensure!(
        browser.is_displayed("nav-toggle").await?,
        "no menu button at 390 px"
    );
    ensure!(
        !browser.is_displayed("nav-funnels").await?,
        "the navigation is not collapsed at 390 px"
    );
    browser.click("nav-toggle").await?;
    let expanded = browser
        .element("nav-toggle")
        .await?
        .attr("aria-expanded")
        .await?;
    ensure!(
        expanded.as_deref() == Some("true"),
        "the menu button does not say it is expanded"
    );
    ensure!(
        browser.is_displayed("nav-funnels").await?,
        "the menu did not open"
    );
    browser.click("nav-funnels").await?;
    browser.wait_for_text("page-title", "Funnels").await?;
    ensure!(
        !browser.is_displayed("nav-segments").await?,
        "the menu stayed open after choosing a page"
    );
    // At tablet width the navigation is a row of tabs, always visible.
    browser.client.set_window_size(768, 1024).await?;
    ensure!(
        browser.is_displayed("nav-segments").await?,
        "the navigation is hidden at 768 px"
    );
    ensure!(
        !browser.is_displayed("nav-toggle").await?,
        "the menu button shows at 768 px"
    );
    Ok(())
}

async fn keyboard_reaches_the_content_and_the_navigation(browser: Browser) -> Result<()> {
    browser
        .open(&format!("{}#/segments", browser.root_url))
        .await?;
    browser.element("page-segments").await?;
    let body = browser
        .client
        .find(fantoccini::Locator::Css("body"))
        .await?;
    body.send_keys(&Key::Tab.to_string()).await?;
    let focused = browser
        .script("return document.activeElement.dataset.testid || ''")
        .await?;
    ensure!(
        focused == "skip-link",
        "the first Tab focuses {focused}, not the skip link"
    );
    let skip = browser.element("skip-link").await?;
    skip.send_keys(&Key::Enter.to_string()).await?;
    let focused = browser.script("return document.activeElement.id").await?;
    ensure!(
        focused == "main",
        "the skip link moved focus to {focused}, not the main content"
    );
    ensure!(
        browser.hash().await? == "/segments",
        "the skip link changed the route"
    );
    // A navigation link opens its page from the keyboard.
    let link = browser.element("nav-data").await?;
    link.send_keys(&Key::Enter.to_string()).await?;
    browser.element("page-data").await?;
    let landmarks = browser
        .script("return ['header','nav','main','footer'].every(t => document.querySelector(t))")
        .await?;
    ensure!(
        landmarks == true,
        "a landmark (header, nav, main, footer) is missing"
    );
    Ok(())
}

async fn built_page_keeps_integrity_and_a_strict_policy(browser: Browser) -> Result<()> {
    let html = std::fs::read_to_string(browser.dist.join("index.html"))?;
    let policy_start = html
        .find("Content-Security-Policy")
        .context("no CSP in index.html")?;
    let policy = &html[policy_start
        ..html[policy_start..]
            .find("/>")
            .map(|end| policy_start + end)
            .unwrap_or(html.len())];
    ensure!(
        policy.contains("'wasm-unsafe-eval'"),
        "the CSP does not allow the wasm to run"
    );
    ensure!(
        !policy.contains("'unsafe-eval'"),
        "the CSP allows 'unsafe-eval'"
    );
    ensure!(
        !policy.contains("'unsafe-inline'"),
        "the CSP allows inline scripts wholesale"
    );
    ensure!(
        !policy.contains("CSP_INLINE_SCRIPT_HASHES"),
        "the CSP hook did not run"
    );
    for needle in [
        "rel=\"modulepreload\"",
        "type=\"application/wasm\"",
        "rel=\"stylesheet\"",
    ] {
        let start = html
            .find(needle)
            .with_context(|| format!("no {needle} link"))?;
        let tag_start = html[..start].rfind('<').unwrap_or(0);
        let tag_end = start + html[start..].find('>').unwrap_or(0);
        ensure!(
            html[tag_start..tag_end].contains("integrity=\"sha384-"),
            "{needle} has no integrity attribute"
        );
    }
    ensure!(
        !html.contains(" onload=") && !html.contains(" onclick=") && !html.contains(" onerror="),
        "inline event handlers in index.html"
    );
    // In the browser: the app started under this policy, and no violation was reported.
    browser.open(&browser.root_url).await?;
    browser.element("page-overview").await?;
    let violations = browser
        .script("return performance.getEntriesByType('resource').filter(e => e.responseStatus >= 400).length")
        .await?;
    ensure!(violations == 0, "{violations} resources failed to load");
    Ok(())
}
