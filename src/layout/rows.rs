//! Where each stage row and its lines sit. A derived row's lines come from the cards (through
//! `insight`) every time the layout is made, so they are always in step with them; a cell shows
//! at most [`Style::row_max_lines`] lines and then "+N more".

use super::Style;
use crate::insight::StageSummary;
use crate::model::{Channel, Journey, PersonaId, RowId, RowKind, StageRow, TouchpointId, number};
use egui::{Pos2, Rect, pos2, vec2};

/// One stage row as laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct RowPlace {
    pub id: RowId,
    pub kind: RowKind,
    /// The whole row, header included.
    pub rect: Rect,
    /// The row's name, left of the stage columns.
    pub header: Rect,
    pub collapsed: bool,
    /// One per stage column (none when collapsed).
    pub cells: Vec<RowCell>,
    /// Every persona's emotion curve (the emotion row only).
    pub curves: Vec<(PersonaId, Vec<Pos2>)>,
}

/// One stage's cell of a row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowCell {
    pub rect: Rect,
    pub lines: Vec<RowLine>,
    /// Lines that did not fit.
    pub more: usize,
}

/// One line of a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct RowLine {
    pub rect: Rect,
    pub text: String,
    /// Right-aligned: votes, counts, n.
    pub detail: String,
    /// Drawn as a coloured dot before the text.
    pub persona: Option<PersonaId>,
    /// The card the line comes from; clicking the line shows it.
    pub touchpoint: Option<TouchpointId>,
    pub channel: Option<Channel>,
    /// A metric line's metric, by its lower-case name (compare mode shows its change).
    pub metric: Option<String>,
    /// A metric that misses its target.
    pub missed: bool,
    /// A metric's place between its lowest and highest stage mean, 0 to 1, for its trend bar.
    pub bar: Option<f32>,
}

impl Default for RowLine {
    fn default() -> Self {
        Self {
            rect: Rect::NOTHING,
            text: String::new(),
            detail: String::new(),
            persona: None,
            touchpoint: None,
            channel: None,
            metric: None,
            missed: false,
            bar: None,
        }
    }
}

/// Lays out `rows` from the top edge `y`, across the columns whose left edges are `edges` (the
/// map's right edge last). Returns the places and the y below the last row.
pub fn place(
    rows: &[&StageRow],
    journey: &Journey,
    summaries: &[StageSummary<'_>],
    edges: &[f32],
    mut y: f32,
    style: &Style,
) -> (Vec<RowPlace>, f32) {
    let places = rows
        .iter()
        .map(|row| {
            let place = place_row(row, journey, summaries, edges, y, style);
            y = place.rect.bottom();
            place
        })
        .collect();
    (places, y)
}

fn place_row(
    row: &StageRow,
    journey: &Journey,
    summaries: &[StageSummary<'_>],
    edges: &[f32],
    top: f32,
    style: &Style,
) -> RowPlace {
    let x0 = style.lane_header_width;
    let right = edges.last().copied().unwrap_or(x0);
    let pad = style.row_padding;
    let line_h = style.row_line_height;
    let mut cells: Vec<RowCell> = Vec::new();
    if !row.collapsed {
        let trends = metric_ranges(summaries);
        for (c, s) in summaries.iter().enumerate() {
            let width = edges[c + 1] - edges[c] - 2.0 * pad;
            let lines = lines_of(row, journey, s, &trends, width, style);
            let shown = lines.len().min(style.row_max_lines);
            // The last line makes way for "+N more" when some do not fit; a text block is cut
            // with an ellipsis instead.
            let keep = if lines.len() > shown && row.kind != RowKind::Text {
                shown - 1
            } else {
                shown
            };
            let more = if row.kind == RowKind::Text {
                0
            } else {
                lines.len() - keep
            };
            cells.push(RowCell {
                rect: Rect::NOTHING,
                lines: lines.into_iter().take(keep).collect(),
                more,
            });
        }
    }
    let most = cells
        .iter()
        .map(|c| c.lines.len() + usize::from(c.more > 0))
        .max()
        .unwrap_or(0);
    let height = match (row.collapsed, row.kind) {
        (true, _) => style.row_collapsed_height,
        (false, RowKind::Emotions) => style.emotion_band_height,
        (false, _) => 2.0 * pad + most.max(1) as f32 * line_h,
    };
    let rect = Rect::from_min_max(pos2(0.0, top), pos2(right, top + height));
    for (c, cell) in cells.iter_mut().enumerate() {
        cell.rect = Rect::from_min_max(pos2(edges[c], top), pos2(edges[c + 1], top + height));
        for (i, line) in cell.lines.iter_mut().enumerate() {
            line.rect = Rect::from_min_size(
                pos2(edges[c] + pad, top + pad + i as f32 * line_h),
                vec2(edges[c + 1] - edges[c] - 2.0 * pad, line_h),
            );
        }
        if row.kind == RowKind::Text
            && let Some(line) = cell.lines.first_mut()
        {
            // A text cell is one block that wraps over the whole cell.
            line.rect = cell.rect.shrink(pad);
        }
    }
    let curves = if row.kind == RowKind::Emotions && !row.collapsed {
        emotion_curves(journey, summaries, &cells)
    } else {
        Vec::new()
    };
    RowPlace {
        id: row.id,
        kind: row.kind,
        rect,
        header: Rect::from_min_max(pos2(0.0, top), pos2(x0, top + height)),
        collapsed: row.collapsed,
        cells,
        curves,
    }
}

/// Each metric's lowest and highest stage mean, by lower-case name.
fn metric_ranges(summaries: &[StageSummary<'_>]) -> Vec<(String, f64, f64)> {
    let mut ranges: Vec<(String, f64, f64)> = Vec::new();
    for m in summaries.iter().flat_map(|s| &s.metrics) {
        let key = m.name.to_lowercase();
        match ranges.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, lo, hi)) => {
                *lo = lo.min(m.mean);
                *hi = hi.max(m.mean);
            }
            None => ranges.push((key, m.mean, m.mean)),
        }
    }
    ranges
}

