//! Pure geometry: where every lane, column, card and emotion curve sits, in map units (points at
//! 100 % zoom, origin at the map's top-left corner). The canvas, hit-testing, the PNG export and
//! the tests all read the same layout, so they always agree.

mod ghosts;
mod rows;

pub use ghosts::GhostPlace;
pub use rows::{RowCell, RowLine, RowPlace};

use crate::model::Journey;
use egui::{Pos2, Rect, Vec2, pos2, vec2};
use std::collections::HashMap;

/// How much each card shows: the card grows to fit it, and layout, hit-testing and every
/// export follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Detail {
    /// Title, emotion and the pain mark only, for an overview of hundreds of cards.
    Compact,
    /// Channel, title, owner, votes and the pain-point marker.
    #[default]
    Standard,
    /// Also the notes, the pain point's text, the opportunity and the metrics.
    Detailed,
}

impl Detail {
    pub const ALL: [Detail; 3] = [Detail::Compact, Detail::Standard, Detail::Detailed];

    pub fn label(self) -> &'static str {
        match self {
            Detail::Compact => "Compact",
            Detail::Standard => "Standard",
            Detail::Detailed => "Detailed",
        }
    }

    /// The next level, round: what the key steps through.
    pub fn next(self) -> Detail {
        match self {
            Detail::Compact => Detail::Standard,
            Detail::Standard => Detail::Detailed,
            Detail::Detailed => Detail::Compact,
        }
    }

    /// A card's height at this level.
    fn card_height(self) -> f32 {
        match self {
            Detail::Compact => 60.0,
            Detail::Standard => 104.0,
            Detail::Detailed => 250.0,
        }
    }
}

/// How large the map's text is, for a room: at "projector", titles and secondary text of a
/// 5-stage map fitted to a 1080p screen are read from the back row. Columns keep their width
/// (wider columns would only fit smaller); cards and headers grow taller to hold the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Projector,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Projector];

    pub fn label(self) -> &'static str {
        match self {
            TextSize::Normal => "Normal",
            TextSize::Large => "Large",
            TextSize::Projector => "Projector",
        }
    }

    pub fn next(self) -> TextSize {
        match self {
            TextSize::Normal => TextSize::Large,
            TextSize::Large => TextSize::Projector,
            TextSize::Projector => TextSize::Normal,
        }
    }

    /// Text size over the normal size.
    pub fn scale(self) -> f32 {
        match self {
            TextSize::Normal => 1.0,
            TextSize::Large => 1.25,
            TextSize::Projector => 1.5,
        }
    }
}

/// Sizes of the map's parts at 100 % zoom.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub detail: Detail,
    pub lane_header_width: f32,
    /// With a line of description under the stage names.
    pub stage_header_height: f32,
    /// When no stage has a description: the names alone, no empty band under them.
    pub compact_stage_header_height: f32,
    pub column_width: f32,
    pub card_height: f32,
    pub card_gap: f32,
    pub cell_padding: f32,
    /// The strip under each lane's cards where its emotion curve runs.
    pub emotion_band_height: f32,
    /// A lane is never shorter than this many cards, so empty lanes still offer room to drop.
    pub min_cards_per_lane: usize,
    /// Stage rows: padding inside a cell, one line's height, the lines a cell shows before
    /// "+N more", the height of a collapsed row, and the size of their text.
    pub row_padding: f32,
    pub row_line_height: f32,
    pub row_max_lines: usize,
    pub row_collapsed_height: f32,
    pub row_font_size: f32,
    pub text_size: TextSize,
    /// Room for one more card in this cell (lane, column): a card being typed there pushes the
    /// emotion band down instead of covering it.
    pub open_slot: Option<(usize, usize)>,
}

impl Style {
    /// The default style with cards at `detail`.
    pub fn with_detail(detail: Detail) -> Self {
        Self::sized(detail, TextSize::Normal)
    }

