//! Prints how long segmentation takes natively on the demo and `large` workspaces: what is built
//! once per data change (customer base, profiles with the default funnel), then what reruns when a
//! rule or a cut-off changes (all rules of every rule set and the matrix), and movement by quarter
//! (`cargo bench --bench segments`).

#[path = "support/timing.rs"]
mod timing;

use omnirx_core::domain::demo::{generate_demo_workspace, DataLanguage, DemoOptions, DemoScale};
use omnirx_core::domain::funnel::{CountingUnit, FunnelIndex, WorkspaceIds};
use omnirx_core::domain::segmentation::clusters::{k_means_screened, standardise, STARTS};
use omnirx_core::domain::segmentation::features::{feature_matrix, ClusterFeature};
use omnirx_core::domain::segmentation::matrix::{build_matrix, MatrixCutoffs};
use omnirx_core::domain::segmentation::movement::membership_by_quarter;
use omnirx_core::domain::segmentation::report::current_profiles;
use omnirx_core::domain::segmentation::{classify, CompiledRules, CustomerBase, DimensionIds};

const RUNS: usize = 11;

fn time<T>(work: impl FnMut() -> T) -> f64 {
    timing::median_ms(RUNS, work)
}

fn main() {
    let wanted = timing::wanted_scales();
    println!(
        "{:<7} {:>7} {:>10} {:>9} {:>12} {:>16} {:>12} {:>16}",
        "scale",
        "HCPs",
        "events",
        "base ms",
        "profiles ms",
        "rules+matrix ms",
        "movement ms",
        "k-means k=6 ms"
    );
    for (name, scale) in [("demo", DemoScale::Demo), ("large", DemoScale::Large)] {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == name) {
            continue;
        }
        let workspace =
            generate_demo_workspace(DemoOptions::fixed(scale, 2026, DataLanguage::Chinese));
        let index = FunnelIndex::build(&workspace, CountingUnit::Hcp);
        let ids = WorkspaceIds::of(&workspace);
        let base_ms = time(|| CustomerBase::build(&workspace));
        let base = CustomerBase::build(&workspace);
        let profiles_ms = time(|| current_profiles(&workspace, &base, &index));
        let profiles = current_profiles(&workspace, &base, &index);
        let dimension_ids = DimensionIds::of(&workspace, &base.city_names);
        let cutoffs = MatrixCutoffs::default_for(&base);
        let rules_ms = time(|| {
            let classifications: Vec<_> = workspace
                .segment_rule_sets
                .iter()
                .map(|rule_set| {
                    classify(
                        &CompiledRules::compile(rule_set, &dimension_ids),
                        &base,
                        &profiles,
                    )
                })
                .collect();
            (classifications, build_matrix(&base, &profiles, &cutoffs))
        });
        let compiled = CompiledRules::compile(&workspace.segment_rule_sets[0], &dimension_ids);
        let movement_ms = time(|| {
            membership_by_quarter(&base, &index, workspace.funnels.first(), &ids, &compiled, 4)
        });
        // k-means on the app's default features (all six), as the Clusters tab runs it.
        let kinds: Vec<_> = workspace.channels.iter().map(|c| c.kind).collect();
        let (standardised, _) = standardise(&feature_matrix(
            &base,
            &profiles,
            &kinds,
            &ClusterFeature::ALL,
        ));
        let kmeans_ms = time(|| k_means_screened(&standardised, 6, 2026, STARTS));
        let iterations = k_means_screened(&standardised, 6, 2026, STARTS).iterations;
        println!(
            "{:<7} {:>7} {:>10} {:>9.1} {:>12.1} {:>16.1} {:>12.1} {:>9.1} ({iterations} it.)",
            name,
            workspace.hcps.len(),
            workspace.interactions.len(),
            base_ms,
            profiles_ms,
            rules_ms,
            movement_ms,
            kmeans_ms
        );
    }
    println!("(median of {RUNS} runs; rules+matrix = every rule set of the workspace and the 3 × 3 matrix; profiles include the default funnel's run)");
}
