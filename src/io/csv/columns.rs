//! What a spreadsheet's header names: the synonyms people use for each field, and metric
//! columns such as `CSAT (%)`.

/// A column's meaning.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Persona,
    Stage,
    Title,
    Channel,
    Kind,
    Emotion,
    PainPoint,
    Opportunity,
    Owner,
    Votes,
    Tags,
    Notes,
    /// Any other named column: a metric when its values are numbers.
    Metric {
        name: String,
        unit: String,
    },
    /// A column without a name (spreadsheets leave empty ones at the right).
    Unnamed,
}

impl Column {
    /// The named fields in the order export writes them (metrics go before `Votes`).
    pub const BEFORE_METRICS: [Column; 9] = [
        Column::Persona,
        Column::Stage,
        Column::Title,
        Column::Channel,
        Column::Kind,
        Column::Emotion,
        Column::PainPoint,
        Column::Opportunity,
        Column::Owner,
    ];
    pub const AFTER_METRICS: [Column; 3] = [Column::Votes, Column::Tags, Column::Notes];

    /// The header export writes.
    pub fn header(&self) -> String {
        match self {
            Column::Persona => "Persona",
            Column::Stage => "Stage",
            Column::Title => "Title",
            Column::Channel => "Channel",
            Column::Kind => "Kind",
            Column::Emotion => "Emotion",
            Column::PainPoint => "Pain point",
            Column::Opportunity => "Opportunity",
            Column::Owner => "Owner",
            Column::Votes => "Votes",
            Column::Tags => "Tags",
            Column::Notes => "Notes",
            Column::Metric { name, unit } if unit.is_empty() => return name.clone(),
            Column::Metric { name, unit } => return format!("{name} ({unit})"),
            Column::Unnamed => "",
        }
        .to_owned()
    }

    /// Reads a header cell: case, spaces, `_` and `-` do not matter ("Pain_points" is the
    /// pain point); any other name is a metric, with a unit in brackets at the end.
    pub fn from_header(header: &str) -> Column {
        let key: String = header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "persona" | "personas" | "segment" | "actor" | "actors" | "customer" | "user"
            | "role" => Column::Persona,
            "stage" | "stages" | "phase" | "section" | "journeystage" => Column::Stage,
            "title" | "touchpoint" | "touchpoints" | "step" | "task" | "name" | "action"
            | "interaction" => Column::Title,
            "channel" | "channels" | "medium" => Column::Channel,
            "kind" | "type" | "directindirect" => Column::Kind,
            "emotion" | "score" | "feeling" | "sentiment" | "mood" => Column::Emotion,
            "painpoint" | "painpoints" | "pain" | "pains" | "problem" => Column::PainPoint,
            "opportunity" | "opportunities" | "idea" | "ideas" => Column::Opportunity,
            "owner" | "department" | "team" | "responsible" => Column::Owner,
            "votes" | "vote" | "dotvotes" => Column::Votes,
            "tags" | "tag" | "labels" => Column::Tags,
            "notes" | "note" | "description" | "comment" | "comments" | "details" => Column::Notes,
            "" => Column::Unnamed,
            _ => {
                let header = header.trim();
                match header
                    .strip_suffix(')')
                    .and_then(|h| h.rsplit_once('('))
                    .filter(|(name, _)| !name.trim().is_empty())
                {
                    Some((name, unit)) => Column::Metric {
                        name: name.trim().to_owned(),
                        unit: unit.trim().to_owned(),
                    },
                    None => Column::Metric {
                        name: header.to_owned(),
                        unit: String::new(),
                    },
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_with_their_synonyms_and_metrics_with_units() {
        for (header, column) in [
            ("Touchpoint", Column::Title),
            (" STEP ", Column::Title),
            ("Phase", Column::Stage),
            ("Segment", Column::Persona),
            ("Feeling", Column::Emotion),
            ("Pain_points", Column::PainPoint),
            ("Pain point", Column::PainPoint),
            ("Department", Column::Owner),
            ("Team", Column::Owner),
            ("", Column::Unnamed),
        ] {
            assert_eq!(Column::from_header(header), column, "{header}");
        }
        let csat = Column::from_header("CSAT (%)");
        assert_eq!(
            csat,
            Column::Metric {
                name: "CSAT".into(),
                unit: "%".into()
            }
        );
        assert_eq!(csat.header(), "CSAT (%)");
        assert_eq!(Column::from_header("NPS").header(), "NPS");
    }
}
