//! Reading one cell's value the way spreadsheets write it; each parser says what it expected.

use crate::model::{Channel, Kind};

/// A channel by its label ("Mobile app"), its name in the file format (`MobileApp`) or one part
/// of a two-part label ("FAQ", "Store"); any other text is a channel of the user's own naming.
pub fn channel(text: &str) -> Option<Channel> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let key = squash(text);
    if key == "other" {
        return Some(Channel::Other(String::new()));
    }
    let named = Channel::NAMED.iter().find(|c| {
        squash(c.label()) == key
            || squash(&format!("{c:?}")) == key
            || c.label().split(" / ").any(|part| squash(part) == key)
    });
    Some(
        named
            .cloned()
            .unwrap_or_else(|| Channel::Other(text.to_owned())),
    )
}

/// Lower case, letters and digits only: "Mobile-app" and "mobile app" are one name.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn kind(text: &str) -> Result<Kind, String> {
    match squash(text).as_str() {
        "" | "direct" | "d" => Ok(Kind::Direct),
        "indirect" | "i" => Ok(Kind::Indirect),
        _ => Err("expected Direct or Indirect".to_owned()),
    }
}

/// An emotion as written, before the file's scale is known: a whole number ("+1", "4", "2.0").
pub fn whole_number(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text.strip_prefix('+').unwrap_or(text);
    text.parse::<i64>().ok().or_else(|| {
        let n = text.parse::<f64>().ok()?;
        (n.fract() == 0.0 && n.abs() < 1e9).then_some(n as i64)
    })
}

/// A metric's value: "72", "72.5", "72,5" (a decimal comma), "72 %"; finite.
pub fn number(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    let parsed = match text.parse::<f64>() {
        Ok(n) => n,
        Err(_) if text.matches(',').count() == 1 && !text.contains('.') => {
            text.replace(',', ".").parse().ok()?
        }
        Err(_) => return None,
    };
    parsed.is_finite().then_some(parsed)
}

pub fn votes(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    whole_number(text)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| "expected a whole number of votes, 0 or more".to_owned())
}

/// Tags separated by commas or semicolons.
pub fn tags(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Free text: kept as written, but a line break is one `\n` whatever the file used.
pub fn text(cell: &str) -> String {
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_by_label_file_name_or_part_and_others_by_their_own_name() {
        assert_eq!(channel("mobile app"), Some(Channel::MobileApp));
        assert_eq!(channel("MobileApp"), Some(Channel::MobileApp));
        assert_eq!(channel("FAQ"), Some(Channel::HelpCentre));
        assert_eq!(channel("Reviews / word of mouth"), Some(Channel::Reviews));
        assert_eq!(channel("Kiosk"), Some(Channel::Other("Kiosk".into())));
        assert_eq!(channel(" "), None);
        for c in Channel::NAMED {
            assert_eq!(channel(c.label()), Some(c.clone()));
        }
    }

    #[test]
    fn numbers_as_spreadsheets_write_them() {
        assert_eq!(number("72,5"), Some(72.5));
        assert_eq!(number(" 80 % "), Some(80.0));
        assert_eq!(number("1,234.5"), None);
        assert_eq!(number("NaN"), None);
        assert_eq!(whole_number("+2"), Some(2));
        assert_eq!(whole_number("4.0"), Some(4));
        assert_eq!(whole_number("great"), None);
        assert!(votes("-1").is_err());
        assert_eq!(tags("mobile; b2b ,,"), vec!["mobile", "b2b"]);
    }
}
