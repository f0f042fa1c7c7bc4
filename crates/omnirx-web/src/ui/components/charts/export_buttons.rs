//! The "Export SVG" and "Export PNG" buttons under a chart: they export the first `<svg>` inside the given box.

use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;

/// Saves the chart in `chart_box` as `{file_base}.svg` or `{file_base}.png` (twice the size, for
/// slides). Buttons carry `data-testid="{testid_prefix}-svg"` and `"{testid_prefix}-png"`.
#[component]
pub fn ChartExportButtons(
    chart_box: NodeRef<Div>,
    #[prop(into)] file_base: Signal<String>,
    testid_prefix: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let export = move |png: bool| {
        let Some(svg) = chart_box
            .get_untracked()
            .and_then(|div| div.query_selector("svg").ok().flatten())
        else {
            return;
        };
        let base = file_base.get_untracked();
        if png {
            crate::ui::browser::export::download_png(&svg, &format!("{base}.png"), 2.0);
        } else {
            let _ = crate::ui::browser::export::download_svg(&svg, &format!("{base}.svg"));
        }
    };
    view! {
        <div class="actions">
            <button
                type="button"
                class="button button-secondary"
                data-testid=format!("{testid_prefix}-svg")
                on:click=move |_| export(false)
            >
                {state.tr(Text::ExportSvg)}
            </button>
            <button
                type="button"
                class="button button-secondary"
                data-testid=format!("{testid_prefix}-png")
                on:click=move |_| export(true)
            >
                {state.tr(Text::ExportPng)}
            </button>
        </div>
    }
}
