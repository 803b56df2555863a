//! Building an engine from a policy (the only step that can fail) and checking drafts with it
//! (which cannot).

use chrono::{DateTime, FixedOffset};

use crate::calibration::{Calibration, Evidence};
use crate::draft::Draft;
use crate::finding::{Category, Finding, Report, Severity, Verdict};
use crate::lexicon::{self, Lex, LexiconError, Matcher, LEXICON_FILES};
use crate::normalize::Normalized;
use crate::policy::Policy;
use crate::rules::RULES;

/// The organisation's public phone numbers and addresses, which are never flagged.
#[derive(Debug, Clone, Default)]
pub struct PublicContacts {
    phones: Vec<String>,
    emails: Vec<String>,
}

impl PublicContacts {
    /// Whether these digits are one of the organisation's public numbers (compared on their
    /// last ten digits, so `+44 161 ...` and `0161 ...` agree).
    #[must_use]
    pub fn is_public_phone(&self, digits: &str) -> bool {
        let tail = last_ten(digits);
        !tail.is_empty() && self.phones.contains(&tail)
    }

    /// Whether this address is one of the organisation's public addresses.
    #[must_use]
    pub fn is_public_email(&self, email: &str) -> bool {
        self.emails.iter().any(|e| e.eq_ignore_ascii_case(email))
    }

    /// Whether this address is at the domain of one of the organisation's public addresses:
    /// a mailbox of the organisation or its staff ("radio@trust.example"), not a patient's.
    #[must_use]
    pub fn is_organisation_email(&self, email: &str) -> bool {
        let domain = |e: &str| {
            e.rsplit_once('@')
                .map(|(_, d)| d.trim().to_ascii_lowercase())
        };
        domain(email).is_some_and(|d| self.emails.iter().any(|e| domain(e).as_deref() == Some(&d)))
    }
}

fn last_ten(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    d[d.len().saturating_sub(10)..].to_string()
}

/// Why an engine could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error("the learned model could not be read: {0}")]
    Model(String),
}

/// The screening engine: build once from a policy, then check many drafts.
#[derive(Debug, Clone)]
pub struct Engine {
    matcher: Matcher,
    settings: Vec<(bool, Option<Severity>)>,
    public: PublicContacts,
    policy: Policy,
    model: crate::classifier::Model,
    /// The second opinion (see [`crate::classifier::OPINION`]).
    opinion: crate::classifier::Model,
    /// How far to trust each category's evidence (see [`crate::calibration`]).
    calibration: Calibration,
    /// Per category: whether the policy leaves its learned rule on (the learned signal both
    /// adds findings and is weighed by the calibration; turning it off leaves the rules alone).
    weigh: [bool; 7],
}

impl Engine {
    /// Builds an engine for `policy`.
    ///
    /// # Errors
    /// Only if a built-in lexicon is malformed, which the test suite rules out.
    pub fn new(policy: &Policy) -> Result<Engine, EngineError> {
        let mut files = Vec::with_capacity(LEXICON_FILES.len());
        for &(lex, name, contents) in LEXICON_FILES {
            files.push((lex, lexicon::parse_file(name, contents)?));
        }
        let org = &policy.organisation;
        let employer = std::iter::once(&org.name)
            .chain(&org.aliases)
            .chain(&org.handles)
            .filter(|s| !s.trim().is_empty())
            .map(|s| (Lex::PolicyEmployer, s.as_str()));
        let suppliers = policy
            .suppliers
            .names
            .iter()
            .map(|s| (Lex::PolicySupplier, s.as_str()));
        let confidential = policy
            .confidential
            .terms
            .iter()
            .map(|s| (Lex::PolicyConfidential, s.as_str()));
        let builtin = files
            .iter()
            .flat_map(|(lex, f)| f.terms.iter().map(move |t| (*lex, t.as_str())));
        let matcher = Matcher::build(builtin.chain(employer).chain(suppliers).chain(confidential))?;

        let settings = RULES
            .iter()
            .map(|r| {
                let by_rule = policy.rules.get(r.id);
                let by_cat = policy.rules.get(r.category.id());
                let enabled = by_rule
                    .and_then(|s| s.enabled)
                    .or_else(|| by_cat.and_then(|s| s.enabled))
                    .unwrap_or(true);
                let severity = by_rule
                    .and_then(|s| s.severity)
                    .or_else(|| by_cat.and_then(|s| s.severity));
                (enabled, severity)
            })
            .collect();

        let mut public = PublicContacts::default();
        for c in &org.public_contacts {
            if c.contains('@') {
                public.emails.push(c.trim().to_string());
            } else {
                public.phones.push(last_ten(c));
            }
        }
        let model = crate::classifier::Model::from_packed(crate::classifier::MODEL_PACKED)
            .map_err(EngineError::Model)?;
        let opinion = crate::classifier::Model::from_packed(crate::classifier::OPINION_PACKED)
            .map_err(EngineError::Model)?;
        let calibration = Calibration::parse(crate::calibration::CALIBRATION)
            .map_err(|e| EngineError::Model(e.to_string()))?;
        let weigh = std::array::from_fn(|ci| {
            RULES
                .iter()
                .zip(&settings)
                .find(|(r, _)| r.id.strip_prefix("learned-") == Some(Category::ALL[ci].id()))
                .is_some_and(|(_, &(enabled, _))| enabled)
        });
        Ok(Engine {
            model,
            opinion,
            calibration,
            weigh,
            matcher,
            settings,
            public,
            policy: policy.clone(),
        })
    }

