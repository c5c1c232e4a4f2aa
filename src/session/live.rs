//! A journey being co-edited: the shared document, the connection, and an undo that takes back
//! only this person's own changes (Loro's undo manager ignores what arrived from others).

use super::{Event, Session, SessionError, SharedJourney, new_code};
use crate::model::Journey;
use loro::UndoManager;

/// Typing within this long is one undo step, as the history merges keystrokes.
const MERGE_INTERVAL_MS: i64 = 1000;

pub struct Live {
    shared: SharedJourney,
    session: Session,
    undo: UndoManager,
    /// The join code, for the host to give out.
    code: String,
    /// What happened that the window should tell (joins, leaves, refusals).
    news: Vec<Event>,
    /// False while a participant waits for the host's map: a part of it is not shown.
    caught_up: bool,
    /// The card last told to the others as ours.
    shared_selection: Option<Option<u32>>,
    /// A participant's host address and own name, to reconnect after a drop.
    joined: Option<(String, String)>,
}

impl Live {
    /// Shares `journey` on `port` (0: any free port) with a new join code.
    pub fn host(journey: &Journey, port: u16, name: &str) -> Result<Live, SessionError> {
        let mut shared = SharedJourney::new();
        shared
            .start(journey)
            .map_err(|e| SessionError::Io(std::io::Error::other(e)))?;
        let code = new_code();
        let session = Session::host(shared.session_doc(), port, &code, name)?;
        Ok(Live::around(shared, session, code, None))
    }

    /// Joins the session at `address`; the host's journey arrives through [`Live::poll`].
    pub fn join(address: &str, code: &str, name: &str) -> Result<Live, SessionError> {
        let shared = SharedJourney::new();
        let session = Session::join(shared.session_doc(), address, code, name)?;
        let joined = (address.to_owned(), name.to_owned());
        Ok(Live::around(
            shared,
            session,
            code.trim().to_uppercase(),
            Some(joined),
        ))
    }

    fn around(
        shared: SharedJourney,
        session: Session,
        code: String,
        joined: Option<(String, String)>,
    ) -> Live {
        let mut undo = UndoManager::new(shared.doc());
        undo.set_merge_interval(MERGE_INTERVAL_MS);
        Live {
            shared,
            session,
            undo,
            code,
            news: Vec::new(),
            caught_up: joined.is_none(),
            shared_selection: None,
            joined,
        }
    }

    /// Shares one local change.
    pub fn record(&mut self, before: &Journey, after: &Journey) {
        if let Err(e) = self.shared.write(before, after) {
            log::error!("a change could not be shared: {e}");
        }
    }

    /// The journey as others changed it since the last call, if they did.
    pub fn poll(&mut self) -> Option<Journey> {
        let mut changed = false;
        for event in self.session.events() {
            match event {
                Event::Changed => changed = true,
                // Only a repaint: the others' places are read when painting.
                Event::Moved | Event::Voting => {}
                Event::CaughtUp => {
                    changed = true;
                    self.caught_up = true;
                    self.news.push(Event::CaughtUp);
                }
                other => self.news.push(other),
            }
        }
        if changed && self.caught_up {
            self.shared.read()
        } else {
            None
        }
    }

    /// A participant whose connection to the host dropped (they keep working on their copy).
    pub fn disconnected(&self) -> bool {
        self.joined.is_some() && self.session.peers().is_empty()
    }

    /// Connects a participant to the host again; both sides' changes made meanwhile are
    /// exchanged as on joining.
    pub fn reconnect(&mut self) -> Result<(), SessionError> {
        let Some((address, name)) = &self.joined else {
            return Ok(());
        };
        self.session = Session::join(self.shared.session_doc(), address, &self.code, name)?;
        self.shared_selection = None;
        Ok(())
    }

    /// Tells the others which card this person is on, when it changed.
    pub fn share_selection(&mut self, card: Option<u32>) {
        if self.shared_selection != Some(card) {
            self.shared_selection = Some(card);
            self.session.share_selection(card);
        }
    }

    /// Takes back this person's last change; the journey after it.
    pub fn undo(&mut self) -> Option<Journey> {
        self.step(UndoManager::undo)
    }

    pub fn redo(&mut self) -> Option<Journey> {
        self.step(UndoManager::redo)
    }

    /// An undo or a redo, made whole (no colleague's change imported in its middle); the
    /// journey after it, if there was one to make.
    fn step(&mut self, step: fn(&mut UndoManager) -> loro::LoroResult<bool>) -> Option<Journey> {
        let done = {
            let _whole = self.shared.hold();
            step(&mut self.undo)
        };
        done.ok().filter(|&done| done)?;
        self.shared.read()
    }

    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Joins, leaves and refusals since the last call.
    pub fn take_news(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.news)
    }
}
