//! Word lists and phrase patterns, kept as data files under `lexicons/` and compiled into the
//! binary. Each file carries its own examples that must and must not match; the test suite runs
//! them (after harper's rule files).
//!
//! Syntax of a term: a lowercase phrase matched on word boundaries in the normalised, lowercased
//! text (see [`crate::normalize`]); a trailing `*` matches any word continuing the prefix
//! (`incompeten*` matches "incompetent" and "incompetence").
//!
//! All lexicons, and the policy's own names and terms, go into one Aho-Corasick automaton so a
//! draft is scanned once, whatever the number of lists.

use daachorse::DoubleArrayAhoCorasick;
use serde::Deserialize;

/// A lexicon file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconFile {
    pub description: String,
    pub terms: Vec<String>,
    #[serde(default)]
    pub must_match: Vec<String>,
    #[serde(default)]
    pub must_not_match: Vec<String>,
}

macro_rules! lexicons {
    ($($variant:ident => $file:literal,)*) => {
        /// Every lexicon the engine knows, plus the lists a policy adds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Lex {
            $($variant,)*
            /// The employer's names, aliases and handles from the policy.
            PolicyEmployer,
            /// Supplier names from the policy.
            PolicySupplier,
            /// Confidential terms (codenames) from the policy.
            PolicyConfidential,
        }

        /// `(lexicon, file name, file contents)` for every data file.
        pub const LEXICON_FILES: &[(Lex, &str, &str)] = &[
            $((Lex::$variant, $file, include_str!(concat!("../lexicons/", $file, ".toml"))),)*
        ];
    };
}

lexicons! {
    PatientContext => "patient_context",
    ClinicalCondition => "clinical_condition",
    HospitalPlace => "hospital_place",
    TimeReference => "time_reference",
    CommunityRole => "community_role",
    Rarity => "rarity",
    PhotoWord => "photo_word",
    ClinicalRecordObject => "clinical_record_object",
    NumberNotPatient => "number_not_patient",
    PublicHelpline => "public_helpline",
    Honorific => "honorific",
    StaffTitle => "staff_title",
    NameIntroducer => "name_introducer",
    EmployerGeneric => "employer_generic",
    NegativeClaim => "negative_claim",
    SafetyConcern => "safety_concern",
    ServiceCut => "service_cut",
    Embargo => "embargo",
    InternalDocument => "internal_document",
    Investigation => "investigation",
    CommercialPrice => "commercial_price",
    Unpublished => "unpublished",
    Credential => "credential",
    PersonRole => "person_role",
    CompanySuffix => "company_suffix",
    Accusation => "accusation",
    AccusationSafe => "accusation_safe",
    Insult => "insult",
    SelfReference => "self_reference",
    Threat => "threat",
    Slur => "slur",
    ProtectedGroup => "protected_group",
    Stereotype => "stereotype",
    Shaming => "shaming",
    PileOn => "pile_on",
    Swear => "swear",
    Anger => "anger",
    Despair => "despair",
    DontCare => "dont_care",
    Drinking => "drinking",
    Acronym => "acronym",
    Medicine => "medicine",
    AdviceVerb => "advice_verb",
    Signposting => "signposting",
    OfferMedicine => "offer_medicine",
    Endorsement => "endorsement",
    PatientRelationship => "patient_relationship",
    Intoxication => "intoxication",
    AntiPublicHealth => "anti_public_health",
    DisparagingPatient => "disparaging_patient",
    SecondPerson => "second_person",
    PositiveNews => "positive_news",
    HospitalNumberAnchor => "hospital_number_anchor",
    DobAnchor => "dob_anchor",
    AgeAnchor => "age_anchor",
    BedAnchor => "bed_anchor",
    MonthName => "month_name",
    Debunk => "debunk",
    DiscriminatoryPhrase => "discriminatory_phrase",
    SickLeave => "sick_leave",
    Leisure => "leisure",
    DigitWord => "digit_word",
    Mockery => "mockery",
    Gift => "gift",
    GiftGiver => "gift_giver",
    EmployerIndirect => "employer_indirect",
    EmployerIrony => "employer_irony",
    Celebration => "celebration",
    CareDetail => "care_detail",
    CareVerb => "care_verb",
    DrunkNow => "drunk_now",
    PatientGroup => "patient_group",
}

/// A small fixed set of substrings that rules use as cheap gates. (Tried as one Aho-Corasick
/// automaton per set: on drafts of a few hundred bytes, the standard library's SIMD substring
/// search over a dozen short words is faster.)
pub struct WordSet {
    words: &'static [&'static str],
}

impl WordSet {
    /// A set over `words`.
    #[must_use]
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words }
    }

    /// The words.
    #[must_use]
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether any of the words occurs in `haystack` (as a substring).
    #[must_use]
    pub fn is_match(&self, haystack: &str) -> bool {
        self.words.iter().any(|w| haystack.contains(w))
    }
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.words).finish()
    }
}

