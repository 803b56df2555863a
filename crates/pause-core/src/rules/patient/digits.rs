//! Finding runs of digits the way people write identifiers: `943 476 5919`, `943-476-5919`,
//! `943.476.5919`, `9 4 3 4 7 6 5 9 1 9`, `94347659l9`... and the letter O for zero.

/// A run of digit groups separated by single spaces, dashes or dots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitRun {
    /// The digits, with letter O read as zero.
    pub digits: String,
    /// Length of each group, e.g. `[3, 3, 4]`.
    pub groups: Vec<usize>,
    /// Normalised byte span of each group.
    pub spans: Vec<(usize, usize)>,
}

impl DigitRun {
    /// Every contiguous sequence of whole groups whose digits add up to `n`, as
    /// (digits, group lengths, normalised span).
    pub fn windows(&self, n: usize) -> Vec<(String, Vec<usize>, (usize, usize))> {
        let mut out = Vec::new();
        for i in 0..self.groups.len() {
            let mut total = 0;
            let mut offset: usize = self.groups[..i].iter().sum();
            let first = offset;
            for j in i..self.groups.len() {
                total += self.groups[j];
                offset += self.groups[j];
                if total == n {
                    out.push((
                        self.digits[first..offset].to_string(),
                        self.groups[i..=j].to_vec(),
                        (self.spans[i].0, self.spans[j].1),
                    ));
                }
                if total >= n {
                    break;
                }
            }
        }
        out
    }
}

fn is_digitish(b: u8, prev_digit: bool, next_digit: bool) -> bool {
    b.is_ascii_digit() || ((b == b'O' || b == b'o') && (prev_digit || next_digit))
}

/// Every digit run in `text` (the cased normalised view).
#[must_use]
pub fn digit_runs(text: &str) -> Vec<DigitRun> {
    let b = text.as_bytes();
    let n = b.len();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        // A run may open with letter O for zero ("O5O76283O6"), but not inside a word.
        let o_first = matches!(b[i], b'O' | b'o')
            && i + 1 < n
            && b[i + 1].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphabetic());
        if !(b[i].is_ascii_digit() || o_first) {
            i += 1;
            continue;
        }
        // Do not start inside a word ("RM204518" is read by the hospital-number rule).
        let mut run = DigitRun {
            digits: String::new(),
            groups: Vec::new(),
            spans: Vec::new(),
        };
        let mut j = i;
        loop {
            let gs = j;
            while j < n {
                // Inside a group, letter O may follow another O ("6OO 494 O356").
                let prev = j > gs || (j > 0 && b[j - 1].is_ascii_digit());
                let next = j + 1 < n && b[j + 1].is_ascii_digit();
                // A lone capital O between separators inside a run, or ending it: "9 5 O 5 5 7",
                // "7 3 5 O, ring me".
                let lone_o = b[j] == b'O'
                    && j == gs
                    && j > i
                    && (j + 1 >= n || !b[j + 1].is_ascii_alphanumeric());
                // Letter l or capital I for one after a digit: "33I72I2OO4", "69ll".
                let one = matches!(b[j], b'l' | b'I')
                    && j > gs
                    && (j + 1 >= n
                        || !b[j + 1].is_ascii_alphabetic()
                        || matches!(b[j + 1], b'l' | b'I' | b'O'));
                if is_digitish(b[j], prev, next) || lone_o || one {
                    run.digits.push(if b[j].is_ascii_digit() {
                        b[j] as char
                    } else if one {
                        '1'
                    } else {
                        '0'
                    });
                    j += 1;
                } else {
                    break;
                }
            }
            run.groups.push(j - gs);
            run.spans.push((gs, j));
            // One separator then another digit continues the run.
            let digit_at = |k: usize| {
                k < n
                    && (b[k].is_ascii_digit()
                        || (matches!(b[k], b'O' | b'o') && k + 1 < n && b[k + 1].is_ascii_digit())
                        || (b[k] == b'O' && (k + 1 >= n || !b[k + 1].is_ascii_alphanumeric())))
            };
            // Up to three separator characters (" . ", " - ") continue the run.
            let mut k = j;
            while k < n && k - j < 3 && matches!(b[k], b' ' | b'-' | b'.') {
                k += 1;
            }
            if k > j && digit_at(k) {
                j = k;
            } else {
                break;
            }
        }
        // A run glued to letters on either side is a code, not a number ("AB1234567890C").
        let glued_before = i > 0 && b[i - 1].is_ascii_alphabetic();
        let glued_after = j < n && b[j].is_ascii_alphabetic();
        if !(glued_before || glued_after) {
            runs.push(run);
        }
        i = j.max(i + 1);
    }
    runs
}

