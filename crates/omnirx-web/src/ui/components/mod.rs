//! Components shared by the pages: the app's frame (header, navigation, footer, banners), the
//! offline badge, install button and update notice, the notice of the last storage action, the
//! market rules' notices and import choice, and the SVG charts.

pub mod charts;
pub mod installation;
pub mod lists;
pub mod market_rules;
pub mod notices;
pub mod page_frame;
pub mod shell;
pub mod workspace_loading;
