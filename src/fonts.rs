//! Fonts for every language: egui's own fonts first, then the system's for whatever they lack
//! (CJK, Arabic, Hebrew, emoji …), in the app and in the headless export alike, so an image
//! shows what the screen shows. Characters no installed font has are remembered by script, so
//! the user is told once what is missing instead of seeing boxes.

use egui::{FallbackRequest, FontDefinitions, FontFamily, FontId, FontInsert, FontProvider};
use egui_system_font_provider::SystemFontProvider;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use unicode_script::{Script, UnicodeScript};

/// The system's fonts, scanned once per process on a background thread (started by the first
/// [`install`]); a lookup waits for the scan only when a character first needs a fallback.
static SYSTEM: LazyLock<Arc<SystemFonts>> = LazyLock::new(|| {
    Arc::new(SystemFonts {
        provider: SystemFontProvider::new(),
        missing: Mutex::new(Vec::new()),
        news: AtomicBool::new(false),
    })
});

struct SystemFonts {
    provider: SystemFontProvider,
    /// What no font could show, each named once, in the order met.
    missing: Mutex<Vec<String>>,
    /// Something was added to `missing` since [`take_news`] last looked.
    news: AtomicBool,
}

impl FontProvider for SystemFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let font = self.provider.font_for(request);
        if font.is_none()
            && let Some(c) = request.cluster.chars().next()
            && let Ok(mut missing) = self.missing.lock()
        {
            let name = writing_of(c);
            if !missing.contains(&name) {
                log::warn!("no installed font can show {name} (U+{:04X})", u32::from(c));
                missing.push(name);
                self.news.store(true, Ordering::Relaxed);
            }
        }
        font
    }
}

/// egui's own fonts with its monochrome emoji: for the icons on cards and in the legend, which
/// take the colour of the text around them, and for the app's chrome, whose symbols come from
/// them.
const ICONS: &str = "icons";

/// The font for icons that take the colour of the text around them.
pub fn icons(size: f32) -> FontId {
    FontId::new(size, FontFamily::Name(ICONS.into()))
}

/// Sets up `ctx`'s fonts: egui's own, then the system's for what they lack. On the map, emoji in
/// the text a user types come from the system's colour emoji font, which also draws flags and
/// family sequences as one picture; egui's monochrome emoji fonts are kept for the icons and
/// the app's chrome (the [`ICONS`] family).
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    if let Some(proportional) = fonts.families.get(&FontFamily::Proportional).cloned() {
        fonts
            .families
            .insert(FontFamily::Name(ICONS.into()), proportional);
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        if let Some(list) = fonts.families.get_mut(&family) {
            list.retain(|font| !matches!(font.as_str(), "NotoEmoji-Regular" | "emoji-icon-font"));
        }
    }
    ctx.set_fonts(fonts);
    ctx.add_font_provider(SYSTEM.clone());
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            if font.family == FontFamily::Proportional {
                font.family = FontFamily::Name(ICONS.into());
            }
        }
    });
}

/// The writing systems no installed font could show so far ("Arabic", "emoji" …).
pub fn missing() -> Vec<String> {
    SYSTEM.missing.lock().map(|m| m.clone()).unwrap_or_default()
}

/// [`missing`], when something was added to it since the last call; cheap when nothing was.
pub fn take_news() -> Option<Vec<String>> {
    SYSTEM.news.swap(false, Ordering::Relaxed).then(missing)
}

/// The name of the writing system of `c`, as a user knows it.
fn writing_of(c: char) -> String {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => {
            if matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}') {
                "emoji".to_owned()
            } else {
                format!("the symbol U+{:04X}", u32::from(c))
            }
        }
        script => script.full_name().replace('_', " "),
    }
}

/// A sentence for the status bar or the command line about what cannot be shown.
pub fn missing_message(missing: &[String]) -> String {
    format!(
        "No installed font can show {}: such text is drawn as boxes. Install a font for it \
         (on Debian or Ubuntu: fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji).",
        missing.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::writing_of;

    #[test]
    fn writing_systems_are_named_as_users_know_them() {
        assert_eq!(writing_of('ع'), "Arabic");
        assert_eq!(writing_of('日'), "Han");
        assert_eq!(writing_of('한'), "Hangul");
        assert_eq!(writing_of('🥳'), "emoji");
        assert_eq!(writing_of('\u{2400}'), "the symbol U+2400");
    }
}
