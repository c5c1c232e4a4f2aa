//! Numbers as sentences show them: "1 touchpoint", "3 touchpoints", "+0.5", never "-0.0".

/// `n` and the noun, singular for one: "1 card", "0 cards", "2 pain points".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A value on a scale around zero, with its sign and one decimal: "+0.5", "-1.3", "0.0". A value
/// that rounds to zero has no sign: "-0.0" would read as a little below neutral.
pub fn signed_tenths(value: f32) -> String {
    let tenths = (value * 10.0).round();
    if tenths == 0.0 || !tenths.is_finite() {
        "0.0".to_owned()
    } else {
        format!("{:+.1}", tenths / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "touchpoint"), "1 touchpoint");
        assert_eq!(count(0, "touchpoint"), "0 touchpoints");
        assert_eq!(count(2, "pain point"), "2 pain points");
    }

    #[test]
    fn a_mean_near_zero_never_shows_a_negative_zero() {
        assert_eq!(signed_tenths(-0.04), "0.0");
        assert_eq!(signed_tenths(-0.0), "0.0");
        assert_eq!(signed_tenths(0.04), "0.0");
        assert_eq!(signed_tenths(-0.05), "-0.1");
        assert_eq!(signed_tenths(0.5), "+0.5");
        assert_eq!(signed_tenths(-1.25), "-1.3");
        assert_eq!(signed_tenths(f32::NAN), "0.0");
    }
}
