//! The market rules setting (`docs/compliance.md`): the Data page's choice, the confirmation
//! asked before China's rules sum the workspace's HCP-level prescriptions per account, and the
//! switch itself, made as one edit of the open workspace saved through the session.

use leptos::prelude::*;

use omnirx_core::domain::compliance::{hcp_level_prescriptions, set_market_rules, Aggregation};
use omnirx_core::domain::model::MarketRules;

use super::session::Session;

#[derive(Clone, Copy)]
pub struct MarketRulesState {
    /// Waiting for the user to confirm China's rules: how many HCP-level records they would sum.
    pub confirming: RwSignal<Option<usize>>,
    /// What the last switch summed, shown on the card until the next choice.
    pub last_aggregation: RwSignal<Option<Aggregation>>,
    session: Session,
}

impl MarketRulesState {
    pub fn new(session: Session) -> MarketRulesState {
        MarketRulesState {
            confirming: RwSignal::new(None),
            last_aggregation: RwSignal::new(None),
            session,
        }
    }

    /// The open workspace's rules (standard while none is open); reactive.
    pub fn rules(&self) -> MarketRules {
        self.session.workspace.with(|w| {
            w.as_ref()
                .map(|w| w.settings.market_rules)
                .unwrap_or_default()
        })
    }

    /// Whether the open workspace's rules forbid HCP-level prescription figures; reactive.
    pub fn forbid_hcp_prescriptions(&self) -> bool {
        self.rules().forbids_hcp_prescriptions()
    }

    /// The user picked `rules`: China's rules over HCP-level prescriptions ask first.
    pub fn choose(self, rules: MarketRules) {
        self.last_aggregation.set(None);
        if rules
            == self.session.workspace.with_untracked(|w| {
                w.as_ref()
                    .map(|w| w.settings.market_rules)
                    .unwrap_or_default()
            })
        {
            self.confirming.set(None);
            return;
        }
        let held = self
            .session
            .workspace
            .with_untracked(|w| w.as_ref().map_or(0, |w| hcp_level_prescriptions(w)));
        if rules.forbids_hcp_prescriptions() && held > 0 {
            self.confirming.set(Some(held));
        } else {
            self.switch(rules);
        }
    }

    /// The user confirmed China's rules: the records are summed and the rules set in one edit.
    pub fn confirm(self) {
        self.switch(MarketRules::China);
    }

    pub fn cancel(self) {
        self.confirming.set(None);
    }

    /// One edit of the whole workspace (its data may change, so analyses are computed again).
    fn switch(self, rules: MarketRules) {
        self.confirming.set(None);
        let mut done = Aggregation::default();
        self.session
            .edit(|workspace| done = set_market_rules(workspace, rules));
        // A confirmed rewrite of the data is saved now, not after the edits' debounce.
        self.session.flush();
        self.last_aggregation
            .set((!done.is_empty()).then_some(done));
    }
}
