//! Which font face drew each character of the picture, so that the SVG can name it and the PDF
//! can embed it. egui shapes text with a chain of faces per family (its own fonts, then the
//! system's found on demand); a character comes from the first face of the chain that has it,
//! and this walks the same chain after the page was painted.

use egui::FontFamily;
use egui::epaint::text::{FontData, FontPriority};
use skrifa::{FontRef, MetadataProvider};
use std::collections::HashMap;
use std::sync::Arc;

/// One font face: its bytes and what to call it.
pub struct Face {
    /// egui's name for it: "Ubuntu-Light", or "system:Noto Sans CJK SC:…" for a system font.
    pub name: String,
    pub data: Arc<FontData>,
}

impl Face {
    pub fn bytes(&self) -> &[u8] {
        (*self.data.font).as_ref()
    }

    /// The family name a browser knows it by, best first, for CSS.
    pub fn css_families(&self) -> Vec<String> {
        match self.name.strip_prefix("system:") {
            Some(rest) => vec![rest.split(':').next().unwrap_or(rest).to_owned()],
            None => match self.name.as_str() {
                "Ubuntu-Light" => vec!["Ubuntu Light".into(), "Ubuntu".into()],
                "Hack" => vec!["Hack".into()],
                // egui's monochrome emoji and icon fonts: the system's emoji stand in.
                _ => vec!["Noto Emoji".into(), "Noto Color Emoji".into()],
            },
        }
    }
}

/// A character as drawn: the face (an index into [`Faces::faces`]) and its glyph there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drawn {
    pub face: usize,
    pub glyph: u16,
}

/// The faces of every family egui drew with, and which one drew each character.
pub struct Faces {
    pub faces: Vec<Face>,
    chains: HashMap<FontFamily, Vec<usize>>,
    looked_up: HashMap<(FontFamily, char), Option<Drawn>>,
}

impl Faces {
    /// The font chains of `ctx` as they stand after painting (system faces are added to a chain
    /// when a character first needs one).
    pub fn of(ctx: &egui::Context) -> Self {
        ctx.fonts(|fonts| {
            let definitions = fonts.definitions();
            let mut faces: Vec<Face> = Vec::new();
            let mut index_of = HashMap::new();
            let mut add = |name: &str, data: &Arc<FontData>, faces: &mut Vec<Face>| {
                *index_of.entry(name.to_owned()).or_insert_with(|| {
                    faces.push(Face {
                        name: name.to_owned(),
                        data: data.clone(),
                    });
                    faces.len() - 1
                })
            };
            let mut chains: HashMap<FontFamily, Vec<usize>> = HashMap::new();
            for (family, names) in &definitions.families {
                let chain = names
                    .iter()
                    .filter_map(|name| {
                        let data = definitions.font_data.get(name)?;
                        Some(add(name, data, &mut faces))
                    })
                    .collect();
                chains.insert(family.clone(), chain);
            }
            for insert in fonts.discovered_fonts() {
                let data = Arc::new(insert.data.clone());
                let face = add(&insert.name, &data, &mut faces);
                for place in &insert.families {
                    let chain = chains.entry(place.family.clone()).or_default();
                    match place.priority {
                        FontPriority::Highest => chain.insert(0, face),
                        FontPriority::Lowest => chain.push(face),
                    }
                }
            }
            Self {
                faces,
                chains,
                looked_up: HashMap::new(),
            }
        })
    }

    /// The face and glyph that show `c` in `family`, as egui chose them: the first face of the
    /// chain that has it. None when no face has it (egui then drew a box).
    pub fn drawn(&mut self, family: &FontFamily, c: char) -> Option<Drawn> {
        if let Some(found) = self.looked_up.get(&(family.clone(), c)) {
            return *found;
        }
        let found = self.chains.get(family).and_then(|chain| {
            chain.iter().find_map(|&face| {
                let data = &self.faces[face].data;
                let font = FontRef::from_index((*data.font).as_ref(), data.index).ok()?;
                let glyph = font.charmap().map(c)?;
                Some(Drawn {
                    face,
                    glyph: u16::try_from(glyph.to_u32()).ok()?,
                })
            })
        });
        self.looked_up.insert((family.clone(), c), found);
        found
    }

    /// The advance of a glyph in its face at `size` points, from the font's own metrics.
    pub fn advance(&self, drawn: Drawn, size: f32) -> Option<f32> {
        let data = &self.faces.get(drawn.face)?.data;
        let font = FontRef::from_index((*data.font).as_ref(), data.index).ok()?;
        font.glyph_metrics(
            skrifa::instance::Size::new(size),
            skrifa::instance::LocationRef::default(),
        )
        .advance_width(skrifa::GlyphId::new(u32::from(drawn.glyph)))
    }
}