/// The digit a spoken number word stands for ("zero", "oh", "nought", "one" ... "nine").
fn word_digit(w: &str) -> Option<char> {
    Some(match w {
        "zero" | "oh" | "nought" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        _ => return None,
    })
}

/// Runs of at least `min` digits spelled out as words ("five seven one five six five zero one
/// three five", "zero zero four eight..."), "double" and "treble" included, separated by spaces,
/// commas or dashes: identifiers written out to slip past a filter. Returns the digits and the
/// span, in the lowercased normalised view.
#[must_use]
pub fn spelled_runs(lower: &str, min: usize) -> Vec<(String, (usize, usize))> {
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut span = (0, 0);
    let mut repeat = 1;
    let flush = |digits: &mut String, span: (usize, usize), out: &mut Vec<_>| {
        if digits.len() >= min {
            out.push((std::mem::take(digits), span));
        }
        digits.clear();
    };
    // ASCII letters never occur inside a multi-byte character, so byte offsets are safe.
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &lower[start..i];
        // Most words are not number words: a cheap test on length first.
        if word.len() > 6 && digits.is_empty() {
            repeat = 1;
            continue;
        }
        // Only spaces, commas and dashes may separate the words of one run.
        let gap_ok = digits.is_empty()
            || lower[span.1..start]
                .bytes()
                .all(|b| matches!(b, b' ' | b',' | b'-'));
        if !gap_ok {
            flush(&mut digits, span, &mut out);
        }
        match (word, word_digit(word)) {
            ("double", _) => {
                repeat = 2;
                if digits.is_empty() {
                    span.0 = start;
                }
                span.1 = start + word.len();
            }
            ("treble" | "triple", _) => {
                repeat = 3;
                if digits.is_empty() {
                    span.0 = start;
                }
                span.1 = start + word.len();
            }
            (_, Some(c)) => {
                if digits.is_empty() && repeat == 1 {
                    span.0 = start;
                }
                for _ in 0..repeat {
                    digits.push(c);
                }
                repeat = 1;
                span.1 = start + word.len();
            }
            _ => {
                repeat = 1;
                flush(&mut digits, span, &mut out);
            }
        }
    }
    flush(&mut digits, span, &mut out);
    out
}

/// The NHS modulus-11 check (also used by Scottish CHI and Northern Ireland H&C numbers):
/// weights 10 down to 2 on the first nine digits; check = 11 - (sum mod 11), 11 means 0 and 10
/// means the number is invalid.
#[must_use]
pub fn mod11_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(x, w)| x * w).sum();
    let check = match 11 - (sum % 11) {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == d[9] && !d.iter().all(|&x| x == d[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_out_digits_are_read() {
        let runs = spelled_runs(
            "nhs no is five seven one five six five zero one three five, ta",
            7,
        );
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].0, "5715650135");
        let runs = spelled_runs("mrn oh oh four eight, double two nine one 😀 three", 6);
        assert_eq!(runs[0].0, "00482291");
        assert!(spelled_runs("one or two of us, three times a day", 6).is_empty());
    }

    #[test]
    fn check_digit_accepts_valid_and_rejects_invalid_numbers() {
        assert!(mod11_valid("9434765919"));
        assert!(!mod11_valid("9434765918"));
        assert!(!mod11_valid("1234567890"));
        assert!(!mod11_valid("0000000000"));
    }

    #[test]
    fn runs_join_groups_and_read_letter_o_as_zero() {
        let runs = digit_runs("nhs no 943 476 5919 and 9 4 3 4 7 6 5 9 1 9 and 1O2");
        assert_eq!(runs[0].digits, "9434765919");
        assert_eq!(runs[0].groups, vec![3, 3, 4]);
        assert_eq!(runs[1].digits, "9434765919");
        assert_eq!(runs[2].digits, "102");
    }

    #[test]
    fn spaced_and_dotted_digits_join() {
        let runs = digit_runs("meds for 4 8 5 . 7 7 3 . 3 4 5 5 please");
        assert_eq!(runs[0].digits, "4857733455");
    }

    #[test]
    fn windows_find_ten_digits_inside_longer_runs() {
        let runs = digit_runs("bed 12 943 476 5919");
        let w = runs[0].windows(10);
        assert_eq!(w[0].0, "9434765919");
    }
}
