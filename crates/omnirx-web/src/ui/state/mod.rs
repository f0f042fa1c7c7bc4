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
    /// The Funnels page's choices and the funnel numbers derived from the workspace.
    pub funnels: FunnelAnalysis,
    /// The Segments and Customers pages' choices and the segmentation derived from the workspace.
    pub segments: SegmentAnalysis,
    /// The Customers list's search, filters and sort, kept while the user opens a customer and
    /// comes back.
    pub customer_list: CustomerListChoices,
    /// The Patient journeys page's open map, selection and undo history, made when a page first
    /// asks (`journeys()`).
    journeys: StoredValue<Option<JourneyEditor>>,
    /// The CSV and Excel import on the Data page (the worker does the work).
    pub tables: TableImport,
    /// The workspace file import on the Data page (the worker does the work).
    pub files: FileImport,
    /// Offline use: the network's status, updates, the install prompt.
    pub installation: Installation,
    /// The Data page's export choices: a part, anonymised, sealed with a passphrase.
    pub export: ExportChoices,
    /// Workspace files merged into the open workspace.
    pub merging: Merging,
    /// The market rules setting and its confirmation (docs/compliance.md).
    pub market_rules: MarketRulesState,
    /// The Performance page's choices and numbers (the Overview draws its attainment too).
    pub performance: PerformanceAnalysis,
    /// The Plan page's choices, its proposal and the saved plan, made when a page first asks
    /// (`planning()`).
    planning: StoredValue<Option<Planning>>,
    /// The app's root, which owns the stores made on demand: they live as long as the app.
    owner: StoredValue<Owner>,
    /// The open workspace's stats that read every interaction (date range, totals per
    /// channel), once per data change rather than per visit of the Overview.
    pub data_stats: Memo<Option<Shared<WorkspaceStats>>>,
}

impl AppState {
    pub fn new(language: Language, route: Route, today: CalendarDate) -> AppState {
        let language = RwSignal::new(language);
        let session = Session::new(language);
        let funnels = FunnelAnalysis::new(session);
        let performance = PerformanceAnalysis::new(session, funnels);
        let segments = SegmentAnalysis::new(session, funnels);
        AppState {
            language,
            route: RwSignal::new(route),
            navigation_open: RwSignal::new(false),
            today,
            session,
            funnels,
            segments,
            customer_list: CustomerListChoices::new(),
            journeys: StoredValue::new(None),
            tables: TableImport::new(session, language),
            files: FileImport::new(session),
            installation: Installation::default(),
            export: ExportChoices::new(session),
            merging: Merging::new(session),
            performance,
            planning: StoredValue::new(None),
            owner: StoredValue::new(
                Owner::current().expect("the app state is made inside the app"),
            ),
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
        }
    }

    /// The Plan page's store. The stores the Overview does not use are made the first time a
    /// page asks for them, under the app's root: their analyses then sit in those pages' wasm
    /// modules rather than in the first download (ARCHITECTURE.md, *The page's wasm is cut per
    /// page*), and from then on they keep their choices as if made at start.
    pub fn planning(&self) -> Planning {
        let (session, segments, performance) = (self.session, self.segments, self.performance);
        self.made_once(self.planning, || {
            Planning::new(session, performance, segments)
        })
    }

    /// The Patient journeys page's store, made like [`AppState::planning`].
    pub fn journeys(&self) -> JourneyEditor {
        let session = self.session;
        self.made_once(self.journeys, || JourneyEditor::new(session))
    }

    fn made_once<T>(&self, slot: StoredValue<Option<T>>, make: impl FnOnce() -> T) -> T
    where
        T: Copy + Send + Sync + 'static,
    {
        if let Some(made) = slot.get_value() {
            return made;
        }
        let made = self.owner.with_value(|owner| owner.with(make));
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
