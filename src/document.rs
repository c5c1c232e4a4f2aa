//! An open journey: the model, its edit history, where it lives on disk, and its cached layout.

use crate::compare::picture::Picture;
use crate::edit::{Edit, EditError, History, MergeKey};
use crate::layout::{Layout, Style};
use crate::model::Journey;
use crate::session::Live;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Document {
    journey: Journey,
    pub history: History,
    pub path: Option<PathBuf>,
    style: Style,
    /// The layout and the history revision it was made for: recomputed only after a change.
    layout: Option<(u64, Layout)>,
    /// Set while the journey is co-edited with others.
    live: Option<Live>,
    /// In compare mode, the changes shown: the layout gives the removed cards room.
    compared: Option<Arc<Picture>>,
}

impl Document {
    pub fn new(journey: Journey, path: Option<PathBuf>) -> Self {
        Self {
            journey,
            history: History::new(),
            path,
            style: Style::default(),
            layout: None,
            live: None,
            compared: None,
        }
    }

    /// Read-only: every change goes through [`Document::apply`], so it can be undone.
    pub fn journey(&self) -> &Journey {
        &self.journey
    }

    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.shared(|history, journey| history.apply(journey, edit))
    }

    pub fn apply_merging(&mut self, edit: Edit, key: MergeKey) -> Result<(), EditError> {
        self.shared(|history, journey| history.apply_merging(journey, edit, key))
    }

    /// Makes a change through the history and, in a co-editing session, shares it.
    fn shared(
        &mut self,
        change: impl FnOnce(&mut History, &mut Journey) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let before = self.live.is_some().then(|| self.journey.clone());
        change(&mut self.history, &mut self.journey)?;
        if let (Some(live), Some(before)) = (&mut self.live, before) {
            live.record(&before, &self.journey);
        }
        Ok(())
    }

    /// Undoes my last change; in a co-editing session, never a colleague's.
    pub fn undo(&mut self) -> bool {
        match self.live.as_mut().map(Live::undo) {
            Some(journey) => self.replace(journey),
            None => self.history.undo(&mut self.journey),
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.live.as_mut().map(Live::redo) {
            Some(journey) => self.replace(journey),
            None => self.history.redo(&mut self.journey),
        }
    }

    pub fn can_undo(&self) -> bool {
        self.live
            .as_ref()
            .map_or_else(|| self.history.can_undo(), Live::can_undo)
    }

    pub fn can_redo(&self) -> bool {
        self.live
            .as_ref()
            .map_or_else(|| self.history.can_redo(), Live::can_redo)
    }

    /// Takes a journey changed elsewhere (by a colleague, or a session's undo).
    fn replace(&mut self, journey: Option<Journey>) -> bool {
        match journey {
            Some(journey) if journey != self.journey => {
                self.journey = journey;
                self.history.replaced();
                true
            }
            _ => false,
        }
    }

    /// Co-edits this journey from now on (hosting or joined).
    pub fn share(&mut self, live: Live) {
        self.live = Some(live);
    }

    /// Leaves the session; the journey stays as it is.
    pub fn stop_sharing(&mut self) -> Option<Live> {
        self.live.take()
    }

    pub fn live(&self) -> Option<&Live> {
        self.live.as_ref()
    }

    pub fn live_mut(&mut self) -> Option<&mut Live> {
        self.live.as_mut()
    }

    /// Takes in what others changed since the last call; true if the journey changed.
    pub fn poll_live(&mut self) -> bool {
        let journey = self.live.as_mut().and_then(Live::poll);
        self.replace(journey)
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

    /// Lays the map out with the removed cards of `picture` in their old places from now on
    /// (compare mode), or without (None).
    pub fn set_compared(&mut self, picture: Option<Arc<Picture>>) {
        let same = match (&picture, &self.compared) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same {
            self.compared = picture;
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
        let (journey, style, compared) = (&self.journey, &self.style, &self.compared);
        let (_, layout) = self.layout.get_or_insert_with(|| {
            let layout = match compared {
                Some(picture) => picture.layout(journey, style),
                None => Layout::new(journey, style),
            };
            (revision, layout)
        });
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
