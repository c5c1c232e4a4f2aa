use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An sRGB colour, written in files as `"#rrggbb"` so people can read and edit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Calm, distinguishable lane colours handed to new personas in turn.
    pub const PALETTE: [Colour; 8] = [
        Colour::rgb(0x4c, 0x78, 0xa8),
        Colour::rgb(0xe4, 0x8a, 0x3c),
        Colour::rgb(0x54, 0xa2, 0x4b),
        Colour::rgb(0xb2, 0x79, 0xa2),
        Colour::rgb(0x43, 0x9e, 0x9e),
        Colour::rgb(0xd6, 0x5f, 0x5f),
        Colour::rgb(0x9d, 0x75, 0x5d),
        Colour::rgb(0x79, 0x70, 0x6e),
    ];
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl FromStr for Colour {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (hex.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Colour { r, g, b }),
            _ => Err(format!("expected a colour like \"#4c78a8\", found \"{s}\"")),
        }
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Colour> for String {
    fn from(c: Colour) -> String {
        c.to_string()
    }
}
