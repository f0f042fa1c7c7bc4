//! The Segments and Customers pages' state and the segmentation numbers derived from the open workspace, as memos.
//!
//! What depends only on the data (the customer base, the profiles at the end of the data) is
//! keyed on the session's data revision and shared with the funnel memos' HCP index; editing a
//! rule reruns only the classification (a few milliseconds for 10,000 HCPs). Clusters and
//! movement are computed only when a view reads them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::browser::timed;
use crate::ui::state::funnel_analysis::FunnelAnalysis;
use crate::ui::state::session::Session;
use crate::ui::state::shared::Shared;
use omnirx_core::domain::funnel::FunnelDefinition;
use omnirx_core::domain::segmentation::classify::{
    classify, preview_rules, Classification, RulePreview,
};
use omnirx_core::domain::segmentation::clusters::{
    elbow_point, k_means_screened, profile_clusters, silhouette, standardise, starts_for,
    ClusterProfile, Clustering, ElbowPoint, FeatureMatrix, SampleDistances, Standardisation,
    SILHOUETTE_SAMPLE,
};
use omnirx_core::domain::segmentation::features::{feature_matrix, ClusterFeature};
use omnirx_core::domain::segmentation::matrix::{build_matrix, Matrix, MatrixCutoffs};
use omnirx_core::domain::segmentation::movement::{membership_by_quarter, PeriodMembership};
use omnirx_core::domain::segmentation::overview::{segment_overview, SegmentRow};
use omnirx_core::domain::segmentation::profile::{CustomerBase, CustomerProfiles, VolumeLevel};
use omnirx_core::domain::segmentation::report::analysis_moment;
use omnirx_core::domain::segmentation::rules::{CompiledRules, DimensionIds, SegmentRuleSet};

/// The seed of every clustering, so the same data always gives the same clusters.
pub const CLUSTER_SEED: u64 = 2026;
/// Past quarters shown in the movement view.
pub const MOVEMENT_QUARTERS: usize = 4;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SegmentTab {
    #[default]
    Overview,
    Matrix,
    Rules,
    Clusters,
    Movement,
}

/// The clusters view's result: the clustering, its profiles and silhouette.
#[derive(Debug)]
pub struct ClusterResult {
    pub features: Vec<ClusterFeature>,
    pub clustering: Clustering,
    pub profiles: Vec<ClusterProfile>,
    pub silhouette: Option<f64>,
}

