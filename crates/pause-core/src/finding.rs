//! The one model every output is rendered from: [`Finding`] and [`Report`].

use serde::{Deserialize, Serialize};

/// The risk categories. Their ids (kebab-case) are part of the public interface: the JSON output,
/// the policy file, the corpus labels and the service all use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    PatientConfidentiality,
    ConfidentialInformation,
    OrganisationReputation,
    Defamation,
    BullyingHarassment,
    HeatOfTheMoment,
    ProfessionalBoundaries,
}

impl Category {
    /// Every category, in the order reports list them.
    pub const ALL: [Category; 7] = [
        Category::PatientConfidentiality,
        Category::ConfidentialInformation,
        Category::OrganisationReputation,
        Category::Defamation,
        Category::BullyingHarassment,
        Category::HeatOfTheMoment,
        Category::ProfessionalBoundaries,
    ];

    /// The kebab-case id, e.g. `patient-confidentiality`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Category::PatientConfidentiality => "patient-confidentiality",
            Category::ConfidentialInformation => "confidential-information",
            Category::OrganisationReputation => "organisation-reputation",
            Category::Defamation => "defamation",
            Category::BullyingHarassment => "bullying-harassment",
            Category::HeatOfTheMoment => "heat-of-the-moment",
            Category::ProfessionalBoundaries => "professional-boundaries",
        }
    }

    /// A short human title, e.g. "Patient confidentiality".
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Category::PatientConfidentiality => "Patient confidentiality",
            Category::ConfidentialInformation => "Confidential information",
            Category::OrganisationReputation => "Your organisation's reputation",
            Category::Defamation => "Defamation",
            Category::BullyingHarassment => "Bullying and harassment",
            Category::HeatOfTheMoment => "Heat of the moment",
            Category::ProfessionalBoundaries => "Professional boundaries",
        }
    }

    /// Parses a category id.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// How strongly a finding nudges. Only `Medium` and `High` turn the verdict to `pause`; `Low`
/// findings are gentle reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    /// The lowercase id used in JSON and policy files.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Parses `low`, `medium` or `high`.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Severity> {
        match id {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One risk found in a draft.
///
/// `start..end` is a byte span (end-exclusive) into the *original* text, whatever normalisation
/// the engine applied to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's kebab-case id, e.g. `nhs-number`.
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    /// What was found, specific to this occurrence.
    pub message: String,
    /// Why it matters, in plain words.
    pub why: &'static str,
    /// The policy clause (R01-R24 of the guidance catalogue) and its sources.
    pub policy: &'static str,
    /// What to do instead.
    pub suggestion: String,
    /// A replacement that removes an identifier, used by `redacted` and "redact" buttons.
    #[serde(skip)]
    pub replacement: Option<&'static str>,
    /// The finding is a patient-safety concern that belongs with a manager or the Freedom to
    /// Speak Up guardian (sets the report's `raise_concern`).
    #[serde(skip)]
    pub concern: bool,
}

/// The verdict on a whole draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// At least one medium or high finding: take a moment before posting.
    Pause,
    /// Nothing above a gentle reminder.
    Post,
}

/// Everything the engine says about one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// The text with every identifier replaced by a label such as `[NHS number]`.
    pub redacted: String,
    /// True when the draft raises a patient-safety concern that belongs with a line manager or
    /// the Freedom to Speak Up guardian rather than in public.
    pub raise_concern: bool,
}

impl Report {
    /// The categories with at least one medium or high finding.
    #[must_use]
    pub fn flagged_categories(&self) -> Vec<Category> {
        let mut cats: Vec<Category> = self
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Medium)
            .map(|f| f.category)
            .collect();
        cats.sort();
        cats.dedup();
        cats
    }
}
