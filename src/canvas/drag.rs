//! Dragging: cards to any cell and position, headers to reorder, the map to pan, a band to select.

use super::{Canvas, Hit, Selection};
use crate::document::Document;
use crate::edit::{self, Edit, MergeKey, Slot};
use crate::layout::Layout;
use crate::model::{Journey, Stage, TouchpointId};
use crate::render::{CardLook, Palette, paint_card};
use egui::{Key, Painter, Pos2, Rect, Stroke, StrokeKind, Ui, Vec2, pos2, vec2};

/// How close to the canvas edge (points) a drag must come to scroll the map, and how fast.
const EDGE: f32 = 48.0;
const EDGE_SPEED: f32 = 900.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// Cards moving together; `grab` is the pointer's offset from the first card, in map units.
    Cards {
        ids: Vec<TouchpointId>,
        grab: Vec2,
        target: Option<Slot>,
    },
    Stage {
        from: usize,
        to: usize,
    },
    Persona {
        from: usize,
        to: usize,
    },
    /// A stage row, by its index in the layout's rows, to the place of another (which may be on
    /// the other side of the lanes).
    Row {
        from: usize,
        to: usize,
    },
    /// A column's edge; the width changes live, as one undo step.
    ColumnWidth {
        column: usize,
        /// Whether the drag has changed the width yet (Escape then undoes it).
        changed: bool,
    },
    Pan,
    /// A rubber band from `start` (map units) to the pointer.
    Band {
        start: Pos2,
    },
}

impl Drag {
    /// Decides what a press on `under`, at map point `p`, drags.
    pub fn start(
        under: Hit,
        p: Pos2,
        shift: bool,
        journey: &Journey,
        layout: &Layout,
        selection: &mut Selection,
    ) -> Option<Drag> {
        Some(match under {
            Hit::Card(i) => {
                let id = journey.touchpoints[i].id;
                if !selection.contains_card(id) {
                    *selection = Selection::Cards(vec![id]);
                }
                // Move in map order, so the stack keeps its order wherever it lands.
                let picked: std::collections::HashSet<_> = selection.cards().iter().collect();
                let ids: Vec<TouchpointId> = journey
                    .touchpoints
                    .iter()
                    .filter(|t| picked.contains(&t.id))
                    .map(|t| t.id)
                    .collect();
                Drag::Cards {
                    grab: p - layout.cards[i].rect.min,
                    ids,
                    target: None,
                }
            }
            Hit::StageHeader(i) => Drag::Stage { from: i, to: i },
            Hit::StageEdge(column) => Drag::ColumnWidth {
                column,
                changed: false,
            },
            Hit::PersonaHeader(i) => Drag::Persona { from: i, to: i },
            Hit::RowHeader(i) => Drag::Row { from: i, to: i },
            _ if shift => Drag::Band { start: p },
            _ => Drag::Pan,
        })
    }
}

