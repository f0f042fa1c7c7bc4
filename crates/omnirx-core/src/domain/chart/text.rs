//! Rough text widths for chart layout, since SVG text cannot be measured before it is drawn.
//!
//! The estimates are deliberately generous (system-ui bold Latin, full-width CJK) so that a label
//! column made from them never lets a label run into the shapes beside it.

/// The width of one character in em: CJK and full-width characters take a whole em, narrow Latin
/// letters a third, most others a little over half.
pub fn char_width_em(character: char) -> f64 {
    let code = character as u32;
    let wide = matches!(code,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD);
    if wide {
        1.0
    } else if character == ' ' {
        0.3
    } else if "iljtfrI.,:;'!|()[]".contains(character) {
        0.35
    } else if character == 'm' || character == 'w' || character == 'M' || character == 'W' {
        0.9
    } else if character.is_ascii_uppercase() {
        0.7
    } else {
        0.6
    }
}

/// The estimated width of `text` at `font_size` user units.
pub fn estimate_text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_width_em).sum::<f64>() * font_size
}

/// `text` as it is if it fits in `max_width`, else cut and ended with "…" so that it fits.
pub fn truncate_to_width(text: &str, font_size: f64, max_width: f64) -> String {
    if estimate_text_width(text, font_size) <= max_width {
        return text.to_string();
    }
    let budget = max_width - char_width_em('…') * font_size;
    let mut width = 0.0;
    let mut kept = String::new();
    for character in text.chars() {
        width += char_width_em(character) * font_size;
        if width > budget {
            break;
        }
        kept.push(character);
    }
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_count_a_whole_em() {
        assert_eq!(estimate_text_width("拜访", 20.0), 40.0);
        assert_eq!(estimate_text_width("", 20.0), 0.0);
        assert_eq!(estimate_text_width("ab", 10.0), 12.0);
    }

    #[test]
    fn a_label_that_fits_is_kept_whole() {
        assert_eq!(truncate_to_width("Visit", 10.0, 100.0), "Visit");
    }

    #[test]
    fn a_long_label_is_cut_with_an_ellipsis_and_fits() {
        let label = "Prescription written after the second detailing visit";
        let cut = truncate_to_width(label, 18.0, 200.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.len() < label.len());
        assert!(estimate_text_width(&cut, 18.0) <= 200.0, "{cut}");
        let chinese = truncate_to_width("第二次专业拜访后开出处方的医生", 18.0, 100.0);
        assert_eq!(chinese, "第二次专…");
    }
}
