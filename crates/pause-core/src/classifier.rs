//! A small learned signal beside the rules: one logistic-regression model per category over
//! the words and word pairs of a draft, trained on the labelled corpus and the calibration set
//! (23,809 posts) by `cargo run --release -p pause-core --example train` and shipped as a data
//! file (`data/model.tsv`). Rules explain exact risks; the model catches the many ways people
//! phrase the same thing that no word list anticipates. It only ever adds a medium finding,
//! on the words that weighed most, when no rule of that category fired.

use std::collections::HashMap;

use crate::finding::Category;
use crate::model_pack::{fnv, fold, hash_name, pair, word_hash, UNIGRAM};

/// A word token: byte span in the lowercased text.
pub type Token = (usize, usize);

/// One category's verdict: the score, whether it passes the threshold, and (when it does) the
/// words that weighed most with their weights.
pub type CategoryScore = (f32, bool, Vec<(Token, f32)>);

/// Where a web address starting at `i` ends (the next whitespace), if one starts there: its
/// parts ("https", "org", "utm", "feed") say nothing about the post and are not words to the
/// model.
fn url_end(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i..];
    if rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.") {
        Some(
            rest.iter()
                .position(u8::is_ascii_whitespace)
                .map_or(b.len(), |p| i + p),
        )
    } else {
        None
    }
}

/// Whether the letters at `s..e` are part of a word in another script: "Καλημέρα", folded to
/// look-alikes, becomes "kaλnμepa", whose Latin pieces are fragments, not words.
fn fragment(lower: &str, s: usize, e: usize) -> bool {
    let b = lower.as_bytes();
    (s > 0
        && b[s - 1] >= 0x80
        && lower[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic))
        || (e < b.len()
            && b[e] >= 0x80
            && lower[e..].chars().next().is_some_and(char::is_alphabetic))
}

/// The words of a lowercased, normalised text (letters and apostrophes, two or more bytes,
/// not fragments of a word in another script),
/// web addresses left out.
#[must_use]
pub fn tokens(lower: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(lower.len() / 5);
    walk(lower, lower, |t| {
        if let Step::Word(tok, _) = t {
            out.push(tok);
        }
    });
    out
}

/// One step of [`walk`]: a word (and whether it has the shape of a name), a short number, or
/// something that ends the run of shapes (a long number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Word(Token, Shape),
    Number(Token),
    Handle(Token),
    /// A mark of tone that is not a word: [`BANG`], [`MASK`] or [`CAPS`]. Marks count on their
    /// own, never in pairs.
    Mark(Token, &'static str),
    /// An emoji: its own feature, on its own.
    Emoji(Token),
    Break,
}

impl Step {
    /// The shape a step counts as ([`NAME`], [`CAP`], [`NUMBER`], [`HANDLE`]), if any: a plain
    /// word counts as itself, a piece of a handle and a break not at all.
    #[must_use]
    pub fn class(self) -> Option<&'static str> {
        match self {
            Step::Word(_, Shape::Name) => Some(NAME),
            Step::Word(_, Shape::Cap) => Some(CAP),
            Step::Number(_) => Some(NUMBER),
            Step::Handle(_) => Some(HANDLE),
            Step::Word(..) | Step::Mark(..) | Step::Emoji(_) | Step::Break => None,
        }
    }
}

/// How a word counts among the shapes: as itself, as a name, or not at all (a piece of an
/// @handle, which counts as [`HANDLE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Plain,
    Name,
    Cap,
    InHandle,
}

/// What the shape features call a word with the shape of a name, and a short number: names and
/// ages change from writer to writer, "#name on ward #num" does not.
pub const NAME: &str = "#name";
pub const NUMBER: &str = "#num";
pub const HANDLE: &str = "#at";
pub const CAP: &str = "#cap";
/// Marks of tone: `!!` or `?!` (two or more), a word masked with `*` (`f***`, `w*nkers`), a
/// word of four or more capitals (`DISGRACEFUL`) and an emoji, which names itself.
pub const BANG: &str = "#bang";
pub const MASK: &str = "#mask";
pub const CAPS: &str = "#caps";

/// Whether `c` is an emoji: the pictographs (faces, hands, drinks, hearts), the older symbols
/// (☹, ✨, ❤), clocks and stars (⏰, ⭐); not the skin-tone modifiers, which only colour the emoji
/// before them.
fn is_emoji(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1F300..=0x1F3FA | 0x1F400..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
    )
}

/// The acronyms of `lexicons/acronym.toml` (NHS, CAMHS, NICE, DATIX), as the sorted 32-bit hashes
/// of their lowercase spelling: written in capitals, they are names, not shouting.
static ACRONYMS: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    let file = crate::lexicon::LEXICON_FILES
        .iter()
        .find(|f| f.1 == "acronym")
        .and_then(|f| crate::lexicon::parse_file(f.1, f.2).ok());
    let mut v: Vec<u32> = file
        .map(|f| f.terms)
        .unwrap_or_default()
        .iter()
        .map(|t| word_hash(t.as_bytes()))
        .collect();
    v.sort_unstable();
    v
});

/// Whether the word at `s..e` is written in capitals: four letters or more, with a vowel, and
/// not a known acronym (so CAMHS, MHRA and NICE are not; DONE, LIED and DISGRACEFUL are).
fn in_capitals(cased: &[u8], lower: &str, s: usize, e: usize) -> bool {
    e - s >= 4
        && cased[s..e]
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c == b'\'')
        && cased[s..e]
            .iter()
            .any(|c| matches!(c, b'A' | b'E' | b'I' | b'O' | b'U' | b'Y'))
        && ACRONYMS
            .binary_search(&word_hash(&lower.as_bytes()[s..e]))
            .is_err()
}

/// Capitalised words that are days and months, not names.
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Given names common in the UK (`data/given_names.txt`), as the sorted 32-bit hashes of their
/// lowercase spelling: a lookup is a few integer comparisons (a word whose hash collides with a
/// name's only gains a name's shape).
static GIVEN: std::sync::LazyLock<Vec<u32>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<u32> = include_str!("../data/given_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| word_hash(l.as_bytes()))
        .collect();
    v.sort_unstable();
    v
});

pub(crate) fn is_given(w: &str) -> bool {
    GIVEN.binary_search(&word_hash(w.as_bytes())).is_ok()
}

/// Given names that open sentences as ordinary words ("Will you...", "Mark my words", "Grace
/// under pressure"): names only inside a sentence.
const AMBIGUOUS: &[&str] = &[
    "amber", "autumn", "bill", "dawn", "faith", "frank", "grace", "guy", "hazel", "hope", "ivy",
    "jack", "jade", "joy", "june", "mark", "may", "miles", "pat", "patience", "pearl", "penny",
    "precious", "ray", "rose", "ruby", "summer", "violet", "will", "iris", "robin", "rowan",
    "glen", "carol", "eve", "sunny", "angel", "rex", "sid", "dee", "kay", "jay", "mo", "lily",
];