    /// The default style with cards at `detail` and text at `text_size`: what holds text grows
    /// with it.
    pub fn sized(detail: Detail, text_size: TextSize) -> Self {
        let s = text_size.scale();
        let normal = Self::default();
        Self {
            detail,
            text_size,
            card_height: detail.card_height() * s,
            // Persona names grow less than the rest: every point of width costs the columns.
            lane_header_width: normal.lane_header_width * (1.0 + s) / 2.0,
            stage_header_height: normal.stage_header_height * s,
            compact_stage_header_height: normal.compact_stage_header_height * s,
            row_line_height: normal.row_line_height * s,
            row_collapsed_height: normal.row_collapsed_height * s,
            row_font_size: normal.row_font_size * s,
            ..normal
        }
    }

    /// How much larger than normal the text is drawn.
    pub fn text_scale(&self) -> f32 {
        self.text_size.scale()
    }
}

impl Default for Style {
    fn default() -> Self {
        Self {
            detail: Detail::Standard,
            lane_header_width: 210.0,
            stage_header_height: 78.0,
            compact_stage_header_height: 48.0,
            column_width: 250.0,
            card_height: 104.0,
            card_gap: 10.0,
            cell_padding: 12.0,
            emotion_band_height: 64.0,
            min_cards_per_lane: 1,
            row_padding: 8.0,
            row_line_height: 20.0,
            row_max_lines: 6,
            row_collapsed_height: 30.0,
            row_font_size: 13.0,
            text_size: TextSize::Normal,
            open_slot: None,
        }
    }
}

/// Where one card sits and which cell holds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardPlace {
    pub rect: Rect,
    pub lane: usize,
    pub column: usize,
    /// Its position within the cell's stack.
    pub slot: usize,
}

/// One point of a lane's emotion curve: the mean emotion of a cell's cards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    pub column: usize,
    pub pos: Pos2,
    pub mean: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub style: Style,
    /// The whole map, headers included.
    pub size: Vec2,
    /// Stage headers, left to right.
    pub stage_headers: Vec<Rect>,
    /// Persona headers, top to bottom; each spans its lane's full height.
    pub lane_headers: Vec<Rect>,
    /// The card area of each lane (without its header and emotion band), per lane.
    pub lanes: Vec<Rect>,
    /// The emotion band of each lane.
    pub emotion_bands: Vec<Rect>,
    /// Card places, in the order of `journey.touchpoints`.
    pub cards: Vec<CardPlace>,
    /// Emotion curves, per lane.
    pub curves: Vec<Vec<CurvePoint>>,
    /// Stage rows, in display order (those above the lanes first).
    pub rows: Vec<RowPlace>,
    /// Each card's index in the journey, by id (for the lines of stage rows).
    card_index: HashMap<crate::model::TouchpointId, usize>,
    /// Card indices of each cell in stack order, `lane * columns + column`.
    cells: Vec<Vec<usize>>,
    /// Removed cards shown where they were, in compare mode.
    pub ghosts: Vec<GhostPlace>,
}