/// Follows the pointer; drops on release; Escape cancels.
pub fn update(canvas: &mut Canvas, ui: &Ui, doc: &mut Document, selection: &mut Selection) {
    if canvas.drag.is_none() {
        return;
    }
    let (pointer, delta, released, down, escape, dt) = ui.input(|i| {
        (
            i.pointer.latest_pos(),
            i.pointer.delta(),
            i.pointer.primary_released(),
            i.pointer.primary_down(),
            i.key_pressed(Key::Escape),
            i.stable_dt.min(0.1),
        )
    });
    if escape {
        canvas.cancel_drag(doc);
        return;
    }
    let Some(pointer) = pointer.or(canvas.last_pointer) else {
        return;
    };
    canvas.last_pointer = Some(pointer);
    if canvas.drag == Some(Drag::Pan) {
        canvas.camera.pan += delta;
    } else {
        // Near an edge, the map scrolls under the pointer.
        let r = canvas.rect;
        let push = |p: f32, lo: f32, hi: f32| {
            if p < lo + EDGE {
                ((lo + EDGE - p) / EDGE).min(1.0)
            } else if p > hi - EDGE {
                -((p - (hi - EDGE)) / EDGE).min(1.0)
            } else {
                0.0
            }
        };
        // Headers scroll only along their own axis: a stage header sits at the top edge.
        let (along_x, along_y) = match canvas.drag {
            Some(Drag::Stage { .. }) => (1.0, 0.0),
            // The edge follows the pointer; a map scrolling under it would run away with it.
            Some(Drag::ColumnWidth { .. }) => (0.0, 0.0),
            Some(Drag::Persona { .. } | Drag::Row { .. }) => (0.0, 1.0),
            _ => (1.0, 1.0),
        };
        let scroll = vec2(
            along_x * push(pointer.x, r.left(), r.right()),
            along_y * push(pointer.y, r.top(), r.bottom()),
        );
        if scroll != Vec2::ZERO && r.contains(pointer) {
            canvas.camera.pan += scroll * EDGE_SPEED * dt;
            ui.ctx().request_repaint();
        }
    }
    let p = canvas.view().to_map(pointer);
    if let Some(Drag::ColumnWidth { column, changed }) = canvas.drag.as_mut() {
        let (journey, layout) = doc.journey_and_layout();
        if let Some((edit, key)) = column_width_edit(journey, layout, *column, p.x) {
            if !*changed {
                // A drag is its own undo step, whatever came just before.
                doc.history.seal();
            }
            *changed = true;
            if let Err(e) = doc.apply_merging(edit, key) {
                log::error!("column width refused: {e}");
            }
        }
    }
    let (journey, layout) = doc.journey_and_layout();
    let Some(drag) = canvas.drag.as_mut() else {
        return;
    };
    match drag {
        Drag::Cards { ids, target, .. } => *target = slot_at(journey, layout, p, ids),
        Drag::Stage { to, .. } => {
            *to = nearest(layout.stage_headers.iter().map(|r| r.center().x), p.x)
        }
        Drag::Persona { to, .. } => {
            *to = nearest(layout.lane_headers.iter().map(|r| r.center().y), p.y)
        }
        Drag::Row { to, .. } => *to = nearest(layout.rows.iter().map(|r| r.rect.center().y), p.y),
        Drag::Pan | Drag::Band { .. } | Drag::ColumnWidth { .. } => {}
    }
    if !released && down {
        return;
    }
    let Some(drag) = canvas.drag.take() else {
        return;
    };
    let resized = matches!(drag, Drag::ColumnWidth { .. });
    let edit = match drag {
        Drag::Cards {
            ids,
            target: Some(slot),
            ..
        } => edit::move_touchpoints(journey, &ids, slot),
        Drag::Stage { from, to } if from != to => Some(Edit::MoveStage { from, to }),
        Drag::Persona { from, to } if from != to => Some(Edit::MovePersona { from, to }),
        Drag::Row { from, to } if from != to => {
            match (layout.rows.get(from), layout.rows.get(to)) {
                (Some(a), Some(b)) => edit::place_row(journey, a.id, b.id),
                _ => None,
            }
        }
        Drag::Band { start } => {
            let band = Rect::from_two_pos(start, p);
            let picked: Vec<TouchpointId> = layout
                .cards_in(band)
                .map(|i| journey.touchpoints[i].id)
                .collect();
            *selection = if picked.is_empty() {
                Selection::Nothing
            } else {
                Selection::Cards(picked)
            };
            None
        }
        _ => None,
    };
    if let Some(edit) = edit
        && let Err(e) = doc.apply(edit)
    {
        log::error!("drop refused: {e}");
    }
    if resized {
        // The next drag of the same edge is an undo step of its own.
        doc.history.seal();
    }
}

/// Sets column `column`'s width so that its right edge follows map x `x` (within the widths a
/// column can have), with the merge key that makes a whole drag one undo step; None when that
/// changes nothing.
fn column_width_edit(
    journey: &Journey,
    layout: &Layout,
    column: usize,
    x: f32,
) -> Option<(Edit, MergeKey)> {
    let header = layout.stage_headers.get(column)?;
    let stage = journey.stages.get(column)?;
    let (min, max) = (*Stage::WIDTHS.start(), *Stage::WIDTHS.end());
    let width = (x - header.left()).clamp(min, max).round();
    if header.width() == width {
        return None;
    }
    let edit = edit::update_stage(
        journey,
        Stage {
            width: Some(width),
            ..stage.clone()
        },
    )?;
    let key = MergeKey {
        field: "column width",
        item: u64::from(stage.id.0),
    };
    Some((edit, key))
}

/// The slot under map point `p` for the cards being moved; None outside every cell.
fn slot_at(journey: &Journey, layout: &Layout, p: Pos2, moving: &[TouchpointId]) -> Option<Slot> {
    let (lane, column) = layout.cell_at(p)?;
    let (before, _) = layout.insertion(lane, column, p.y, |i| {
        moving.contains(&journey.touchpoints[i].id)
    });
    Some(Slot {
        persona: journey.personas[lane].id,
        stage: journey.stages[column].id,
        before: before.map(|i| journey.touchpoints[i].id),
    })
}

/// The index of the centre closest to `x`.
fn nearest(centres: impl Iterator<Item = f32>, x: f32) -> usize {
    centres
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(i, _)| i)
}

