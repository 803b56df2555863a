//! One draft under analysis: the normalised text, every lexicon hit, sentence boundaries and the
//! shared detectors (people, employer references) that several rules consult.

use std::cell::OnceCell;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;

use crate::lexicon::{Hit, Lex};
use crate::model_pack::word_hash;
use crate::normalize::Normalized;

/// A draft being checked. Rules read it; they never change it.
pub struct Draft<'a> {
    pub original: &'a str,
    pub norm: Normalized,
    pub hits: Vec<Hit>,
    pub at: Option<DateTime<FixedOffset>>,
    pub public_contacts: &'a crate::engine::PublicContacts,
    model: &'a crate::classifier::Model,
    learned: OnceCell<[crate::classifier::CategoryScore; 7]>,
    features: OnceCell<crate::classifier::Features>,
    present: u128,
    /// Which pairs of adjacent bytes occur in the lowercased text, hashed into 1,024 bits: a
    /// word whose pairs are not all here cannot occur, so most gate words are ruled out
    /// without a scan ([`Draft::lower_has_any`]).
    pairs: [u64; 16],
    /// Whether the text has any ASCII uppercase letter: a cheap gate for regex rules.
    pub has_upper: bool,
    /// Which of [`MARKS`] occur in the cased text, one bit each: [`Draft::has_byte`].
    marks: u8,
    /// How many ASCII digits the text holds.
    pub digits: usize,
    sentences: Vec<(usize, usize)>,
    people: OnceCell<Vec<(usize, usize)>>,
    digit_run: OnceCell<usize>,
}

/// The punctuation rules ask about before a search (`@` for handles and e-mail addresses, `%` for
/// discount codes, `*` for masked swearing, quotes, `/` for dates): [`Draft::has_byte`].
const MARKS: [u8; 6] = [b'@', b'%', b'*', b'"', b'\'', b'/'];

/// Lexicon hits and names are never longer than this many bytes (longer prefix matches are
/// still found; only the look-behind of range queries is bounded by it).
pub const MAX_HIT_LEN: usize = 96;

/// `@handle` in the cased text.
pub static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@.])(@[A-Za-z0-9_]{2,30})(?-u:\b)").expect("valid regex")
});

/// A colleague named by role: "the new technician", "our ward manager", "this locum".
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:the|our|my|this|that|a|whichever|whoever|new) (?:new |junior |senior |agency |bank |locum |student |night |day |ward |practice |deputy |chief |head )?(?:[a-z]+ ){0,2}(?:nurses?|doctors?|pharmacists?|technicians?|techs?|hcas?|porters?|consultants?|registrars?|regs?|managers?|matrons?|sisters?|students?|locums?|physios?|midwi(?:fe|ves)|receptionists?|cleaners?|directors?|leads?|coordinators?|associates?|f[12]s?|sho|band [5-9]s?|dispensers?|assistants?|carers?|paramedics?|surgeons?|anaesthetists?|radiographers?|admins?|colleagues?|boss(?:es)?)(?-u:\b)").expect("valid regex")
});

/// A capitalised word that may be a name.
static CAP_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:[-'][A-Z]?[a-z]+)?(?-u:\b)")
        .expect("valid regex")
});