    /// This engine with another second opinion (see [`crate::classifier::OPINION`]), its
    /// calibration weighing the categories marked in `weigh` (none: the rules speak alone, as
    /// rules' tests want).
    #[must_use]
    pub fn with_second_opinion(
        mut self,
        opinion: crate::classifier::Model,
        weigh: [bool; 7],
    ) -> Engine {
        self.opinion = opinion;
        self.weigh = weigh;
        self
    }

    /// This engine with another learned signal and second opinion, for judging a corpus with
    /// models trained without the post being judged (`pause eval --cross-validate`).
    #[must_use]
    pub fn with_models(
        mut self,
        learned: crate::classifier::Model,
        opinion: crate::classifier::Model,
    ) -> Engine {
        self.model = learned;
        self.opinion = opinion;
        self
    }

    /// This engine with another calibration (see [`crate::calibration`]).
    #[must_use]
    pub fn with_calibration(mut self, calibration: Calibration) -> Engine {
        self.calibration = calibration;
        self
    }

    /// The policy this engine enforces.
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Whether the policy leaves the rule `id` on at medium severity or above, so that its
    /// findings can turn the verdict to pause (for a learned rule, whose findings are medium
    /// unless the policy says otherwise).
    #[must_use]
    pub fn rule_can_pause(&self, id: &str) -> bool {
        RULES
            .iter()
            .zip(&self.settings)
            .find(|(r, _)| r.id == id)
            .is_some_and(|(r, &(enabled, severity))| {
                enabled && severity.unwrap_or(r.severity) >= Severity::Medium
            })
    }

    fn draft<'t>(&'t self, text: &'t str, at: Option<DateTime<FixedOffset>>) -> Draft<'t> {
        let norm = Normalized::new(text);
        let mut hits = Vec::new();
        self.matcher.find_all(&norm.lower, &mut hits);
        Draft::new(text, norm, hits, at, &self.public, &self.model)
    }

    /// Every enabled rule's findings, at the policy's severities, before the calibration.
    fn rule_findings(&self, draft: &Draft<'_>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = Vec::new();
        for (rule, &(enabled, severity)) in RULES.iter().zip(&self.settings) {
            if !enabled {
                continue;
            }
            let from = findings.len();
            (rule.check)(draft, rule, &mut findings);
            if let Some(sev) = severity {
                for f in &mut findings[from..] {
                    f.severity = sev;
                }
            }
        }
        findings
    }

    /// What the calibration weighs for each category of a draft (see [`crate::calibration`]):
    /// for fitting it (`examples/train.rs --calibration`).
    #[must_use]
    pub fn evidence(&self, text: &str, at: Option<DateTime<FixedOffset>>) -> [Evidence; 7] {
        let draft = self.draft(text, at);
        let findings = self.rule_findings(&draft);
        let opinion = self.opinion.sums(draft.features());
        self.evidence_of(&draft, &findings, &opinion)
    }

