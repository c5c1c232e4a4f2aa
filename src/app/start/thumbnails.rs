//! Small pictures of the templates for the start screen's gallery: each drawn once per theme by
//! the export's own headless painting, on a thread, and kept as textures.

use crate::export::{self, Image};
use crate::model::Journey;
use egui::{ColorImage, Context, TextureHandle, TextureOptions};
use std::sync::mpsc::{Receiver, channel};

/// The pictures' width in pixels: a tile shows them 240 points wide, sharp on a 2× screen.
const WIDTH_PX: f32 = 480.0;

pub struct Thumbnails {
    /// The theme the pictures are (being) drawn in; None before the first frame.
    dark: Option<bool>,
    textures: Vec<Option<TextureHandle>>,
    /// Pictures still coming from the drawing thread, in template order.
    incoming: Option<Receiver<(usize, Image)>>,
}

impl Thumbnails {
    pub fn new(count: usize) -> Self {
        Self {
            dark: None,
            textures: vec![None; count],
            incoming: None,
        }
    }

    /// Takes the pictures drawn since the last frame, and starts drawing them all again when
    /// the theme has changed (the maps' colours follow it).
    pub fn poll(&mut self, ctx: &Context, journeys: &[Journey], dark: bool) {
        if self.dark != Some(dark) {
            self.dark = Some(dark);
            // Dropping the old receiver stops the old thread at its next picture.
            self.incoming = Some(draw(ctx, journeys.to_vec(), dark));
        }
        let Some(incoming) = &self.incoming else {
            return;
        };
        for (index, image) in incoming.try_iter() {
            let pixels = ColorImage::from_rgba_unmultiplied(
                [image.width as usize, image.height as usize],
                &image.rgba,
            );
            if let Some(slot) = self.textures.get_mut(index) {
                *slot = Some(ctx.load_texture(
                    format!("template picture {index}"),
                    pixels,
                    TextureOptions::LINEAR,
                ));
            }
        }
    }

    pub fn get(&self, index: usize) -> Option<&TextureHandle> {
        self.textures.get(index).and_then(Option::as_ref)
    }
}

/// Draws each journey's exported page on a thread; the window is woken for each picture.
fn draw(ctx: &Context, journeys: Vec<Journey>, dark: bool) -> Receiver<(usize, Image)> {
    let (send, receive) = channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        for (index, journey) in journeys.iter().enumerate() {
            match export::picture(journey, WIDTH_PX, dark) {
                Ok(image) => {
                    if send.send((index, image)).is_err() {
                        return;
                    }
                    ctx.request_repaint();
                }
                Err(e) => log::warn!("no picture of template {index}: {e}"),
            }
        }
    });
    receive
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_the_whole_exported_page_at_the_gallery_width() {
        let ctx = Context::default();
        let journey = crate::templates::sample();
        let (index, image) = draw(&ctx, vec![journey.clone()], true).recv().unwrap();
        assert_eq!(index, 0);
        let [width, height] = export::image_size(&journey, 1.0).unwrap();
        assert_eq!(image.width, WIDTH_PX as u32);
        let expected = (height as f32 * WIDTH_PX / width as f32).round() as u32;
        assert!(
            image.height.abs_diff(expected) <= 1,
            "{} vs {expected}",
            image.height
        );
    }
}