/// Words often capitalised that are not names of people.
const NOT_NAMES: &[&str] = &[
    // Languages: "the ward round in English", "a leaflet in Urdu" (a language, not a town).
    "English",
    "Welsh",
    "Gaelic",
    "Polish",
    "Urdu",
    "Punjabi",
    "Bengali",
    "Hindi",
    "Gujarati",
    "Tamil",
    "Malayalam",
    "Tagalog",
    "Arabic",
    "Farsi",
    "Pashto",
    "Kurdish",
    "Somali",
    "Romanian",
    "Portuguese",
    "Spanish",
    "French",
    "Italian",
    "German",
    "Lithuanian",
    "Russian",
    "Ukrainian",
    "Turkish",
    "Cantonese",
    "Mandarin",
    "Yoruba",
    "Makaton",
    "Latin",
    // Counts: "Three SLTs for 60 stroke beds".
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Twenty",
    "Thirty",
    "Fifty",
    "Hundred",
    "Skip",
    "Alternate",
    "I",
    "The",
    "A",
    "An",
    "And",
    "But",
    "So",
    "Or",
    "If",
    "When",
    "Why",
    "What",
    "Who",
    "How",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "They",
    "He",
    "She",
    "We",
    "You",
    "Our",
    "My",
    "His",
    "Her",
    "It",
    "Its",
    "Just",
    "Not",
    "No",
    "Yes",
    "Today",
    "Tonight",
    "Tomorrow",
    "Yesterday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
    "Easter",
    "Trust",
    "Hospital",
    "Ward",
    "Bay",
    "Bed",
    "Pharmacy",
    "Team",
    "Night",
    "Day",
    "Shift",
    "Well",
    "Thanks",
    "Thank",
    "Happy",
    "Great",
    "Good",
    "New",
    "Old",
    "All",
    "Some",
    "Any",
    "Every",
    "Everyone",
    "Nobody",
    "Anyone",
    "Someone",
    "Management",
    "Board",
    "Health",
    "Care",
    "Service",
    "Services",
    "Council",
    "Government",
    "Minister",
    "Secretary",
    "Manager",
    "Director",
    "Chief",
    "Senior",
    "Junior",
    "Nurse",
    "Doctor",
    "Sister",
    "Matron",
    "Consultant",
    "Pharmacist",
    "Locum",
    "Agency",
    "Staff",
    "Patient",
    "Patients",
    "Absolutely",
    "Honestly",
    "Seriously",
    "Literally",
    "Another",
    "Again",
    "Still",
    "Never",
    "Always",
    "Please",
    "Sorry",
    "Love",
    "Lovely",
    "Proud",
    "Reminder",
    "Remember",
    "Don't",
    "Can't",
    "Won't",
    "I'm",
    "I've",
    "It's",
    "Let's",
    "Here",
    "Now",
    "Then",
    "Also",
    "Big",
    "Huge",
    "Massive",
    "First",
    "Last",
    "Next",
    "Off",
    "On",
    "In",
    "At",
    "To",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "Up",
    "Out",
    "After",
    "Before",
    "Over",
    "Apparently",
    "Imagine",
    "Watch",
    "Look",
    "Guess",
    "Meet",
    "Hope",
    "Wish",
    "Ugh",
    "Oh",
    "Wow",
    "Lol",
    "Omg",
    "Hi",
    "Hello",
    "Dear",
    "Anyway",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Sir",
    "Dame",
    "Men",
    "Bean",
    "Resus",
    "Majors",
    "Minors",
    "Theatre",
    "Theatres",
    "Recovery",
    "Outpatients",
    "Unit",
    "Clinic",
    "Surgery",
    "Community",
    "District",
    "Local",
    "Heads",
    "Honest",
    "Told",
    "Sat",
    "Saw",
    "Pic",
    "Photo",
    "Shout",
    "Prayers",
    "Twin",
    "Nights",
    "Days",
    "Morning",
    "Evening",
    "Afternoon",
    "Week",
    "Weekend",
    "Year",
    "Years",
    "Band",
    "Source",
    "Ask",
    "Everyone's",
    // Verbs that open a line of someone's career: "Started on Ward Cennen in 1995".
    "Started",
    "Worked",
    "Trained",
    "Qualified",
    "Joined",
    "Retired",
    // Words that open a sentence: "Know Your Pulse", "Free Hemavance samples", "Spare pens".
    "Your",
    "Free",
    "Spare",
    "Give",
    "Personally",
    "Everybody",
];

/// [`NOT_NAMES`] as the sorted 32-bit hashes of their spelling: a lookup is one hash and a few
/// integer comparisons instead of a dozen string comparisons (a word whose hash collides with
/// one of theirs, about one in two million, would only lose a name's shape).
static NOT_NAMES_HASHED: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut v: Vec<u32> = NOT_NAMES.iter().map(|w| word_hash(w.as_bytes())).collect();
    v.sort_unstable();
    v
});

fn not_a_name(word: &str) -> bool {
    NOT_NAMES_HASHED
        .binary_search(&word_hash(word.as_bytes()))
        .is_ok()
}

