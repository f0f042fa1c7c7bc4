//! The web app's entry point, built to WebAssembly by Trunk (`index.html` names this binary).

fn main() {
    // On a native build this binary does nothing: the app only runs in a browser.
    #[cfg(target_arch = "wasm32")]
    omnirx_web::ui::start();
}
