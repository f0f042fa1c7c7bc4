//! SVG charts of funnels (Leptos components); `browser::export` saves them as SVG or PNG files.
//!
//! The geometry is computed in `domain::chart`; these components only turn it into SVG elements,
//! styled with presentation attributes (never a `style` attribute or CSS class) so that an
//! exported file looks the same as the page. Every text is a text node, never markup.

pub mod bar_list_chart;
pub mod breakdown_chart;

pub mod export_buttons;
pub mod funnel_chart;

pub use bar_list_chart::{BarListChart, BarRow};
pub use breakdown_chart::{BreakdownChart, BreakdownSeries};
pub use export_buttons::ChartExportButtons;
pub use funnel_chart::{FunnelChart, FunnelChartStep, FunnelChartStyle};

use leptos::prelude::*;

/// The fonts of every chart text: the system UI font, then common Chinese fonts.
pub const FONT_FAMILY: &str =
    "system-ui, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/// The pixel width the chart's container has on screen, followed through window resizes;
/// `None` until it is laid out, or while it is hidden.
pub(crate) fn use_container_width(svg: NodeRef<leptos::svg::Svg>) -> ReadSignal<Option<f64>> {
    let (width, set_width) = signal(None::<f64>);
    let measure = move || {
        let measured = svg
            .get_untracked()
            .and_then(|svg| svg.parent_element())
            .map(|parent| parent.client_width() as f64)
            .filter(|pixels| *pixels > 0.0);
        if width.get_untracked() != measured {
            set_width.set(measured);
        }
    };
    Effect::new(move |_| {
        if svg.get().is_some() {
            measure();
        }
    });
    let listener = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || listener.remove());
    width
}

/// A tick value as text: whole numbers grouped by thousands, others as they are.
pub(crate) fn tick_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        omnirx_core::i18n::format_integer(value as i64, omnirx_core::i18n::Language::English)
    } else {
        format!("{value}")
    }
}

/// An SVG `<title>` (tooltip and accessible name). Written with the builder because `view!`
/// cannot tell an SVG `<title>` from an HTML one and makes the HTML kind, which SVG ignores.
pub(crate) fn svg_title(text: String) -> impl IntoView {
    leptos::svg::title().child(text)
}
