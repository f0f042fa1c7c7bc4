//! Components shared by the pages: the app's frame (header, navigation, footer, banners), the
//! notice of the last storage action, and the SVG charts.

pub mod charts;
pub mod lists;
pub mod notices;
pub mod shell;
