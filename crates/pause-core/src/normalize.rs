//! Normalisation with an offset map back to the original text.
//!
//! People evade filters, on purpose or not: Cyrillic look-alikes (`раtient`), zero-width spaces
//! inside words, full-width digits, accents, leetspeak (`f4ke`, `id10t`). Rules match against two
//! views of one normalised text, byte-aligned with each other:
//!
//! * `cased`: NFKC-folded, look-alikes mapped to ASCII, zero-width and combining marks removed,
//!   whitespace runs collapsed to one space; case kept (names, capitals, numbers are read here);
//! * `lower`: the same, lowercased, with leetspeak undone inside words (lexicons are matched here).
//!
//! Every byte of the normalised text knows the byte range of the original character it came
//! from, so a span found in either view maps back to the original exactly, on character
//! boundaries.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A normalised text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Case kept.
    pub cased: String,
    /// Lowercased, leetspeak undone; the same length as `cased`, byte for byte.
    pub lower: String,
    /// True while the normalised text is byte-for-byte the original (most ASCII drafts): the
    /// maps are then not built at all.
    identity: bool,
    /// For each normalised byte, the start of the original character it came from.
    starts: Vec<u32>,
    /// For each normalised byte, the end of the original character(s) it came from.
    ends: Vec<u32>,
    original_len: usize,
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

impl Normalized {
    /// Normalises `text`. Linear in its length.
    #[must_use]
    pub fn new(text: &str) -> Normalized {
        if is_plain(text) {
            // Most drafts: ASCII, single spaces, nothing to fold. The text is its own
            // normalisation and no map is needed.
            let cased = text.to_owned();
            let lower = lower_view(&cased);
            return Normalized {
                cased,
                lower,
                identity: true,
                starts: Vec::new(),
                ends: Vec::new(),
                original_len: text.len(),
            };
        }
        let spaced = spaced_letter_gaps(text.as_bytes());
        let mut b = Builder {
            cased: String::with_capacity(text.len()),
            starts: Vec::new(),
            ends: Vec::new(),
            identity: true,
        };
        let mut last_space = true; // drop leading whitespace
        let mut buf: Vec<char> = Vec::with_capacity(4);

        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            // Offsets are stored as u32 to halve the map; texts over 4 GiB are clamped.
            let (s32, e32) = (
                u32::try_from(i).unwrap_or(u32::MAX),
                u32::try_from(end).unwrap_or(u32::MAX),
            );
            if c.is_ascii() {
                if matches!(c, ' ' | '.' | '-') && spaced.binary_search(&i).is_ok() {
                    // "M e t r o p o l i s": the gaps of a letter-spaced word are dropped.
                    b.drop_char(e32);
                    continue;
                }
                if c.is_ascii_whitespace() || c.is_ascii_control() {
                    let sep = if c == '\n' { '\n' } else { ' ' };
                    if !last_space {
                        b.push(sep, i, s32, e32, sep == c);
                        last_space = true;
                    } else if !b.cased.is_empty() {
                        b.materialize();
                        if sep == '\n' && b.cased.ends_with(' ') {
                            b.cased.pop();
                            b.cased.push('\n');
                        }
                        if let Some(e) = b.ends.last_mut() {
                            *e = e32;
                        }
                    } else {
                        b.materialize();
                    }
                } else if c == '.' && dotted_letters(text.as_bytes(), i) {
                    // "D.r M.a.r.s.h": dots spelling out a word are dropped.
                    b.drop_char(e32);
                } else {
                    b.push(c, i, s32, e32, true);
                    last_space = false;
                }
                continue;
            }
            if is_invisible(c) || is_combining_mark(c) {
                // Absorbed into the previous character's span so highlights cover it.
                b.drop_char(e32);
                continue;
            }
            if c.is_whitespace() {
                if !last_space {
                    b.push(' ', i, s32, e32, false);
                    last_space = true;
                } else {
                    b.drop_char(e32);
                }
                continue;
            }
            buf.clear();
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    buf.push(d);
                }
            });
            if buf.len() == 1 && !buf[0].is_ascii() {
                // Look-alikes (Cyrillic а, Greek ο, ...) to their Latin skeleton.
                let skel: Vec<char> = unicode_security::confusable_detection::skeleton(
                    buf[0].encode_utf8(&mut [0; 4]),
                )
                .collect();
                if !skel.is_empty() && skel.iter().all(char::is_ascii_alphanumeric) {
                    buf.clear();
                    buf.extend(skel);
                } else {
                    // Typographic punctuation people type on phones.
                    let mapped = match buf[0] {
                        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => Some('\''),
                        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => Some('"'),
                        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
                        _ => None,
                    };
                    if let Some(m) = mapped {
                        buf[0] = m;
                    }
                }
            }
            if buf.is_empty() {
                b.drop_char(e32);
                continue;
            }
            let unchanged = buf.len() == 1 && buf[0] == c;
            for &d in &buf {
                if d.is_whitespace() {
                    if !last_space {
                        b.push(' ', i, s32, e32, false);
                        last_space = true;
                    }
                } else {
                    b.push(d, i, s32, e32, unchanged);
                    last_space = false;
                }
            }
        }
        let lower = lower_view(&b.cased);
        debug_assert_eq!(lower.len(), b.cased.len());
        Normalized {
            cased: b.cased,
            lower,
            identity: b.identity,
            starts: b.starts,
            ends: b.ends,
            original_len: text.len(),
        }
    }

    /// Maps a span of the normalised text back to the original text.
    #[must_use]
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.identity {
            let e = end.min(self.cased.len());
            return (start.min(e), e);
        }
        if self.starts.is_empty() {
            return (0, 0);
        }
        let s = start.min(self.starts.len() - 1);
        let e = end.clamp(s + 1, self.ends.len());
        let os = self.starts[s] as usize;
        let oe = (self.ends[e - 1] as usize).min(self.original_len);
        (os, oe.max(os))
    }
}

