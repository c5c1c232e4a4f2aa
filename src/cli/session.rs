//! `journeymap host` and `journeymap join`: a session with no window, for a spare machine in the
//! room and for tests.

use crate::io;
use crate::model::Journey;
use crate::session::discover::{Advertisement, Scope};
use crate::session::{Event, Session, SharedJourney, local_address, new_code};
use std::path::Path;
use std::time::{Duration, Instant};

/// Serves `file` until Ctrl+C (or a termination signal), saving it as changes arrive. Each save
/// is atomic, so even a kill at any moment leaves the last complete journey on disk. With
/// `announce`, the session is listed under Workshop ▸ Join on the local network.
pub fn host(
    file: &Path,
    port: u16,
    code: Option<String>,
    announce: bool,
) -> Result<String, String> {
    let journey = io::load(file).map_err(|e| e.to_string())?;
    let mut shared = SharedJourney::new();
    shared.start(&journey).map_err(|e| e.to_string())?;
    let code = code.unwrap_or_else(new_code);
    let session = Session::host(shared.session_doc(), port, &code, "host")
        .map_err(|e| format!("could not host on port {port}: {e}"))?;
    // Participants list who is in the session from what each says of itself.
    session.share_selection(None);
    let port = session.address().map_or(port, |a| a.port());
    println!("Hosting {} ({})", file.display(), journey.summary());
    println!("Join code: {code}");
    println!("Address:   {}:{port}", local_address());
    // Held until the process stops; a failure leaves the session reachable by its address.
    let _announced = announce.then(|| {
        let name = std::env::var("USER").unwrap_or_else(|_| "journeymap host".to_owned());
        match Advertisement::start(Scope::NETWORK, &journey.title, &name, port) {
            Ok(announced) => {
                println!("Listed on this network under Workshop ▸ Join.");
                Some(announced)
            }
            Err(e) => {
                println!("Not listed on this network ({e}): give out the address.");
                None
            }
        }
    });
    let (stop, stopping) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| format!("could not listen for Ctrl+C: {e}"))?;
    println!("Stop with Ctrl+C; the file is saved as changes arrive.");
    let mut saved = journey;
    let mut save = |shared: &mut SharedJourney| -> Result<(), String> {
        if let Some(journey) = shared.read().filter(|j| *j != saved) {
            io::save(file, &journey).map_err(|e| e.to_string())?;
            saved = journey;
        }
        Ok(())
    };
    // Looks for Ctrl+C between events, a few times a second.
    while stopping.try_recv().is_err() {
        let Some(event) = session.next_event(Duration::from_millis(250)) else {
            continue;
        };
        match event {
            Event::Changed => save(&mut shared)?,
            Event::Joined { name, .. } => println!("{name} joined"),
            Event::Left { name, .. } => println!("{name} left"),
            Event::Refused { address, why } => println!("refused {address}: {why}"),
            Event::CaughtUp | Event::Moved | Event::Voting => {}
        }
    }
    // What arrived last is kept; dropping the announcement says goodbye on the network, so open
    // Join windows drop the session at once.
    save(&mut shared)?;
    Ok(format!("Stopped; {} is saved", file.display()))
}

/// Joins the session at `address`, waits until it has the host's journey, and writes it.
pub fn join(address: &str, code: &str, output: &Path, force: bool) -> Result<String, String> {
    if output.exists() && !force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        ));
    }
    let mut shared = SharedJourney::new();
    let session = Session::join(shared.session_doc(), address, code, "journeymap join")
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match session.next_event(left) {
            Some(Event::CaughtUp) => {
                let journey: Journey = shared.read().ok_or("the host sent no valid journey")?;
                io::save(output, &journey).map_err(|e| e.to_string())?;
                return Ok(format!("{}: {}", output.display(), journey.summary()));
            }
            Some(Event::Left { .. }) => return Err("the host closed the connection".into()),
            Some(_) => {}
            None => break,
        }
    }
    Err(format!("{address} sent nothing for 30 seconds"))
}
