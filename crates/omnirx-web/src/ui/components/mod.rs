//! Components shared by the pages: the app's frame (header, navigation, footer, banners), the
//! offline badge, install button and update notice, the notice of the last storage action, and
//! the SVG charts.

pub mod charts;
pub mod installation;
pub mod lists;
pub mod notices;
pub mod shell;