/// How a word counts among the shapes. A capital and then small letters inside a sentence
/// (after a space, not after a full stop, a line break, an emoji, `#` or `@`) is a name when it
/// is a common given name and another capitalised word ([`CAP`]: a place, a ward, a firm)
/// otherwise, unless it is a common capitalised word, a day or a month; at the start of a
/// sentence only a given name that is not also an ordinary word counts.
fn word_shape(cased: &str, lower: &str, s: usize, e: usize) -> Shape {
    let c = cased.as_bytes();
    if !c[s].is_ascii_uppercase() || !c[s + 1].is_ascii_lowercase() {
        return Shape::Plain;
    }
    let w = &lower[s..e];
    let w = w.strip_suffix("'s").unwrap_or(w);
    let mut k = s;
    while k > 0 && matches!(c[k - 1], b'(' | b'"' | b'\'') {
        k -= 1;
    }
    if k > 0 && c[k - 1] != b' ' && c[k - 1] != b'\n' {
        // Inside a hashtag, a handle or a word.
        return Shape::Plain;
    }
    while k > 0 && c[k - 1] == b' ' {
        k -= 1;
    }
    let inside = k > 0 && !matches!(c[k - 1], b'.' | b'!' | b'?' | b'\n' | b':') && c[k - 1] < 0x80;
    if inside {
        if cased.get(s..e).is_none_or(crate::draft::is_common_word) || CALENDAR.contains(&w) {
            Shape::Plain
        } else if is_given(w) {
            Shape::Name
        } else {
            Shape::Cap
        }
    } else if is_given(w) && !AMBIGUOUS.contains(&w) {
        Shape::Name
    } else {
        Shape::Plain
    }
}

/// Walks the words and short numbers of a normalised text (`cased` and `lower` byte for byte
/// the same length; pass `lower` twice where case is unknown, and no word has a name's shape).
/// Both the trainer and the scorer walk with this, so they name the same features.
pub fn walk(cased: &str, lower: &str, mut f: impl FnMut(Step)) {
    let b = lower.as_bytes();
    let cased = if cased.len() == lower.len() {
        cased
    } else {
        lower
    };
    let mut i = 0;
    // The end of the @handle being walked.
    let mut handle_end = 0;
    while i < b.len() {
        if b[i] == b'@' && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let len = b[i + 1..]
                .iter()
                .take_while(|&&x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == b'_')
                .count();
            if len >= 2 {
                handle_end = i + 1 + len;
                f(Step::Handle((i, handle_end)));
            }
            i += 1;
        } else if b[i].is_ascii_lowercase() {
            // (An address starts with "h" or "w": most words are not asked.)
            if let Some(end) = matches!(b[i], b'h' | b'w').then(|| url_end(b, i)).flatten() {
                i = end;
                continue;
            }
            let s = i;
            while i < b.len()
                && (b[i].is_ascii_lowercase()
                    || (b[i] == b'\'' && i + 1 < b.len() && b[i + 1].is_ascii_lowercase()))
            {
                i += 1;
            }
            // (A fragment touches a byte outside ASCII: most words are not asked.)
            let foreign = (s > 0 && b[s - 1] >= 0x80) || b.get(i).is_some_and(|&x| x >= 0x80);
            if i - s >= 2 && !(foreign && fragment(lower, s, i)) {
                let shape = if s < handle_end {
                    Shape::InHandle
                } else if cased.as_bytes()[s].is_ascii_uppercase() {
                    word_shape(cased, lower, s, i)
                } else {
                    Shape::Plain
                };
                f(Step::Word((s, i), shape));
                // A word in capitals starts with one (most words are not looked at further).
                if cased.as_bytes()[s].is_ascii_uppercase()
                    && in_capitals(cased.as_bytes(), lower, s, i)
                {
                    f(Step::Mark((s, i), CAPS));
                }
            }
        } else if b[i].is_ascii_digit() {
            let s = i;
            if s < handle_end {
                i = handle_end;
                continue;
            }
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // A short number on its own (an age, a bed, a count), not part of a time, a date, a
            // price or a longer number.
            let before = if s > 0 { b[s - 1] } else { b' ' };
            let after = b.get(i).copied().unwrap_or(b' ');
            let joined = |x: u8| matches!(x, b'/' | b':' | b'.' | b',' | b'-');
            if i - s <= 3
                && !joined(before)
                && before != b'\xa3'
                && !(joined(after) && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                f(Step::Number((s, i)));
            } else {
                f(Step::Break);
            }
        } else if b[i] == b'!' || b[i] == b'?' {
            let s = i;
            while i < b.len() && (b[i] == b'!' || b[i] == b'?') {
                i += 1;
            }
            if i - s >= 2 {
                f(Step::Mark((s, i), BANG));
            }
        } else if b[i] == b'*' {
            // A star run touching a letter masks a word ("f***", "w*nkers"; also "posts*", a
            // footnote, which the model learns to weigh); a star on its own is a bullet. The
            // mark's span is the whole masked word, so a finding quotes it.
            let s = i;
            while i < b.len() && b[i] == b'*' {
                i += 1;
            }
            let letter = |x: Option<&u8>| x.is_some_and(u8::is_ascii_alphabetic);
            if letter(s.checked_sub(1).and_then(|k| b.get(k))) || letter(b.get(i)) {
                let ws = b[..s]
                    .iter()
                    .rposition(|x| !(x.is_ascii_alphabetic() || *x == b'*'))
                    .map_or(0, |k| k + 1);
                let we = b[i..]
                    .iter()
                    .position(|x| !(x.is_ascii_alphabetic() || *x == b'*'))
                    .map_or(b.len(), |k| i + k);
                f(Step::Mark((ws, we), MASK));
            }
        } else if b[i] >= 0xF0 || b[i] == 0xE2 {
            // A four-byte character (or one of the symbols from U+2600): an emoji is a mark.
            let s = i;
            let c = lower[s..].chars().next();
            i += c.map_or(1, char::len_utf8);
            if c.is_some_and(is_emoji) {
                f(Step::Emoji((s, i)));
            }
        } else {
            i += 1;
        }
    }
}

/// Which features the trainer names (the shipped model uses [`FeatureSet::SHIPPED`]; the
/// others exist so the trainer can compare them by cross-validation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSet {
    /// `p:stem`: the first five letters of words of six or more, so "incompetent" and
    /// "incompetence", "useless" and "uselessness" share a feature.
    pub stems: bool,
    /// `s:word word`: word pairs with one word between them.
    pub skips: bool,
    /// `c:gram`: character four-grams of words, with `<` and `>` marking the word's ends.
    pub chars: bool,
    /// Shapes: a name is also [`NAME`], another capitalised word inside a sentence [`CAP`], a
    /// short number [`NUMBER`] and an @handle [`HANDLE`], alone and in pairs with their
    /// neighbours ("b:to #name", "b:on #cap", "b:ward #num", "b:#at today"). Out of writer on
    /// 68,250 posts (`train --calibration`), names and numbers took patient confidentiality from
    /// .905/.928 to .910/.936 and false alarms from 973 to 954; handles added a post or two;
    /// on 72,410, telling given names (`data/given_names.txt`) from other capitals took patient
    /// from .903/.952 to .905/.955 and false alarms from 1,096 to 1,077 (reputation .850/.846 to
    /// .846/.846).
    pub shapes: bool,
    /// Marks of tone, each on its own: [`BANG`], [`MASK`], [`CAPS`] and each emoji ("w:🍷").
    pub marks: bool,
}