/// Whether the word at `start..end` of `lower` is "prick" in a clinical compound: a heel prick,
/// a finger prick, a skin-prick or pin-prick test.
#[must_use]
pub fn clinical_prick(lower: &str, start: usize, end: usize) -> bool {
    lower
        .get(start..end)
        .is_some_and(|w| w.starts_with("prick"))
        && [
            "heel ", "finger ", "pin ", "skin ", "needle ", "thumb ", "toe ", "heel-", "finger-",
        ]
        .iter()
        .any(|p| lower[..start].ends_with(p))
        || lower.get(end..).is_some_and(|r| r.starts_with(" test"))
            && lower.get(start..end) == Some("prick")
}

/// The bit of [`Draft`]'s pair filter for two adjacent bytes.
#[inline]
fn pair_bit(a: u8, b: u8) -> usize {
    // The top ten bits of the pair times an odd constant.
    ((u32::from(a) << 8 | u32::from(b)).wrapping_mul(0x9e37_79b1) >> 22) as usize
}

/// Whether a capitalised word is a common word rather than a name.
#[must_use]
pub fn is_common_word(word: &str) -> bool {
    let first = word.split_whitespace().next().unwrap_or(word);
    not_a_name(first)
}

impl<'a> Draft<'a> {
    pub(crate) fn new(
        original: &'a str,
        norm: Normalized,
        hits: Vec<Hit>,
        at: Option<DateTime<FixedOffset>>,
        public_contacts: &'a crate::engine::PublicContacts,
        model: &'a crate::classifier::Model,
    ) -> Draft<'a> {
        let present = hits.iter().fold(0u128, |m, h| m | (1u128 << (h.lex as u8)));
        let sentences = split_sentences(&norm.cased);
        // Digits counted without branches in 32-bit lanes, which the compiler vectorises (a
        // `usize` sum widens every byte to 64 bits and costs more than a plain loop).
        let cased = norm.cased.as_bytes();
        let digits = cased
            .iter()
            .fold(0u32, |a, &b| a + u32::from(b.wrapping_sub(b'0') < 10))
            as usize;
        let has_upper = cased.iter().any(u8::is_ascii_uppercase);
        // Without branches, so the compiler compares many bytes at once.
        let marks = cased.iter().fold(0u8, |acc, &b| {
            acc | MARKS
                .iter()
                .enumerate()
                .fold(0u8, |m, (i, &c)| m | (u8::from(b == c) << i))
        });
        let mut pairs = [0u64; 16];
        let lower = norm.lower.as_bytes();
        for (&a, &b) in lower.iter().zip(lower.iter().skip(1)) {
            let bit = pair_bit(a, b);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        Draft {
            pairs,
            marks,
            digits,
            has_upper,
            original,
            norm,
            hits,
            at,
            public_contacts,
            model,
            learned: OnceCell::new(),
            features: OnceCell::new(),
            present,
            sentences,
            people: OnceCell::new(),
            digit_run: OnceCell::new(),
        }
    }

    /// The learned model's scores per category (computed once per draft, on first use).
    pub fn learned(&self) -> &[crate::classifier::CategoryScore; 7] {
        self.learned
            .get_or_init(|| self.model.score(self.features()))
    }

    /// The text's features for the models (found once per draft, on first use; the learned
    /// signal and the second opinion share them).
    pub fn features(&self) -> &crate::classifier::Features {
        self.features
            .get_or_init(|| crate::classifier::Features::of(self.cased(), self.lower()))
    }

    /// Whether the text has any ASCII digit: a cheap gate for regex rules.
    #[must_use]
    pub fn has_digit(&self) -> bool {
        self.digits > 0
    }

    /// The longest run of ASCII digits in the text (found once, on first use): a cheap gate for
    /// rules that look for long numbers.
    pub fn longest_digit_run(&self) -> usize {
        *self.digit_run.get_or_init(|| {
            if self.digits < 2 {
                return self.digits;
            }
            let (mut best, mut run) = (0, 0);
            for b in self.norm.cased.bytes() {
                run = if b.is_ascii_digit() { run + 1 } else { 0 };
                best = best.max(run);
            }
            best
        })
    }

    /// The normalised text with case kept.
    #[must_use]
    pub fn cased(&self) -> &str {
        &self.norm.cased
    }

