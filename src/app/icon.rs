//! The app's icon, for the window and the taskbar: the 256 px PNG made from assets/journeymap.svg
//! (tests/icon.rs makes every size and checks that they match the SVG).

/// The name the desktop knows the app by: the window's app id (Wayland) and class (X11), the
/// `.desktop` file's name and the icon's name in the icon theme all match it, so that taskbars
/// group the windows under the launcher's icon and name.
pub const APP_ID: &str = "journeymap";

const PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/journeymap.png");

/// The icon decoded; a broken one (tests make sure it is not) leaves the window with the
/// desktop's default icon rather than stopping the app.
pub fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(PNG).unwrap_or_else(|e| {
        log::error!("the app's icon could not be decoded: {e}");
        egui::IconData::default()
    })
}