/// `any_of!(haystack, ["a", "b"])`: whether any word occurs in the haystack, in one scan.
#[macro_export]
macro_rules! any_of {
    ($hay:expr, [$($w:expr),* $(,)?]) => {{
        static SET: $crate::lexicon::WordSet = $crate::lexicon::WordSet::new(&[$($w),*]);
        SET.is_match($hay)
    }};
}

/// `lower_has_any!(d, ["a", "b"])`: whether any word occurs in the draft's lowercased text,
/// with its pair filter first ([`crate::draft::Draft::lower_has_any`]).
#[macro_export]
macro_rules! lower_has_any {
    ($d:expr, [$($w:expr),* $(,)?]) => {{
        static SET: $crate::lexicon::WordSet = $crate::lexicon::WordSet::new(&[$($w),*]);
        $d.lower_has_any(&SET)
    }};
}

/// One lexicon match in the normalised text (byte offsets into `Normalized::lower`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub lex: Lex,
    pub start: usize,
    pub end: usize,
}

/// A compiled matcher over a set of lexicons.
#[derive(Clone)]
pub struct Matcher {
    /// A double-array Aho-Corasick automaton: its overlapping search takes less than half the
    /// time of `aho-corasick`'s contiguous NFA on a typical post, for a few ms more to build.
    ac: DoubleArrayAhoCorasick<u32>,
    /// For each automaton pattern: the lexicons it belongs to as a whole word, and those it
    /// belongs to as a prefix (`term*`).
    owners: Vec<Owners>,
}

/// The lexicons one pattern belongs to, as a whole word and as a prefix.
#[derive(Debug, Clone, Default)]
struct Owners {
    word: Vec<Lex>,
    prefix: Vec<Lex>,
}

/// A lexicon file that could not be read: a bug caught by the test suite, never a user error.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexicon {file}.toml: {message}")]
    Parse { file: String, message: String },
    #[error("could not build the matcher: {0}")]
    Build(String),
}

/// Parses one lexicon file.
///
/// # Errors
/// When the TOML is malformed.
pub fn parse_file(name: &str, contents: &str) -> Result<LexiconFile, LexiconError> {
    toml::from_str(contents).map_err(|e| LexiconError::Parse {
        file: name.to_string(),
        message: e.to_string(),
    })
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.owners.len())
            .finish_non_exhaustive()
    }
}

impl Matcher {
    /// Builds one automaton over `(lexicon, term)` pairs. Terms are normalised the same way as
    /// drafts, so a policy may spell names with capitals or accents.
    ///
    /// # Errors
    /// When the automaton cannot be built (too large).
    pub fn build<'a>(
        terms: impl IntoIterator<Item = (Lex, &'a str)>,
    ) -> Result<Matcher, LexiconError> {
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Owners> = Vec::new();
        for (lex, raw) in terms {
            let raw = raw.trim();
            let (body, prefix) = match raw.strip_suffix('*') {
                Some(b)
                    if !b.ends_with('*')
                        && !b.is_empty()
                        && b.ends_with(|c: char| c.is_alphanumeric()) =>
                {
                    (b, true)
                }
                _ => (raw, false),
            };
            let norm = crate::normalize::Normalized::new(body).lower;
            let norm = norm.trim().to_string();
            if norm.is_empty() {
                continue;
            }
            let i = *index.entry(norm).or_insert_with_key(|norm| {
                patterns.push(norm.clone());
                owners.push(Owners::default());
                patterns.len() - 1
            });
            let list = if prefix {
                &mut owners[i].prefix
            } else {
                &mut owners[i].word
            };
            if !list.contains(&lex) {
                list.push(lex);
            }
        }
        let ac = DoubleArrayAhoCorasick::new(&patterns)
            .map_err(|e| LexiconError::Build(e.to_string()))?;
        Ok(Matcher { ac, owners })
    }