    /// The normalised, lowercased text (where lexicon hits point).
    #[must_use]
    pub fn lower(&self) -> &str {
        &self.norm.lower
    }

    /// Whether any of `words` occurs in the lowercased text (as a substring): what
    /// `any_of!(d.lower(), ...)` answers, but each word is first tested against the pairs of
    /// bytes the text has, so most are ruled out without a scan.
    #[must_use]
    pub fn lower_has_any(&self, words: &crate::lexicon::WordSet) -> bool {
        words.words().iter().any(|w| {
            w.as_bytes().windows(2).all(|p| {
                let bit = pair_bit(p[0], p[1]);
                self.pairs[bit / 64] & (1 << (bit % 64)) != 0
            }) && self.lower().contains(w)
        })
    }

    /// Whether the byte `b` occurs in the cased text: for the [`MARKS`] one bit, found for all
    /// of them in one pass when the draft is made, where `contains` would scan the whole text
    /// each time it is asked. Punctuation of this kind is the same in the
    /// lowercased text, except the symbols read as letters in leetspeak (`@`, `$`, `!`, `|`).
    #[must_use]
    pub fn has_byte(&self, b: u8) -> bool {
        match MARKS.iter().position(|&m| m == b) {
            Some(i) => self.marks & (1 << i) != 0,
            None => self.cased().as_bytes().contains(&b),
        }
    }

    /// Whether any term of `lex` occurs in the draft.
    #[must_use]
    pub fn has(&self, lex: Lex) -> bool {
        self.present & (1u128 << (lex as u8)) != 0
    }

