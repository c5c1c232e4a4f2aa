//! The desktop files agree with the app and with what it writes: the launcher entry names the
//! app id and icon, the file types' content checks match the files Journeymap saves and
//! exports, and the Debian package carries every icon size.

use journeymap::app::icon::APP_ID;
use journeymap::export::{self, Options};
use journeymap::templates::TEMPLATES;
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// The value of `key=` in the .desktop file.
fn entry(desktop: &str, key: &str) -> String {
    desktop
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("no {key} in journeymap.desktop"))
        .to_owned()
}

#[test]
fn the_launcher_entry_names_the_app_id_its_icon_and_every_file_type() {
    let desktop = read(&format!("packaging/{APP_ID}.desktop"));
    assert_eq!(entry(&desktop, "Icon"), APP_ID);
    assert_eq!(entry(&desktop, "StartupWMClass"), APP_ID);
    assert_eq!(entry(&desktop, "Exec"), "journeymap %f");
    let types = read("packaging/journeymap.xml");
    let declared: Vec<&str> = types
        .split("<mime-type type=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(declared.contains(&"application/x-journeymap"));
    let offered: Vec<String> = entry(&desktop, "MimeType")
        .split(';')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        offered, declared,
        "the launcher opens exactly the declared types"
    );
}

/// The content checks in journeymap.xml: a saved journey starts with its version, an exported
/// PNG has the journey's chunk at byte 37, an SVG has it in its first 8 KiB.
#[test]
fn the_file_type_checks_match_what_journeymap_writes() {
    let types = read("packaging/journeymap.xml");
    assert!(types.contains(r#"offset="0" value="(\n  version: ""#));
    assert!(types.contains(r#"offset="37" value="iTXtjourneymap""#));
    assert!(types.contains(r#"offset="0:8192" value="&lt;journeymap:journey ""#));
    let dir = tempfile::tempdir().unwrap();
    for t in &TEMPLATES {
        let journey = t.journey().unwrap();
        let ron = dir.path().join("map.ron");
        journeymap::io::save(&ron, &journey).unwrap();
        assert!(std::fs::read(&ron).unwrap().starts_with(b"(\n  version: "));

        let png = dir.path().join("map.png");
        let options = Options {
            scale: 0.25,
            ..Options::default()
        };
        export::export_png(&journey, &png, &options).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..4], b"\x89PNG");
        assert_eq!(&bytes[37..51], b"iTXtjourneymap", "{}", t.name);

        let svg = dir.path().join("map.svg");
        export::export_svg(&journey, &svg, &options).unwrap();
        let text = std::fs::read(&svg).unwrap();
        let head = &text[..text.len().min(8192)];
        assert!(
            head.windows(20).any(|w| w == b"<journeymap:journey "),
            "{}: the journey is past the first 8 KiB of the SVG",
            t.name
        );
    }
}

#[test]
fn the_debian_package_carries_every_icon_size_and_the_desktop_files() {
    let manifest = read("Cargo.toml");
    let icons = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/hicolor");
    let mut sizes = 0;
    for size in std::fs::read_dir(icons).unwrap() {
        let size = size.unwrap().file_name().into_string().unwrap();
        let asset = format!(
            "[\"assets/icons/hicolor/{size}/apps/journeymap.png\", \
             \"usr/share/icons/hicolor/{size}/apps/\", \"644\"]"
        );
        assert!(manifest.contains(&asset), "{size} is not in the package");
        sizes += 1;
    }
    assert!(sizes >= 8);
    for file in [
        "packaging/journeymap.desktop",
        "packaging/journeymap.xml",
        "assets/journeymap.svg",
    ] {
        assert!(
            manifest.contains(&format!("[\"{file}\"")),
            "{file} is not in the package"
        );
    }
}
