//! Chart colours: the Okabe–Ito palette (safe for colour-blind viewers, strong on a projector),
//! a grey for "other", a highlight for the bottleneck, and the ink of text and axes.
//!
//! Colours are hex strings for SVG presentation attributes, so an exported chart looks the same.

/// The series colours in order. Okabe–Ito, reordered so the first ones are the darkest and most
/// distinct on a washed-out projector; its yellow comes last and its black is a dark grey.
pub const SERIES_COLOURS: [&str; 8] = [
    "#0072B2", // blue
    "#E69F00", // orange
    "#009E73", // bluish green
    "#CC79A7", // reddish purple
    "#56B4E9", // sky blue
    "#D55E00", // vermilion
    "#3B3B3B", // near black
    "#F0E442", // yellow
];

/// The colour of the "other" series that gathers what is beyond the eighth.
pub const OTHER_COLOUR: &str = "#999999";

/// The bottleneck's outline and label: vermilion, apart from the blue of a single funnel for every
/// kind of colour vision.
pub const HIGHLIGHT_COLOUR: &str = "#D55E00";

/// The single-series funnel's colour.
pub const PRIMARY_COLOUR: &str = SERIES_COLOURS[0];

/// Text: titles, labels and counts.
pub const TEXT_COLOUR: &str = "#1F2328";

/// Secondary text: percentages, ticks, legends.
pub const MUTED_TEXT_COLOUR: &str = "#4B5563";

/// Axis and grid lines.
pub const GRID_COLOUR: &str = "#D0D7DE";

/// The comparison marker (ghost outline or tick): dark, so it shows on every fill.
pub const COMPARISON_COLOUR: &str = "#1F2328";

/// The background an exported picture gets.
pub const BACKGROUND_COLOUR: &str = "#FFFFFF";

/// The colour of series `index`: the eight colours in turn, then [`OTHER_COLOUR`].
pub fn series_colour(index: usize) -> &'static str {
    SERIES_COLOURS.get(index).copied().unwrap_or(OTHER_COLOUR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_colours_are_distinct_and_then_grey() {
        let mut colours: Vec<&str> = (0..8).map(series_colour).collect();
        colours.push(OTHER_COLOUR);
        colours.push(HIGHLIGHT_COLOUR);
        assert_eq!(series_colour(0), "#0072B2");
        assert_eq!(series_colour(8), OTHER_COLOUR);
        assert_eq!(series_colour(100), OTHER_COLOUR);
        let mut unique = colours.clone();
        unique.sort();
        unique.dedup();
        // The highlight is the vermilion series colour; everything else differs.
        assert_eq!(unique.len(), colours.len() - 1);
        assert_ne!(HIGHLIGHT_COLOUR, PRIMARY_COLOUR);
    }

    #[test]
    fn colours_are_hex_triplets() {
        for colour in SERIES_COLOURS.iter().chain(&[
            OTHER_COLOUR,
            HIGHLIGHT_COLOUR,
            TEXT_COLOUR,
            MUTED_TEXT_COLOUR,
            GRID_COLOUR,
            COMPARISON_COLOUR,
            BACKGROUND_COLOUR,
        ]) {
            assert_eq!(colour.len(), 7, "{colour}");
            assert!(colour.starts_with('#'));
            assert!(
                colour[1..].chars().all(|c| c.is_ascii_hexdigit()),
                "{colour}"
            );
        }
    }
}
