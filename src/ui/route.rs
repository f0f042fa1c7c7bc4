//! The app's pages and their URLs. Routes live in the URL fragment (`#/funnels`) so that a deep
//! link survives a reload on any static file server, with no rewrite rules, under any sub-path.

/// One page per area of the app, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    Funnels,
    Segments,
    Journeys,
    Customers,
    Data,
}

/// Where the URL points: a page, or something we do not know (kept to show it back to the user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Page(Page),
    NotFound(String),
}

impl Page {
    pub const ALL: [Page; 6] = [
        Page::Overview,
        Page::Funnels,
        Page::Segments,
        Page::Journeys,
        Page::Customers,
        Page::Data,
    ];

    /// The path segment of the page, also used in `data-testid`s.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::Funnels => "funnels",
            Page::Segments => "segments",
            Page::Journeys => "journeys",
            Page::Customers => "customers",
            Page::Data => "data",
        }
    }

    /// The link to the page, relative to the document so it works under any sub-path.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }
}

impl Route {
    /// Reads a route from `location.hash`. An empty fragment (or `#/`) is the overview;
    /// a query after the page (`#/funnels?step=2`) is ignored here and left to the page.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '#']).next().unwrap_or("");
        let slug = path.trim_end_matches('/');
        if slug.is_empty() {
            return Route::Page(Page::Overview);
        }
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .map(Route::Page)
            .unwrap_or_else(|| Route::NotFound(slug.to_string()))
    }

    pub fn page(&self) -> Option<Page> {
        match self {
            Route::Page(page) => Some(*page),
            Route::NotFound(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fragments_open_the_overview() {
        for hash in ["", "#", "#/", "#//"] {
            assert_eq!(
                Route::from_hash(hash),
                Route::Page(Page::Overview),
                "{hash:?}"
            );
        }
    }

    #[test]
    fn every_page_round_trips_through_its_link() {
        for page in Page::ALL {
            assert_eq!(Route::from_hash(&page.href()), Route::Page(page));
            assert_eq!(
                Route::from_hash(&format!("{}/", page.href())),
                Route::Page(page)
            );
        }
    }

    #[test]
    fn queries_after_the_page_are_ignored_and_unknown_pages_are_kept() {
        assert_eq!(
            Route::from_hash("#/funnels?step=2"),
            Route::Page(Page::Funnels)
        );
        assert_eq!(
            Route::from_hash("#/nowhere"),
            Route::NotFound("nowhere".to_string())
        );
        assert_eq!(Route::from_hash("#/Funnels").page(), None);
    }
}
