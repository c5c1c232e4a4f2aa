//! The app's icon: every PNG size is the SVG source drawn at that size, and the icon the window
//! shows decodes.
//!
//! After changing assets/journeymap.svg, write the PNGs again with
//! `UPDATE_ICONS=1 cargo test --release --test icon` and look at them.

use std::path::PathBuf;

const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn png_path(size: u32) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "assets/icons/hicolor/{size}x{size}/apps/journeymap.png"
    ))
}

/// The SVG drawn by resvg at `size` × `size`, as straight (not premultiplied) RGBA.
fn draw_svg(size: u32) -> Vec<u8> {
    let svg =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/journeymap.svg"))
            .unwrap();
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default()).unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).unwrap();
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect()
}

#[test]
fn every_png_is_the_svg_at_its_size() {
    let update = std::env::var_os("UPDATE_ICONS").is_some();
    for size in SIZES {
        let drawn = draw_svg(size);
        let path = png_path(size);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            image::save_buffer(&path, &drawn, size, size, image::ExtendedColorType::Rgba8).unwrap();
        }
        let stored = image::open(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (write it with UPDATE_ICONS=1)", path.display()))
            .into_rgba8();
        assert_eq!(stored.dimensions(), (size, size), "{}", path.display());
        let worst = stored
            .as_raw()
            .iter()
            .zip(&drawn)
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap_or(0);
        assert!(
            worst <= 2,
            "{} differs from the SVG by {worst}: write it again with UPDATE_ICONS=1",
            path.display()
        );
    }
}

#[test]
fn the_window_icon_decodes_to_the_256_px_picture() {
    let icon = journeymap::app::icon::icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    let pixel = |x: usize, y: usize| &icon.rgba[(y * 256 + x) * 4..][..4];
    // Transparent corners around the rounded tile; an opaque tile in the middle.
    assert_eq!(pixel(0, 0)[3], 0);
    assert_eq!(pixel(128, 20)[3], 255);
}