/// Paints what a drag shows: the insertion line, the cards under the pointer, the target column
/// or lane, the rubber band.
pub fn paint(canvas: &Canvas, ui: &Ui, painter: &Painter, doc: &mut Document, palette: &Palette) {
    let (Some(drag), Some(pointer)) = (&canvas.drag, ui.input(|i| i.pointer.latest_pos())) else {
        return;
    };
    let view = canvas.view();
    let z = view.zoom;
    let (journey, layout) = doc.journey_and_layout();
    let accent = Stroke::new(3.0, palette.accent);
    match drag {
        Drag::Cards { ids, grab, target } => {
            if let Some(slot) = target
                && let (Some(lane), Some(column)) = (
                    journey.persona_index(slot.persona),
                    journey.stage_index(slot.stage),
                )
            {
                let (_, y) = layout.insertion(lane, column, view.to_map(pointer).y, |i| {
                    ids.contains(&journey.touchpoints[i].id)
                });
                if let Some(cell) = layout.cell_rect(lane, column) {
                    let cell = view.to_screen_rect(cell);
                    painter.rect_stroke(
                        cell.shrink(2.0),
                        6.0,
                        Stroke::new(1.5, palette.hover),
                        StrokeKind::Inside,
                    );
                    let y = view.to_screen(pos2(0.0, y)).y;
                    let x = cell.x_range().shrink(8.0 * z);
                    painter.hline(x, y, accent);
                    painter.circle_filled(pos2(x.min, y), 4.0, palette.accent);
                    painter.circle_filled(pos2(x.max, y), 4.0, palette.accent);
                }
            }
            // The moving stack follows the pointer at the current zoom, each card as wide as
            // its column makes it.
            let top_left = pointer - *grab * z;
            for (n, id) in ids.iter().enumerate().take(5) {
                if let Some(i) = journey.touchpoint_index(*id) {
                    let t = &journey.touchpoints[i];
                    let offset = vec2(6.0, 6.0) * n as f32 * z;
                    let rect =
                        Rect::from_min_size(top_left + offset, layout.cards[i].rect.size() * z);
                    paint_card(
                        painter,
                        t,
                        rect,
                        z,
                        palette,
                        CardLook {
                            selected: true,
                            detail: layout.style.detail,
                            text_size: layout.style.text_size,
                            ..Default::default()
                        },
                    );
                }
            }
        }
        Drag::ColumnWidth { column, .. } => {
            if let Some(header) = layout.stage_headers.get(*column) {
                let top = view.to_screen(header.right_top());
                let bottom = view.to_screen(pos2(header.right(), layout.size.y)).y;
                painter.vline(top.x, top.y..=bottom, accent);
                painter.text(
                    top + vec2(-8.0, 8.0),
                    egui::Align2::RIGHT_TOP,
                    format!("{:.0}", header.width()),
                    egui::FontId::proportional(13.0),
                    palette.accent,
                );
            }
        }
        Drag::Stage { from, to } => {
            if let (Some(a), Some(b)) = (
                layout.stage_headers.get(*from),
                layout.stage_headers.get(*to),
            ) {
                let x = if to > from { b.right() } else { b.left() };
                let top = view.to_screen(pos2(x, 0.0));
                painter.vline(
                    top.x,
                    top.y..=view.to_screen(pos2(x, layout.size.y)).y,
                    accent,
                );
                painter.rect_filled(
                    view.to_screen_rect(*a),
                    0.0,
                    palette.hover.gamma_multiply(0.35),
                );
            }
        }
        Drag::Persona { from, to } => {
            if let (Some(a), Some(b)) =
                (layout.lane_headers.get(*from), layout.lane_headers.get(*to))
            {
                let y = if to > from { b.bottom() } else { b.top() };
                let left = view.to_screen(pos2(0.0, y));
                painter.hline(
                    left.x..=view.to_screen(pos2(layout.size.x, y)).x,
                    left.y,
                    accent,
                );
                painter.rect_filled(
                    view.to_screen_rect(*a),
                    0.0,
                    palette.hover.gamma_multiply(0.35),
                );
            }
        }
        Drag::Row { from, to } => {
            if let (Some(a), Some(b)) = (layout.rows.get(*from), layout.rows.get(*to)) {
                let y = if to > from {
                    b.rect.bottom()
                } else {
                    b.rect.top()
                };
                let left = view.to_screen(pos2(0.0, y));
                painter.hline(
                    left.x..=view.to_screen(pos2(layout.size.x, y)).x,
                    left.y,
                    accent,
                );
                painter.rect_filled(
                    view.to_screen_rect(a.header),
                    0.0,
                    palette.hover.gamma_multiply(0.35),
                );
            }
        }
        Drag::Band { start } => {
            let band = Rect::from_two_pos(view.to_screen(*start), pointer);
            painter.rect_filled(band, 2.0, palette.accent.gamma_multiply(0.12));
            painter.rect_stroke(
                band,
                2.0,
                Stroke::new(1.0, palette.accent),
                StrokeKind::Inside,
            );
        }
        Drag::Pan => {}
    }
}