impl Layout {
    pub fn new(journey: &Journey, style: &Style) -> Self {
        let columns = journey.stages.len();
        let lanes = journey.personas.len();
        let lane_of: HashMap<_, _> = journey
            .personas
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        let column_of: HashMap<_, _> = journey
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();

        let mut cells: Vec<Vec<usize>> = vec![Vec::new(); lanes * columns];
        for (index, t) in journey.touchpoints.iter().enumerate() {
            if let (Some(&l), Some(&c)) = (lane_of.get(&t.persona), column_of.get(&t.stage)) {
                cells[l * columns + c].push(index);
            }
        }

        let stack = |n: usize| {
            let n = n.max(style.min_cards_per_lane) as f32;
            2.0 * style.cell_padding + n * style.card_height + (n - 1.0).max(0.0) * style.card_gap
        };
        let x0 = style.lane_header_width;
        let widths: Vec<f32> = journey
            .stages
            .iter()
            .map(|s| s.width.unwrap_or(style.column_width))
            .collect();
        // Left edges of the columns, and the map's right edge last.
        let edges: Vec<f32> = std::iter::once(x0)
            .chain(widths.iter().scan(x0, |x, w| {
                *x += w;
                Some(*x)
            }))
            .collect();
        let column_x = |c: usize| edges[c];
        let width = edges[columns];

        let described = journey
            .stages
            .iter()
            .any(|s| !s.description.trim().is_empty());
        let header_height = if described {
            style.stage_header_height
        } else {
            style.compact_stage_header_height
        };
        let mut layout = Layout {
            // The style as this layout used it: its header row is as tall as drawn.
            style: Style {
                stage_header_height: header_height,
                ..style.clone()
            },
            cards: vec![
                CardPlace {
                    rect: Rect::NOTHING,
                    lane: 0,
                    column: 0,
                    slot: 0
                };
                journey.touchpoints.len()
            ],
            ..Default::default()
        };
        let summaries = crate::insight::summarise(journey);
        let (above, below): (Vec<_>, Vec<_>) = journey.rows.iter().partition(|r| r.above);
        let (rows_above, mut y) =
            rows::place(&above, journey, &summaries, &edges, header_height, style);
        layout.rows = rows_above;
        for lane in 0..lanes {
            let row = &cells[lane * columns..(lane + 1) * columns];
            let open = |column: usize| usize::from(style.open_slot == Some((lane, column)));
            let cards_height = row
                .iter()
                .enumerate()
                .map(|(column, c)| stack(c.len() + open(column)))
                .fold(stack(0), f32::max);
            let lane_rect = Rect::from_min_size(pos2(x0, y), vec2(width - x0, cards_height));
            let band = Rect::from_min_size(
                pos2(x0, y + cards_height),
                vec2(width - x0, style.emotion_band_height),
            );
            let full_height = cards_height + style.emotion_band_height;
            layout
                .lane_headers
                .push(Rect::from_min_size(pos2(0.0, y), vec2(x0, full_height)));

            let mut curve = Vec::new();
            for (column, cell) in row.iter().enumerate() {
                let left = column_x(column) + style.cell_padding;
                for (slot, &index) in cell.iter().enumerate() {
                    let top =
                        y + style.cell_padding + slot as f32 * (style.card_height + style.card_gap);
                    layout.cards[index] = CardPlace {
                        rect: Rect::from_min_size(
                            pos2(left, top),
                            vec2(widths[column] - 2.0 * style.cell_padding, style.card_height),
                        ),
                        lane,
                        column,
                        slot,
                    };
                }
                let emotions: Vec<f32> = cell
                    .iter()
                    .filter_map(|&i| journey.touchpoints[i].emotion)
                    .map(|e| f32::from(e.0))
                    .collect();
                if !emotions.is_empty() {
                    let mean = emotions.iter().sum::<f32>() / emotions.len() as f32;
                    curve.push(CurvePoint {
                        column,
                        pos: emotion_point(band, column_x(column) + widths[column] / 2.0, mean),
                        mean,
                    });
                }
            }
            layout.lanes.push(lane_rect);
            layout.emotion_bands.push(band);
            layout.curves.push(curve);
            y += full_height;
        }
        let (rows_below, y) = rows::place(&below, journey, &summaries, &edges, y, style);
        layout.rows.extend(rows_below);
        layout.card_index = journey
            .touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        layout.stage_headers = (0..columns)
            .map(|c| Rect::from_min_size(pos2(column_x(c), 0.0), vec2(widths[c], header_height)))
            .collect();
        layout.size = vec2(width, y);
        layout.cells = cells;
        layout
    }

    /// The stage row at a height of the map, by its index in `rows`.
    pub fn row_at(&self, y: f32) -> Option<usize> {
        self.rows.iter().position(|r| r.rect.y_range().contains(y))
    }

    /// The card a stage row's line under a map point comes from, by its index in the journey.
    pub fn row_line_at(&self, p: Pos2) -> Option<usize> {
        let row = &self.rows[self.row_at(p.y)?];
        let cell = row.cells.iter().find(|c| c.rect.contains(p))?;
        let line = cell.lines.iter().find(|l| l.rect.contains(p))?;
        let id = line.touchpoint?;
        self.card_index.get(&id).copied()
    }

    pub fn columns(&self) -> usize {
        self.stage_headers.len()
    }

