//! Starting, switching and leaving compare mode from the app's commands.

use super::{Action, CompareView};
use crate::app::AppState;
use crate::{git, io};
use std::path::Path;

/// How many revisions of the open file the compare panel offers.
const REVISIONS: usize = 30;

impl AppState {
    /// Compares the open journey with the journey in `path` (a .ron or an exported map).
    pub(crate) fn compare_with_file(&mut self, path: &Path) {
        match io::load(path) {
            Ok(other) => {
                let label = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                let revisions = self.file_revisions().unwrap_or_default();
                self.start_compare(other, label, revisions);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Compares the open journey with its file as it was in git revision `hash` (the last
    /// commit that changed it when `None`).
    pub(crate) fn compare_with_revision(&mut self, hash: Option<&str>) {
        let Some(path) = self.doc.path.clone() else {
            self.error("Save the journey in a git repository to compare it with a revision");
            return;
        };
        let revisions = match self.file_revisions() {
            Ok(r) if !r.is_empty() => r,
            Ok(_) => {
                self.error("The journey's file has no commits yet: commit it to compare");
                return;
            }
            Err(e) => {
                self.error(format!("Not in a git repository: {e}"));
                return;
            }
        };
        let load = |revision: &git::Revision| {
            git::read_file_at(&path, &revision.hash).and_then(|bytes| {
                let name = format!("{}:{}", revision.hash, path.display());
                io::from_bytes_versioned(bytes, Path::new(&name))
                    .map(|(j, _)| j)
                    .map_err(|e| e.to_string())
            })
        };
        let chosen = match hash {
            Some(h) => revisions.iter().find(|r| r.hash == h),
            None => revisions.first(),
        };
        let Some(mut revision) = chosen.cloned() else {
            self.error("That revision did not change the journey's file");
            return;
        };
        let mut loaded = load(&revision);
        // Unprompted, the last commit that made a difference: a journey saved and committed is
        // the same as its last commit.
        if hash.is_none()
            && let (Ok(other), Some(before)) = (&loaded, revisions.get(1))
            && other == self.doc.journey()
        {
            revision = before.clone();
            loaded = load(&revision);
        }
        match loaded {
            Ok(other) => {
                let label = format!(
                    "{} “{}” ({})",
                    revision.hash, revision.subject, revision.when
                );
                self.start_compare(other, label, revisions);
            }
            Err(e) => self.error(e),
        }
    }

    fn file_revisions(&self) -> Result<Vec<git::Revision>, String> {
        match &self.doc.path {
            Some(path) => git::revisions(path, REVISIONS),
            None => Ok(Vec::new()),
        }
    }

    fn start_compare(
        &mut self,
        other: crate::model::Journey,
        label: String,
        revisions: Vec<git::Revision>,
    ) {
        self.info(format!("Comparing with {label}"));
        match &mut self.compare {
            Some(view) => view.replace(other, label),
            None => {
                self.compare = Some(CompareView::new(other, label, revisions));
                // The panel takes room from the map: show all of it with its marks.
                self.canvas.fit_pending = true;
            }
        }
    }

    pub(crate) fn compare_action(&mut self, action: Action) {
        match action {
            Action::Show(id) => self.show_card(id),
            Action::Revision(hash) => self.compare_with_revision(Some(&hash)),
            Action::Leave => {
                self.compare = None;
                self.info("Back to editing");
            }
        }
    }
}
