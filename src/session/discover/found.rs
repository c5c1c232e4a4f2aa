//! What discovery found, apart from the network: a host's announcement read into a
//! [`FoundHost`], and the list of hosts as announcements come and go. All of it arrives from the
//! network, so every text is cut and cleaned and the list is bounded.

use std::collections::{BTreeMap, HashSet};
use std::net::{IpAddr, SocketAddr};

/// The TXT keys of an announcement.
pub(super) const TITLE_KEY: &str = "title";
pub(super) const HOST_KEY: &str = "host";
/// The longest title and host name kept, in characters: what fits a line of the Join window
/// (and, at 4 bytes a character, a TXT string's 255 bytes).
pub const TITLE_CHARS: usize = 60;
pub const NAME_CHARS: usize = 40;
/// A network flooded with announcements cannot grow the list (or memory) past this.
pub const MAX_HOSTS: usize = 50;

/// A co-editing session announced on the local network. Ordered as listed: by title, then host.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FoundHost {
    /// The title of the map being shared.
    pub title: String,
    /// The display name of the person hosting it (may be empty).
    pub host: String,
    /// Where to join: "ip:port", as typed in the address field.
    pub address: String,
}

/// `bytes` fit to show on one line: invalid UTF-8 replaced, control characters and bidi
/// overrides dropped (they could reorder or break the line), whitespace runs made one space,
/// at most `max` characters (the last an ellipsis when cut). Stops reading once full.
pub fn clean(bytes: &[u8], max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    let chars = bytes.utf8_chunks().flat_map(|chunk| {
        let bad = (!chunk.invalid().is_empty()).then_some(char::REPLACEMENT_CHARACTER);
        chunk.valid().chars().chain(bad)
    });
    for c in chars {
        if c.is_whitespace() {
            space = count > 0;
            continue;
        }
        if c.is_control() || is_bidi_control(c) {
            continue;
        }
        let needed = usize::from(space) + 1;
        if count + needed > max {
            if max > 0 {
                if count == max {
                    // Room for the ellipsis.
                    out.pop();
                }
                out.truncate(out.trim_end().len());
                out.push('…');
            }
            return out;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
        count += needed;
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The instance part of an announced service's full name ("Title — Ana._journeymap._tcp.local."),
/// with DNS-SD's escapes taken out.
pub fn instance_of(fullname: &str, service_type: &str) -> String {
    let instance = fullname
        .strip_suffix(service_type)
        .and_then(|rest| rest.strip_suffix('.'))
        .unwrap_or(fullname);
    let mut out = String::with_capacity(instance.len());
    let mut escaped = false;
    for c in instance.chars() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        escaped = false;
        out.push(c);
    }
    out
}

/// An announcement as listed: the title from its TXT record (or else its instance name), the
/// host's name, and the address to join. None if it gives no usable address.
pub fn read(
    instance: &str,
    title: Option<&[u8]>,
    host: Option<&[u8]>,
    addresses: impl IntoIterator<Item = IpAddr>,
    port: u16,
) -> Option<FoundHost> {
    if port == 0 {
        return None;
    }
    let ip = addresses
        .into_iter()
        .filter_map(|ip| rank(ip).map(|r| (r, ip)))
        .min()?
        .1;
    let title = clean(title.unwrap_or(instance.as_bytes()), TITLE_CHARS);
    Some(FoundHost {
        title: if title.is_empty() {
            "Untitled map".to_owned()
        } else {
            title
        },
        host: clean(host.unwrap_or_default(), NAME_CHARS),
        address: SocketAddr::new(ip, port).to_string(),
    })
}

/// Which address to show first: IPv4 (what people read out and type), a real one before this
/// machine's loopback. None for one that cannot be joined as "ip:port" (IPv6 link-local needs
/// an interface; unspecified and multicast addresses reach no one).
fn rank(ip: IpAddr) -> Option<u8> {
    if ip.is_unspecified() || ip.is_multicast() {
        return None;
    }
    Some(match ip {
        IpAddr::V4(v4) if v4.is_loopback() => 2,
        IpAddr::V4(v4) if v4.is_link_local() => 1,
        IpAddr::V4(_) => 0,
        IpAddr::V6(v6) if v6.is_unicast_link_local() => return None,
        IpAddr::V6(v6) if v6.is_loopback() => 4,
        IpAddr::V6(_) => 3,
    })
}

/// The hosts found so far, by the full name each announced itself with.
#[derive(Default)]
pub struct Found {
    by_name: BTreeMap<String, FoundHost>,
}

impl Found {
    /// A host announced (or announced again); true if the list changed.
    pub fn resolved(&mut self, fullname: &str, host: FoundHost) -> bool {
        // DNS names compare without case: the removal may spell it otherwise.
        let key = fullname.to_lowercase();
        if !self.by_name.contains_key(&key) && self.by_name.len() >= MAX_HOSTS {
            return false;
        }
        self.by_name.insert(key, host.clone()) != Some(host)
    }

    /// A host said goodbye (or its announcement expired); true if the list changed.
    pub fn removed(&mut self, fullname: &str) -> bool {
        self.by_name.remove(&fullname.to_lowercase()).is_some()
    }

    /// Sorted, one per address: a session seen under two names (after a rename) is one session.
    pub fn hosts(&self) -> Vec<FoundHost> {
        let mut hosts: Vec<FoundHost> = self.by_name.values().cloned().collect();
        hosts.sort();
        let mut seen = HashSet::new();
        hosts.retain(|h| seen.insert(h.address.clone()));
        hosts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const LAN: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20));
    const LOOP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn host(title: &str, name: &str, address: &str) -> FoundHost {
        FoundHost {
            title: title.into(),
            host: name.into(),
            address: address.into(),
        }
    }

    #[test]
    fn clean_keeps_plain_text_and_folds_whitespace() {
        assert_eq!(clean(b"Onboarding", 60), "Onboarding");
        assert_eq!(clean(b"  two \t\n words  ", 60), "two words");
        assert_eq!(clean("Café ☕ 地図".as_bytes(), 60), "Café ☕ 地図");
    }

    #[test]
    fn clean_drops_controls_and_bidi_overrides() {
        assert_eq!(clean(b"\x1b[31mred\x07\x00", 60), "[31mred");
        assert_eq!(
            clean("evil\u{202E}txt.exe\u{2066}".as_bytes(), 60),
            "eviltxt.exe"
        );
    }

    #[test]
    fn clean_replaces_invalid_utf8() {
        assert_eq!(clean(b"ab\xff\xfecd", 60), "ab\u{FFFD}\u{FFFD}cd");
        assert_eq!(clean(b"\xe2\x82", 60), "\u{FFFD}");
    }

    #[test]
    fn clean_cuts_huge_text_with_an_ellipsis_within_the_bound() {
        let huge = "x".repeat(1_000_000);
        let cut = clean(huge.as_bytes(), 10);
        assert_eq!(cut, "xxxxxxxxx…");
        assert_eq!(cut.chars().count(), 10);
        // Cut at a space: no space before the ellipsis.
        assert_eq!(clean(b"abcd efghij", 6), "abcd…");
        assert_eq!(clean("地図地図地図".as_bytes(), 3), "地図…");
        assert_eq!(clean(b"abc", 3), "abc");
        assert_eq!(clean(b"abc", 0), "");
    }

    #[test]
    fn instance_of_strips_the_service_type_and_escapes() {
        let ty = "_journeymap._tcp.local.";
        assert_eq!(
            instance_of(r"Map v2\.0 — Ana._journeymap._tcp.local.", ty),
            "Map v2.0 — Ana"
        );
        assert_eq!(
            instance_of(r"back\\slash._journeymap._tcp.local.", ty),
            r"back\slash"
        );
        assert_eq!(instance_of("odd", ty), "odd");
        assert_eq!(instance_of("", ty), "");
    }

    #[test]
    fn read_takes_the_title_and_name_from_txt() {
        let found = read("inst", Some(b"Onboarding"), Some(b"Ana"), [LAN], 7878);
        assert_eq!(found, Some(host("Onboarding", "Ana", "192.168.1.20:7878")));
    }

    #[test]
    fn read_falls_back_on_the_instance_name_when_keys_are_missing() {
        let found = read("Checkout — Bo", None, None, [LAN], 7878);
        assert_eq!(found, Some(host("Checkout — Bo", "", "192.168.1.20:7878")));
        let found = read("", Some(b"\x00\x01"), None, [LAN], 7878);
        assert_eq!(found.map(|h| h.title), Some("Untitled map".into()));
    }

    #[test]
    fn read_bounds_hostile_values() {
        let huge = vec![b'T'; 100_000];
        let found = read("i", Some(&huge), Some(&huge), [LAN], 1).expect("listed");
        assert_eq!(found.title.chars().count(), TITLE_CHARS);
        assert_eq!(found.host.chars().count(), NAME_CHARS);
        let found = read("i", Some(b"\xff\n\x1b"), Some(b"\xc0"), [LAN], 1).expect("listed");
        assert_eq!(
            (found.title.as_str(), found.host.as_str()),
            ("\u{FFFD}", "\u{FFFD}")
        );
    }

    #[test]
    fn read_prefers_a_network_ipv4_address() {
        let v6 = IpAddr::V6("2001:db8::5".parse::<Ipv6Addr>().expect("an address"));
        let link = IpAddr::V6("fe80::1".parse::<Ipv6Addr>().expect("an address"));
        let pick =
            |addresses: Vec<IpAddr>| read("i", None, None, addresses, 7878).map(|h| h.address);
        assert_eq!(pick(vec![v6, LOOP, LAN]), Some("192.168.1.20:7878".into()));
        assert_eq!(pick(vec![v6, LOOP]), Some("127.0.0.1:7878".into()));
        assert_eq!(pick(vec![link, v6]), Some("[2001:db8::5]:7878".into()));
        // Nothing to reach it by: not listed.
        assert_eq!(pick(vec![link, IpAddr::V4(Ipv4Addr::UNSPECIFIED)]), None);
        assert_eq!(pick(vec![]), None);
        assert_eq!(read("i", None, None, [LAN], 0), None);
    }

    #[test]
    fn the_list_is_sorted_and_one_per_address() {
        let mut found = Found::default();
        assert!(found.resolved(
            "b._journeymap._tcp.local.",
            host("Zebra", "Bo", "10.0.0.2:1")
        ));
        assert!(found.resolved(
            "a._journeymap._tcp.local.",
            host("Apple", "Ana", "10.0.0.1:1")
        ));
        // The same session under a second name (renamed after a clash) is listed once.
        assert!(found.resolved(
            "a (2)._journeymap._tcp.local.",
            host("Apple", "Ana", "10.0.0.1:1")
        ));
        // Announced again, unchanged: nothing to repaint.
        assert!(!found.resolved(
            "B._journeymap._tcp.local.",
            host("Zebra", "Bo", "10.0.0.2:1")
        ));
        assert_eq!(
            found.hosts(),
            vec![
                host("Apple", "Ana", "10.0.0.1:1"),
                host("Zebra", "Bo", "10.0.0.2:1")
            ]
        );
    }

    #[test]
    fn a_host_that_says_goodbye_leaves_the_list() {
        let mut found = Found::default();
        found.resolved(
            "a._journeymap._tcp.local.",
            host("Apple", "Ana", "10.0.0.1:1"),
        );
        found.resolved(
            "b._journeymap._tcp.local.",
            host("Zebra", "Bo", "10.0.0.2:1"),
        );
        // Announced again with a new address: the old one goes.
        assert!(found.resolved(
            "b._journeymap._tcp.local.",
            host("Zebra", "Bo", "10.0.0.3:1")
        ));
        assert!(found.removed("A._JOURNEYMAP._tcp.local."));
        assert!(!found.removed("a._journeymap._tcp.local."), "already gone");
        assert!(!found.removed("never seen"));
        assert_eq!(found.hosts(), vec![host("Zebra", "Bo", "10.0.0.3:1")]);
    }

    #[test]
    fn a_flood_of_announcements_is_bounded() {
        let mut found = Found::default();
        for i in 0..10 * MAX_HOSTS {
            found.resolved(&format!("{i}"), host("t", "h", &format!("10.0.0.1:{i}")));
        }
        assert_eq!(found.hosts().len(), MAX_HOSTS);
        // Room again once one leaves.
        assert!(found.removed("0"));
        assert!(found.resolved("new", host("t", "h", "10.0.0.9:1")));
    }
}
