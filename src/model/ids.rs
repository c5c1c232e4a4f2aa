//! Stable ids: small integers, unique per kind within a journey, never reused for another item.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies a persona (a swimlane).
    PersonaId
);
id_type!(
    /// Identifies a stage (a column).
    StageId
);
id_type!(
    /// Identifies a touchpoint (a card).
    TouchpointId
);
