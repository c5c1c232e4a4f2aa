use serde::{Deserialize, Serialize};

/// Where a touchpoint happens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Website,
    MobileApp,
    Email,
    SocialMedia,
    OnlineAds,
    /// Reviews and word of mouth.
    Reviews,
    Search,
    PhoneCall,
    LiveChat,
    /// Chatbot or virtual assistant.
    Chatbot,
    /// In person or in a store.
    InPerson,
    DirectMail,
    /// Billing or invoice.
    Billing,
    Delivery,
    /// Help centre or FAQ.
    HelpCentre,
    Community,
    Other(String),
}

impl Channel {
    /// Every named channel, in the order pickers show them (`Other` comes last, with an empty name).
    pub const NAMED: [Channel; 16] = [
        Channel::Website,
        Channel::MobileApp,
        Channel::Email,
        Channel::SocialMedia,
        Channel::OnlineAds,
        Channel::Reviews,
        Channel::Search,
        Channel::PhoneCall,
        Channel::LiveChat,
        Channel::Chatbot,
        Channel::InPerson,
        Channel::DirectMail,
        Channel::Billing,
        Channel::Delivery,
        Channel::HelpCentre,
        Channel::Community,
    ];

    /// The name users see.
    pub fn label(&self) -> &str {
        match self {
            Channel::Website => "Website",
            Channel::MobileApp => "Mobile app",
            Channel::Email => "Email",
            Channel::SocialMedia => "Social media",
            Channel::OnlineAds => "Online ads",
            Channel::Reviews => "Reviews / word of mouth",
            Channel::Search => "Search",
            Channel::PhoneCall => "Phone call",
            Channel::LiveChat => "Live chat",
            Channel::Chatbot => "Chatbot",
            Channel::InPerson => "In person / store",
            Channel::DirectMail => "Direct mail",
            Channel::Billing => "Billing / invoice",
            Channel::Delivery => "Delivery",
            Channel::HelpCentre => "Help centre / FAQ",
            Channel::Community => "Community",
            Channel::Other(name) if name.trim().is_empty() => "Other",
            Channel::Other(name) => name,
        }
    }

    /// A glyph from egui's bundled emoji fonts, so it renders the same everywhere, PNG export included.
    pub fn icon(&self) -> &'static str {
        match self {
            Channel::Website => "🌐",
            Channel::MobileApp => "📱",
            Channel::Email => "✉",
            Channel::SocialMedia => "👥",
            Channel::OnlineAds => "📢",
            Channel::Reviews => "⭐",
            Channel::Search => "🔍",
            Channel::PhoneCall => "📞",
            Channel::LiveChat => "💬",
            Channel::Chatbot => "👾",
            Channel::InPerson => "🏬",
            Channel::DirectMail => "📮",
            Channel::Billing => "💳",
            Channel::Delivery => "🚚",
            Channel::HelpCentre => "❓",
            Channel::Community => "👪",
            Channel::Other(_) => "✱",
        }
    }

    /// Digital channels happen on a screen; the others in the physical world or by voice.
    /// A channel of the user's own naming could be either: None.
    pub fn is_digital(&self) -> Option<bool> {
        match self {
            Channel::Other(_) => None,
            Channel::PhoneCall | Channel::InPerson | Channel::DirectMail | Channel::Delivery => {
                Some(false)
            }
            _ => Some(true),
        }
    }
}
