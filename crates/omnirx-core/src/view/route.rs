//! The app's pages and their URLs. Routes live in the URL fragment (`#/funnels`) so that a deep
//! link survives a reload on any static file server, with no rewrite rules, under any sub-path.

/// One page per area of the app, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    Performance,
    Plan,
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
    /// One HCP's or account's page: `#/customers/h-00042`.
    Customer(String),
    NotFound(String),
}

/// Percent-encodes an id for use as one path segment of a route (ids may hold any text).
pub fn encode_path_segment(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// The inverse of [`encode_path_segment`]; `None` for broken escapes or invalid UTF-8.
pub fn decode_path_segment(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut position = 0;
    while position < bytes.len() {
        if bytes[position] == b'%' {
            let hex = text.get(position + 1..position + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            position += 3;
        } else {
            decoded.push(bytes[position]);
            position += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

impl Page {
    pub const ALL: [Page; 8] = [
        Page::Overview,
        Page::Performance,
        Page::Plan,
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
            Page::Performance => "performance",
            Page::Plan => "plan",
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
        if let Some(id) = slug.strip_prefix("customers/") {
            return match decode_path_segment(id) {
                Some(id) if !id.is_empty() => Route::Customer(id),
                _ => Route::NotFound(slug.to_string()),
            };
        }
        Page::ALL
            .into_iter()
            .find(|page| page.slug() == slug)
            .map(Route::Page)
            .unwrap_or_else(|| Route::NotFound(slug.to_string()))
    }

    /// The link to this route, relative to the document: `#/funnels`, `#/customers/h-00042`
    /// (the id percent-encoded, so any id makes one link).
    pub fn href(&self) -> String {
        match self {
            Route::Page(page) => page.href(),
            Route::Customer(id) => format!("#/customers/{}", encode_path_segment(id)),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }

    /// The link to an HCP's or an account's page.
    pub fn customer_href(id: &str) -> String {
        Route::Customer(id.to_string()).href()
    }

    pub fn page(&self) -> Option<Page> {
        match self {
            Route::Page(page) => Some(*page),
            Route::Customer(_) => Some(Page::Customers),
            Route::NotFound(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_links_carry_any_id() {
        for id in ["h-00042", "医生 1", "a/b?c#d%e"] {
            let href = Route::customer_href(id);
            assert!(href.starts_with("#/customers/") && !href[12..].contains(['/', '?', '#']));
            assert_eq!(Route::from_hash(&href).href(), href);
            assert_eq!(
                Route::from_hash(&href),
                Route::Customer(id.to_string()),
                "{href}"
            );
        }
        assert!(matches!(
            Route::from_hash("#/customers/%ZZ"),
            Route::NotFound(_)
        ));
    }

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