    /// Every hit of `lex`, in order.
    pub fn hits_of(&self, lex: Lex) -> impl Iterator<Item = &Hit> + '_ {
        let any = self.has(lex);
        self.hits.iter().filter(move |h| any && h.lex == lex)
    }

    /// The sentence (start, end) containing normalised byte `pos`.
    #[must_use]
    pub fn sentence(&self, pos: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|&(_, e)| e <= pos);
        self.sentences
            .get(i)
            .copied()
            .filter(|&(s, _)| s <= pos)
            .unwrap_or((0, self.norm.cased.len()))
    }

    /// The hits that overlap `lo..hi` (hits are sorted by start; none is longer than
    /// [`MAX_HIT_LEN`] bytes except prefix matches, which are bounded by a word).
    pub fn hits_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &Hit> + '_ {
        let from = self.hits.partition_point(|h| h.start + MAX_HIT_LEN < lo);
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start < hi)
            .filter(move |h| h.end > lo)
    }

    /// A hit of `lex` in the same sentence as `start..end`, at most `window` bytes away.
    #[must_use]
    pub fn near(&self, lex: Lex, start: usize, end: usize, window: usize) -> Option<&Hit> {
        if !self.has(lex) {
            return None;
        }
        let (ss, se) = self.sentence(start);
        let lo = start.saturating_sub(window).max(ss);
        let hi = (end + window).min(se.max(end));
        self.hits_in(lo, hi).find(|h| h.lex == lex)
    }

    /// A hit of `lex` anywhere in the draft within `window` bytes of `start..end`, across
    /// sentence boundaries.
    #[must_use]
    pub fn near_any(&self, lex: Lex, start: usize, end: usize, window: usize) -> Option<&Hit> {
        if !self.has(lex) {
            return None;
        }
        self.hits_in(start.saturating_sub(window), end + window)
            .find(|h| h.lex == lex)
    }

    /// Up to `n` bytes of the lowercased text before `pos`, within its sentence, starting on a
    /// character boundary.
    #[must_use]
    pub fn lower_before(&self, pos: usize, n: usize) -> &str {
        let lower = self.lower();
        let mut from = self.sentence(pos).0.max(pos.saturating_sub(n));
        while from < pos && !lower.is_char_boundary(from) {
            from += 1;
        }
        &lower[from..pos]
    }

    /// Whether the `n` bytes of the lowercased text before `pos` (within its sentence) end with
    /// one of `phrases`: "should be " before "struck off", "not " before "proud".
    #[must_use]
    pub fn preceded_by(&self, pos: usize, n: usize, phrases: &[&str]) -> bool {
        let before = self.lower_before(pos, n);
        phrases.iter().any(|p| before.ends_with(p))
    }

    /// Up to `n` bytes of the lowercased text after `pos`, ending on a character boundary.
    #[must_use]
    pub fn lower_after(&self, pos: usize, n: usize) -> &str {
        let lower = self.lower();
        let pos = pos.min(lower.len());
        let mut to = (pos + n).min(lower.len());
        while to > pos && !lower.is_char_boundary(to) {
            to -= 1;
        }
        &lower[pos..to]
    }

    /// Maps a normalised span back to the original text.
    #[must_use]
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        self.norm.to_original(start, end)
    }

    /// The original text of a normalised span.
    #[must_use]
    pub fn original_text(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.original_span(start, end);
        self.original.get(s..e).unwrap_or("")
    }

    /// Spans of people and organisations named or addressed: `@handles`, titled names
    /// (`Mr Patel`, `Dr Khan`), first name + surname pairs, and policy suppliers/employer names.
    /// Roles ("our chief pharmacist") are in [`Lex::PersonRole`].
    pub fn people(&self) -> &[(usize, usize)] {
        self.people.get_or_init(|| {
            let cased = self.cased();
            let mut out: Vec<(usize, usize)> = Vec::new();
            // (A handle needs an '@'; most drafts have none.)
            if self.has_byte(b'@') {
                for c in HANDLE.captures_iter(cased) {
                    if let Some(m) = c.get(1) {
                        out.push((m.start(), m.end()));
                    }
                }
            }
            let caps: Vec<(usize, usize)> = CAP_WORD
                .find_iter(cased)
                .filter(|m| !not_a_name(m.as_str()))
                .map(|m| (m.start(), m.end()))
                .collect();
            for &(s, e) in &caps {
                let sentence_start = self.sentence(s).0;
                let at_start = cased[sentence_start..s].trim().is_empty()
                    || cased[..s].trim_end().ends_with(['"', '(', ':', '-']);
                let titled = self.hits_in(s.saturating_sub(16), s).any(|h| {
                    matches!(h.lex, Lex::Honorific | Lex::StaffTitle)
                        && h.end <= s
                        && s - h.end <= 2
                });
                let followed_by_cap = caps.binary_search_by_key(&(e + 1), |c| c.0).is_ok();
                let preceded_by_cap = caps.binary_search_by_key(&s, |c| c.1 + 1).is_ok();
                if titled
                    || followed_by_cap
                    || (!at_start && preceded_by_cap)
                    || (preceded_by_cap && out.last().is_some_and(|&(_, pe)| pe + 1 == s))
                {
                    out.push((s, e));
                } else {
                    // A lone capitalised word is a name when a verb of being or saying follows:
                    // "Dave is useless", "Priya lied".
                    let rest = &self.lower()[e..];
                    let verbish = [
                        " is ", " was ", "'s ", " has ", " lied", " stole", " never ", " always ",
                        " keeps ", " just ", " thinks ", " needs ", " should ", " said ", " told ",
                    ];
                    if verbish.iter().any(|v| rest.starts_with(v)) {
                        out.push((s, e));
                    }
                }
            }
            for m in ROLE.find_iter(self.lower()) {
                out.push((m.start(), m.end()));
            }
            for h in &self.hits {
                if matches!(h.lex, Lex::PolicySupplier | Lex::PolicyEmployer) {
                    out.push((h.start, h.end));
                }
            }
            // Organisations: a capitalised word followed by a company word ("Acme Pharma Ltd").
            for h in self.hits_of(Lex::CompanySuffix) {
                if let Ok(i) = caps.binary_search_by_key(&h.start, |c| c.1 + 1) {
                    out.push((caps[i].0, h.end));
                }
            }
            out.sort_unstable();
            out.dedup();
            out
        })
    }

    /// A named person, handle or organisation overlapping `lo..hi`, other than `start..end`
    /// itself.
    fn person_between(
        &self,
        lo: usize,
        hi: usize,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        let people = self.people();
        let from = people.partition_point(|&(s, _)| s + MAX_HIT_LEN < lo);
        people[from..]
            .iter()
            .take_while(|&&(s, _)| s < hi)
            .find(|&&(s, e)| e > lo && !(s >= start && e <= end))
            .copied()
    }

    /// A person, handle, organisation or role in the same sentence within `window` bytes.
    #[must_use]
    pub fn person_near(&self, start: usize, end: usize, window: usize) -> Option<(usize, usize)> {
        let (ss, se) = self.sentence(start);
        let lo = start.saturating_sub(window).max(ss);
        let hi = (end + window).min(se.max(end));
        self.person_between(lo, hi, start, end).or_else(|| {
            self.near(Lex::PersonRole, start, end, window)
                .map(|h| (h.start, h.end))
        })
    }

    /// A person, handle, organisation or role within `window` bytes, across sentences.
    #[must_use]
    pub fn person_in_post(
        &self,
        start: usize,
        end: usize,
        window: usize,
    ) -> Option<(usize, usize)> {
        self.person_between(start.saturating_sub(window), end + window, start, end)
            .or_else(|| {
                self.near_any(Lex::PersonRole, start, end, window)
                    .map(|h| (h.start, h.end))
            })
    }

    /// Whether the named target at `start..end` is an organisation: a policy supplier or the
    /// employer, or a capitalised name ending in a company word ("Acme Pharma", "Northgate
    /// Homecare Ltd"), rather than a person or a role.
    #[must_use]
    pub fn is_organisation(&self, start: usize, end: usize) -> bool {
        let named_company = self.cased()[start..end].starts_with(|c: char| c.is_ascii_uppercase())
            && self.hits_in(start, end + 24).any(|x| {
                x.lex == Lex::CompanySuffix
                    && x.start > start
                    && self.cased()[x.start..x.end].starts_with(|c: char| c.is_ascii_uppercase())
            });
        named_company
            || self
                .hits_in(start, end)
                .any(|x| matches!(x.lex, Lex::PolicySupplier | Lex::PolicyEmployer))
    }

    /// Whether the words just before `pos` (same sentence, within `window`) refer to the author.
    #[must_use]
    pub fn self_directed(&self, pos: usize, window: usize) -> bool {
        let (ss, _) = self.sentence(pos);
        let lo = pos.saturating_sub(window).max(ss);
        self.hits_in(lo, pos)
            .any(|h| h.lex == Lex::SelfReference && h.start >= lo && h.end <= pos)
    }

    /// Hour of posting, when the time is known.
    #[must_use]
    pub fn hour(&self) -> Option<u32> {
        use chrono::Timelike;
        self.at.map(|t| t.hour())
    }
}

