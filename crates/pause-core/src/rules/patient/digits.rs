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
        if !b[i].is_ascii_digit() {
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
                let prev = j > 0 && b[j - 1].is_ascii_digit();
                let next = j + 1 < n && b[j + 1].is_ascii_digit();
                if is_digitish(b[j], prev, next) {
                    run.digits.push(if b[j].is_ascii_digit() {
                        b[j] as char
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
                        || (matches!(b[k], b'O' | b'o') && k + 1 < n && b[k + 1].is_ascii_digit()))
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