/// Whether `text` needs no normalisation: ASCII, no leading whitespace, no runs of whitespace,
/// no whitespace other than single spaces and newlines, no control characters, and no
/// dotted-out words.
fn is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    if !text.is_ascii() || b.first().is_some_and(u8::is_ascii_whitespace) {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while i < b.len() {
        // Most bytes are printable, not a space and not a stop: nothing below applies to them,
        // so jump to the next byte that is not.
        match b[i..]
            .iter()
            .position(|&c| c <= b' ' || c == b'.' || c == b'-' || c == 0x7F)
        {
            Some(0) => {}
            Some(k) => {
                prev_space = false;
                i += k;
            }
            None => break,
        }
        let c = b[i];
        let space = c == b' ' || c == b'\n';
        if (space && prev_space) || (!space && (c.is_ascii_whitespace() || c.is_ascii_control())) {
            return false;
        }
        if c == b'.' && dotted_letters(b, i) {
            return false;
        }
        // "F. U. C. K." and "f-u-c-k": a single letter, its gap, and another single letter.
        let single = |k: usize| {
            b.get(k).is_some_and(u8::is_ascii_alphabetic)
                && (k == 0 || !b[k - 1].is_ascii_alphabetic())
                && b.get(k + 1).is_none_or(|n| !n.is_ascii_alphabetic())
        };
        if i >= 1
            && single(i - 1)
            && ((c == b'-' && single(i + 1) && b.get(i + 2) == Some(&b'-'))
                || (c == b'.' && b.get(i + 1) == Some(&b' ') && single(i + 2)))
        {
            return false;
        }
        if c == b' '
            && i >= 3
            && b[i - 1].is_ascii_alphabetic()
            && b[i - 2] == b' '
            && b[i - 3].is_ascii_alphabetic()
            && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            && b.get(i + 2).is_none_or(|n| !n.is_ascii_alphabetic())
            && (i < 4 || !b[i - 4].is_ascii_alphabetic())
        {
            return false;
        }
        prev_space = space;
        i += 1;
    }
    true
}

