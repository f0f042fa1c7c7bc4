//! Geometry of the journey comparison chart: two emotion curves over the stage positions on one −2 … +2 axis.

use super::journey_layout::Point;
use super::scale::LinearScale;

/// The chart's fixed view box width; it scales to its container.
pub const COMPARISON_WIDTH: f64 = 960.0;
pub const COMPARISON_HEIGHT: f64 = 340.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 72.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonChartLayout {
    /// The x of each stage position.
    pub positions: Vec<f64>,
    /// The y of scores +2, +1, 0, −1, −2, for grid lines.
    pub grid: Vec<(f64, f64)>,
    /// Each curve's points with their stage position; positions without a score are left out.
    pub first: Vec<(usize, Point)>,
    pub second: Vec<(usize, Point)>,
    /// Where stage names are written.
    pub label_y: f64,
    pub plot_left: f64,
    pub plot_right: f64,
}

/// Lays out `count` stage positions evenly and places both curves' scores on them.
pub fn comparison_chart_layout(
    count: usize,
    first: &[Option<f64>],
    second: &[Option<f64>],
) -> ComparisonChartLayout {
    let plot_left = LEFT;
    let plot_right = COMPARISON_WIDTH - RIGHT;
    let step = (plot_right - plot_left) / count.max(1) as f64;
    let positions: Vec<f64> = (0..count)
        .map(|index| plot_left + step * (index as f64 + 0.5))
        .collect();
    let y = LinearScale::new(-2.0, 2.0, COMPARISON_HEIGHT - BOTTOM, TOP);
    let points = |scores: &[Option<f64>]| {
        scores
            .iter()
            .take(count)
            .enumerate()
            .filter_map(|(index, score)| {
                let score = (*score)?;
                Some((
                    index,
                    Point {
                        x: positions[index],
                        y: y.map(score.clamp(-2.0, 2.0)),
                    },
                ))
            })
            .collect()
    };
    ComparisonChartLayout {
        grid: [2.0, 1.0, 0.0, -1.0, -2.0]
            .into_iter()
            .map(|score| (score, y.map(score)))
            .collect(),
        first: points(first),
        second: points(second),
        label_y: COMPARISON_HEIGHT - BOTTOM + 26.0,
        plot_left,
        plot_right,
        positions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_evenly_spaced_and_scores_map_onto_the_axis() {
        let layout =
            comparison_chart_layout(4, &[Some(2.0), None, Some(0.0), Some(-2.0)], &[Some(-1.0)]);
        let gaps: Vec<f64> = layout
            .positions
            .windows(2)
            .map(|pair| pair[1] - pair[0])
            .collect();
        assert!(gaps.iter().all(|gap| (gap - gaps[0]).abs() < 1e-9));
        assert_eq!(
            layout.first.len(),
            3,
            "the stage without a score has no point"
        );
        assert_eq!(layout.first[0].1.y, TOP);
        assert_eq!(layout.first[2].1.y, COMPARISON_HEIGHT - BOTTOM);
        assert_eq!(layout.first[1].1.x, layout.positions[2]);
        assert_eq!(
            layout.second,
            vec![(
                0,
                Point {
                    x: layout.positions[0],
                    y: layout.grid[3].1
                }
            )]
        );
    }

    #[test]
    fn scores_past_the_scale_are_drawn_at_its_ends() {
        let layout = comparison_chart_layout(1, &[Some(9.0)], &[]);
        assert_eq!(layout.first[0].1.y, TOP);
    }
}
