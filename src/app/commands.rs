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
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    /// The commands in the order the shortcut sheet lists them.
    pub const ALL: [Command; 46] = [
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
            Command::AddStage => "Add stage",
            Command::AddPersona => "Add persona",
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
            Command::ToggleTable => "Switch between map and table",
            Command::SelectLeft => "Select card to the left",
            Command::SelectRight => "Select card to the right",
            Command::SelectUp => "Select card above",
            Command::SelectDown => "Select card below",
            Command::ClearSelection => "Clear selection / cancel",
            Command::Shortcuts => "Keyboard shortcuts",
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
            Command::AddStage
            | Command::AddPersona
            | Command::Import
            | Command::ImportInto
            | Command::ExportCsv
            | Command::ExportMermaid
            | Command::CompareWith
            | Command::CompareWithRevision => return None,
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
        );
        view == View::Map || !map_only
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