/// The positions of the gaps inside letter-spaced words ("F U C K", "M e t r o", "F. U. C. K.",
/// "F-U-C-K"): runs of at least four single letters, each separated by one space, a dot and a
/// space, or a hyphen. Every byte of each gap is listed.
fn spaced_letter_gaps(b: &[u8]) -> Vec<usize> {
    let single = |k: usize| {
        b.get(k).is_some_and(u8::is_ascii_alphabetic)
            && (k == 0 || !b[k - 1].is_ascii_alphabetic())
            && b.get(k + 1).is_none_or(|n| !n.is_ascii_alphabetic())
    };
    // The width of the gap after the letter at `k`, if a single letter follows it.
    let gap = |k: usize| match (b.get(k + 1), b.get(k + 2)) {
        (Some(b' ' | b'-'), _) if single(k + 2) => Some(1),
        (Some(b'.'), Some(b' ')) if single(k + 3) => Some(2),
        _ => None,
    };
    let mut gaps = Vec::new();
    let mut k = 0;
    while k < b.len() {
        if single(k) {
            let mut letters = vec![(k, 0)];
            let mut last = k;
            while let Some(w) = gap(last) {
                last += w + 1;
                letters.push((last, w));
            }
            // One kind of gap throughout: "A. B. C. D." or "a b c d", not a mix.
            let same = letters[1..].windows(2).all(|p| p[0].1 == p[1].1);
            if letters.len() >= 4 && same {
                for &(at, w) in &letters[1..] {
                    gaps.extend(at - w..at);
                }
            }
            k = last + 1;
        } else {
            k += 1;
        }
    }
    gaps
}

/// Whether the dot at `i` separates single letters of a spelt-out word: a letter on each side,
/// and the letter before it stands alone (or the next letter is followed by another dot).
fn dotted_letters(b: &[u8], i: usize) -> bool {
    let letter = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphabetic);
    if i == 0 || !letter(i - 1) || !letter(i + 1) {
        return false;
    }
    let prev_alone = i < 2 || !letter(i - 2);
    let next_dotted = b.get(i + 2) == Some(&b'.');
    prev_alone
        && (next_dotted
            || b.get(i + 2)
                .is_none_or(|c| !c.is_ascii_alphabetic() || prev_alone))
}

struct Builder {
    cased: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    identity: bool,
}

impl Builder {
    /// Switches from "same as the original" to recording a map, filling it for what is there.
    fn materialize(&mut self) {
        if self.identity {
            self.identity = false;
            let n = u32::try_from(self.cased.len()).unwrap_or(u32::MAX);
            self.starts.reserve(self.cased.capacity());
            self.ends.reserve(self.cased.capacity());
            for (i, c) in self.cased.char_indices() {
                let (s, e) = (
                    u32::try_from(i).unwrap_or(n),
                    u32::try_from(i + c.len_utf8()).unwrap_or(n),
                );
                for _ in 0..c.len_utf8() {
                    self.starts.push(s);
                    self.ends.push(e);
                }
            }
        }
    }

    /// Appends `c`, which came from the original character at `at` (`s..e`). `same` says
    /// the character is the original one, unchanged.
    fn push(&mut self, c: char, at: usize, s: u32, e: u32, same: bool) {
        if self.identity && same && self.cased.len() == at {
            self.cased.push(c);
            return;
        }
        self.materialize();
        self.cased.push(c);
        for _ in 0..c.len_utf8() {
            self.starts.push(s);
            self.ends.push(e);
        }
    }

    /// Drops an original character, extending the previous one's span over it.
    fn drop_char(&mut self, e: u32) {
        self.materialize();
        if let Some(last) = self.cased.chars().next_back() {
            let n = self.ends.len();
            for slot in &mut self.ends[n - last.len_utf8()..] {
                *slot = e;
            }
        }
    }
}

/// Lowercases byte for byte (non-ASCII letters only where the lowercase has the same length)
/// and undoes leetspeak inside words.
fn lower_view(cased: &str) -> String {
    if cased.is_ascii() {
        let mut out = cased.to_ascii_lowercase();
        // Nothing before the first byte that could be leetspeak can change.
        if let Some(first) = out.bytes().position(|b| LEET[b as usize] != 0) {
            undo_leet(&mut out, first);
        }
        return out;
    }
    let mut out = String::with_capacity(cased.len());
    for c in cased.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(lc), None) if lc.len_utf8() == c.len_utf8() => out.push(lc),
                _ => out.push(c),
            }
        }
    }
    undo_leet(&mut out, 0);
    out
}