#[derive(Clone, Copy)]
pub struct SegmentPageState {
    pub selected_rule_set: RwSignal<Option<String>>,
    pub tab: RwSignal<SegmentTab>,
    /// `None`: the default cut-offs for the data.
    pub cutoffs: RwSignal<Option<MatrixCutoffs>>,
    /// The matrix cell whose HCPs are listed: (potential band, support band).
    pub selected_cell: RwSignal<Option<(usize, usize)>>,
    pub cluster_features: RwSignal<Vec<ClusterFeature>>,
    pub cluster_count: RwSignal<usize>,
    /// The overview table's sort: column key and descending.
    pub sort: RwSignal<(&'static str, bool)>,
    /// The two quarters compared in the movement view (indices into the quarters).
    pub movement_pair: RwSignal<(usize, usize)>,
    /// Unsaved edits of a rule set, kept while the user looks at other tabs and pages;
    /// `None` when nothing is being edited.
    pub rule_draft: RwSignal<Option<SegmentRuleSet>>,
}

#[derive(Clone, Copy)]
pub struct SegmentAnalysis {
    pub page: SegmentPageState,
    pub base: Memo<Option<Shared<CustomerBase>>>,
    /// Every HCP's figures at the end of the data.
    pub profiles: Memo<Option<Shared<CustomerProfiles>>>,
    pub rule_set: Memo<Option<SegmentRuleSet>>,
    pub classification: Memo<Option<Shared<Classification>>>,
    pub previews: Memo<Option<Vec<RulePreview>>>,
    pub overview: Memo<Option<Vec<SegmentRow>>>,
    pub matrix: Memo<Option<Matrix>>,
    pub clusters: Memo<Option<Shared<ClusterResult>>>,
    pub features: Memo<Option<Shared<ClusterInput>>>,
    pub elbow: RwSignal<ElbowProgress>,
    pub movement: Memo<Option<Shared<Vec<PeriodMembership>>>>,
}

impl SegmentAnalysis {
    pub fn new(session: Session, funnels: FunnelAnalysis) -> SegmentAnalysis {
        let page = SegmentPageState {
            selected_rule_set: RwSignal::new(None),
            tab: RwSignal::new(SegmentTab::Overview),
            cutoffs: RwSignal::new(None),
            selected_cell: RwSignal::new(None),
            cluster_features: RwSignal::new(ClusterFeature::ALL.to_vec()),
            cluster_count: RwSignal::new(6),
            sort: RwSignal::new(("order", false)),
            movement_pair: RwSignal::new((MOVEMENT_QUARTERS - 2, MOVEMENT_QUARTERS - 1)),
            rule_draft: RwSignal::new(None),
        };
        let base = Memo::new(move |_| {
            session.data_revision.track();
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(timed("omnirx:segment-base", || {
                    CustomerBase::build(workspace)
                }))))
            })
        });
        let default_funnel: Memo<Option<FunnelDefinition>> = Memo::new(move |_| {
            session
                .workspace
                .with(|w| w.as_ref().and_then(|w| w.funnels.first().cloned()))
        });
        let profiles = Memo::new(move |_| {
            let base = base.get()?;
            let index = funnels.hcp_index.get()?;
            let ids = funnels.ids.get()?;
            let funnel = default_funnel.get();
            Some(Shared(Arc::new(timed("omnirx:segment-profiles", || {
                omnirx_core::domain::segmentation::movement::profiles_at(
                    &base,
                    &index,
                    funnel.as_ref(),
                    &ids,
                    analysis_moment(&index),
                )
            }))))
        });
        let rule_set = Memo::new(move |_| {
            let wanted = page.selected_rule_set.get();
            session.workspace.with(|workspace| {
                let rule_sets = &workspace.as_ref()?.segment_rule_sets;
                wanted
                    .and_then(|id| rule_sets.iter().find(|r| r.id == id))
                    .or_else(|| rule_sets.first())
                    .cloned()
            })
        });
        let compiled = Memo::new(move |_| {
            let rule_set = rule_set.get()?;
            let base = base.get()?;
            session.workspace.with_untracked(|workspace| {
                let workspace = workspace.as_ref()?;
                Some(Shared(Arc::new(CompiledRules::compile(
                    &rule_set,
                    &DimensionIds::of(workspace, &base.city_names),
                ))))
            })
        });
        let classification = Memo::new(move |_| {
            let compiled = compiled.get()?;
            let base = base.get()?;
            let profiles = profiles.get()?;
            Some(Shared(Arc::new(timed("omnirx:segment-rules", || {
                classify(&compiled, &base, &profiles)
            }))))
        });
        let previews = Memo::new(move |_| {
            let compiled = compiled.get()?;
            let base = base.get()?;
            let profiles = profiles.get()?;
            let classification = classification.get()?;
            Some(preview_rules(&compiled, &base, &profiles, &classification))
        });
        let overview = Memo::new(move |_| {
            let base = base.get()?;
            let profiles = profiles.get()?;
            let classification = classification.get()?;
            Some(segment_overview(&base, &profiles, &classification))
        });
        let matrix = Memo::new(move |_| {
            let base = base.get()?;
            let profiles = profiles.get()?;
            let cutoffs = page
                .cutoffs
                .get()
                .unwrap_or_else(|| MatrixCutoffs::default_for(&base));
            Some(timed("omnirx:segment-matrix", || {
                build_matrix(&base, &profiles, &cutoffs)
            }))
        });
        let features = Memo::new(move |_| {
            let base = base.get()?;
            let profiles = profiles.get()?;
            let chosen = page.cluster_features.get();
            if chosen.is_empty() {
                return None;
            }
            let kinds: Vec<_> = session.workspace.with_untracked(|w| {
                w.as_ref()
                    .map(|w| w.channels.iter().map(|c| c.kind).collect())
                    .unwrap_or_default()
            });
            let (standardised, standardisation) =
                standardise(&feature_matrix(&base, &profiles, &kinds, &chosen));
            Some(Shared(Arc::new((chosen, standardised, standardisation))))
        });
        let clusters = Memo::new(move |_| {
            let features = features.get()?;
            let k = page.cluster_count.get();
            let (chosen, standardised, standardisation) = &*features.0;
            let clustering = timed("omnirx:segment-kmeans", || {
                k_means_screened(standardised, k, CLUSTER_SEED, starts_for(standardised.rows))
            });
            let silhouette = silhouette(standardised, &clustering, SILHOUETTE_SAMPLE);
            Some(Shared(Arc::new(ClusterResult {
                features: chosen.clone(),
                profiles: profile_clusters(&clustering, standardisation),
                clustering,
                silhouette,
            })))
        });
        let movement = Memo::new(move |_| {
            let base = base.get()?;
            let index = funnels.hcp_index.get()?;
            let ids = funnels.ids.get()?;
            let compiled = compiled.get()?;
            let funnel = default_funnel.get();
            Some(Shared(Arc::new(timed("omnirx:segment-movement", || {
                membership_by_quarter(
                    &base,
                    &index,
                    funnel.as_ref(),
                    &ids,
                    &compiled,
                    MOVEMENT_QUARTERS,
                )
            }))))
        });
        SegmentAnalysis {
            page,
            base,
            profiles,
            rule_set,
            classification,
            previews,
            overview,
            matrix,
            clusters,
            features,
            elbow: RwSignal::new(ElbowProgress::default()),
            movement,
        }
    }

    /// Computes the elbow chart's points one k per task (each a few tens of milliseconds on
    /// 10,000 HCPs), so that the page stays responsive while they arrive; stops when the
    /// features change meanwhile (the view then offers to compute again). Each k starts from the
    /// previous k's clusters, which the task hands on to the next.
    pub fn compute_elbow(self) {
        let Some(features) = self.features.get_untracked() else {
            return;
        };
        let tag = Arc::as_ptr(&features.0) as usize;
        self.elbow.set(ElbowProgress {
            features: tag,
            points: Vec::new(),
            done: false,
        });
        fn step(
            analysis: SegmentAnalysis,
            features: Shared<ClusterInput>,
            tag: usize,
            k: usize,
            previous: Option<Clustering>,
            distances: Shared<SampleDistances>,
        ) {
            if analysis.elbow.with_untracked(|e| e.features != tag) {
                return;
            }
            let computed = timed("omnirx:segment-elbow-k", || {
                elbow_point(
                    &features.0 .1,
                    k,
                    CLUSTER_SEED,
                    previous.as_ref(),
                    &distances,
                )
            });
            let done = k >= ELBOW_LARGEST_K;
            let (point, clustering) = computed.unzip();
            analysis.elbow.update(|e| {
                e.points.extend(point);
                e.done = done;
            });
            if !done {
                set_timeout(
                    move || step(analysis, features, tag, k + 1, clustering, distances),
                    std::time::Duration::ZERO,
                );
            }
        }
        // The silhouette sample's distances in a task of their own, then one k per task.
        set_timeout(
            move || {
                if self.elbow.with_untracked(|e| e.features != tag) {
                    return;
                }
                let distances = timed("omnirx:segment-elbow-distances", || {
                    SampleDistances::new(&features.0 .1, SILHOUETTE_SAMPLE)
                });
                let distances = Shared(Arc::new(distances));
                set_timeout(
                    move || step(self, features, tag, 2, None, distances),
                    std::time::Duration::ZERO,
                );
            },
            std::time::Duration::ZERO,
        );
    }

    /// Whether volumes and deciles are the accounts' (market rules that forbid HCP-level
    /// prescription figures, `docs/compliance.md`); reactive.
    pub fn volume_at_account_level(&self) -> bool {
        self.base.with(|base| {
            base.as_ref()
                .is_some_and(|base| base.volume_level == VolumeLevel::Account)
        })
    }

    /// Like [`Self::elbow_for_current_features`], without subscribing (for event handlers).
    pub fn elbow_for_current_features_untracked(&self) -> Option<(Vec<ElbowPoint>, bool)> {
        untrack(|| self.elbow_for_current_features())
    }

    /// The elbow points computed for the current features, and whether all have arrived.
    pub fn elbow_for_current_features(&self) -> Option<(Vec<ElbowPoint>, bool)> {
        let features = self.features.get()?;
        let tag = Arc::as_ptr(&features.0) as usize;
        self.elbow.with(|e| {
            (e.features == tag && !e.points.is_empty()).then(|| (e.points.clone(), e.done))
        })
    }
}

/// The standardised features clusters run on: which features, the matrix, the standardisation.
pub type ClusterInput = (Vec<ClusterFeature>, FeatureMatrix, Standardisation);

/// The elbow chart's points as they arrive, for the features they were computed on (by address).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ElbowProgress {
    pub features: usize,
    pub points: Vec<ElbowPoint>,
    pub done: bool,
}

/// The elbow chart covers k = 2 to this.
pub const ELBOW_LARGEST_K: usize = 10;