    fn evidence_of(
        &self,
        draft: &Draft<'_>,
        findings: &[Finding],
        opinion: &[f32; 7],
    ) -> [Evidence; 7] {
        let learned = draft.learned();
        let line = self.model.thresholds();
        let blank = self.opinion.bias();
        // Categories that a rule (not the learned signal) flags, heat of the moment aside.
        let ruled: u32 = findings
            .iter()
            .filter(|f| {
                f.severity >= Severity::Medium
                    && !f.rule.starts_with("learned-")
                    && f.category != Category::HeatOfTheMoment
            })
            .fold(0, |m, f| m | category_bit(f.category));
        // Capitals, `!!!` or 3am raised to a nudge by the rest of the post flag heat of the
        // moment whatever the calibration says (see [`escalate_heat`]): definite evidence.
        let escalates = heat_escalates(findings);
        std::array::from_fn(|ci| {
            let c = Category::ALL[ci];
            let e = evidence(
                draft.original,
                findings,
                c,
                learned[ci].0 - line[ci],
                opinion[ci] - blank[ci],
            );
            Evidence {
                beside: ruled & !category_bit(c) != 0,
                definite: e.definite || (escalates && c == Category::HeatOfTheMoment),
                ..e
            }
        })
    }

    /// Checks one draft. `at` is the time of posting, when known (late-night posting is a risk
    /// signal). Linear in the length of the text; never fails.
    #[must_use]
    pub fn check(&self, text: &str, at: Option<DateTime<FixedOffset>>) -> Report {
        let draft = self.draft(text, at);
        let mut findings = self.rule_findings(&draft);
        self.calibrate(&draft, &mut findings);
        // The learned signal only speaks where no rule of its category did.
        // (A bit per category rather than a list: no allocation.)
        let ruled: u32 = findings
            .iter()
            .filter(|f| !f.rule.starts_with("learned-") && f.severity >= Severity::Medium)
            .fold(0, |m, f| m | category_bit(f.category));
        if ruled != 0 {
            findings.retain(|f| {
                !f.rule.starts_with("learned-") || ruled & category_bit(f.category) == 0
            });
        }
        escalate_heat(&mut findings);
        let findings = remove_overlaps(findings);
        let verdict = if findings.iter().any(|f| f.severity >= Severity::Medium) {
            Verdict::Pause
        } else {
            Verdict::Post
        };
        let raise_concern = verdict == Verdict::Pause
            && (draft.has(Lex::SafetyConcern) || findings.iter().any(|f| f.concern));
        let redacted = redact(text, &findings);
        Report {
            verdict,
            findings,
            redacted,
            raise_concern,
        }
    }
}

impl Default for Engine {
    /// An engine with no organisation policy: generic employer phrases only.
    fn default() -> Engine {
        // The built-in lexicons are compiled in and checked by the test suite.
        Engine::new(&Policy::default()).expect("built-in lexicons are valid")
    }
}

/// Rules whose evidence speaks for itself (a checksummed or formatted identifier, a code, a term
/// the policy names, a sick day spent at leisure, the shape of the text): the calibration never
/// weighs their findings.
pub const DEFINITE: &[&str] = &[
    "nhs-number",
    "hospital-number",
    "date-of-birth",
    "patient-address",
    "credentials",
    "confidential-term",
    "sick-leave",
    "shouting",
    "exclamation",
    "swearing",
    "late-night",
];

const LOWERED: &str =
    " Posts worded like this one were nearly always fine, so this is a reminder to \
                       read it again, not a reason to hold it back.";

/// What the engine knows about category `c` of the draft `text`, given its rules' `findings`,
/// the learned signal's score less its threshold and the second opinion's log-odds less a
/// blank draft's (see [`crate::calibration::Evidence`]).
fn evidence(text: &str, findings: &[Finding], c: Category, learned: f32, opinion: f32) -> Evidence {
    let mut definite = false;
    let mut rules: Vec<&str> = Vec::new();
    for f in findings {
        if f.category != c || f.severity < Severity::Medium || f.rule.starts_with("learned-") {
            continue;
        }
        if DEFINITE.contains(&f.rule) || full_name(text, f) {
            definite = true;
        } else if !rules.contains(&f.rule) {
            rules.push(f.rule);
        }
    }
    Evidence {
        definite,
        rules: rules.len(),
        learned,
        opinion,
        beside: false,
    }
}