impl FeatureSet {
    /// The features the shipped model is trained on and scored with.
    pub const SHIPPED: FeatureSet = FeatureSet {
        stems: false,
        skips: false,
        chars: false,
        shapes: true,
        marks: true,
    };
}

/// The feature names used by the trainer and the model file ("w:word", "b:word word").
#[must_use]
pub fn feature_names(cased: &str, lower: &str) -> Vec<String> {
    feature_names_with(cased, lower, FeatureSet::SHIPPED)
}

/// The feature names of a text under a given feature set.
#[must_use]
pub fn feature_names_with(cased: &str, lower: &str, set: FeatureSet) -> Vec<String> {
    let mut steps = Vec::new();
    walk(cased, lower, |t| steps.push(t));
    let toks: Vec<Token> = steps
        .iter()
        .filter_map(|t| match t {
            Step::Word(tok, _) => Some(*tok),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (k, &(s, e)) in toks.iter().enumerate() {
        let w = &lower[s..e];
        out.push(format!("w:{w}"));
        if let Some(&(s2, e2)) = toks.get(k + 1) {
            out.push(format!("b:{w} {}", &lower[s2..e2]));
        }
        if set.skips {
            if let Some(&(s2, e2)) = toks.get(k + 2) {
                out.push(format!("s:{w} {}", &lower[s2..e2]));
            }
        }
        if set.stems && w.len() >= 6 {
            out.push(format!("p:{}", &w[..5]));
        }
        if set.chars && w.len() >= 3 {
            let bordered: Vec<u8> = std::iter::once(b'<')
                .chain(w.bytes())
                .chain(std::iter::once(b'>'))
                .collect();
            for g in bordered.windows(4) {
                out.push(format!("c:{}", String::from_utf8_lossy(g)));
            }
        }
    }
    if set.marks {
        for t in &steps {
            match *t {
                Step::Mark(_, m) => out.push(format!("w:{m}")),
                Step::Emoji((s, e)) => out.push(format!("w:{}", &lower[s..e])),
                _ => {}
            }
        }
    }
    if set.shapes {
        let mut prev: Option<(&str, bool)> = None;
        for t in &steps {
            let cur = match (*t, t.class()) {
                (Step::Word(_, Shape::InHandle) | Step::Mark(..) | Step::Emoji(_), _) => continue,
                (_, Some(class)) => Some((class, true)),
                (Step::Word((s, e), _), None) => Some((&lower[s..e], false)),
                _ => None,
            };
            if let Some((w, class)) = cur {
                if class {
                    out.push(format!("w:{w}"));
                }
                if let Some((p, pclass)) = prev {
                    if class || pclass {
                        out.push(format!("b:{p} {w}"));
                    }
                }
            }
            prev = cur;
        }
    }
    out
}

/// The features of a text (words, word pairs, shapes and marks of tone), each as its hash
/// folded to 32 bits with the span it covers, in the order of the text and with repeats (each
/// model counts a feature once). Found in one walk and shared by the learned signal and the
/// second opinion, which use the same features.
#[derive(Debug, Clone, Default)]
pub struct Features(Vec<(u32, Token)>);

impl Features {
    /// Walks the text once.
    #[must_use]
    pub fn of(cased: &str, lower: &str) -> Features {
        let b = lower.as_bytes();
        let mut out: Vec<(u32, Token)> = Vec::with_capacity(lower.len() / 2);
        let mut visit = |h: u64, span: Token| out.push((fold(h), span));
        // The previous word, and the previous step of the shapes: its span, hash and whether
        // it is a shape.
        let mut prev: Option<(Token, u64)> = None;
        let mut prev_shape: Option<(Token, u64, bool)> = None;
        walk(cased, lower, |t| {
            let (tok, uni) = match t {
                Step::Word(tok, shape) => {
                    let uni = fnv(&b[tok.0..tok.1], UNIGRAM);
                    if let Some(((ps, _), puni)) = prev {
                        visit(pair(puni, uni), (ps, tok.1));
                    }
                    visit(uni, tok);
                    prev = Some((tok, uni));
                    if shape == Shape::InHandle {
                        return;
                    }
                    (tok, uni)
                }
                Step::Number(tok) | Step::Handle(tok) => (tok, 0),
                Step::Mark(tok, m) => {
                    visit(fnv(m.as_bytes(), UNIGRAM), tok);
                    return;
                }
                Step::Emoji(tok) => {
                    visit(fnv(&b[tok.0..tok.1], UNIGRAM), tok);
                    return;
                }
                Step::Break => {
                    prev_shape = None;
                    return;
                }
            };
            let class = t.class();
            let h = class.map_or(uni, |c| fnv(c.as_bytes(), UNIGRAM));
            let class = class.is_some();
            if class {
                visit(h, tok);
            }
            if let Some(((ps, _), ph, pclass)) = prev_shape {
                if class || pclass {
                    visit(pair(ph, h), (ps, tok.1));
                }
            }
            prev_shape = Some((tok, h, class));
        });
        Features(out)
    }
}

/// The compiled model: feature hash -> weight per category.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Feature (its hash folded to 32 bits) -> weights in units of `scale`: 14 bytes of
    /// weights an entry instead of 28, so the table of some 30,000 features stays warm in the
    /// cache.
    weights: FeatureTable,
    /// Per category, the weight of one unit (the largest weight / 32,767).
    scale: [f32; 7],
    bias: [f32; 7],
    threshold: [f32; 7],
}

/// Feature hash -> weights: open addressing with linear probing in a power-of-two table kept
/// at most half full, so a look-up is a multiply, a shift and, mostly, one comparison of a key
/// stored beside its neighbours (a general hash map spent about twice the instructions).
#[derive(Debug, Clone, Default)]
struct FeatureTable {
    /// Per slot: the key, and the index of its weights plus one (0: an empty slot).
    slots: Vec<(u32, u32)>,
    weights: Vec<[i16; 7]>,
    /// 64 less the table's size in bits: the product's top bits pick the slot.
    shift: u32,
}

impl FeatureTable {
    fn with_capacity(n: usize) -> FeatureTable {
        let size = (n.max(8) * 2).next_power_of_two();
        FeatureTable {
            slots: vec![(0, 0); size],
            weights: Vec::with_capacity(n),
            shift: 64 - size.trailing_zeros(),
        }
    }

    #[inline]
    fn slot(&self, h: u32) -> usize {
        // The table holds at most 2^31 slots, so the top bits fit.
        #[allow(clippy::cast_possible_truncation)]
        let i = (u64::from(h).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        i
    }

    fn insert(&mut self, h: u32, w: [i16; 7]) {
        if (self.weights.len() + 1) * 2 > self.slots.len() {
            let old = std::mem::take(self);
            *self = FeatureTable::with_capacity(old.weights.len() * 2 + 1);
            for &(k, v) in &old.slots {
                if v != 0 {
                    self.insert(k, old.weights[v as usize - 1]);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let (k, v) = self.slots[i];
            if v == 0 {
                self.weights.push(w);
                #[allow(clippy::cast_possible_truncation)]
                let index = self.weights.len() as u32;
                self.slots[i] = (h, index);
                return;
            }
            if k == h {
                self.weights[v as usize - 1] = w;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, h: u32) -> Option<&[i16; 7]> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.slot(h);
        loop {
            let (k, v) = self.slots[i];
            if v == 0 {
                return None;
            }
            if k == h {
                return self.weights.get(v as usize - 1);
            }
            i = (i + 1) & mask;
        }
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// The shipped model (see the module docs for how it is made).
pub const MODEL: &str = include_str!("../data/model.tsv");

/// The shipped second opinion: the same kind of model trained without class balancing and
/// lightly regularised, so its score is the log-odds that a post like this one carries the
/// category. It has no threshold: [`crate::calibration`] weighs it with the other evidence.
pub const OPINION: &str = include_str!("../data/opinion.tsv");

/// [`MODEL`] packed by the build script: what the engine embeds and reads (see
/// [`crate::model_pack`]).
pub const MODEL_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.bin"));

/// [`OPINION`] packed by the build script.
pub const OPINION_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opinion.bin"));

/// A model file that could not be read, with its line.
#[derive(Debug, thiserror::Error)]
#[error("model line {line}: {message}")]
pub struct ModelError {
    pub line: usize,
    pub message: String,
}

impl Model {
    /// Reads the model's text format: `#` comments, a `bias` line and a `threshold` line of
    /// seven numbers (categories in [`Category::ALL`] order), then one feature a line:
    /// `w:word` or `b:word word`, a tab, and seven weights.
    ///
    /// # Errors
    /// A malformed line, named by number.
    pub fn parse(text: &str) -> Result<Model, ModelError> {
        let packed = crate::model_pack::pack(text)
            .map_err(|(line, message)| ModelError { line, message })?;
        Model::from_packed(&packed).map_err(|message| ModelError { line: 0, message })
    }

    /// Reads a model packed by [`crate::model_pack::pack`] (as the build script packs the
    /// shipped ones: [`MODEL_PACKED`], [`OPINION_PACKED`]).
    ///
    /// # Errors
    /// Bytes that are not a packed model.
    pub fn from_packed(bytes: &[u8]) -> Result<Model, String> {
        let (bias, threshold, raw) = crate::model_pack::unpack(bytes)?;
        let mut m = Model {
            bias,
            threshold,
            ..Model::default()
        };
        for (_, ws) in &raw {
            for (s, w) in m.scale.iter_mut().zip(ws) {
                *s = s.max(w.abs());
            }
        }
        for s in &mut m.scale {
            *s = if *s > 0.0 { *s / 32_767.0 } else { 1.0 };
        }
        m.weights = FeatureTable::with_capacity(raw.len());
        for (h, ws) in raw {
            #[allow(clippy::cast_possible_truncation)]
            let q: [i16; 7] = std::array::from_fn(|i| (ws[i] / m.scale[i]).round() as i16);
            m.weights.insert(h, q);
        }
        Ok(m)
    }

    /// Calls `f` with each distinct feature of `features` that the model knows, its weights and
    /// its span. No allocation beyond one list of the features already seen.
    fn each_hit<'m>(&'m self, features: &Features, mut f: impl FnMut(&'m [i16; 7], Token)) {
        let mut seen: Vec<u32> = Vec::with_capacity(features.0.len());
        let mut bloom = [0u64; 16];
        for &(h, span) in &features.0 {
            if let Some(q) = self.weights.get(h) {
                // A 1,024-bit filter answers "not seen yet" without scanning the list.
                let bit = (h >> 22) as usize;
                let fresh = bloom[bit / 64] & (1 << (bit % 64)) == 0;
                if fresh || !seen.contains(&h) {
                    bloom[bit / 64] |= 1 << (bit % 64);
                    seen.push(h);
                    f(q, span);
                }
            }
        }
    }

    /// Per category, the score (bias plus the weights of the distinct features).
    #[must_use]
    pub fn sums(&self, features: &Features) -> [f32; 7] {
        // Summed in units, scaled once at the end.
        let mut units = [0i32; 7];
        self.each_hit(features, |q, _| add_units(&mut units, q));
        self.scaled(&units)
    }

    /// Per category, the bias plus the summed weights `units` in their scale.
    fn scaled(&self, units: &[i32; 7]) -> [f32; 7] {
        #[allow(clippy::cast_precision_loss)]
        std::array::from_fn(|i| self.bias[i] + units[i] as f32 * self.scale[i])
    }

    /// Per category, the score at or above which the learned signal flags on its own: its
    /// `threshold` line (the second opinion's file has none: the calibration weighs it).
    #[must_use]
    pub fn thresholds(&self) -> [f32; 7] {
        self.threshold
    }

    /// Per category, the score of a text with no feature the model knows.
    #[must_use]
    pub fn bias(&self) -> [f32; 7] {
        self.bias
    }

    /// Per category: (score, whether it is a candidate: at or over its threshold less
    /// [`CANDIDATE`], and for candidates, the spans that weighed most). Each feature counts once, as in training: a long or
    /// repeated text scores like one copy of its words.
    #[must_use]
    pub fn score(&self, features: &Features) -> [CategoryScore; 7] {
        // The hits are kept, so a candidate's spans need no second look-up.
        let mut hits: Vec<(&[i16; 7], Token)> = Vec::with_capacity(features.0.len());
        self.each_hit(features, |q, span| hits.push((q, span)));
        let mut units = [0i32; 7];
        for (q, _) in &hits {
            add_units(&mut units, q);
        }
        let sums = self.scaled(&units);
        let pass: [bool; 7] = std::array::from_fn(|i| sums[i] >= self.threshold[i] - CANDIDATE[i]);
        // The three that weighed most, kept as they come: a later hit goes before an earlier
        // one only if it weighs strictly more (as a stable sort by weight would order them).
        let mut top: [Vec<(Token, f32)>; 7] = Default::default();
        // Only the categories that pass are looked at for each hit (mostly one, or none).
        let (mut passing, mut n) = ([0usize; 7], 0);
        for (i, _) in pass.iter().enumerate().filter(|(_, &p)| p) {
            passing[n] = i;
            n += 1;
        }
        if n > 0 {
            for &(q, span) in &hits {
                for &i in &passing[..n] {
                    if q[i] > 0 {
                        let w = f32::from(q[i]) * self.scale[i];
                        let t = &mut top[i];
                        let at = t.iter().position(|&(_, x)| x < w).unwrap_or(t.len());
                        if at < 3 {
                            if t.len() == 3 {
                                t.pop();
                            }
                            t.insert(at, (span, w));
                        }
                    }
                }
            }
        }
        std::array::from_fn(|i| (sums[i], pass[i], std::mem::take(&mut top[i])))
    }
}

/// Adds one feature's weights (in units) to the running sums.
fn add_units(units: &mut [i32; 7], q: &[i16; 7]) {
    for (u, &w) in units.iter_mut().zip(q) {
        *u += i32::from(w);
    }
}

/// Category index in [`Category::ALL`].
#[must_use]
pub fn index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

/// Trains the model on labelled posts and returns the model file's text. Pure and
/// deterministic (the order of training examples is fixed), so the shipped file can be checked
/// against its corpus.
#[must_use]
pub fn train_model(posts: &[(String, Vec<Category>)]) -> String {
    Trainer::new(posts, FeatureSet::SHIPPED, LAMBDA).model()
}

/// Trains the second opinion ([`OPINION`]) and returns its file's text.
#[must_use]
pub fn train_opinion(posts: &[(String, Vec<Category>)]) -> String {
    Trainer::opinion(posts).model()
}

/// The L2 regularisation strength per category (in [`Category::ALL`] order): each the value of
/// 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1 and 3e-1 with the best out-of-fold recall of the model
/// alone at its category's [`PRECISION_TARGET`] (`train --cv-report --lambda X`; ties to the
/// stronger). Chosen again on the 5,979-post corpus with round 9 (out-of-fold recall, old
/// strength -> new): patient 0.764 -> 0.774 (1e-1), confidential 0.777 -> 0.820 (1e-1),
/// reputation 0.620 -> 0.652 (1e-2), defamation 0.728 -> 0.789 (1e-1), bullying 0.666 -> 0.683
/// (1e-1), heat 0.469 -> 0.511 (1e-3), boundaries 0.745 -> 0.789 (1e-1). Round 7's single 1e-4
/// let the weights of rare words grow until out-of-fold thresholds sat at 2.5-4.4.
/// Weights smaller than this are dropped from the shipped models. Trained on 23,809 posts, the
/// models at 0.05 made the extension 2,096,865 bytes gzipped, over its 2 MB budget; at 0.1,
/// 1,806,366, with out-of-writer figures as good or better (patient .909/.958 against
/// .902/.958). Trained on 29,009 posts, 0.1 made 2,018,194 bytes, over the budget again.
/// Trained on 38,369 posts, 0.15 (with the second opinion at 0.3) made 1,772,593 bytes but cost
/// out of writer (patient .914/.938 against .914/.942, bullying precision .899 against .907,
/// false alarms 3.5% against 3.3%), so it stayed at 0.1 and the second opinion was pruned
/// instead. Trained on 81,269 posts, 0.12 made 1,937,781 bytes and out of writer cost as much
/// as a higher [`OPINION_PRUNE`], but the cross-validated gate lost more: bullying precision .889
/// against .900 at 0.1, reputation .846 against .850.
pub const PRUNE: f32 = 0.1;

/// The fewest posts a feature must appear in to enter the vocabulary. At 2, a word pair from two
/// posts could take a weight from one of them ("summer fair", from a tombola thief, flagged a
/// clean summer-fair post for bullying). Trained on 83,349 posts with the second opinion at 0.5,
/// 2 made the extension 1,992,888 bytes gzipped, 3 makes 1,779,027; out of writer on 68,250
/// posts, patient .901/.931 against .903/.929, reputation .855/.800 against .856/.796, false
/// alarms 988 against 1,013 of 31,829; cross-validated, patient precision .905 against .911,
/// bullying recall .874 against .867, false alarms 3.7% against 3.6%.
pub const MIN_POSTS: u32 = 3;

/// [`PRUNE`] for the second opinion, whose light regularisation leaves many small weights.
/// Trained on 31,089 posts, 0.15 made the extension 1,996,210 bytes gzipped, on the budget; 0.2
/// made 1,912,486, out of writer as good (patient .907/.954 against .906/.953). Trained on 33,169
/// posts, 0.2 made 1,970,723 bytes; 0.25 makes 1,904,248, out of writer as good (patient
/// .909/.947 against .907/.947, false alarms 3.3% against 3.4%). Trained on 38,369 posts, 0.25
/// would pass 2,000,000; 0.35 makes 1,908,775, out of writer as good (patient .914/.942 both,
/// false alarms 3.3% both). Trained on 60,190 posts, 0.35 made 2,005,572 bytes; 0.4 makes
/// 1,970,612 (0.45: 1,939,474), out of writer patient .898/.928 against .899/.928, false alarms
/// 956 against 938 of 28,104 (0.45: .897/.928, 967). Trained on 81,269 posts, 0.4 made
/// 2,035,410 bytes; 0.5 makes 1,976,135, out of writer on 66,170 posts patient .907/.926 against
/// .908/.925, false alarms 976 against 960 of 30,864. With [`MIN_POSTS`] at 3 (83,349 posts),
/// 0.35 makes 1,861,795 bytes, out of writer on 68,250 posts patient .905/.928 and false alarms
/// 973 of 31,829 (0.5: 1,779,027 bytes, .903/.929, 1,013). Trained on 98,949 posts (`cal61a-h`
/// joined), 0.35 made 2,001,493 bytes, over the budget; 0.4 makes 1,965,583, out of writer on
/// 83,850 posts as good (patient .921/.953 both, reputation .849/.839 both, bullying .907/.903
/// against .906/.898, boundaries .906/.906 against .910/.900, false alarms 1,135 against 1,110
/// of 39,021). Trained on 103,109 posts (`cal62a-d`, `cal63a-h` joined), 0.4 made 2,008,258
/// bytes, over the budget; 0.45 makes 1,975,843, out of writer on 88,010 posts as good
/// (patient .920/.955 against .921/.955, reputation .870/.868 both, false alarms 1,213 against
/// 1,186 of 40,941); 0.5 cost more (boundaries precision .909 against .914, false alarms 1,228).
/// Trained on 113,509 posts (`cal66a-d`, `cal67a-h`, `holdout44` joined), 0.45 made 2,015,086
/// bytes, over the budget; 0.5 makes 1,987,438, out of writer on 98,410 posts as good (patient
/// .925/.961 both, reputation .874/.872 against .874/.871, confidential .964/.952 against
/// .961/.955, false alarms 1,166 against 1,162 of 45,752).
/// Trained on 116,629 posts (`cal68a-d`, `cal69a-d` and `holdout45` joined, and session 21's
/// label review), 0.5 made 2,014,867 bytes, over the budget; 0.55 makes less (the README has the
/// figure). Out of writer on 99,450 posts, with the same rules, 0.55 scored patient .926/.962
/// against .927/.962, reputation .883/.871 against .884/.871, bullying .911/.909 against
/// .919/.905, false alarms 1,180 against 1,160 of 46,232.
/// Trained on 123,909 posts (session 22's `cal70` to `cal75`, `holdout46` and `holdout47`
/// joined), 0.55 made 2,037,364 bytes, over the budget; 0.65 made 1,994,542 and 0.7 makes
/// 1,977,300. Out of writer on 108,810 posts, 0.7 scored patient .923/.960 against .926/.961,
/// reputation .887/.873 against .887/.874, bullying .909/.910 against .913/.912, false alarms
/// 1,283 against 1,224 of 50,571: a small cost, taken for the headroom 0.65 would not leave.
/// Trained on 131,189 posts (session 24's `cal78` to `cal80` and `holdout49` joined), 0.7 made
/// 2,015,787 bytes, over the budget; 0.8 makes less (the README has the figure).
pub const OPINION_PRUNE: f32 = 0.8;

/// Per category, how far under its threshold the learned signal still puts a draft forward as a
/// candidate, for the calibration to weigh with the second opinion (see
/// [`crate::calibration::Evidence::flags`]). Until session 14 only a score over the line was
/// weighed, so a post the second opinion was sure of (a patient met again on Instagram, log-odds
/// 7 over a blank draft) and the learned signal scored just under its line was never found. Out
/// of writer on 68,250 posts (`train --calibration`), a margin of 1 took patient confidentiality
/// from .911/.937 to .903/.953 and reputation from .856/.802 to .850/.852, bullying and
/// boundaries a little up; 2 chose the same; heat fell from .912 precision to .874, so it puts
/// nothing forward. Cross-validated on the corpus, patient went from .913/.967 to .924/.972 and
/// reputation from .861/.884 to .860/.903.
pub const CANDIDATE: [f32; 7] = [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0];

pub const LAMBDA: [f32; 7] = [1e-1, 1e-1, 1e-2, 1e-1, 1e-1, 1e-3, 1e-1];

/// Per category (in [`Category::ALL`] order), how precise the model alone must be, out of fold,
/// at its threshold, in percent. Compared with `examples/sweep.rs` three ways: on 647 posts and
/// then on round 9's first 990, each unseen by rules and model, and by the whole engine
/// cross-validated on the 5,979-post corpus (`pause eval --cross-validate`). Confidential and
/// heat gain precision at 95% for a post or two of recall everywhere. Boundaries found more at
/// 85% on both unseen sets (16 more of round 9's 107 for 8 more false positives) but lost
/// precision below the bar in cross-validation (0.846); 90% keeps it at 0.891 with recall 0.903.
/// Bullying at 88% helped on the first unseen set and not on round 9 (7 more found for 8 more
/// false positives), so stays at 93%, like the rest.
/// Reputation and bullying went to 90% when round 14 joined: with the second opinion lowering
/// their rules' findings, cross-validated recall at 93% was .845 and .841; at 90% it is .873
/// and .859, for precision .871 and .879.
pub const PRECISION_TARGET: [usize; 7] = [93, 95, 90, 93, 90, 95, 90];

/// The second opinion's L2 regularisation (about one over the corpus size: the penalty of an
/// ordinary logistic regression, not the learned signal's much stronger one, so that posts
/// like the corpus's clean near misses get confidently low scores).
pub const OPINION_LAMBDA: f32 = 1e-4;

/// Out-of-fold figures for one category at the threshold the trainer picks.
#[derive(Debug, Clone, Copy)]
pub struct CvRow {
    pub threshold: f32,
    /// Posts with the category, and those of them scoring at or above the threshold.
    pub positives: usize,
    pub tp: usize,
    /// Posts without the category scoring at or above the threshold.
    pub fp: usize,
}

/// Out-of-fold figures per category, and how many clean posts (no category) scored at or above
/// some category's threshold.
#[derive(Debug, Clone)]
pub struct CvReport {
    pub rows: [CvRow; 7],
    pub clean: usize,
    pub clean_flagged: usize,
}

impl std::fmt::Display for CvReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "category                   threshold  recall  precision   tp   fp  positives"
        )?;
        for (c, r) in Category::ALL.iter().zip(&self.rows) {
            #[allow(clippy::cast_precision_loss)]
            let recall = r.tp as f32 / r.positives.max(1) as f32;
            #[allow(clippy::cast_precision_loss)]
            let precision = r.tp as f32 / (r.tp + r.fp).max(1) as f32;
            writeln!(
                f,
                "{:<26} {:>9.3} {:>7.3} {:>10.3} {:>4} {:>4} {:>10}",
                c.id(),
                r.threshold,
                recall,
                precision,
                r.tp,
                r.fp,
                r.positives
            )?;
        }
        #[allow(clippy::cast_precision_loss)]
        let rate = self.clean_flagged as f32 / self.clean.max(1) as f32;
        write!(
            f,
            "clean posts over some threshold: {} of {} ({:.1}%)",
            self.clean_flagged,
            self.clean,
            rate * 100.0
        )
    }
}

struct Example {
    feats: Vec<usize>,
    labels: [bool; 7],
}

/// The corpus as feature indices, ready for fitting and cross-validation.
pub struct Trainer {
    vocab: Vec<String>,
    examples: Vec<Example>,
    lambda: [f32; 7],
    /// Class-balanced (the learned signal) or not (the second opinion).
    balanced: bool,
}

fn fit(
    examples: &[&Example],
    dims: usize,
    cat: usize,
    lambda: f32,
    balanced: bool,
) -> (f32, Vec<f32>) {
    let mut w = vec![0f32; dims];
    let mut b = 0f32;
    #[allow(clippy::cast_precision_loss)]
    let n_all = examples.len() as f32;
    #[allow(clippy::cast_precision_loss)]
    let pos = examples.iter().filter(|e| e.labels[cat]).count().max(1) as f32;
    let neg = (n_all - pos).max(1.0);
    // The learned signal balances the classes so rare categories are learnt; the second
    // opinion does not, so its scores stay log-odds at the corpus's own rates.
    let (wp, wn) = if balanced {
        (0.5 * n_all / pos, 0.5 * n_all / neg)
    } else {
        (1.0, 1.0)
    };
    let n = examples.len();
    // Visit the examples in a fixed order that differs each epoch: k * stride mod n meets every
    // example once only if the stride shares no factor with n (7919, a prime, unless n is a
    // multiple of it: a training fold of exactly 7,919 posts once learnt from one post).
    let stride = stride_for(n);
    for epoch in 0..40usize {
        #[allow(clippy::cast_precision_loss)]
        let lr = 0.2 / (1.0 + epoch as f32 * 0.15);
        for k in 0..n {
            let e = examples[(k * stride + epoch * 104_729) % n];
            let z: f32 = b + e.feats.iter().map(|&f| w[f]).sum::<f32>();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if e.labels[cat] { 1.0 } else { 0.0 };
            let g = (p - y) * if e.labels[cat] { wp } else { wn };
            b -= lr * g;
            for &f in &e.feats {
                w[f] -= lr * (g + lambda * w[f]);
            }
        }
    }
    (b, w)
}

/// The step of the training order over `n` examples: the first number from 7919 up that
/// shares no factor with `n`, so that `k * stride % n` visits every example once.
fn stride_for(n: usize) -> usize {
    let mut stride = 7919;
    while gcd(stride, n) != 1 {
        stride += 1;
    }
    stride
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn score_example(e: &Example, b: f32, w: &[f32]) -> f32 {
    b + e.feats.iter().map(|&f| w[f]).sum::<f32>()
}

impl Trainer {
    /// Names each post's features and keeps those in at least [`MIN_POSTS`] posts.
    #[must_use]
    pub fn new(posts: &[(String, Vec<Category>)], set: FeatureSet, lambda: [f32; 7]) -> Trainer {
        let raw: Vec<(Vec<String>, [bool; 7])> = posts
            .iter()
            .map(|(text, cats)| {
                let norm = crate::normalize::Normalized::new(text);
                let mut f = feature_names_with(&norm.cased, &norm.lower, set);
                f.sort();
                f.dedup();
                let mut labels = [false; 7];
                for &c in cats {
                    labels[index(c)] = true;
                }
                (f, labels)
            })
            .collect();
        // Vocabulary: features in at least [`MIN_POSTS`] posts.
        let mut df: HashMap<&str, usize> = HashMap::new();
        for (f, _) in &raw {
            for x in f {
                *df.entry(x.as_str()).or_default() += 1;
            }
        }
        let mut vocab: Vec<&str> = df
            .iter()
            .filter(|(_, &n)| n >= MIN_POSTS as usize)
            .map(|(k, _)| *k)
            .collect();
        vocab.sort_unstable();
        let idx: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let examples: Vec<Example> = raw
            .iter()
            .map(|(f, labels)| Example {
                feats: f
                    .iter()
                    .filter_map(|x| idx.get(x.as_str()).copied())
                    .collect(),
                labels: *labels,
            })
            .collect();
        Trainer {
            vocab: vocab.into_iter().map(str::to_string).collect(),
            examples,
            lambda,
            balanced: true,
        }
    }

    /// A trainer for the second opinion ([`OPINION`]): the same features, no class balancing,
    /// light regularisation ([`OPINION_LAMBDA`]).
    #[must_use]
    pub fn opinion(posts: &[(String, Vec<Category>)]) -> Trainer {
        Trainer {
            balanced: false,
            ..Trainer::new(posts, FeatureSet::SHIPPED, [OPINION_LAMBDA; 7])
        }
    }

    /// One category's out-of-fold scores (5-fold cross-validation), in post order.
    fn out_of_fold(&self, ci: usize) -> Vec<f32> {
        let mut oof = vec![0f32; self.examples.len()];
        for fold in 0..5 {
            // The fold's own vocabulary: features in at least two of its training posts, as
            // the shipped model keeps those in two posts of the whole corpus. (Counted over the
            // whole corpus, a word seen once in training and once in the held-out post would
            // keep a weight learnt from that one post.)
            let mut df = vec![0u32; self.vocab.len()];
            for (i, e) in self.examples.iter().enumerate() {
                if i % 5 != fold {
                    for &f in &e.feats {
                        df[f] += 1;
                    }
                }
            }
            let kept: Vec<Example> = self
                .examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 5 != fold)
                .map(|(_, e)| Example {
                    feats: e
                        .feats
                        .iter()
                        .copied()
                        .filter(|&f| df[f] >= MIN_POSTS)
                        .collect(),
                    labels: e.labels,
                })
                .collect();
            let train_set: Vec<&Example> = kept.iter().collect();
            let (b, w) = fit(
                &train_set,
                self.vocab.len(),
                ci,
                self.lambda[ci],
                self.balanced,
            );
            for (i, e) in self.examples.iter().enumerate() {
                if i % 5 == fold {
                    oof[i] = score_example(e, b, &w);
                }
            }
        }
        oof
    }

    /// Every category's out-of-fold scores (5-fold cross-validation), in post order.
    #[must_use]
    pub fn out_of_fold_all(&self) -> [Vec<f32>; 7] {
        std::array::from_fn(|ci| self.out_of_fold(ci))
    }

    /// The lowest out-of-fold score at which the model alone is at least `percent`% precise
    /// (5+ hits), and never below `floor`.
    #[must_use]
    pub fn threshold_at(&self, ci: usize, oof: &[f32], percent: usize, floor: f32) -> f32 {
        let mut ranked: Vec<(f32, bool)> = oof
            .iter()
            .zip(&self.examples)
            .map(|(&s, e)| (s, e.labels[ci]))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (mut tp, mut fp) = (0usize, 0usize);
        let mut threshold = f32::INFINITY;
        for &(s, y) in &ranked {
            if y {
                tp += 1;
            } else {
                fp += 1;
            }
            if tp + fp >= 5 && tp * 100 >= (tp + fp) * percent {
                threshold = s;
            }
        }
        threshold.max(floor)
    }

    /// Each category's threshold as the shipped model sets it, from that category's
    /// out-of-fold scores (as returned by [`Trainer::out_of_fold_all`]).
    #[must_use]
    pub fn thresholds(&self, oof: &[Vec<f32>; 7]) -> [f32; 7] {
        std::array::from_fn(|ci| self.threshold(ci, &oof[ci]))
    }

    /// The shipped rule: the lowest out-of-fold score at which the model alone reaches the
    /// category's [`PRECISION_TARGET`].
    fn threshold(&self, ci: usize, oof: &[f32]) -> f32 {
        self.threshold_at(ci, oof, PRECISION_TARGET[ci], f32::NEG_INFINITY)
    }

    /// Out-of-fold recall and precision per category at the thresholds the trainer picks.
    #[must_use]
    pub fn cv_report(&self) -> CvReport {
        let mut rows = [CvRow {
            threshold: 0.0,
            positives: 0,
            tp: 0,
            fp: 0,
        }; 7];
        let mut flagged = vec![false; self.examples.len()];
        for (ci, row) in rows.iter_mut().enumerate() {
            let oof = self.out_of_fold(ci);
            let t = self.threshold(ci, &oof);
            row.threshold = t;
            for (i, (s, e)) in oof.iter().zip(&self.examples).enumerate() {
                row.positives += usize::from(e.labels[ci]);
                if *s >= t {
                    flagged[i] = true;
                    if e.labels[ci] {
                        row.tp += 1;
                    } else {
                        row.fp += 1;
                    }
                }
            }
        }
        let clean: Vec<bool> = self
            .examples
            .iter()
            .map(|e| e.labels.iter().all(|&l| !l))
            .collect();
        CvReport {
            rows,
            clean: clean.iter().filter(|&&c| c).count(),
            clean_flagged: clean.iter().zip(&flagged).filter(|(&c, &f)| c && f).count(),
        }
    }

    /// Thresholds by cross-validation, then weights fitted on every post: the model file's text.
    #[must_use]
    pub fn model(&self) -> String {
        let mut bias = [0f32; 7];
        let mut thresholds = [0f32; 7];
        let mut weights: std::collections::BTreeMap<&str, [f32; 7]> =
            std::collections::BTreeMap::new();
        let all: Vec<&Example> = self.examples.iter().collect();
        for ci in 0..7 {
            if self.balanced {
                thresholds[ci] = self.threshold(ci, &self.out_of_fold(ci));
            }
            let (b, w) = fit(&all, self.vocab.len(), ci, self.lambda[ci], self.balanced);
            bias[ci] = b;
            for (k, x) in self.vocab.iter().zip(&w) {
                if x.abs() >= if self.balanced { PRUNE } else { OPINION_PRUNE } {
                    weights.entry(k).or_insert([0.0; 7])[ci] = *x;
                }
            }
        }
        let fmt = |v: &[f32; 7]| {
            v.iter()
                .map(|x| {
                    // Two decimals: the weights are kept as 16-bit steps of the largest anyway,
                    // and a third decimal cost the extension 160 kB gzipped.
                    let r = (x * 100.0).round() / 100.0;
                    if r == 0.0 {
                        "0".to_string()
                    } else {
                        format!("{r}")
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out = String::new();
        if self.balanced {
            out.push_str("# The learned signal of pause-core. Generated by\n");
            out.push_str("# `cargo run --release -p pause-core --example train -- tests/corpus/*.jsonl tests/calibration/*.jsonl > crates/pause-core/data/model.tsv`;\n");
        } else {
            out.push_str("# The second opinion of pause-core (log-odds; no threshold: the calibration weighs it). Generated by\n");
            out.push_str("# `cargo run --release -p pause-core --example train -- --opinion tests/corpus/*.jsonl tests/calibration/*.jsonl > crates/pause-core/data/opinion.tsv`;\n");
        }
        out.push_str("# do not edit by hand (a test checks it is current). Categories in order: ");
        out.push_str(
            &Category::ALL
                .iter()
                .map(|c| c.id())
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push_str(".\n");
        out.push_str(&format!("bias {}\n", fmt(&bias)));
        if self.balanced {
            out.push_str(&format!("threshold {}\n", fmt(&thresholds)));
        }
        // The model keys features on 32 bits: should two of them fold to the same key, the
        // first (in name order) is kept, so the file always loads.
        let mut keys = std::collections::HashSet::new();
        for (k, w) in &weights {
            if hash_name(k).is_some_and(|h| keys.insert(fold(h))) {
                out.push_str(&format!("{k}\t{}\n", fmt(w)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_pieces_of_a_word_in_another_script_are_not_words() {
        let text = "kaλnμepa from the summer fair";
        let words: Vec<&str> = tokens(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["from", "the", "summer", "fair"]);
    }

    #[test]
    fn training_visits_every_example_each_epoch() {
        for n in [1, 2, 100, 7918, 7919, 9899, 15_838] {
            let stride = stride_for(n);
            let mut seen = vec![false; n];
            for k in 0..n {
                seen[(k * stride + 3 * 104_729) % n] = true;
            }
            assert!(seen.iter().all(|&s| s), "n = {n}, stride {stride}");
        }
    }

    /// The features of an original text, as the trainer names them.
    fn names_of(text: &str) -> Vec<String> {
        let norm = crate::normalize::Normalized::new(text);
        feature_names(&norm.cased, &norm.lower)
    }

    #[test]
    fn feature_names_and_hashes_agree() {
        // A model that weighs every named feature of the text 1 in the first category must
        // score exactly the number of distinct features: scoring hashes what the trainer names,
        // shapes included.
        let text = "Our trust is a shambles, our trust is. Happy 90th to Albert on Ward 22 \
                    @albert_fan_99 and Doreen (94) x. DISGRACEFUL!! w*nkers 🍷🍷 ❤ CAMHS";
        let norm = crate::normalize::Normalized::new(text);
        let mut names = names_of(text);
        for f in [
            "b:trust is",
            "b:to #name",
            "b:#name on",
            "b:ward #num",
            "w:#at",
            "b:#at and",
            "w:#caps",
            "w:#bang",
            "w:#mask",
            "w:🍷",
            "w:❤",
        ] {
            assert!(names.contains(&f.to_string()), "{f} not in {names:?}");
        }
        // One #caps, for DISGRACEFUL: CAMHS is an acronym.
        assert_eq!(names.iter().filter(|n| *n == "w:#caps").count(), 1);
        names.sort();
        names.dedup();
        let mut tsv = String::from("bias 0 0 0 0 0 0 0\nthreshold 0 0 0 0 0 0 0\n");
        for n in &names {
            tsv.push_str(&format!("{n}\t1 0 0 0 0 0 0\n"));
        }
        let m = Model::parse(&tsv).expect("model parses");
        #[allow(clippy::cast_precision_loss)]
        let expected = names.len() as f32;
        assert!((m.score(&Features::of(&norm.cased, &norm.lower))[0].0 - expected).abs() < 1e-6);
    }

    #[test]
    fn names_numbers_and_handles_have_shapes() {
        let names = names_of("Went to see Gladys on Juniper, 84, bed 12 and @lozza_b_xx today");
        for f in [
            "b:see #name",
            "b:#name on",
            "b:on #cap",
            "b:#cap #num",
            "b:bed #num",
            "b:and #at",
            "b:#at today",
            // The words stay words too.
            "w:gladys",
            "b:gladys on",
        ] {
            assert!(names.contains(&f.to_string()), "{f} not in {names:?}");
        }
        // A given name opens a sentence as a name; an ordinary word that is also a name does not.
        let names = names_of("Gladys (94) on Ward 22. Will you visit? Mark it");
        assert!(names.contains(&"b:#name #num".to_string()), "{names:?}");
        assert_eq!(
            names.iter().filter(|f| f.contains("#name")).count(),
            2,
            "{names:?}"
        );
        // A capital that opens a sentence, a day, a month, a hashtag or an "I'm" is not a name;
        // the pieces of a handle are not shapes; an email address is not a handle.
        let names =
            names_of("Went in on Monday in March. I'm off #ProudToCare, email jo@example.org now");
        assert!(
            !names
                .iter()
                .any(|f| f.contains("#name") || f.contains("#cap")),
            "{names:?}"
        );
        assert!(!names.iter().any(|f| f.contains("#at")), "{names:?}");
        let names = names_of("@jadey_signs_22 today");
        assert!(names.contains(&"b:#at today".to_string()), "{names:?}");
        assert!(names.contains(&"w:jadey".to_string()), "{names:?}");
        assert!(!names.iter().any(|f| f.contains("#num")), "{names:?}");
        // Times, dates, prices and long numbers are not short numbers.
        let names = names_of("at 14:30 on 12/03 for \u{a3}500 order 4500912738 ok");
        assert!(!names.iter().any(|f| f.contains("#num")), "{names:?}");
        // Lowercase text has no names.
        let names = feature_names("albert on ward", "albert on ward");
        assert!(!names.iter().any(|f| f.contains("#name")), "{names:?}");
    }

    #[test]
    fn the_shipped_model_loads() {
        let m = Model::parse(MODEL).expect("model parses");
        assert!(!m.weights.is_empty());
    }

    #[test]
    fn a_repeated_feature_is_refused_by_line() {
        let err = Model::parse("w:ward\t1 0 0 0 0 0 0\nw:ward\t2 0 0 0 0 0 0\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn malformed_lines_are_named() {
        let err = Model::parse("bias 0 0 0 0 0 0 0\nw:x\t1 2\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