    /// The rectangle of one cell (lane × column), card area only.
    pub fn cell_rect(&self, lane: usize, column: usize) -> Option<Rect> {
        let lane_rect = self.lanes.get(lane)?;
        let header = self.stage_headers.get(column)?;
        Some(Rect::from_x_y_ranges(header.x_range(), lane_rect.y_range()))
    }

    /// Card indices of a cell, in stack order.
    pub fn cell_cards(&self, lane: usize, column: usize) -> &[usize] {
        self.cells
            .get(lane * self.columns() + column)
            .filter(|_| column < self.columns())
            .map_or(&[], Vec::as_slice)
    }

    /// Card indices in the order the map reads: lane by lane (one persona's story at a time),
    /// each lane left to right through the stages, each cell top to bottom.
    pub fn map_order(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells.iter().flatten().copied()
    }

    /// Where the next card of a cell goes: under its last card.
    pub fn next_card_rect(&self, lane: usize, column: usize) -> Option<Rect> {
        let cell = self.cell_rect(lane, column)?;
        let s = &self.style;
        let count = self.stacked(lane, column) as f32;
        Some(Rect::from_min_size(
            cell.min
                + vec2(
                    s.cell_padding,
                    s.cell_padding + count * (s.card_height + s.card_gap),
                ),
            vec2(cell.width() - 2.0 * s.cell_padding, s.card_height),
        ))
    }

    /// The next card's place when it fits inside the cell as laid out (the tallest cell of a
    /// lane has no room left: new cards there make the lane grow).
    pub fn free_card_rect(&self, lane: usize, column: usize) -> Option<Rect> {
        let cell = self.cell_rect(lane, column)?;
        self.next_card_rect(lane, column)
            .filter(|r| cell.contains_rect(*r))
    }

    /// The cell under a map point: anywhere in a lane (emotion band included) and a column.
    pub fn cell_at(&self, p: Pos2) -> Option<(usize, usize)> {
        let column = self.column_at(p.x)?;
        let lane = self.lane_at(p.y)?;
        Some((lane, column))
    }

    pub fn column_at(&self, x: f32) -> Option<usize> {
        self.stage_headers
            .iter()
            .position(|r| r.x_range().contains(x))
    }

    pub fn lane_at(&self, y: f32) -> Option<usize> {
        self.lane_headers
            .iter()
            .position(|r| r.y_range().contains(y))
    }

    /// The topmost card under a map point. Cards never overlap, so a binary search of the cell
    /// would do, but cells are short: a scan of one cell is enough.
    pub fn card_at(&self, p: Pos2) -> Option<usize> {
        let (lane, column) = self.cell_at(p)?;
        self.cell_cards(lane, column)
            .iter()
            .copied()
            .find(|&i| self.cards[i].rect.contains(p))
    }

    /// Where a dragged stack would land in a cell: the stack position (counting only cards that
    /// stay) and the y of the insertion line. `skip` says which cards are being moved.
    pub fn insertion(
        &self,
        lane: usize,
        column: usize,
        y: f32,
        skip: impl Fn(usize) -> bool,
    ) -> (Option<usize>, f32) {
        let staying: Vec<usize> = self
            .cell_cards(lane, column)
            .iter()
            .copied()
            .filter(|&i| !skip(i))
            .collect();
        let before = staying
            .iter()
            .copied()
            .find(|&i| y < self.cards[i].rect.center().y);
        let half_gap = self.style.card_gap / 2.0;
        let line_y = match (before, staying.last()) {
            (Some(i), _) => self.cards[i].rect.top() - half_gap,
            (None, Some(&last)) => self.cards[last].rect.bottom() + half_gap,
            (None, None) => self
                .cell_rect(lane, column)
                .map_or(y, |r| r.top() + self.style.cell_padding / 2.0),
        };
        (before, line_y)
    }

