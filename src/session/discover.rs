//! Finding co-editing sessions on the local network with mDNS (DNS-SD): a host announces its
//! session while it runs ([`Advertisement`]), the Join window looks for them ([`Browser`]).
//! Many venue networks block multicast, so nothing depends on this: an address can always be
//! typed, and a failure here is something to show, never a reason to stop hosting or joining.

mod found;

pub use found::FoundHost;

use found::{Found, HOST_KEY, NAME_CHARS, TITLE_CHARS, TITLE_KEY, clean, instance_of, read};
use mdns_sd::{IfKind, ServiceDaemon, ServiceEvent, ServiceInfo};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The DNS-SD service type every Journeymap session is announced under.
pub const SERVICE_TYPE: &str = "_journeymap._tcp.local.";

/// A DNS label (the instance name) holds at most this many bytes.
const INSTANCE_BYTES: usize = 63;

/// How long leaving waits for the goodbye to go out, so that browsers drop the host at once.
const GOODBYE_WAIT: Duration = Duration::from_millis(500);

/// Where discovery announces and looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    port: u16,
    loopback_only: bool,
}

impl Scope {
    /// The local network on the standard mDNS port: what the app and `journeymap host` use.
    pub const NETWORK: Scope = Scope {
        port: mdns_sd::MDNS_PORT,
        loopback_only: false,
    };

    /// This machine only (IPv4 loopback), on `port`: tests find their own hosts, nobody else's,
    /// and send nothing onto the network.
    pub const fn this_machine(port: u16) -> Scope {
        Scope {
            port,
            loopback_only: true,
        }
    }

    fn daemon(self) -> Result<ServiceDaemon, DiscoveryError> {
        let daemon = ServiceDaemon::new_with_port(self.port)?;
        if self.loopback_only {
            // Later selections override earlier ones: everything off, then loopback on.
            let on = daemon
                .disable_interface(IfKind::All)
                .and_then(|()| daemon.enable_interface(IfKind::LoopbackV4));
            if let Err(e) = on {
                shut_down(&daemon);
                return Err(e.into());
            }
        }
        Ok(daemon)
    }
}

