//! Crash recovery: the open journey is written to a recovery file shortly after every change,
//! so a crash, a kill or a power cut loses seconds, not a workshop.

use super::atomic;
use crate::model::Journey;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a recovery file holds: the journey, the file it belongs to, and when it was written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The journey's own file, if it had one.
    pub file: Option<PathBuf>,
    /// Seconds since the Unix epoch.
    pub saved_at: u64,
    pub journey: Journey,
}

/// The recovery files of this process and the ones crashed processes left behind.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    own: PathBuf,
}

const PREFIX: &str = "recovery-";

impl RecoveryStore {
    pub fn new(dir: PathBuf) -> Self {
        Self::for_process(dir, std::process::id())
    }

    /// The store as the process `pid` sees it (tests stand in for other processes this way).
    pub fn for_process(dir: PathBuf, pid: u32) -> Self {
        let own = dir.join(format!("{PREFIX}{pid}.ron"));
        Self { dir, own }
    }

    /// The OS's data folder for Journeymap (or `JOURNEYMAP_DATA_DIR`), `recovery` inside it.
    pub fn default_dir() -> Option<PathBuf> {
        std::env::var_os("JOURNEYMAP_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("org", "Journeymap", "Journeymap")
                    .map(|d| d.data_dir().to_path_buf())
            })
            .map(|d| d.join("recovery"))
    }

    pub fn own_file(&self) -> &Path {
        &self.own
    }

    /// Writes this process's recovery file atomically.
    pub fn write(&self, snapshot: &Snapshot) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let text = ron::ser::to_string_pretty(snapshot, ron::ser::PrettyConfig::new())
            .map_err(std::io::Error::other)?;
        atomic::write_atomic(&self.own, text.as_bytes())
    }

    /// Removes this process's recovery file (after a clean save or close).
    pub fn clear(&self) {
        discard(&self.own);
    }

    /// The newest recovery file left by a process that is gone, with its contents. Unreadable
    /// recovery files are skipped (and kept, in case a newer Journeymap can read them).
    pub fn find_orphan(&self) -> Option<(PathBuf, Snapshot)> {
        let entries = std::fs::read_dir(&self.dir).ok()?;
        let mut found: Vec<(PathBuf, Snapshot)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| *p != self.own)
            .filter(|p| owner_pid(p).is_some_and(|pid| !process_alive(pid)))
            .filter_map(|p| {
                let text = std::fs::read_to_string(&p).ok()?;
                let snapshot: Snapshot = ron::from_str(&text).ok()?;
                snapshot.journey.validate().ok()?;
                Some((p, snapshot))
            })
            .collect();
        found.sort_by_key(|(_, s)| s.saved_at);
        found.pop()
    }
}

pub fn discard(path: &Path) {
    if let Err(e) = std::fs::remove_file(path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        log::warn!("{}: could not remove recovery file: {e}", path.display());
    }
}

fn owner_pid(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix(PREFIX)?
        .strip_suffix(".ron")?
        .parse()
        .ok()
}

/// Whether a process still runs, so two open windows never take each other's recovery files.
/// Where the OS gives no cheap answer, a recovery file is treated as orphaned.
fn process_alive(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_orphaned_recovery_file_is_found_and_ours_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let journey = crate::templates::sample();
        let ours = RecoveryStore::new(dir.path().to_path_buf());
        ours.write(&Snapshot {
            file: None,
            saved_at: 5,
            journey: journey.clone(),
        })
        .unwrap();
        assert!(
            ours.find_orphan().is_none(),
            "a running process's file is not an orphan"
        );

        // A file from a process id that cannot exist stands for a crashed instance.
        let crashed = dir.path().join(format!("{PREFIX}4294967295.ron"));
        std::fs::copy(ours.own_file(), &crashed).unwrap();
        let (path, snapshot) = ours.find_orphan().expect("the crashed instance's file");
        assert_eq!(path, crashed);
        assert_eq!(snapshot.journey, journey);
        ours.clear();
        assert!(!ours.own_file().exists());
    }
}