    /// Card indices whose rectangles meet `area`, for painting and hit-testing only what is seen.
    pub fn cards_in(&self, area: Rect) -> impl Iterator<Item = usize> + '_ {
        let columns = self.columns();
        let first_column = self
            .stage_headers
            .iter()
            .position(|r| r.right() >= area.left())
            .unwrap_or(columns);
        let lanes: Vec<usize> = (0..self.lanes.len())
            .filter(|&l| {
                let lane = self.lane_headers[l];
                lane.top() <= area.bottom() && lane.bottom() >= area.top()
            })
            .collect();
        lanes.into_iter().flat_map(move |lane| {
            (first_column..columns)
                .take_while(move |&c| self.stage_headers[c].left() <= area.right())
                .flat_map(move |column| {
                    self.cell_cards(lane, column)
                        .iter()
                        .copied()
                        .filter(move |&i| self.cards[i].rect.intersects(area))
                })
        })
    }
}

/// Maps an emotion (-2..=2) to a point in the band: +2 at the top, -2 at the bottom.
pub fn emotion_point(band: Rect, x: f32, emotion: f32) -> Pos2 {
    let inner = band.shrink2(vec2(0.0, band.height() * 0.18));
    let t = (emotion + 2.0) / 4.0;
    pos2(x, inner.bottom() - t * inner.height())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_in_finds_cards_whatever_part_of_the_map_is_in_view() {
        let journey = crate::templates::sample();
        let layout = Layout::new(&journey, &Style::default());
        let all: Vec<usize> = layout
            .cards_in(Rect::from_min_size(Pos2::ZERO, layout.size))
            .collect();
        assert_eq!(all.len(), journey.touchpoints.len());
        // Only the last column, far right of the lane headers: its cards and no others.
        let last = layout.stage_headers.last().unwrap().x_range();
        let area = Rect::from_x_y_ranges(last, 0.0..=layout.size.y);
        let seen: Vec<usize> = layout.cards_in(area).collect();
        let expected: Vec<usize> = (0..journey.touchpoints.len())
            .filter(|&i| layout.cards[i].column == layout.columns() - 1)
            .collect();
        let mut seen_sorted = seen.clone();
        seen_sorted.sort_unstable();
        assert_eq!(seen_sorted, expected);
        assert!(!seen.is_empty());
    }

    #[test]
    fn map_order_follows_lanes_then_columns_then_the_stack_not_the_file() {
        let mut journey = crate::templates::sample();
        // The last stage first, and the last persona first: the file order no longer matches.
        journey.stages.rotate_right(1);
        journey.personas.reverse();
        let layout = Layout::new(&journey, &Style::default());
        let order: Vec<usize> = layout.map_order().collect();
        assert_eq!(order.len(), journey.touchpoints.len());
        let places: Vec<(usize, usize, usize)> = order
            .iter()
            .map(|&i| {
                let p = layout.cards[i];
                (p.lane, p.column, p.slot)
            })
            .collect();
        let mut sorted = places.clone();
        sorted.sort_unstable();
        assert_eq!(places, sorted);
        assert_ne!(order, (0..journey.touchpoints.len()).collect::<Vec<_>>());
    }

    #[test]
    fn the_stage_header_row_is_short_when_no_stage_has_a_description() {
        let style = Style::default();
        let mut journey = crate::templates::find("blank").unwrap().journey().unwrap();
        let short = Layout::new(&journey, &style);
        assert_eq!(
            short.stage_headers[0].height(),
            style.compact_stage_header_height
        );
        assert_eq!(short.lanes[0].top(), style.compact_stage_header_height);
        journey.stages[1].description = "Signs up".into();
        let tall = Layout::new(&journey, &style);
        assert_eq!(tall.stage_headers[0].height(), style.stage_header_height);
        assert_eq!(tall.style.stage_header_height, style.stage_header_height);
        assert!(tall.size.y > short.size.y);
    }

    #[test]
    fn every_card_sits_inside_its_cell_and_cells_stack_without_overlap() {
        let journey = crate::templates::sample();
        let layout = Layout::new(&journey, &Style::default());
        for (i, place) in layout.cards.iter().enumerate() {
            let cell = layout.cell_rect(place.lane, place.column).unwrap();
            assert!(cell.contains_rect(place.rect), "card {i}");
            assert_eq!(layout.card_at(place.rect.center()), Some(i));
        }
    }
}
