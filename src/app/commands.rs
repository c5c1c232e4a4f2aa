//! Every action the user can take, with its menu label and shortcut: menus, the keyboard and the
//! shortcut sheet all read this one table.

use egui::{Key, KeyboardShortcut, Modifiers};

/// The two views of one journey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Map,
    /// Every touchpoint as a row of a table.
    Table,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    ExportPng,
    Import,
    ImportInto,
    ExportCsv,
    ExportMermaid,
    CompareWith,
    CompareWithRevision,
    Quit,
    Undo,
    Redo,
    RedoAlt,
    Cut,
    Copy,
    CopyMapImage,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Find,
    FindNext,
    EmotionUp,
    EmotionDown,
    AddCard,
    AddStage,
    AddPersona,
    EditTitle,
    FitMap,
    ActualSize,
    ZoomIn,
    ZoomOut,
    Present,
    ToggleInspector,
    CardDetail,
    Lens,
    Health,
    ToggleTable,
    SelectLeft,
    SelectRight,
    SelectUp,
    SelectDown,
    ClearSelection,
    Shortcuts,
    HostWorkshop,
    JoinWorkshop,
    About,
    // Workshop: fields at a keystroke, presenting, voting, the timer.
    PainPoint,
    VoteUp,
    VoteDown,
    /// Sets the emotion of the selected cards, -2..=2.
    Feel(i8),
    PresentEdit,
    Spotlight,
    HideDetails,
    TextSize,
    StartVote,
    NextVoter,
    RevealVotes,
    VotingRounds,
    ShowTimer,
    TimerStartPause,
    TimerAddMinute,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    /// The commands in the order the shortcut sheet lists them.
    pub const ALL: [Command; 68] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ExportPng,
        Command::Import,
        Command::ImportInto,
        Command::ExportCsv,
        Command::ExportMermaid,
        Command::CompareWith,
        Command::CompareWithRevision,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::Cut,
        Command::Copy,
        Command::CopyMapImage,
        Command::Paste,
        Command::Duplicate,
        Command::Delete,
        Command::SelectAll,
        Command::Find,
        Command::FindNext,
        Command::EmotionUp,
        Command::EmotionDown,
        Command::AddCard,
        Command::AddStage,
        Command::AddPersona,
        Command::EditTitle,
        Command::FitMap,
        Command::ActualSize,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::Present,
        Command::ToggleInspector,
        Command::CardDetail,
        Command::Lens,
        Command::Health,
        Command::ToggleTable,
        Command::SelectLeft,
        Command::SelectRight,
        Command::SelectUp,
        Command::SelectDown,
        Command::ClearSelection,
        Command::Shortcuts,
        Command::HostWorkshop,
        Command::JoinWorkshop,
        Command::About,
        Command::PainPoint,
        Command::VoteUp,
        Command::VoteDown,
        Command::Feel(-2),
        Command::Feel(-1),
        Command::Feel(0),
        Command::Feel(1),
        Command::Feel(2),
        Command::PresentEdit,
        Command::Spotlight,
        Command::HideDetails,
        Command::TextSize,
        Command::StartVote,
        Command::NextVoter,
        Command::RevealVotes,
        Command::VotingRounds,
        Command::ShowTimer,
        Command::TimerStartPause,
        Command::TimerAddMinute,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ExportPng => "Export…",
            Command::Import => "Import CSV or Mermaid…",
            Command::ImportInto => "Add touchpoints from CSV or Mermaid…",
            Command::ExportCsv => "Export CSV…",
            Command::ExportMermaid => "Export Mermaid…",
            Command::CompareWith => "Compare with…",
            Command::CompareWithRevision => "Compare with a git revision…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo | Command::RedoAlt => "Redo",
            Command::Cut => "Cut",
            Command::Copy => "Copy",
            Command::CopyMapImage => "Copy map as picture",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate",
            Command::Delete => "Delete",
            Command::SelectAll => "Select all cards",
            Command::Find => "Find cards…",
            Command::FindNext => "Find next",
            Command::EmotionUp => "Emotion one step happier",
            Command::EmotionDown => "Emotion one step sadder",
            Command::AddCard => "Add touchpoint",
            Command::AddStage => "Add stage after this one",
            Command::AddPersona => "Add persona below this one",
            Command::EditTitle => "Edit title / name",
            Command::FitMap => "Fit map",
            Command::ActualSize => "Zoom to 100 %",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::Present => "Present: full screen, map only",
            Command::ToggleInspector => "Show or hide the inspector",
            Command::CardDetail => "Card detail: compact, standard, detailed",
            Command::Lens => "Lens and heat…",
            Command::Health => "Journey health…",
            Command::HostWorkshop => "Host this map…",
            Command::JoinWorkshop => "Join a map…",
            Command::ToggleTable => "Switch between map and table",
            Command::SelectLeft => "Cursor left (cells, persona names)",
            Command::SelectRight => "Cursor right",
            Command::SelectUp => "Cursor up (cards, stage names)",
            Command::SelectDown => "Cursor down",
            Command::ClearSelection => "Clear selection / cancel",
            Command::Shortcuts => "Keyboard shortcuts",
            Command::About => "About Journeymap",
            Command::PainPoint => "Pain point on / off",
            Command::VoteUp => "Add a vote",
            Command::VoteDown => "Take a vote away",
            Command::Feel(e) => match e {
                i8::MIN..=-2 => "Emotion: very negative",
                -1 => "Emotion: negative",
                0 => "Emotion: neutral",
                1 => "Emotion: positive",
                _ => "Emotion: very positive",
            },
            Command::PresentEdit => "Edit while presenting",
            Command::Spotlight => "Spotlight this stage or persona",
            Command::HideDetails => "Hide details: titles, emotions, pain",
            Command::TextSize => "Text size: normal, large, projector",
            Command::StartVote => "Start a vote…",
            Command::NextVoter => "Next voter",
            Command::RevealVotes => "Reveal the votes",
            Command::VotingRounds => "Voting rounds…",
            Command::ShowTimer => "Timer…",
            Command::TimerStartPause => "Start or pause the timer",
            Command::TimerAddMinute => "Add a minute to the timer",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        let cmd = |key| KeyboardShortcut::new(CMD, key);
        Some(match self {
            Command::New => cmd(Key::N),
            Command::Open => cmd(Key::O),
            Command::Save => cmd(Key::S),
            Command::SaveAs => KeyboardShortcut::new(CMD_SHIFT, Key::S),
            Command::ExportPng => cmd(Key::E),
            Command::Quit => cmd(Key::Q),
            Command::Undo => cmd(Key::Z),
            Command::Redo => KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            Command::RedoAlt => cmd(Key::Y),
            Command::Cut => cmd(Key::X),
            Command::Copy => cmd(Key::C),
            Command::CopyMapImage => KeyboardShortcut::new(CMD_SHIFT, Key::C),
            Command::Paste => cmd(Key::V),
            Command::Duplicate => cmd(Key::D),
            Command::Delete => plain(Key::Delete),
            Command::SelectAll => cmd(Key::A),
            Command::Find => cmd(Key::F),
            Command::FindNext => plain(Key::F3),
            Command::EmotionUp => plain(Key::CloseBracket),
            Command::EmotionDown => plain(Key::OpenBracket),
            Command::AddCard => plain(Key::N),
            Command::AddStage => plain(Key::S),
            Command::AddPersona => plain(Key::P),
            Command::PainPoint => plain(Key::X),
            Command::VoteUp => plain(Key::V),
            Command::VoteDown => KeyboardShortcut::new(Modifiers::SHIFT, Key::V),
            Command::Feel(e) => plain(match e {
                i8::MIN..=-2 => Key::Num1,
                -1 => Key::Num2,
                0 => Key::Num3,
                1 => Key::Num4,
                _ => Key::Num5,
            }),
            Command::PresentEdit => plain(Key::E),
            Command::Spotlight => plain(Key::Space),
            Command::HideDetails => KeyboardShortcut::new(Modifiers::SHIFT, Key::D),
            Command::TextSize => plain(Key::A),
            Command::NextVoter => KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter),
            Command::TimerStartPause => plain(Key::T),
            Command::TimerAddMinute => KeyboardShortcut::new(Modifiers::SHIFT, Key::T),
            Command::StartVote
            | Command::RevealVotes
            | Command::VotingRounds
            | Command::ShowTimer
            | Command::Import
            | Command::ImportInto
            | Command::ExportCsv
            | Command::ExportMermaid
            | Command::HostWorkshop
            | Command::JoinWorkshop
            | Command::CompareWith
            | Command::CompareWithRevision
            | Command::About => return None,
            Command::EditTitle => plain(Key::Enter),
            Command::FitMap => plain(Key::F),
            Command::ActualSize => plain(Key::Num0),
            Command::ZoomIn => plain(Key::Plus),
            Command::ZoomOut => plain(Key::Minus),
            Command::Present => plain(Key::F11),
            Command::ToggleInspector => cmd(Key::I),
            Command::CardDetail => plain(Key::D),
            Command::Lens => plain(Key::L),
            Command::Health => plain(Key::H),
            Command::ToggleTable => cmd(Key::T),
            Command::SelectLeft => plain(Key::ArrowLeft),
            Command::SelectRight => plain(Key::ArrowRight),
            Command::SelectUp => plain(Key::ArrowUp),
            Command::SelectDown => plain(Key::ArrowDown),
            Command::ClearSelection => plain(Key::Escape),
            Command::Shortcuts => plain(Key::Questionmark),
        })
    }

    /// The shortcut as menus and the shortcut sheet show it: egui's text, with punctuation keys
    /// as the character on the key ("]" rather than "CloseBracket"). Arrows keep their names:
    /// the fonts have no arrow symbols.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        let shortcut = self.shortcut()?;
        let text = ctx.format_shortcut(&shortcut);
        let key = shortcut.logical_key;
        let arrow = matches!(
            key,
            Key::ArrowLeft | Key::ArrowRight | Key::ArrowUp | Key::ArrowDown
        );
        Some(if arrow {
            text
        } else {
            text.replace(key.name(), key.symbol_or_name())
        })
    }

    /// Whether the command means anything in `view`: zooming and the keys that type in a table
    /// cell (N, F, 0, +, -, brackets) belong to the map.
    pub fn available(self, view: View) -> bool {
        let map_only = matches!(
            self,
            Command::FitMap
                | Command::ActualSize
                | Command::ZoomIn
                | Command::ZoomOut
                | Command::AddCard
                | Command::EmotionUp
                | Command::EmotionDown
                // Plain letters: in the table they start typing in a cell.
                | Command::CardDetail
                | Command::Lens
                | Command::Health
                | Command::AddStage
                | Command::AddPersona
                | Command::PainPoint
                | Command::VoteUp
                | Command::VoteDown
                | Command::Feel(_)
                | Command::PresentEdit
                | Command::Spotlight
                | Command::HideDetails
                | Command::TextSize
                | Command::TimerStartPause
                | Command::TimerAddMinute
        );
        view == View::Map || !map_only
    }

    /// Whether the command changes the journey: presenting is read-only until the facilitator
    /// asks to edit.
    pub fn edits_journey(self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::RedoAlt
                | Command::Cut
                | Command::Paste
                | Command::Duplicate
                | Command::Delete
                | Command::EmotionUp
                | Command::EmotionDown
                | Command::AddCard
                | Command::AddStage
                | Command::AddPersona
                | Command::EditTitle
                | Command::ImportInto
                | Command::PainPoint
                | Command::VoteUp
                | Command::VoteDown
                | Command::Feel(_)
        )
    }

    /// Shortcuts that a focused text field needs for itself (typing, its own undo and clipboard).
    pub fn yields_to_text_fields(self) -> bool {
        match self.shortcut() {
            // Function keys type nothing: F3 and F11 work from inside a field too.
            Some(s) if matches!(s.logical_key, Key::F3 | Key::F11) => false,
            Some(s) => {
                s.modifiers.is_none()
                    || matches!(
                        self,
                        Command::Undo
                            | Command::Redo
                            | Command::RedoAlt
                            | Command::Cut
                            | Command::Copy
                            | Command::Paste
                            | Command::SelectAll
                            | Command::Duplicate
                    )
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let shortcuts: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .filter_map(|&c| Some((c, c.shortcut()?)))
            .collect();
        for (i, (a, sa)) in shortcuts.iter().enumerate() {
            for (b, sb) in &shortcuts[i + 1..] {
                assert!(sa != sb, "{a:?} and {b:?} share {sa:?}");
            }
        }
    }
}