/// For each byte, the letter it imitates in leetspeak, or 0: a table, so the scans over every
/// byte of a draft are one load per byte rather than a chain of comparisons.
static LEET: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'0' as usize] = b'o';
    t[b'1' as usize] = b'i';
    t[b'!' as usize] = b'i';
    t[b'|' as usize] = b'i';
    t[b'3' as usize] = b'e';
    t[b'4' as usize] = b'a';
    t[b'@' as usize] = b'a';
    t[b'5' as usize] = b's';
    t[b'$' as usize] = b's';
    t[b'7' as usize] = b't';
    t[b'8' as usize] = b'b';
    t
};

fn leet_letter(b: u8) -> Option<u8> {
    let l = LEET[b as usize];
    (l != 0).then_some(l)
}

/// Inside a word with at least three letters, a digit or symbol that stands *between* letters
/// is read as the letter it imitates (`f4ke`, `id10t`, `sh!t`, `l1ar`, `cr@p`). Numbers with
/// units or suffixes (`10mg`, `4th`, `covid19`, `b12`) are left alone because their digits
/// are not surrounded by letters. `from` is where to start looking for such bytes (a token
/// reaching back before it is still read whole).
fn undo_leet(s: &mut String, from: usize) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut changes: Vec<(usize, u8)> = Vec::new();
    let mut i = from;
    let is_tok = |b: u8| b.is_ascii_alphanumeric() || leet_letter(b).is_some();
    while i < n {
        // Only tokens holding a digit or a leet symbol can change: jump to the next one and
        // take the token around it.
        // (No leet byte is a letter.)
        match bytes[i..].iter().position(|&b| LEET[b as usize] != 0) {
            Some(k) => i += k,
            None => break,
        }
        let mut start = i;
        while start > 0 && is_tok(bytes[start - 1]) {
            start -= 1;
        }
        while i < n && is_tok(bytes[i]) {
            i += 1;
        }
        let tok = &bytes[start..i];
        let letters = tok.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let leading = tok.len() == 3 && letters == 2 && matches!(tok[0], b'0' | b'1');
        // "d0n't", "n0t": a zero between two letters is an o even in a short word ("F1s" stays).
        let zero_inside = letters == 2 && tok.len() == 3 && tok[1] == b'0';
        if letters == tok.len() || (letters < 3 && !leading && !zero_inside) {
            continue;
        }
        // A leading 0 or 1 before letters ("0ur", "1diot") is a letter too, unless the rest
        // is a unit or an ordinal ("10mg", "1st").
        if tok.len() >= 3
            && matches!(tok[0], b'0' | b'1')
            && tok[1..].iter().all(u8::is_ascii_alphabetic)
        {
            let rest = std::str::from_utf8(&tok[1..]).unwrap_or("");
            if !matches!(
                rest,
                "st" | "nd"
                    | "rd"
                    | "th"
                    | "mg"
                    | "ml"
                    | "am"
                    | "pm"
                    | "kg"
                    | "hr"
                    | "hrs"
                    | "yr"
                    | "yrs"
                    | "yo"
                    | "min"
                    | "mins"
                    | "ish"
                    | "mcg"
                    | "ug"
                    | "mmol"
                    | "cm"
                    | "mm"
                    | "km"
                    | "day"
                    | "days"
                    | "wk"
                    | "wks"
            ) {
                changes.push((start, if tok[0] == b'0' { b'o' } else { b'i' }));
            }
        }
        // A leading 0 or 1 in a word that is leetspeak throughout ("0xyc0d0ne") is a letter.
        if tok.len() >= 5
            && matches!(tok[0], b'0' | b'1')
            && tok[1].is_ascii_alphabetic()
            && letters >= 4
            && !tok[1..].iter().all(u8::is_ascii_alphabetic)
        {
            changes.push((start, if tok[0] == b'0' { b'o' } else { b'i' }));
        }
        let first_letter = tok.iter().position(u8::is_ascii_alphabetic);
        let last_letter = tok.iter().rposition(u8::is_ascii_alphabetic);
        if let (Some(fl), Some(ll)) = (first_letter, last_letter) {
            for (k, &b) in tok.iter().enumerate().take(ll).skip(fl + 1) {
                if let Some(l) = leet_letter(b) {
                    changes.push((start + k, l));
                }
            }
        }
    }
    if changes.is_empty() {
        return;
    }
    let mut v = std::mem::take(s).into_bytes();
    for (k, l) in changes {
        v[k] = l;
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    *s = String::from_utf8(v).unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(n: &Normalized, needle: &str, text: &str) -> String {
        let s = n.lower.find(needle).expect("needle in normalised text");
        let (a, b) = n.to_original(s, s + needle.len());
        text[a..b].to_string()
    }

    #[test]
    fn cyrillic_lookalikes_read_as_latin_and_map_back() {
        let text = "the раtiеnt in bed 4";
        let n = Normalized::new(text);
        assert_eq!(n.lower, "the patient in bed 4");
        assert_eq!(span_of(&n, "patient", text), "раtiеnt");
    }

    #[test]
    fn zero_width_characters_are_removed_and_covered_by_spans() {
        let text = "pa\u{200B}tient";
        let n = Normalized::new(text);
        assert_eq!(n.lower, "patient");
        assert_eq!(span_of(&n, "patient", text), text);
    }

    #[test]
    fn leetspeak_inside_words_is_undone_but_units_are_not() {
        let n = Normalized::new("what an id10t, f4ke news, 10mg on the 4th, covid19");
        assert_eq!(
            n.lower,
            "what an idiot, fake news, 10mg on the 4th, covid19"
        );
    }

    #[test]
    fn a_leading_zero_in_a_leet_word_is_a_letter() {
        let n = Normalized::new("Spare 0xyc0d0ne going, 0800 number, 10mg");
        assert_eq!(n.lower, "spare oxycodone going, 0800 number, 10mg");
    }

    #[test]
    fn full_width_digits_and_accents_fold() {
        let text = "Café ９４３";
        let n = Normalized::new(text);
        assert_eq!(n.cased, "Cafe 943");
        assert_eq!(span_of(&n, "943", text), "９４３");
    }

    #[test]
    fn dotted_out_words_are_joined() {
        let text = "D.r M.a.r.s.h is a l1ar";
        let n = Normalized::new(text);
        assert_eq!(n.cased, "Dr Marsh is a l1ar");
        assert_eq!(span_of(&n, "marsh", text), "M.a.r.s.h");
    }

    #[test]
    fn letter_spaced_words_are_joined() {
        let text = "M e t r o p o l i s  G e n e r a l is not safe. I am a b c";
        let n = Normalized::new(text);
        assert_eq!(n.cased, "Metropolis General is not safe. I am a b c");
        assert_eq!(
            span_of(&n, "metropolis general", text),
            "M e t r o p o l i s  G e n e r a l"
        );
    }

    #[test]
    fn letters_spelt_out_with_dots_or_hyphens_are_joined() {
        let text = "Told off again. F. U. C. K. this. And f-u-c-k them. Dr J. R. Smith stays.";
        let n = Normalized::new(text);
        assert_eq!(
            n.cased,
            "Told off again. FUCK. this. And fuck them. Dr J. R. Smith stays."
        );
        assert_eq!(span_of(&n, "fuck", text), "F. U. C. K");
    }

    #[test]
    fn whitespace_runs_collapse_to_one_space() {
        let n = Normalized::new("  bed\n\n  12\t x");
        assert_eq!(n.cased, "bed\n12 x");
    }

    #[test]
    fn emoji_and_rtl_text_keep_spans_on_char_boundaries() {
        let text = "😀 שלום mr smith";
        let n = Normalized::new(text);
        assert_eq!(span_of(&n, "smith", text), "smith");
    }
}