    /// Every lexicon hit in `lower` (overlapping hits included), in order of start.
    pub fn find_all(&self, lower: &str, out: &mut Vec<Hit>) {
        let bytes = lower.as_bytes();
        out.reserve(lower.len() / 8);
        for m in self.ac.find_overlapping_iter(lower) {
            let (start, end) = (m.start(), m.end());
            let Some(owners) = usize::try_from(m.value())
                .ok()
                .and_then(|i| self.owners.get(i))
            else {
                continue;
            };
            if !boundary_before(lower, start) {
                continue;
            }
            if !owners.word.is_empty() && boundary_after(lower, end) {
                out.extend(owners.word.iter().map(|&lex| Hit { lex, start, end }));
            }
            if !owners.prefix.is_empty() {
                let mut e = end;
                while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
                    e += 1;
                }
                out.extend(owners.prefix.iter().map(|&lex| Hit { lex, start, end: e }));
            }
        }
        out.sort_by_key(|h| (h.start, h.end));
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The byte at `i` when it and the byte before it are both ASCII (the common case, where
/// word boundaries are decided on bytes without decoding characters).
fn ascii_pair(b: &[u8], i: usize) -> Option<(Option<u8>, Option<u8>)> {
    let prev = if i == 0 { None } else { Some(b[i - 1]) };
    let next = b.get(i).copied();
    (prev.is_none_or(|p| p.is_ascii()) && next.is_none_or(|n| n.is_ascii())).then_some((prev, next))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn boundary_before(s: &str, i: usize) -> bool {
    if let Some((prev, first)) = ascii_pair(s.as_bytes(), i) {
        return match (prev, first) {
            (Some(p), Some(f)) => !(is_word_byte(p) && is_word_byte(f)),
            _ => true,
        };
    }
    let first = s[i..].chars().next();
    let prev = s[..i].chars().next_back();
    match (prev, first) {
        (Some(p), Some(f)) => !(is_word_char(p) && is_word_char(f)),
        _ => true,
    }
}

fn boundary_after(s: &str, i: usize) -> bool {
    if let Some((last, next)) = ascii_pair(s.as_bytes(), i) {
        if next != Some(b'\'') {
            return match (last, next) {
                (Some(l), Some(n)) => !(is_word_byte(l) && is_word_byte(n)),
                _ => true,
            };
        }
    }
    let last = s[..i].chars().next_back();
    let mut rest = s[i..].chars();
    let next = rest.next();
    match (last, next) {
        // "won" does not end inside "won't", nor "she" inside "she'll".
        // A possessive or "is" ("idiot's") still ends the word.
        (Some(l), Some('\'')) if is_word_char(l) => match (rest.next(), rest.next()) {
            (Some('s'), after) => !after.is_some_and(char::is_alphanumeric),
            (Some(c), _) => !c.is_alphabetic(),
            (None, _) => true,
        },
        (Some(l), Some(n)) => !(is_word_char(l) && is_word_char(n)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    #[test]
    fn every_lexicon_parses_and_its_examples_hold() {
        let mut failures = Vec::new();
        for &(lex, name, contents) in LEXICON_FILES {
            let file = parse_file(name, contents).unwrap_or_else(|e| panic!("{e}"));
            assert!(!file.terms.is_empty(), "{name} has no terms");
            assert!(!file.description.is_empty(), "{name} has no description");
            assert!(
                !file.must_match.is_empty(),
                "{name} has no must-match examples"
            );
            let m = Matcher::build(file.terms.iter().map(|t| (lex, t.as_str())))
                .unwrap_or_else(|e| panic!("{e}"));
            for ex in &file.must_match {
                let mut hits = Vec::new();
                m.find_all(&Normalized::new(ex).lower, &mut hits);
                if hits.is_empty() {
                    failures.push(format!("{name}: should match {ex:?}"));
                }
            }
            for ex in &file.must_not_match {
                let mut hits = Vec::new();
                let n = Normalized::new(ex);
                m.find_all(&n.lower, &mut hits);
                if let Some(h) = hits.first() {
                    failures.push(format!(
                        "{name}: should not match {ex:?} (matched {:?})",
                        &n.lower[h.start..h.end]
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "lexicon examples failed:\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn matches_respect_word_boundaries_and_prefixes() {
        let m = Matcher::build([(Lex::Insult, "idiot"), (Lex::Insult, "incompeten*")]).unwrap();
        let mut hits = Vec::new();
        m.find_all("idiots? no. incompetence yes. an idiot.", &mut hits);
        let found: Vec<_> = hits.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(found, vec![(12, 24), (33, 38)]);
    }

    #[test]
    fn words_do_not_end_inside_contractions() {
        let m = Matcher::build([(Lex::PositiveNews, "won"), (Lex::Insult, "idiot")]).unwrap();
        let mut hits = Vec::new();
        m.find_all("they won't. the idiot's desk. we won!", &mut hits);
        let found: Vec<_> = hits.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(found, vec![(16, 21), (33, 36)]);
    }

    #[test]
    fn place_names_do_not_match_inside_words() {
        let m = Matcher::build([(Lex::Swear, "cunt")]).unwrap();
        let mut hits = Vec::new();
        m.find_all("scunthorpe general", &mut hits);
        assert!(hits.is_empty());
    }

    #[test]
    fn one_term_as_a_word_and_as_a_prefix_builds_and_finds_both() {
        // A policy may list "falcon" for one lexicon and "falcon*" for another; the automaton
        // holds the text once and reports each lexicon with its own end.
        let m = Matcher::build([
            (Lex::Embargo, "falcon"),
            (Lex::Unpublished, "falcon*"),
            (Lex::Embargo, "FALCON"),
        ])
        .unwrap();
        let mut hits = Vec::new();
        m.find_all("project falconry and falcon", &mut hits);
        let found: Vec<_> = hits.iter().map(|h| (h.lex, h.start, h.end)).collect();
        assert_eq!(
            found,
            vec![
                (Lex::Unpublished, 8, 16),
                (Lex::Embargo, 21, 27),
                (Lex::Unpublished, 21, 27)
            ]
        );
    }
}