/// Abbreviations whose stop does not end a sentence ("Mr. Patel", "Dr. Khan", "St. Mary's").
const ABBREVIATIONS: &[&[u8]] = &[
    b"mr", b"mrs", b"ms", b"dr", b"st", b"no", b"vs", b"prof", b"e.g", b"i.e",
];

/// Whether the last word of `before` (after its last space or newline) is one of
/// [`ABBREVIATIONS`], in any case. Compares bytes in place: no lowercased copy.
fn ends_with_abbreviation(before: &[u8]) -> bool {
    let word_start = before
        .iter()
        .rposition(|&b| b == b' ' || b == b'\n')
        .map_or(0, |p| p + 1);
    let word = &before[word_start..];
    word.len() <= 4 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Jump to the next byte that can end a sentence.
        match bytes[i..]
            .iter()
            .position(|&b| matches!(b, b'\n' | b'.' | b'!' | b'?'))
        {
            Some(k) => i += k,
            None => break,
        }
        let b = bytes[i];
        let boundary = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let next = bytes.get(i + 1).copied();
                let ends = next.is_none_or(|n| n == b' ' || n == b'\n');
                // "Mr. Patel", "Dr. Khan", "St. Mary's" do not end a sentence.
                ends && !(i > 0 && ends_with_abbreviation(&bytes[..i]))
            }
            _ => false,
        };
        if boundary {
            // Swallow runs of the same punctuation ("!!!", "?!").
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            out.push((start, j));
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_sentences;

    #[test]
    fn sentences_split_on_stops_but_not_on_titles() {
        let t = "Mr. Patel is in bed 4. Great news!!! Really";
        let s: Vec<&str> = split_sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec!["Mr. Patel is in bed 4.", " Great news!!!", " Really"]
        );
    }
}
