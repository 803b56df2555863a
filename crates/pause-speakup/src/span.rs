//! A length of time as an organisation writes it: `2 working days`, `7 days`, `3 months`.

use std::fmt;
use std::str::FromStr;

/// The largest number a [`Span`] written as text may carry. Nothing in a speak-up policy runs
/// for more than a thousand days or months; a bigger number is a typing mistake.
pub const MAX_SPAN: u32 = 1000;

/// A length of time. Read by [`Calendar::overdue_at`](crate::Calendar::overdue_at), which
/// says what each kind means (the day something starts never counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Days that are neither a weekend nor a bank holiday.
    WorkingDays(u32),
    /// Calendar days.
    Days(u32),
    /// Calendar months, to the same date (or the month's last day).
    Months(u32),
}

/// Text that is not a [`Span`].
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SpanError {
    /// Not of the form `N working days`, `N days` or `N months`.
    #[error("{text:?} is not a span (expected e.g. \"2 working days\", \"7 days\", \"3 months\")")]
    Form { text: String },
    /// A number that is zero or more than [`MAX_SPAN`].
    #[error("{text:?}: the number must be from 1 to {MAX_SPAN}")]
    OutOfRange { text: String },
}

impl FromStr for Span {
    type Err = SpanError;

    /// Case-insensitive; any whitespace between the words; singular or plural.
    fn from_str(s: &str) -> Result<Span, SpanError> {
        let form = || SpanError::Form {
            text: s.to_string(),
        };
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (number, unit) = match words.as_slice() {
            [n, "working", "day" | "days"] => (*n, Span::WorkingDays as fn(u32) -> Span),
            [n, "day" | "days"] => (*n, Span::Days as fn(u32) -> Span),
            [n, "month" | "months"] => (*n, Span::Months as fn(u32) -> Span),
            _ => return Err(form()),
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(form());
        }
        // All digits: the only parse failure left is overflow, which is out of range too.
        match number.parse::<u32>() {
            Ok(n) if (1..=MAX_SPAN).contains(&n) => Ok(unit(n)),
            _ => Err(SpanError::OutOfRange {
                text: s.to_string(),
            }),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, one, many) = match *self {
            Span::WorkingDays(n) => (n, "working day", "working days"),
            Span::Days(n) => (n, "day", "days"),
            Span::Months(n) => (n, "month", "months"),
        };
        write!(f, "{n} {}", if n == 1 { one } else { many })
    }
}

impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn parses(text: &str, want: Span) {
        assert_eq!(text.parse::<Span>(), Ok(want), "{text:?}");
    }

    #[track_caller]
    fn rejects(text: &str) -> String {
        match text.parse::<Span>() {
            Ok(s) => panic!("{text:?} parsed as {s:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_three_forms_parse_singular_and_plural() {
        parses("2 working days", Span::WorkingDays(2));
        parses("1 working day", Span::WorkingDays(1));
        parses("7 days", Span::Days(7));
        parses("1 day", Span::Days(1));
        parses("3 months", Span::Months(3));
        parses("1 month", Span::Months(1));
        parses("12 months", Span::Months(12));
        parses("1000 days", Span::Days(1000));
    }

    #[test]
    fn case_and_spacing_are_forgiven() {
        parses("  20   Working  DAYS ", Span::WorkingDays(20));
        parses("3\tMonths", Span::Months(3));
        parses("1 days", Span::Days(1));
        parses("2 month", Span::Months(2));
    }

    #[test]
    fn malformed_text_is_rejected_naming_it_and_the_forms() {
        let msg = rejects("2 wrking days");
        assert_eq!(
            msg,
            "\"2 wrking days\" is not a span (expected e.g. \"2 working days\", \"7 days\", \"3 months\")"
        );
        for bad in [
            "",
            "days",
            "two days",
            "2",
            "2 weeks",
            "-2 days",
            "+2 days",
            "2.5 days",
            "2days",
            "2 working",
            "working days 2",
            "2 days extra",
        ] {
            rejects(bad);
        }
    }

    #[test]
    fn zero_and_huge_numbers_are_rejected() {
        assert!(rejects("0 days").contains("from 1 to 1000"));
        assert!(rejects("1001 working days").contains("from 1 to 1000"));
        assert!(rejects("99999999999999999999 months").contains("from 1 to 1000"));
    }

    #[test]
    fn display_is_the_inverse_of_parse() {
        for span in [
            Span::WorkingDays(1),
            Span::WorkingDays(20),
            Span::Days(1),
            Span::Days(30),
            Span::Months(1),
            Span::Months(12),
        ] {
            let text = span.to_string();
            assert_eq!(text.parse::<Span>(), Ok(span), "{text}");
        }
        assert_eq!(Span::WorkingDays(1).to_string(), "1 working day");
        assert_eq!(Span::WorkingDays(2).to_string(), "2 working days");
        assert_eq!(Span::Months(1).to_string(), "1 month");
        assert_eq!(Span::Days(7).to_string(), "7 days");
    }

    #[test]
    fn serde_reads_and_writes_the_text() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct S {
            span: Span,
        }
        let s: S = toml::from_str("span = \"2 Working Days\"").unwrap();
        assert_eq!(s.span, Span::WorkingDays(2));
        assert_eq!(toml::to_string(&s).unwrap(), "span = \"2 working days\"\n");
        let err = toml::from_str::<S>("span = \"soon\"").unwrap_err();
        assert!(err.to_string().contains("\"soon\" is not a span"), "{err}");
    }
}