impl Default for Scope {
    fn default() -> Scope {
        Scope::NETWORK
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DiscoveryError(#[from] mdns_sd::Error);

fn shut_down(daemon: &ServiceDaemon) {
    if let Err(e) = daemon.shutdown() {
        log::debug!("the mDNS daemon did not take the shutdown: {e}");
    }
}

/// A session announced on the network for as long as this value lives: dropping it (leaving
/// the session, closing the app) says goodbye, so browsers remove the host.
pub struct Advertisement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Advertisement {
    /// Announces the session on `port` with the map's `title` and the host's `name`.
    pub fn start(
        scope: Scope,
        title: &str,
        name: &str,
        port: u16,
    ) -> Result<Advertisement, DiscoveryError> {
        let title = clean(title.as_bytes(), TITLE_CHARS);
        let name = clean(name.as_bytes(), NAME_CHARS);
        let properties = [(TITLE_KEY, title.as_str()), (HOST_KEY, name.as_str())];
        let info = ServiceInfo::new(
            SERVICE_TYPE,
            &instance_name(&title, &name),
            &host_name(),
            (),
            port,
            &properties[..],
        )?
        // The addresses of each interface it is announced on, as they come and go.
        .enable_addr_auto();
        let fullname = info.get_fullname().to_owned();
        let daemon = scope.daemon()?;
        if let Err(e) = daemon.register(info) {
            shut_down(&daemon);
            return Err(e.into());
        }
        Ok(Advertisement { daemon, fullname })
    }
}

impl Drop for Advertisement {
    fn drop(&mut self) {
        match self.daemon.unregister(&self.fullname) {
            Ok(done) => {
                if done.recv_timeout(GOODBYE_WAIT).is_err() {
                    log::debug!("no goodbye confirmed for {}", self.fullname);
                }
            }
            Err(e) => log::debug!("could not unregister {}: {e}", self.fullname),
        }
        shut_down(&self.daemon);
    }
}

/// "Title — Name", within a DNS label, with no dots or backslashes (DNS-SD would escape them;
/// the TXT record carries the exact title anyway).
fn instance_name(title: &str, name: &str) -> String {
    let full = match (title.is_empty(), name.is_empty()) {
        (true, _) => format!("Journeymap {name}"),
        (false, true) => title.to_owned(),
        (false, false) => format!("{title} — {name}"),
    };
    let mut instance = String::new();
    for c in full
        .trim()
        .chars()
        .map(|c| if c == '.' || c == '\\' { ' ' } else { c })
    {
        if instance.len() + c.len_utf8() > INSTANCE_BYTES {
            break;
        }
        instance.push(c);
    }
    instance
}

/// A host name of our own for the announcement's address records: random, so that two
/// machines never claim the same one.
fn host_name() -> String {
    let mut bytes = [0u8; 4];
    // Only uniqueness is at stake: a fixed name still works (mDNS renames on a clash).
    if let Err(e) = getrandom::fill(&mut bytes) {
        log::debug!("no random host name: {e}");
    }
    format!("journeymap-{:08x}.local.", u32::from_be_bytes(bytes))
}

/// What browsing has found, shared between the listening thread and the window.
#[derive(Default)]
struct Looking {
    found: Found,
    failure: Option<String>,
}

/// Looks for sessions while it lives (the Join window holds one while it is open); dropping it
/// stops the mDNS daemon.
pub struct Browser {
    daemon: Option<ServiceDaemon>,
    looking: Arc<Mutex<Looking>>,
    started: Instant,
}

impl Browser {
    /// Starts looking; `waker` is called whenever the list changes (to repaint the window).
    /// Never fails: a daemon that cannot start becomes [`Browser::failure`].
    pub fn start(scope: Scope, waker: impl Fn() + Send + Sync + 'static) -> Browser {
        let looking = Arc::new(Mutex::new(Looking::default()));
        let started = Instant::now();
        let daemon = scope
            .daemon()
            .and_then(|daemon| match daemon.browse(SERVICE_TYPE) {
                Ok(events) => Ok((daemon, events)),
                Err(e) => {
                    shut_down(&daemon);
                    Err(e.into())
                }
            });
        let daemon = match daemon {
            Ok((daemon, events)) => {
                let shared = looking.clone();
                // Ends when the daemon shuts down and closes the channel.
                let listening =
                    std::thread::Builder::new()
                        .name("discovery".into())
                        .spawn(move || {
                            for event in events.iter() {
                                if take(&shared, event) {
                                    waker();
                                }
                            }
                        });
                match listening {
                    Ok(_) => Some(daemon),
                    Err(e) => {
                        shut_down(&daemon);
                        fail(&looking, &e.to_string());
                        None
                    }
                }
            }
            Err(e) => {
                fail(&looking, &e.to_string());
                None
            }
        };
        Browser {
            daemon,
            looking,
            started,
        }
    }

    /// The sessions found, sorted, one per address.
    pub fn hosts(&self) -> Vec<FoundHost> {
        lock(&self.looking).found.hosts()
    }

    /// Why discovery could not look at all, if it could not.
    pub fn failure(&self) -> Option<String> {
        lock(&self.looking).failure.clone()
    }

    /// How long it has been looking.
    pub fn looked_for(&self) -> Duration {
        self.started.elapsed()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(daemon) = &self.daemon {
            shut_down(daemon);
        }
    }
}

fn lock(looking: &Mutex<Looking>) -> std::sync::MutexGuard<'_, Looking> {
    // The list stays consistent whatever panicked while holding it: each change is one insert.
    looking.lock().unwrap_or_else(PoisonError::into_inner)
}

fn fail(looking: &Mutex<Looking>, why: &str) {
    log::warn!("discovery of co-editing sessions is off: {why}");
    lock(looking).failure = Some(clean(why.as_bytes(), 200));
}

/// Takes in one event from the daemon; true if the list changed.
fn take(looking: &Mutex<Looking>, event: ServiceEvent) -> bool {
    match event {
        ServiceEvent::ServiceResolved(service) => {
            let txt = |key| service.txt_properties.get_property_val(key).flatten();
            let found = read(
                &instance_of(&service.fullname, SERVICE_TYPE),
                txt(TITLE_KEY),
                txt(HOST_KEY),
                service.addresses.iter().map(|a| a.to_ip_addr()),
                service.port,
            );
            found.is_some_and(|host| lock(looking).found.resolved(&service.fullname, host))
        }
        ServiceEvent::ServiceRemoved(_, fullname) => lock(looking).found.removed(&fullname),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_instance_name_fits_a_dns_label_without_dots() {
        assert_eq!(instance_name("Onboarding", "Ana"), "Onboarding — Ana");
        assert_eq!(instance_name("Map v2.0", ""), "Map v2 0");
        assert_eq!(instance_name("", "Ana"), "Journeymap Ana");
        let long = instance_name(&"地".repeat(60), "Ana");
        assert!(long.len() <= INSTANCE_BYTES, "{} bytes", long.len());
        assert!(long.starts_with("地地"));
    }
}