/// Every line a row shows for one stage, before any are cut.
fn lines_of(
    row: &StageRow,
    journey: &Journey,
    s: &StageSummary<'_>,
    ranges: &[(String, f64, f64)],
    width: f32,
    style: &Style,
) -> Vec<RowLine> {
    let votes = |v: u32| {
        if v > 0 {
            format!("▲{v}")
        } else {
            String::new()
        }
    };
    match row.kind {
        RowKind::PainPoints | RowKind::Opportunities => {
            let lines = if row.kind == RowKind::PainPoints {
                &s.pain_points
            } else {
                &s.opportunities
            };
            lines
                .iter()
                .map(|l| RowLine {
                    text: l.text.to_owned(),
                    detail: votes(l.votes),
                    persona: Some(l.persona),
                    touchpoint: Some(l.touchpoint),
                    ..RowLine::default()
                })
                .collect()
        }
        RowKind::Metrics => s
            .metrics
            .iter()
            .map(|m| {
                let bar = ranges
                    .iter()
                    .find(|(k, _, _)| *k == m.name.to_lowercase())
                    .map(|&(_, lo, hi)| {
                        if hi > lo {
                            ((m.mean - lo) / (hi - lo)) as f32
                        } else {
                            1.0
                        }
                    });
                RowLine {
                    text: format!("{} {}", m.name, number(m.mean, m.unit)),
                    detail: format!("n={}", m.n),
                    metric: Some(m.name.to_lowercase()),
                    missed: m.misses_target(),
                    bar,
                    ..RowLine::default()
                }
            })
            .collect(),
        RowKind::Owners => s
            .owners
            .iter()
            .map(|o| RowLine {
                text: o.owner.to_owned(),
                detail: match o.pain_points {
                    0 => format!("{} cards", o.cards),
                    p => format!("{} cards · {p} pain", o.cards),
                }
                .replace("1 cards", "1 card"),
                ..RowLine::default()
            })
            .collect(),
        RowKind::Channels => {
            let mut lines: Vec<RowLine> = s
                .channels
                .iter()
                .map(|c| RowLine {
                    text: c.channel.label().to_owned(),
                    detail: format!("×{}", c.cards),
                    channel: Some(c.channel.clone()),
                    ..RowLine::default()
                })
                .collect();
            if s.digital + s.physical > 0 {
                lines.push(RowLine {
                    text: format!("Digital {} · physical {}", s.digital, s.physical),
                    ..RowLine::default()
                });
            }
            lines
        }
        RowKind::Emotions => Vec::new(),
        RowKind::Text => {
            let stage = journey.stages.get(s.column).map(|st| st.id);
            let text = stage.map_or("", |id| row.text(id));
            if text.is_empty() {
                return Vec::new();
            }
            // Lines the text takes at about half an em a character; each is one line slot.
            let per_line = (width / (style.row_font_size * 0.5)).max(1.0) as usize;
            let count: usize = text
                .split('\n')
                .map(|p| p.chars().count().div_ceil(per_line).max(1))
                .sum();
            let first = RowLine {
                text: text.to_owned(),
                ..RowLine::default()
            };
            // The block is drawn once; the others only hold its lines' room.
            std::iter::once(first)
                .chain(std::iter::repeat_n(
                    RowLine::default(),
                    count.saturating_sub(1),
                ))
                .collect()
        }
    }
}

/// Each persona's curve across the row's cells: its mean emotion per stage.
fn emotion_curves(
    journey: &Journey,
    summaries: &[StageSummary<'_>],
    cells: &[RowCell],
) -> Vec<(PersonaId, Vec<Pos2>)> {
    journey
        .personas
        .iter()
        .enumerate()
        .map(|(lane, p)| {
            let points = summaries
                .iter()
                .zip(cells)
                .filter_map(|(s, cell)| {
                    let mean = (*s.emotions.get(lane)?)?;
                    Some(super::emotion_point(cell.rect, cell.rect.center().x, mean))
                })
                .collect();
            (p.id, points)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::layout::{Layout, Style};
    use crate::model::{RowId, RowKind, StageRow};

    #[test]
    fn a_full_cell_shows_its_first_lines_then_how_many_more() {
        let mut j = crate::templates::sample();
        let stage = j.stages[0].id;
        for t in j.touchpoints.iter_mut().take(9) {
            t.stage = stage;
            t.pain_point = Some(format!("Pain of {}", t.title));
        }
        j.rows = vec![StageRow::new(RowId(1), RowKind::PainPoints)];
        let style = Style::default();
        let layout = Layout::new(&j, &style);
        let cell = &layout.rows[0].cells[0];
        // Six line slots: five lines, then "+4 more".
        assert_eq!((cell.lines.len(), cell.more), (style.row_max_lines - 1, 4));
        let row = &layout.rows[0];
        let slots = style.row_max_lines as f32;
        assert_eq!(
            row.rect.height(),
            2.0 * style.row_padding + slots * style.row_line_height
        );
        // A collapsed row is its header only.
        j.rows[0].collapsed = true;
        let folded = Layout::new(&j, &style);
        assert!(folded.rows[0].cells.is_empty());
        assert_eq!(folded.rows[0].rect.height(), style.row_collapsed_height);
    }
}
