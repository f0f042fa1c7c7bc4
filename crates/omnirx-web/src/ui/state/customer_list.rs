//! The Customers list's choices (which list, search, filters, sort), kept in the app state so they
//! survive opening a customer and coming back.

use leptos::prelude::*;
use omnirx_core::view::customer_list::{AccountColumn, HcpColumn, ListFilter, Sort};

/// The list's choices: which list, the search and filters, and each list's sort.
#[derive(Clone, Copy)]
pub struct CustomerListChoices {
    pub show_accounts: RwSignal<bool>,
    pub filter: RwSignal<ListFilter>,
    pub hcp_sort: RwSignal<Sort<HcpColumn>>,
    pub account_sort: RwSignal<Sort<AccountColumn>>,
}

impl CustomerListChoices {
    pub fn new() -> CustomerListChoices {
        CustomerListChoices {
            show_accounts: RwSignal::new(false),
            filter: RwSignal::new(ListFilter::default()),
            hcp_sort: RwSignal::new(Sort {
                column: HcpColumn::Name,
                descending: false,
            }),
            account_sort: RwSignal::new(Sort {
                column: AccountColumn::Name,
                descending: false,
            }),
        }
    }
}

impl Default for CustomerListChoices {
    fn default() -> Self {
        CustomerListChoices::new()
    }
}
