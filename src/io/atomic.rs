//! Writing files so that a crash, a kill or a full disk never leaves half a file behind.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

/// A temporary file this old beside the target is left from a save that was killed before its
/// rename (a save in progress writes its temporary file within seconds). This matters only
/// where we cannot tell whether its writer still runs.
const STALE: Duration = Duration::from_secs(60 * 60);

/// Writes the target through `write` into a temporary file beside it, flushes and syncs it, then
/// renames it over the target. On any error the temporary file is removed and the target is
/// untouched.
pub fn write_atomic_with(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temp = TempFile(temp_path(target));
    let mut file = File::create(&temp.0)?;
    write(&mut file)?;
    file.flush()?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp.0, target)?;
    temp.renamed();
    sync_parent(target);
    remove_stale_temporaries(target);
    Ok(())
}

/// Removes the temporary files of this target that killed saves left behind (their process is
/// gone, or they are over an hour old); best effort.
fn remove_stale_temporaries(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let writer = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|middle| middle.split_once('-'))
            .filter(|(pid, n)| is_number(pid) && is_number(n))
            .map(|(pid, _)| pid);
        let stale = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| now.duration_since(modified).is_ok_and(|age| age > STALE))
        };
        if let Some(pid) = writer
            && (process_gone(pid) || stale())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether no process with this id runs; false where the system cannot tell us.
fn process_gone(pid: &str) -> bool {
    cfg!(target_os = "linux")
        && Path::new("/proc/self").exists()
        && !Path::new("/proc").join(pid).exists()
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Removes the temporary file unless the save got as far as the rename: on an error, and also
/// when the writer panics.
struct TempFile(PathBuf);

impl TempFile {
    fn renamed(mut self) {
        self.0 = PathBuf::new();
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.0);
        }
    }
}

pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, |w| w.write_all(bytes))
}

fn temp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    target.with_file_name(unique)
}

/// Makes the rename itself durable; not every platform can open a directory, so this is best effort.
fn sync_parent(target: &Path) {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.ron");
        fs::write(&target, "old contents").unwrap();
        let err = write_atomic_with(&target, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&target).unwrap(), "old contents");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the temporary file was removed");
    }

    #[test]
    fn a_save_removes_only_the_stale_temporaries_of_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.ron");
        let aged = |name: &str, age: Duration| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            file.set_modified(SystemTime::now() - age).unwrap();
            path
        };
        let day = Duration::from_secs(24 * 60 * 60);
        let stale = aged(".map.ron.4242-0.tmp", day);
        let fresh = aged(
            &format!(".map.ron.{}-7.tmp", std::process::id()),
            Duration::from_secs(5),
        );
        let other_file = aged(".plan.ron.4242-0.tmp", day);
        let not_a_temporary = aged(".map.ron.backup.tmp", day);
        write_atomic(&target, b"new").unwrap();
        assert!(!stale.exists(), "a day-old temporary of map.ron is removed");
        assert!(fresh.exists(), "a save in progress keeps its temporary");
        assert!(other_file.exists() && not_a_temporary.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_temporary_whose_writer_is_gone_is_removed_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.ron");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let orphan = dir.path().join(format!(".map.ron.{gone}-0.tmp"));
        let running = dir
            .path()
            .join(format!(".map.ron.{}-99.tmp", std::process::id()));
        File::create(&orphan).unwrap();
        File::create(&running).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert!(!orphan.exists(), "its writer has exited");
        assert!(
            running.exists(),
            "a writer that still runs keeps its temporary"
        );
    }

    #[test]
    fn a_successful_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.ron");
        fs::write(&target, "old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    }
}