impl Engine {
    /// Weighs each category that a rule or the learned signal flags at medium or above, unless
    /// the policy turned its learned rule off (see [`crate::calibration`]). Where the calibration
    /// does not trust the evidence, the rules' findings become reminders that say why and the
    /// learned signal's is dropped: a word list matched, but the draft as a whole reads like the
    /// fine posts ("livid with that referee", a training session quoting what bullies say).
    fn calibrate(&self, draft: &Draft<'_>, findings: &mut Vec<Finding>) {
        let mut weighed = [false; 7];
        for f in findings.iter().filter(|f| f.severity >= Severity::Medium) {
            let ci = crate::classifier::index(f.category);
            weighed[ci] |= self.weigh[ci];
        }
        if !weighed.contains(&true) {
            return;
        }
        let opinion = self.opinion.sums(draft.features());
        let evidence = self.evidence_of(draft, findings, &opinion);
        let doubted: [bool; 7] =
            std::array::from_fn(|ci| weighed[ci] && !self.calibration.flags(ci, &evidence[ci]));
        let doubts = |f: &Finding| {
            f.severity >= Severity::Medium && doubted[crate::classifier::index(f.category)]
        };
        findings.retain(|f| !(f.rule.starts_with("learned-") && doubts(f)));
        for f in findings.iter_mut().filter(|f| doubts(f)) {
            f.severity = Severity::Low;
            f.message.push_str(LOWERED);
        }
    }
}

/// Whether `f` names a patient by forename and surname ("Jenny Marsh", "Leo Carter"): a full
/// name identifies as surely as an NHS number, so the draft's other words cannot outweigh it.
/// A titled surname or a lone first name stays weighed ("Mrs Beauchamp" on the telly), and so do
/// two capitalised words whose first is not a given name (`data/given_names.txt`): "Biomedical
/// Scientist" in a job advert, "Baby Shark" sung to get a cannula in, "Transplant Games". Out of
/// writer (`train --calibration`, 77,610 posts) that took 21 false alarms off patient
/// confidentiality and lost no patient post (.906/.954 to .908/.954).
fn full_name(original: &str, f: &Finding) -> bool {
    if f.rule != "patient-name" {
        return false;
    }
    // Look-alike letters and hidden characters folded, as the rules saw the name.
    let norm = crate::normalize::Normalized::new(original.get(f.start..f.end).unwrap_or(""));
    let words: Vec<&str> = norm.cased.split_whitespace().collect();
    words.len() == 2
        && words.iter().all(|w| {
            w.len() >= 2
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().skip(1).any(|c| c.is_ascii_lowercase())
                && !["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"].contains(&w.trim_end_matches('.'))
        })
        && crate::classifier::is_given(&words[0].to_ascii_lowercase())
}

fn category_bit(c: Category) -> u32 {
    1 << (c as u32)
}

/// Rules whose low findings become medium when the draft is heated or hostile in other ways:
/// "!!!" on good news is fine; "!!!" on a rant about a colleague is part of the rant.
const ESCALATING: &[&str] = &["exclamation", "late-night", "shouting"];

/// Whether [`escalate_heat`] would raise a reminder of the shape of the text (capitals, `!!!`,
/// 3am) to a nudge: the post is charged in another way, or has two such reminders.
fn heat_escalates(findings: &[Finding]) -> bool {
    let has_low = findings
        .iter()
        .any(|f| ESCALATING.contains(&f.rule) && f.severity == Severity::Low);
    has_low && escalation_due(findings)
}

fn escalation_due(findings: &[Finding]) -> bool {
    let charged = findings.iter().any(|f| {
        f.severity >= Severity::Medium
            && !ESCALATING.contains(&f.rule)
            && matches!(
                f.category,
                Category::HeatOfTheMoment
                    | Category::OrganisationReputation
                    | Category::BullyingHarassment
                    | Category::Defamation
            )
    });
    let lows = findings
        .iter()
        .filter(|f| ESCALATING.contains(&f.rule) && f.severity == Severity::Low)
        .count();
    charged || lows >= 2
}

fn escalate_heat(findings: &mut [Finding]) {
    if escalation_due(findings) {
        for f in findings.iter_mut().filter(|f| ESCALATING.contains(&f.rule)) {
            f.severity = f.severity.max(Severity::Medium);
        }
    }
}

/// Sorts findings and drops repeats: a finding covered by another of the same rule, or with the
/// same span as another of the same category, at equal or higher severity.
fn remove_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.severity.cmp(&a.severity))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let covered = out.iter().rev().take(16).any(|k| {
            k.category == f.category
                && k.start <= f.start
                && k.end >= f.end
                && k.severity >= f.severity
                && (k.rule == f.rule || (k.start == f.start && k.end == f.end))
        });
        if !covered {
            out.push(f);
        }
    }
    out
}

