//! Starting points for a new journey, embedded in the binary.

use crate::io::{LoadError, from_ron};
use crate::model::Journey;
use std::path::Path;

/// A named template and what it holds.
pub struct Template {
    /// What the command line calls it: `--template saas-trial`.
    pub name: &'static str,
    /// What the New dialog calls it.
    pub title: &'static str,
    pub description: &'static str,
    source: &'static str,
}

/// In the order the start screen's gallery and the New dialog show them: the sample first, then
/// an empty map, then the examples.
pub const TEMPLATES: [Template; 10] = [
    Template {
        name: "ecommerce",
        title: "Online shop",
        description: "Online shop: awareness to retention, two personas, 18+ touchpoints",
        source: include_str!("../assets/templates/ecommerce.ron"),
    },
    Template {
        name: "blank",
        title: "Blank map",
        description: "One persona, three stages, no cards",
        source: include_str!("../assets/templates/blank.ron"),
    },
    Template {
        name: "saas-trial",
        title: "SaaS trial",
        description: "SaaS trial to paid plan: sign-up, onboarding emails, in-app chat, billing",
        source: include_str!("../assets/templates/saas-trial.ron"),
    },
    Template {
        name: "saas-onboarding",
        title: "B2B SaaS onboarding",
        description: "Contract signed to first value: kick-off, set-up, invitations, renewal",
        source: include_str!("../assets/templates/saas-onboarding.ron"),
    },
    Template {
        name: "retail",
        title: "Retail, in store and online",
        description: "Inspiration to loyalty: stock checks, tills, click and collect, returns",
        source: include_str!("../assets/templates/retail.ron"),
    },
    Template {
        name: "service",
        title: "Service business",
        description: "Service business: pre-purchase to self-service, direct and indirect touchpoints",
        source: include_str!("../assets/templates/service.ron"),
    },
    Template {
        name: "clinic",
        title: "Patient journey in a clinic",
        description: "Symptoms to recovery: booking, waiting room, consultation, referral, bills",
        source: include_str!("../assets/templates/clinic.ron"),
    },
    Template {
        name: "bank-account",
        title: "Bank account opening",
        description: "Compare to first months: application, identity checks, card, fees",
        source: include_str!("../assets/templates/bank-account.ron"),
    },
    Template {
        name: "hotel",
        title: "Hotel stay",
        description: "Booking to the next visit: check-in, the room, Wi-Fi, invoices, reviews",
        source: include_str!("../assets/templates/hotel.ron"),
    },
    Template {
        name: "public-service",
        title: "Public service application",
        description: "Applying for a passport: guidance, documents, helpline, status, delivery",
        source: include_str!("../assets/templates/public-service.ron"),
    },
];

/// The template users get when they ask for none.
pub const DEFAULT: &str = "ecommerce";

impl Template {
    pub fn journey(&self) -> Result<Journey, LoadError> {
        from_ron(self.source, Path::new(&format!("template {}", self.name)))
    }
}

pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The sample journey the app opens on first start.
pub fn sample() -> Journey {
    find(DEFAULT)
        .and_then(|t| t.journey().ok())
        .unwrap_or_default()
}

/// An empty journey (one persona, three stages, no cards): what stands behind a file that
/// could not be opened, and what "Create it" writes.
pub fn blank() -> Journey {
    find("blank")
        .and_then(|t| t.journey().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_loads_and_is_valid() {
        for t in &TEMPLATES {
            let j = t.journey().unwrap_or_else(|e| panic!("{e}"));
            assert!(!j.personas.is_empty() && !j.stages.is_empty(), "{}", t.name);
        }
    }

    #[test]
    fn every_template_is_stored_exactly_as_saved() {
        for t in &TEMPLATES {
            let j = t.journey().unwrap();
            assert_eq!(
                crate::io::to_ron(&j),
                t.source,
                "{} is not in canonical form",
                t.name
            );
        }
    }
}
