//! The page's settings: status thresholds, key customers' planned frequency, and the working-day
//! calendar (holidays and make-up working days), saved in the workspace through the core's edits.

use leptos::prelude::*;

use crate::ui::state::use_app_state;
use omnirx_core::domain::performance::settings::{
    dates_text, parse_dates, set_days_off, set_key_frequency, set_thresholds,
};
use omnirx_core::i18n::Text;

#[component]
pub fn SettingsCard() -> impl IntoView {
    let state = use_app_state();
    let settings = state.performance().settings;
    let read = move |pick: fn(&omnirx_core::domain::model::WorkspaceSettings) -> String| {
        settings.with(|s| s.as_ref().map(pick).unwrap_or_default())
    };
    let on_track = RwSignal::new(read(|s| s.performance.on_track_percent.to_string()));
    let at_risk = RwSignal::new(read(|s| s.performance.at_risk_percent.to_string()));
    let frequency = RwSignal::new(read(|s| {
        s.performance.key_customer_contacts_per_month.to_string()
    }));
    let holidays = RwSignal::new(read(|s| dates_text(&s.calendar.holidays)));
    let working = RwSignal::new(read(|s| dates_text(&s.calendar.working_days)));
    let error = RwSignal::new(None::<String>);
    let save = move |_| {
        let number = |signal: RwSignal<String>| {
            signal
                .get_untracked()
                .trim()
                .parse::<f64>()
                .unwrap_or(f64::NAN)
        };
        let dates = (
            parse_dates(&holidays.get_untracked()),
            parse_dates(&working.get_untracked()),
        );
        let (holiday_list, working_list) = match dates {
            (Ok(h), Ok(w)) => (h, w),
            (Err(bad), _) | (_, Err(bad)) => {
                error.set(Some(format!(
                    "{} {}",
                    state.text(Text::PerfBadDates),
                    bad.join(", ")
                )));
                return;
            }
        };
        error.set(None);
        state.session.edit_settings(|w| {
            let performance = &mut w.settings.performance;
            set_thresholds(performance, number(on_track), number(at_risk));
            set_key_frequency(performance, number(frequency));
            set_days_off(&mut w.settings.calendar, holiday_list, working_list);
        });
        on_track.set(read(|s| s.performance.on_track_percent.to_string()));
        at_risk.set(read(|s| s.performance.at_risk_percent.to_string()));
        frequency.set(read(|s| {
            s.performance.key_customer_contacts_per_month.to_string()
        }));
    };
    let field = move |label: Text, value: RwSignal<String>, testid: &'static str| {
        view! {
            <label class="control">
                <span class="control-label">{state.tr(label)}</span>
                <input
                    type="number"
                    inputmode="decimal"
                    data-testid=testid
                    prop:value=value
                    on:input=move |e| value.set(event_target_value(&e))
                />
            </label>
        }
    };
    let dates = move |label: Text, value: RwSignal<String>, testid: &'static str| {
        view! {
            <label class="control">
                <span class="control-label">{state.tr(label)}</span>
                <textarea
                    rows="4"
                    data-testid=testid
                    prop:value=value
                    on:input=move |e| value.set(event_target_value(&e))
                ></textarea>
            </label>
        }
    };
    view! {
        <details class="card" data-testid="performance-settings">
            <summary class="card-title" data-testid="performance-settings-open">
                {state.tr(Text::PerfSettingsTitle)}
            </summary>
            <div class="control-row">
                {field(Text::PerfOnTrackFrom, on_track, "performance-on-track")}
                {field(Text::PerfAtRiskFrom, at_risk, "performance-at-risk")}
                {field(Text::PerfKeyFrequency, frequency, "performance-key-frequency")}
            </div>
            <div class="control-row">
                {dates(Text::PerfHolidays, holidays, "performance-holidays")}
                {dates(Text::PerfWorkingDays, working, "performance-working-days")}
            </div>
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p
                                class="alert alert-error"
                                role="alert"
                                data-testid="performance-settings-error"
                            >
                                {e}
                            </p>
                        }
                    })
            }}
            <button
                type="button"
                class="button"
                data-testid="performance-save-settings"
                on:click=save
            >
                {state.tr(Text::PerfSaveSettings)}
            </button>
        </details>
    }
}
