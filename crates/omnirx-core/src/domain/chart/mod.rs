//! Chart geometry as plain numbers: scales and ticks, funnel and bar shapes, layouts and colours.
//!
//! Everything here is pure arithmetic in SVG user units, tested natively; the Leptos components in
//! `ui::charts` only turn these shapes into SVG elements.

pub mod funnel_geometry;
pub mod funnel_layout;
pub mod journey_comparison;
pub mod journey_layout;
pub mod journey_svg;
pub mod monthly;
pub mod palette;
pub mod response_curve;
pub mod scale;
pub mod text;
pub mod trend;
