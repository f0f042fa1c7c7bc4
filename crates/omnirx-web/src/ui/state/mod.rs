//! The one place where UI state lives; provided to every component through context.

pub mod customer_list;
pub mod file_import;
pub mod funnel_analysis;
pub mod installation;
pub mod journey_editor;
pub mod market_rules;
pub mod merging;
pub mod performance;
pub mod planning;
pub mod segment_analysis;
pub mod session;
pub mod shared;
pub mod sharing;
pub mod table_import;

use leptos::prelude::*;

use crate::ui::browser::timed;
use customer_list::CustomerListChoices;
use file_import::FileImport;
use funnel_analysis::FunnelAnalysis;
use installation::Installation;
use journey_editor::JourneyEditor;
use market_rules::MarketRulesState;
use merging::Merging;
use omnirx_core::domain::calendar::CalendarDate;
use omnirx_core::domain::stats::{workspace_stats, WorkspaceStats};
use omnirx_core::i18n::{text, Language, Text};
use omnirx_core::view::route::Route;
use performance::PerformanceAnalysis;
use planning::Planning;
use segment_analysis::SegmentAnalysis;
use session::Session;
use shared::Shared;
use sharing::ExportChoices;
use table_import::TableImport;

/// The app's state. Signals are `Copy`, so the whole struct is too.
///
/// The stores of the analyses and of the Data page are made on demand (`funnels()`,
/// `planning()`…): the first time a page, or the Overview's analyses, asks for one, under the
/// app's root owner, so it lives as long as the app and keeps its choices as if made at start.
/// Made in `AppState::new`, their memos and the analyses they call would be in the first download;
/// made on demand, they sit in the wasm modules of the pages that use them (ARCHITECTURE.md, *The
/// page's wasm is cut per page*).
#[derive(Clone, Copy)]
pub struct AppState {
    pub language: RwSignal<Language>,
    pub route: RwSignal<Route>,
    /// Whether the collapsed (phone-width) navigation is open.
    pub navigation_open: RwSignal<bool>,
    /// The date the app was opened, read once from the browser clock.
    pub today: CalendarDate,
    /// The open workspace and storage.
    pub session: Session,
    /// The Customers list's search, filters and sort, kept while the user opens a customer and
    /// comes back.
    pub customer_list: CustomerListChoices,
    /// Offline use: the network's status, updates, the install prompt.
    pub installation: Installation,
    /// The market rules setting and its confirmation (docs/compliance.md).
    pub market_rules: MarketRulesState,
    /// The open workspace's stats that read every interaction (date range, totals per
    /// channel), once per data change rather than per visit of the Overview.
    pub data_stats: Memo<Option<Shared<WorkspaceStats>>>,
    made: Made,
}

/// The stores made on demand, each once.
#[derive(Clone, Copy)]
struct Made {
    /// The app's root, which owns them.
    owner: StoredValue<Owner>,
    funnels: StoredValue<Option<FunnelAnalysis>>,
    segments: StoredValue<Option<SegmentAnalysis>>,
    performance: StoredValue<Option<PerformanceAnalysis>>,
    planning: StoredValue<Option<Planning>>,
    journeys: StoredValue<Option<JourneyEditor>>,
    tables: StoredValue<Option<TableImport>>,
    files: StoredValue<Option<FileImport>>,
    export: StoredValue<Option<ExportChoices>>,
    merging: StoredValue<Option<Merging>>,
}

impl AppState {
    pub fn new(language: Language, route: Route, today: CalendarDate) -> AppState {
        let language = RwSignal::new(language);
        let session = Session::new(language);
        AppState {
            language,
            route: RwSignal::new(route),
            navigation_open: RwSignal::new(false),
            today,
            session,
            customer_list: CustomerListChoices::new(),
            installation: Installation::default(),
            market_rules: MarketRulesState::new(session),
            data_stats: Memo::new(move |_| {
                session.data_revision.track();
                session.workspace.with_untracked(|workspace| {
                    let workspace = workspace.as_ref()?;
                    Some(Shared(std::sync::Arc::new(timed(
                        "omnirx:workspace-stats",
                        || workspace_stats(workspace),
                    ))))
                })
            }),
            made: Made {
                owner: StoredValue::new(
                    Owner::current().expect("the app state is made inside the app"),
                ),
                funnels: StoredValue::new(None),
                segments: StoredValue::new(None),
                performance: StoredValue::new(None),
                planning: StoredValue::new(None),
                journeys: StoredValue::new(None),
                tables: StoredValue::new(None),
                files: StoredValue::new(None),
                export: StoredValue::new(None),
                merging: StoredValue::new(None),
            },
        }
    }

    /// The Funnels page's choices and the funnel numbers derived from the workspace.
    pub fn funnels(&self) -> FunnelAnalysis {
        let session = self.session;
        self.made_once(self.made.funnels, || FunnelAnalysis::new(session))
    }

    /// The Segments and Customers pages' choices and the segmentation derived from the workspace.
    pub fn segments(&self) -> SegmentAnalysis {
        let (session, funnels) = (self.session, self.funnels());
        self.made_once(self.made.segments, || {
            SegmentAnalysis::new(session, funnels)
        })
    }

    /// The Performance page's choices and numbers.
    pub fn performance(&self) -> PerformanceAnalysis {
        let (session, funnels) = (self.session, self.funnels());
        self.made_once(self.made.performance, || {
            PerformanceAnalysis::new(session, funnels)
        })
    }

    /// The Plan page's choices, its proposal and the saved plan.
    pub fn planning(&self) -> Planning {
        let (session, performance, segments) = (self.session, self.performance(), self.segments());
        self.made_once(self.made.planning, || {
            Planning::new(session, performance, segments)
        })
    }

    /// The Patient journeys page's open map, selection and undo history.
    pub fn journeys(&self) -> JourneyEditor {
        let session = self.session;
        self.made_once(self.made.journeys, || JourneyEditor::new(session))
    }

    /// The CSV and Excel import on the Data page (the worker does the work).
    pub fn tables(&self) -> TableImport {
        let (session, language) = (self.session, self.language);
        self.made_once(self.made.tables, || TableImport::new(session, language))
    }

    /// The workspace file import on the Data page (the worker does the work).
    pub fn files(&self) -> FileImport {
        let session = self.session;
        self.made_once(self.made.files, || FileImport::new(session))
    }

    /// The Data page's export choices: a part, anonymised, sealed with a passphrase.
    pub fn export(&self) -> ExportChoices {
        let session = self.session;
        self.made_once(self.made.export, || ExportChoices::new(session))
    }

    /// Workspace files merged into the open workspace.
    pub fn merging(&self) -> Merging {
        let session = self.session;
        self.made_once(self.made.merging, || Merging::new(session))
    }

    fn made_once<T>(&self, slot: StoredValue<Option<T>>, make: impl FnOnce() -> T) -> T
    where
        T: Copy + Send + Sync + 'static,
    {
        if let Some(made) = slot.get_value() {
            return made;
        }
        let made = self
            .made
            .owner
            .with_value(|owner| owner.with(|| untrack(make)));
        slot.set_value(Some(made));
        made
    }

    /// A text as a reactive view or attribute value that follows the language. Every call returns
    /// the same closure type, so the hundreds of texts on the pages share one compiled copy of
    /// the rendering code instead of one each (a closure written inline is a new type each time).
    pub fn tr(&self, key: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let language = self.language;
        move || text(language.get(), key)
    }

    /// Looks a text up in the current language; reactive when called inside a closure.
    pub fn text(&self, key: Text) -> &'static str {
        text(self.language.get(), key)
    }
}

/// The state the root component provides.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
