//! What the app remembers between runs: recent files, the last folder, the theme, each file's view.

use crate::canvas::Camera;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const RECENT_LIMIT: usize = 10;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub last_dir: Option<PathBuf>,
    pub theme: egui::ThemePreference,
    /// Zoom and pan per file, so a map reopens where it was left.
    pub views: BTreeMap<PathBuf, Camera>,
    /// Where these settings live; None keeps them in memory only (tests).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

/// The OS's folders for this app: settings in the config folder, recovery files in the data folder.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "Journeymap", "Journeymap")
}

impl Settings {
    /// Settings from the OS's config folder (or `JOURNEYMAP_CONFIG_DIR`); defaults when there are none.
    pub fn load() -> Self {
        let dir = std::env::var_os("JOURNEYMAP_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()));
        let Some(file) = dir.map(|d| d.join("settings.ron")) else {
            return Self::default();
        };
        let mut settings: Settings = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| {
                ron::from_str(&text)
                    .map_err(|e| log::warn!("{}: {e}; using default settings", file.display()))
                    .ok()
            })
            .unwrap_or_default();
        settings.file = Some(file);
        settings
    }

    /// Writes the settings atomically; failing to is worth a log line, not an interruption.
    pub fn store(&self) {
        let Some(file) = &self.file else {
            return;
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let text =
            ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).unwrap_or_default();
        if let Err(e) = crate::io::atomic::write_atomic(file, text.as_bytes()) {
            log::warn!("{}: could not save settings: {e}", file.display());
        }
    }

    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(RECENT_LIMIT);
        self.last_dir = path.parent().map(Path::to_path_buf);
    }
}
