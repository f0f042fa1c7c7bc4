//! The list's table: a sticky sortable header and only the rows in view, between two spacers, so that 10,000 rows scroll smoothly.
//!
//! The window of rows comes from [`omnirx_core::view::customer_list::visible_window`]; this module only
//! reads the scroll position and the viewport's height from the DOM and draws that window.

use leptos::prelude::*;

use crate::ui::state::shared::Shared;
use crate::ui::state::use_app_state;
use omnirx_core::i18n::Text;
use omnirx_core::view::customer_list::{visible_window, VisibleWindow};

/// The height of one row in CSS pixels. `style/main.css` fixes `.customers-row` to the same
/// height; the two must agree or the spacers drift away from the rows.
pub const ROW_HEIGHT_PIXELS: f64 = 40.0;
/// Rows drawn beyond each edge of the viewport, so that a fast scroll shows no blank strip.
pub const OVERSCAN_ROWS: usize = 8;
/// The viewport height assumed until the container has been measured.
const DEFAULT_VIEWPORT_PIXELS: f64 = 600.0;

/// One column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The column's name in `data-testid`s and CSS classes.
    pub key: &'static str,
    pub header: Text,
    pub is_number: bool,
}

/// What a table is: its accessible name, its CSS class (which sets the column widths) and its
/// columns.
pub struct TableShape {
    pub caption: Text,
    pub class: &'static str,
    pub columns: Vec<ColumnSpec>,
}

/// The sortable, virtually scrolled table. `order` holds, for each list position, the index of
/// the row to show there; `render_row(position, row)` draws one `<tr>`. Whatever `redraw`
/// tracks (the language, the rows, the names behind them) redraws every row in view.
pub fn virtual_table<Render>(
    shape: TableShape,
    order: Memo<Option<Shared<Vec<u32>>>>,
    sorted_by: Signal<(&'static str, bool)>,
    on_sort: impl Fn(&'static str) + Clone + Send + Sync + 'static,
    redraw: Signal<()>,
    render_row: Render,
) -> AnyView
where
    Render: Fn(usize, u32) -> AnyView + Clone + Send + Sync + 'static,
{
    let TableShape {
        caption,
        class: table_class,
        columns,
    } = shape;
    let state = use_app_state();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport_height = RwSignal::new(DEFAULT_VIEWPORT_PIXELS);
    let total = move || order.with(|order| order.as_ref().map_or(0, |order| order.len()));

    // The viewport's height is read once laid out and again when the window is resized; the
    // CSS fixes it otherwise, so nothing else can change it.
    let measure = move || {
        if let Some(element) = scroller.get_untracked() {
            let height = element.client_height() as f64;
            if height > 0.0 && height != viewport_height.get_untracked() {
                viewport_height.set(height);
            }
        }
    };
    Effect::new(move |_| {
        if scroller.get().is_some() {
            measure();
        }
    });
    let listener = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || listener.remove());

    // A new filter or sort starts the list from the top: the old position means nothing in a
    // different list. Only the DOM is changed; its scroll event then updates `scroll_top`.
    Effect::new(move |_| {
        order.track();
        if let Some(element) = scroller.get_untracked() {
            element.set_scroll_top(Default::default());
        }
    });

    let window: Memo<VisibleWindow> = Memo::new(move |_| {
        visible_window(
            scroll_top.get(),
            viewport_height.get(),
            ROW_HEIGHT_PIXELS,
            total(),
            OVERSCAN_ROWS,
        )
    });
    let column_count = columns.len();
    let column_elements = columns
        .iter()
        .map(|column| view! { <col class=format!("col-{}", column.key) /> })
        .collect_view();
    let headers = columns
        .iter()
        .map(|column| {
            let key = column.key;
            let on_sort = on_sort.clone();
            let aria_sort = move || {
                let (sorted_key, descending) = sorted_by.get();
                match (sorted_key == key, descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                }
            };
            let mark = move || {
                let (sorted_key, descending) = sorted_by.get();
                match (sorted_key == key, descending) {
                    (false, _) => "",
                    (true, false) => "▲",
                    (true, true) => "▼",
                }
            };
            view! {
                <th scope="col" class:number=column.is_number aria-sort=aria_sort>
                    <button
                        type="button"
                        class="customers-sort"
                        data-testid=format!("customers-sort-{key}")
                        on:click=move |_| on_sort(key)
                    >
                        <span>{state.tr(column.header)}</span>
                        <span class="customers-sort-mark" aria-hidden="true">
                            {mark}
                        </span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body = move || {
        redraw.track();
        let render_row = render_row.clone();
        view! {
            <For
                each=move || {
                    let window = window.get();
                    order
                        .with(|order| {
                            order
                                .as_ref()
                                .map(|order| {
                                    (window.first..window.end.min(order.len()))
                                        .map(|position| (position, order[position]))
                                        .collect::<Vec<_>>()
                                })
                                .unwrap_or_default()
                        })
                }
                key=|item: &(usize, u32)| *item
                children=move |(position, row)| render_row(position, row)
            />
        }
    };
    view! {
        <div
            class="customers-scroll"
            data-testid="customers-scroll"
            tabindex="0"
            role="region"
            aria-label=state.tr(caption)
            node_ref=scroller
            on:scroll=move |event| {
                let element = event_target::<web_sys::Element>(&event);
                scroll_top.set(element.scroll_top() as f64);
            }
        >
            <table class=format!("customers-table {table_class}") aria-rowcount=move || total() + 1>
                <caption class="sr-only">{state.tr(caption)}</caption>
                <colgroup>{column_elements}</colgroup>
                <thead>
                    <tr aria-rowindex="1">{headers}</tr>
                </thead>
                <tbody>
                    <tr class="customers-spacer" aria-hidden="true">
                        <td
                            colspan=column_count
                            style:height=move || format!("{}px", window.get().space_above)
                        ></td>
                    </tr>
                    {body}
                    <tr class="customers-spacer" aria-hidden="true">
                        <td
                            colspan=column_count
                            style:height=move || format!("{}px", window.get().space_below)
                        ></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