/// The text with every identifier (findings that carry a replacement) replaced.
fn redact(text: &str, findings: &[Finding]) -> String {
    if findings.iter().all(|f| f.replacement.is_none()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for f in findings {
        if let Some(rep) = f.replacement {
            if f.start >= pos && text.is_char_boundary(f.start) && text.is_char_boundary(f.end) {
                out.push_str(&text[pos..f.start]);
                out.push_str(rep);
                pos = f.end;
            }
        }
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `text` without panicking and every finding's span on character boundaries.
    fn assert_spans_on_char_boundaries(text: &str) {
        let report = Engine::new(&Policy::example()).unwrap().check(text, None);
        for f in &report.findings {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }

    /// Regression: found by `cargo fuzz run engine`; slicing 40 bytes before a handle landed
    /// inside an emoji and panicked.
    /// Regression: found by `cargo fuzz run engine`; looking 24 bytes past a titled name landed
    /// inside an emoji.
    #[test]
    fn fuzz_crash_name_before_emoji_does_not_panic() {
        let text = "Guess who's back on AMU. Mr Doyle, dmission this month 🙄";
        assert_spans_on_char_boundaries(text);
    }

    /// Regression: found by `cargo fuzz run engine` in session 10; looking 24 bytes past the
    /// town of "a full name of a town" landed inside an emoji.
    #[test]
    fn fuzz_crash_town_before_emoji_does_not_panic() {
        let text = "Ward 7 bay B: Mrs Grace Ofori, Mrs J Tully and Mrs Ram Hh of Ms overerirged 8t beharm 🎉 tha rkd Wa Mrs Pam Hirst have started a knitting club";
        assert_spans_on_char_boundaries(text);
    }

    #[test]
    fn fuzz_crash_handle_after_emoji_does_not_panic() {
        let text = "Рnojзct Fа=THElyourсlans for turсlZns  ofrthe new yo=urсlans fon 🚀he\"new hub, mor a paid ambissador for @Meditab_Pharma! 🎉 Over t@he next year I'll be sharine soon 🚀";
        assert_spans_on_char_boundaries(text);
    }

    const CROSSWORD: &str =
        "Crossword battle with one of our older patients today. She beat me on \
                       14 across and was very smug about it. Made my shift.";

    fn rule<'r>(report: &'r Report, id: &str) -> Option<&'r Finding> {
        report.findings.iter().find(|f| f.rule == id)
    }

    /// A calibration that trusts a category only where the second opinion is at least that of a
    /// blank draft, and a second opinion in which `word` speaks against every category: written
    /// here rather than read from the shipped files, whose weights move with the corpus.
    fn doubting(word: &str) -> Engine {
        let opinion = crate::classifier::Model::parse(&format!(
            "bias 0 0 0 0 0 0 0\nthreshold 0 0 0 0 0 0 0\nw:{word}\t-1 -1 -1 -1 -1 -1 -1\n"
        ))
        .unwrap();
        let line = "0 0 0 10 0 0 0 0 0 0.5 0.5";
        let calibration = Calibration::parse(
            &Category::ALL
                .iter()
                .map(|c| format!("{} {line}\n", c.id()))
                .collect::<String>(),
        )
        .unwrap();
        Engine::new(&Policy::example())
            .unwrap()
            .with_second_opinion(opinion, [true; 7])
            .with_calibration(calibration)
    }

    #[test]
    fn the_calibration_lowers_a_word_match_in_a_post_like_the_fine_ones() {
        let report = doubting("crossword").check(CROSSWORD, None);
        let insult = rule(&report, "insult").expect("the word list still matches \"smug\"");
        assert_eq!(insult.severity, Severity::Low);
        assert!(insult.message.contains("reminder"), "{}", insult.message);
        assert_eq!(report.verdict, Verdict::Post);
        // Where the second opinion has nothing against it, the rule keeps its word.
        let trusted = doubting("sunshine").check(CROSSWORD, None);
        assert_eq!(
            rule(&trusted, "insult").map(|f| f.severity),
            Some(Severity::High)
        );
    }

    #[test]
    fn without_the_learned_signal_the_rules_speak_alone() {
        let mut policy = Policy::example();
        policy.rules.insert(
            "learned-bullying-harassment".into(),
            crate::policy::RuleSetting {
                enabled: Some(false),
                severity: None,
            },
        );
        let engine = Engine::new(&policy).unwrap();
        assert!(!engine.weigh[crate::classifier::index(Category::BullyingHarassment)]);
        assert!(engine.weigh[crate::classifier::index(Category::Defamation)]);
        let report = engine.check(CROSSWORD, None);
        assert_eq!(
            rule(&report, "insult").map(|f| f.severity),
            Some(Severity::High)
        );
        assert_eq!(report.verdict, Verdict::Pause);
    }

    #[test]
    fn the_calibration_never_weighs_definite_evidence() {
        let engine = doubting("night");
        let report = engine.check(
            "Mr Jones NHS no 943 476 5919 kept us up all night, what a f***ing idiot",
            None,
        );
        assert_eq!(
            rule(&report, "nhs-number").map(|f| f.severity),
            Some(Severity::High)
        );
        assert_eq!(
            rule(&report, "swearing").map(|f| f.severity),
            Some(Severity::Medium)
        );
        assert_eq!(
            rule(&report, "insult").map(|f| f.severity),
            Some(Severity::Low)
        );
        assert_eq!(report.verdict, Verdict::Pause);
    }

    #[test]
    fn capitals_raised_by_anger_are_definite_evidence_of_heat() {
        let engine = Engine::new(&Policy::example()).unwrap();
        let heat = crate::classifier::index(Category::HeatOfTheMoment);
        // Two words in capitals are a reminder on their own, a nudge beside anger.
        let calm = engine.evidence("Rota is out, SO PLEASED with my Christmas off", None);
        assert!(!calm[heat].definite, "{:?}", calm[heat]);
        let angry = engine.evidence("Absolutely livid. The rota is out and it is SO WRONG", None);
        assert!(angry[heat].definite, "{:?}", angry[heat]);
        let report = engine.check("Absolutely livid. The rota is out and it is SO WRONG", None);
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "shouting" && f.severity >= Severity::Medium));
    }

    #[test]
    fn the_evidence_counts_the_rules_that_agree() {
        let findings = Engine::new(&Policy::example()).unwrap().check(
            "Aaliyah Rahman's prescription is ready, she keeps ringing the ward from 07700 900458",
            None,
        );
        let e = evidence(
            "Aaliyah Rahman's prescription is ready, she keeps ringing the ward from 07700 900458",
            &findings.findings,
            Category::PatientConfidentiality,
            -1.0,
            2.0,
        );
        assert!(e.rules >= 1, "{e:?}");
        assert!((e.learned, e.opinion) == (-1.0, 2.0));
        let none = evidence("", &[], Category::Defamation, -3.0, 0.0);
        assert_eq!((none.definite, none.rules), (false, 0));
        assert!(!none.flags(3));
    }

    #[test]
    fn the_calibration_never_weighs_a_full_name() {
        let engine = doubting("sepsis");
        let report = engine.check("They knew about Jenny Marsh's sepsis for 8 hours.", None);
        assert_eq!(
            rule(&report, "patient-name").map(|f| f.severity),
            Some(Severity::High)
        );
        let titled = engine.check("Mrs Beauchamp in bed 4 with her sepsis again", None);
        assert!(rule(&titled, "patient-name").is_none_or(|f| f.severity == Severity::Low));
        // Look-alike letters do not hide a full name from this either.
        let disguised = engine.check(
            "They knew about J\u{435}nny Marsh's sepsis for 8 hours.",
            None,
        );
        assert_eq!(
            rule(&disguised, "patient-name").map(|f| f.severity),
            Some(Severity::High)
        );
    }

    #[test]
    fn two_capitalised_words_without_a_given_name_are_weighed() {
        let engine = doubting("hiring");
        let advert = engine.check(
            "We're hiring! Band 6 Neonatal Practitioner for newborn screening bloods, closes on the 14th.",
            None,
        );
        let found = rule(&advert, "patient-name").expect("the rule still matches the advert");
        assert_eq!(found.severity, Severity::Low, "{advert:?}");
        let named = engine.check(
            "We're hiring! Ask Jenny Marsh in bed 4 about her newborn screening bloods.",
            None,
        );
        assert_eq!(
            rule(&named, "patient-name").map(|f| f.severity),
            Some(Severity::High)
        );
    }
}
