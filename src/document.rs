//! An open journey: the model, its edit history, where it lives on disk, and its cached layout.

use crate::edit::{Edit, EditError, History, MergeKey};
use crate::layout::{Layout, Style};
use crate::model::Journey;
use std::path::{Path, PathBuf};

pub struct Document {
    journey: Journey,
    pub history: History,
    pub path: Option<PathBuf>,
    style: Style,
    /// The layout and the history revision it was made for: recomputed only after a change.
    layout: Option<(u64, Layout)>,
}

impl Document {
    pub fn new(journey: Journey, path: Option<PathBuf>) -> Self {
        Self {
            journey,
            history: History::new(),
            path,
            style: Style::default(),
            layout: None,
        }
    }

    /// Read-only: every change goes through [`Document::apply`], so it can be undone.
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.journey, edit)
    }

    pub fn apply_merging(&mut self, edit: Edit, key: MergeKey) -> Result<(), EditError> {
        self.history.apply_merging(&mut self.journey, edit, key)
    }

    pub fn undo(&mut self) -> bool {
        self.history.undo(&mut self.journey)
    }

    pub fn redo(&mut self) -> bool {
        self.history.redo(&mut self.journey)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn style(&self) -> &Style {
        &self.style
    }

    /// Lays the map out with `style` from now on (a card detail level, say).
    pub fn set_style(&mut self, style: Style) {
        if style != self.style {
            self.style = style;
            self.layout = None;
        }
    }

    pub fn layout(&mut self) -> &Layout {
        self.journey_and_layout().1
    }

    /// The journey and its layout together, for painting.
    pub fn journey_and_layout(&mut self) -> (&Journey, &Layout) {
        let revision = self.history.revision();
        if self.layout.as_ref().is_some_and(|(r, _)| *r != revision) {
            self.layout = None;
        }
        let (journey, style) = (&self.journey, &self.style);
        let (_, layout) = self
            .layout
            .get_or_insert_with(|| (revision, Layout::new(journey, style)));
        (&self.journey, layout)
    }

    /// The name shown in the window title and the top bar.
    pub fn file_name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Unsaved journey".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}
