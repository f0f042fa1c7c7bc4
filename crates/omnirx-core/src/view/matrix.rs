//! The potential × support matrix as the Segments page shows it: cut-offs typed as text, and the
//! band labels of each axis.

/// "12, 40" (commas, full-width commas or spaces) → [12, 40]; `None` when any part is not a
/// whole number.
pub fn parse_cutoffs(text: &str) -> Option<Vec<i64>> {
    text.split([',', '，', ' '])
        .filter(|part| !part.trim().is_empty())
        .map(|part| part.trim().parse::<i64>().ok())
        .collect()
}

/// Cut-offs written back as the input shows them: "12, 40".
pub fn cutoffs_text<T: ToString>(cutoffs: &[T]) -> String {
    cutoffs
        .iter()
        .map(T::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Band labels of an axis: "< 20", "20–49", "≥ 50" (a one-value band is just the value).
pub fn band_labels(cutoffs: &[i64]) -> Vec<String> {
    let mut labels = Vec::with_capacity(cutoffs.len() + 1);
    if let Some(first) = cutoffs.first() {
        labels.push(format!("< {first}"));
    }
    for pair in cutoffs.windows(2) {
        if pair[1] - 1 == pair[0] {
            labels.push(pair[0].to_string());
        } else {
            labels.push(format!("{}–{}", pair[0], pair[1] - 1));
        }
    }
    if let Some(last) = cutoffs.last() {
        labels.push(format!("≥ {last}"));
    }
    labels
}

/// Calls a month: whole numbers without decimals, others with two.
pub fn format_calls(calls: f64) -> String {
    if calls.fract() == 0.0 {
        format!("{calls:.0}")
    } else {
        format!("{calls:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoffs_read_as_typed_and_label_their_bands() {
        assert_eq!(parse_cutoffs("12, 40"), Some(vec![12, 40]));
        assert_eq!(parse_cutoffs("12，40 60"), Some(vec![12, 40, 60]));
        assert_eq!(parse_cutoffs(""), Some(vec![]));
        assert_eq!(parse_cutoffs("12, many"), None);
        assert_eq!(cutoffs_text(&[3u8, 5]), "3, 5");
        assert_eq!(band_labels(&[20, 50]), ["< 20", "20–49", "≥ 50"]);
        assert_eq!(band_labels(&[1, 2, 4]), ["< 1", "1", "2–3", "≥ 4"]);
        assert_eq!(band_labels(&[]), Vec::<String>::new());
        assert_eq!(
            (format_calls(2.0), format_calls(0.5)),
            ("2".into(), "0.50".into())
        );
    }
}
