//! A journey as a Mermaid journey diagram: a section per stage, a task per card title, with the
//! actors whose lanes hold that card. Text Mermaid's grammar cannot hold (`:` `#` `;` and line
//! breaks in names, `,` in actors) is replaced, and the caller told how many names changed.

use crate::io::import::DEFAULT_STAGE;
use crate::model::{Journey, PersonaId};

/// The diagram, and how many names had to change to fit Mermaid's grammar.
pub fn to_mermaid(journey: &Journey) -> (String, usize) {
    let mut changed = 0;
    let mut keywords = 0;
    let mut clean = |text: &str, forbidden: &[char]| {
        let cleaned = cleaned(text, forbidden);
        changed += usize::from(cleaned != text.trim());
        cleaned
    };
    let mut out = String::from("journey\n");
    let title = clean(&journey.title, &['#', ';', '\n']);
    if !title.is_empty() {
        out.push_str(&format!("    title {title}\n"));
    }
    let description = journey.description.trim();
    if description.contains('\n') {
        let body = description.replace('}', ")").replace('\n', "\n      ");
        out.push_str(&format!("    accDescr {{\n      {body}\n    }}\n"));
    } else if !description.is_empty() {
        out.push_str(&format!("    accDescr: {description}\n"));
    }
    for stage in &journey.stages {
        let mut name = clean(&stage.name, &['#', ':', ';', '\n']);
        if name.is_empty() {
            name = DEFAULT_STAGE.to_owned();
        }
        out.push_str(&format!("    section {name}\n"));
        for task in tasks(journey, stage.id) {
            let mut name = clean(&task.title, &['#', ':', ';', '\n']);
            if name.is_empty() {
                name = "Untitled touchpoint".to_owned();
            }
            if reads_as_keyword(&name) {
                keywords += 1;
                name = format!("\"{name}\"");
            }
            let actors: Vec<String> = task
                .personas
                .iter()
                .filter_map(|&id| journey.persona(id))
                .map(|p| clean(&p.name, &[',', '#', ':', ';', '\n']))
                .collect();
            out.push_str(&format!(
                "      {name}: {}: {}\n",
                task.score,
                actors.join(", ")
            ));
        }
    }
    (out, changed + keywords)
}

/// One Mermaid task: cards of one stage sharing a title and a score, one per actor.
struct Task {
    title: String,
    score: i8,
    personas: Vec<PersonaId>,
}

/// The stage's cards in the journey's order, each joining the last task with its title and score
/// that has no card of its persona yet: a task with several actors comes back as it was written.
fn tasks(journey: &Journey, stage: crate::model::StageId) -> Vec<Task> {
    let mut tasks: Vec<Task> = Vec::new();
    for card in journey.touchpoints.iter().filter(|t| t.stage == stage) {
        // A card without an emotion is written as neutral: Mermaid needs a score.
        let score = card.emotion.map_or(3, |e| e.0 + 3);
        let joins = tasks.iter_mut().rev().find(|t| {
            t.title == card.title && t.score == score && !t.personas.contains(&card.persona)
        });
        match joins {
            Some(task) => task.personas.push(card.persona),
            None => tasks.push(Task {
                title: card.title.clone(),
                score,
                personas: vec![card.persona],
            }),
        }
    }
    tasks
}

/// The text on one line with what Mermaid would read as a separator or comment replaced.
fn cleaned(text: &str, forbidden: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\n' | '\r' if forbidden.contains(&'\n') => out.push(' '),
            ':' if forbidden.contains(&':') => out.push_str(" -"),
            ',' | ';' if forbidden.contains(&c) => out.push(' '),
            '#' if forbidden.contains(&'#') => {}
            c => out.push(c),
        }
    }
    // `%%` after the first character starts a comment in Mermaid's lexer.
    while out.contains("%%") {
        out = out.replace("%%", "%");
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A task name Mermaid's lexer would take for a keyword or a comment.
fn reads_as_keyword(name: &str) -> bool {
    let lower = name.to_lowercase();
    let word_then_space = |w: &str| {
        lower
            .strip_prefix(w)
            .and_then(|r| r.chars().next())
            .is_some_and(super::lexer::js_space)
    };
    lower.starts_with("journey")
        || lower.starts_with("acctitle")
        || lower.starts_with("accdescr")
        || word_then_space("title")
        || word_then_space("section")
}
