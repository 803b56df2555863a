//! An organisation's speak-up settings, read from TOML.
//!
//! ```toml
//! time_zone = "Europe/London"
//! bank_holidays = "england-and-wales"     # or a list of "YYYY-MM-DD" that replaces it
//! extra_bank_holidays = ["2026-06-05"]    # added to the list
//! retention = "12 months"
//! retention_warning = "30 days"
//! max_message_chars = 10000
//!
//! [deadlines.default]
//! acknowledge = "7 days"
//! feedback = "20 working days"
//! outcome = "3 months"
//!
//! [deadlines.patient-safety]
//! acknowledge = "2 working days"
//! ```
//!
//! Every key is optional and unknown keys are errors. A deadline missing from a category's
//! table is, in order: the built-in value for that category (only patient safety has one: it
//! is acknowledged within 2 working days), then `[deadlines.default]` of the file, then the
//! built-in default. So a file that shortens the default feedback time shortens it for
//! patient safety too, and a patient-safety table that gives only `outcome` keeps the 2
//! working days to acknowledge.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::{Calendar, Category, Span};

/// How long a case may wait for each step, counted from when it was raised (or escalated or
/// reopened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    /// Until the handler acknowledges the concern.
    pub acknowledge: Span,
    /// Until the raiser is first told what is happening.
    pub feedback: Span,
    /// Until the raiser is given the outcome.
    pub outcome: Span,
}

/// The most a message may be limited to, and the fewest.
const MAX_MESSAGE_CHARS: std::ops::RangeInclusive<i64> = 1..=1_000_000;

/// The keyword for the shipped England and Wales list in `bank_holidays`.
const ENGLAND_AND_WALES: &str = "england-and-wales";

/// An organisation's speak-up settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakUpConfig {
    /// The time zone and bank holidays deadlines are counted in.
    pub calendar: Calendar,
    /// The deadlines of a category without its own.
    pub default_deadlines: Deadlines,
    /// Categories with deadlines of their own (complete: missing keys already filled in).
    pub per_category: BTreeMap<Category, Deadlines>,
    /// How long a closed case is kept.
    pub retention: Span,
    /// How long before deletion the handler is warned.
    pub retention_warning: Span,
    /// The longest message (concern, reply) in characters.
    pub max_message_chars: usize,
}

fn builtin_default() -> Deadlines {
    Deadlines {
        acknowledge: Span::Days(7),
        feedback: Span::WorkingDays(20),
        outcome: Span::Months(3),
    }
}

/// The built-in deadlines of a category that differ from the default, key by key.
fn builtin_partial(c: Category) -> Option<PartialDeadlines> {
    match c {
        Category::PatientSafety => Some(PartialDeadlines {
            acknowledge: Some(Span::WorkingDays(2)),
            feedback: None,
            outcome: None,
        }),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct PartialDeadlines {
    acknowledge: Option<Span>,
    feedback: Option<Span>,
    outcome: Option<Span>,
}

impl PartialDeadlines {
    fn or(self, other: PartialDeadlines) -> PartialDeadlines {
        PartialDeadlines {
            acknowledge: self.acknowledge.or(other.acknowledge),
            feedback: self.feedback.or(other.feedback),
            outcome: self.outcome.or(other.outcome),
        }
    }

    fn complete(self, base: &Deadlines) -> Deadlines {
        Deadlines {
            acknowledge: self.acknowledge.unwrap_or(base.acknowledge),
            feedback: self.feedback.unwrap_or(base.feedback),
            outcome: self.outcome.unwrap_or(base.outcome),
        }
    }
}

impl Default for SpeakUpConfig {
    /// Europe/London with England and Wales bank holidays; acknowledge within 7 days (2
    /// working days for patient safety), first feedback within 20 working days, the outcome
    /// within 3 months; closed cases kept 12 months with 30 days' warning; messages of up to
    /// 10,000 characters.
    fn default() -> SpeakUpConfig {
        let default_deadlines = builtin_default();
        let per_category = Category::ALL
            .into_iter()
            .filter_map(|c| Some((c, builtin_partial(c)?.complete(&default_deadlines))))
            .collect();
        SpeakUpConfig {
            calendar: Calendar::england_and_wales(),
            default_deadlines,
            per_category,
            retention: Span::Months(12),
            retention_warning: Span::Days(30),
            max_message_chars: 10_000,
        }
    }
}

/// A settings file that could not be read. Every variant says where.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// Not TOML, an unknown key, or a value of the wrong type.
    #[error("line {line}, column {column}: {message}")]
    Toml {
        line: usize,
        column: usize,
        message: String,
    },
    /// A value of the right type that means nothing: not a span, not a date, an unknown
    /// category or time zone, a number out of range.
    #[error("line {line}, column {column}: {key}: {message}")]
    Value {
        line: usize,
        column: usize,
        /// The dotted key, e.g. `deadlines.patient-safety.acknowledge`.
        key: String,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    time_zone: Option<Spanned<String>>,
    bank_holidays: Option<Spanned<RawHolidays>>,
    extra_bank_holidays: Option<Vec<Spanned<toml::Value>>>,
    retention: Option<Spanned<String>>,
    retention_warning: Option<Spanned<String>>,
    max_message_chars: Option<Spanned<i64>>,
    deadlines: Option<BTreeMap<Spanned<String>, RawDeadlines>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadlines {
    acknowledge: Option<Spanned<String>>,
    feedback: Option<Spanned<String>>,
    outcome: Option<Spanned<String>>,
}

/// `bank_holidays`: a named list or the dates themselves.
enum RawHolidays {
    Named(String),
    Dates(Vec<Spanned<toml::Value>>),
}

impl<'de> Deserialize<'de> for RawHolidays {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawHolidays, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawHolidays;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "\"{ENGLAND_AND_WALES}\" or a list of dates")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawHolidays, E> {
                Ok(RawHolidays::Named(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawHolidays, A::Error> {
                let mut dates = Vec::new();
                while let Some(d) = seq.next_element()? {
                    dates.push(d);
                }
                Ok(RawHolidays::Dates(dates))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let mut end = byte.min(src.len());
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let before = &src[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Turns raw values into settings, remembering the first error in the file.
struct Checker<'a> {
    src: &'a str,
    errors: Vec<(usize, ConfigError)>,
}

impl Checker<'_> {
    fn fail(&mut self, span: &Range<usize>, key: &str, message: String) {
        let (line, column) = line_col(self.src, span.start);
        self.errors.push((
            span.start,
            ConfigError::Value {
                line,
                column,
                key: key.to_string(),
                message,
            },
        ));
    }

    fn span(&mut self, value: Option<Spanned<String>>, key: &str) -> Option<Span> {
        let value = value?;
        match value.get_ref().parse::<Span>() {
            Ok(span) => Some(span),
            Err(e) => {
                self.fail(&value.span(), key, e.to_string());
                None
            }
        }
    }

    fn date(&mut self, value: &Spanned<toml::Value>, key: &str) -> Option<NaiveDate> {
        let parsed = match value.get_ref() {
            toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                })
            }
            _ => None,
        };
        if parsed.is_none() {
            self.fail(
                &value.span(),
                key,
                format!(
                    "{} is not a date (expected e.g. \"2026-06-05\")",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    fn deadlines(&mut self, raw: RawDeadlines, table: &str) -> PartialDeadlines {
        PartialDeadlines {
            acknowledge: self.span(raw.acknowledge, &format!("{table}.acknowledge")),
            feedback: self.span(raw.feedback, &format!("{table}.feedback")),
            outcome: self.span(raw.outcome, &format!("{table}.outcome")),
        }
    }
}

impl SpeakUpConfig {
    /// Reads settings from TOML; what the file leaves out is the [`Default`].
    ///
    /// # Errors
    /// The first problem in the file, with its line and column: [`ConfigError::Toml`] for
    /// malformed TOML, unknown keys and wrong types, [`ConfigError::Value`] for values that
    /// are not spans, dates, time zones, categories or numbers in range.
    pub fn parse(toml_text: &str) -> Result<SpeakUpConfig, ConfigError> {
        let raw: RawConfig = toml::from_str(toml_text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_col(toml_text, span.start));
            ConfigError::Toml {
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        let mut check = Checker {
            src: toml_text,
            errors: Vec::new(),
        };
        let defaults = SpeakUpConfig::default();

        let tz = match raw.time_zone {
            None => defaults.calendar.time_zone(),
            Some(name) => match name.get_ref().trim().parse::<chrono_tz::Tz>() {
                Ok(tz) => tz,
                Err(_) => {
                    check.fail(
                        &name.span(),
                        "time_zone",
                        format!(
                            "{:?} is not a time zone of the IANA database (e.g. \"Europe/London\")",
                            name.get_ref()
                        ),
                    );
                    defaults.calendar.time_zone()
                }
            },
        };

        let mut holidays: BTreeSet<NaiveDate> = match raw.bank_holidays {
            None => Calendar::england_and_wales_bank_holidays(),
            Some(setting) => {
                let span = setting.span();
                match setting.into_inner() {
                    RawHolidays::Named(name) if name.trim() == ENGLAND_AND_WALES => {
                        Calendar::england_and_wales_bank_holidays()
                    }
                    RawHolidays::Named(name) => {
                        check.fail(
                            &span,
                            "bank_holidays",
                            format!(
                                "{name:?} is not a list of bank holidays (expected \"{ENGLAND_AND_WALES}\" or a list of dates)"
                            ),
                        );
                        BTreeSet::new()
                    }
                    RawHolidays::Dates(dates) => dates
                        .iter()
                        .filter_map(|d| check.date(d, "bank_holidays"))
                        .collect(),
                }
            }
        };
        for d in raw.extra_bank_holidays.iter().flatten() {
            if let Some(date) = check.date(d, "extra_bank_holidays") {
                holidays.insert(date);
            }
        }

        let retention = check
            .span(raw.retention, "retention")
            .unwrap_or(defaults.retention);
        let retention_warning = check
            .span(raw.retention_warning, "retention_warning")
            .unwrap_or(defaults.retention_warning);

        let max_message_chars = match raw.max_message_chars {
            None => defaults.max_message_chars,
            Some(n) => match usize::try_from(*n.get_ref()) {
                Ok(v) if MAX_MESSAGE_CHARS.contains(n.get_ref()) => v,
                _ => {
                    check.fail(
                        &n.span(),
                        "max_message_chars",
                        format!(
                            "{} is out of range (from {} to {})",
                            n.get_ref(),
                            MAX_MESSAGE_CHARS.start(),
                            MAX_MESSAGE_CHARS.end()
                        ),
                    );
                    defaults.max_message_chars
                }
            },
        };

        let mut file_default = PartialDeadlines::default();
        let mut file_tables: BTreeMap<Category, PartialDeadlines> = BTreeMap::new();
        for (name, table) in raw.deadlines.unwrap_or_default() {
            let key = format!("deadlines.{}", name.get_ref());
            if name.get_ref() == "default" {
                file_default = check.deadlines(table, &key);
            } else if let Some(c) = Category::from_id(name.get_ref()) {
                let partial = check.deadlines(table, &key);
                file_tables.insert(c, partial);
            } else {
                let valid: Vec<&str> = std::iter::once("default")
                    .chain(Category::ALL.iter().map(|c| c.id()))
                    .collect();
                check.fail(
                    &name.span(),
                    &key,
                    format!(
                        "{:?} is not a category (expected one of: {})",
                        name.get_ref(),
                        valid.join(", ")
                    ),
                );
            }
        }

        if let Some((_, e)) = check.errors.into_iter().min_by_key(|(at, _)| *at) {
            return Err(e);
        }

        let default_deadlines = file_default.complete(&builtin_default());
        let per_category = Category::ALL
            .into_iter()
            .filter_map(|c| {
                let file = file_tables.get(&c).copied();
                let builtin = builtin_partial(c);
                if file.is_none() && builtin.is_none() {
                    return None;
                }
                let merged = file
                    .unwrap_or_default()
                    .or(builtin.unwrap_or_default())
                    .complete(&default_deadlines);
                Some((c, merged))
            })
            .collect();

        Ok(SpeakUpConfig {
            calendar: Calendar::new(tz, holidays),
            default_deadlines,
            per_category,
            retention,
            retention_warning,
            max_message_chars,
        })
    }

    /// The deadlines in force for a category.
    #[must_use]
    pub fn deadlines(&self, c: Category) -> &Deadlines {
        self.per_category.get(&c).unwrap_or(&self.default_deadlines)
    }

    /// The settings as a commented TOML file that [`SpeakUpConfig::parse`] reads back to the
    /// same settings (what the service shows as "the settings in force").
    #[must_use]
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let dates = |ds: &[NaiveDate]| {
            let items: Vec<String> = ds.iter().map(|d| q(&d.to_string())).collect();
            format!("[{}]", items.join(", "))
        };
        let mut out = String::new();
        out.push_str(
            "# Speak-up settings. Every key is optional: what is left out takes the built-in value.\n\
             # Spans are written \"N working days\", \"N days\" or \"N months\".\n\n",
        );
        out.push_str("# The time zone deadlines are counted in (IANA name).\n");
        let _ = writeln!(out, "time_zone = {}", q(self.calendar.time_zone().name()));
        out.push_str(
            "# Days that are not working days besides weekends: \"england-and-wales\" (2024-2030 as\n\
             # shipped) or a list of dates that replaces it; extra_bank_holidays adds to either.\n",
        );
        let shipped = Calendar::england_and_wales_bank_holidays();
        let ours: BTreeSet<NaiveDate> = self.calendar.bank_holidays().collect();
        if ours.is_superset(&shipped) {
            let _ = writeln!(out, "bank_holidays = {}", q(ENGLAND_AND_WALES));
            let extra: Vec<NaiveDate> = ours.difference(&shipped).copied().collect();
            if !extra.is_empty() {
                let _ = writeln!(out, "extra_bank_holidays = {}", dates(&extra));
            }
        } else {
            let all: Vec<NaiveDate> = ours.into_iter().collect();
            let _ = writeln!(out, "bank_holidays = {}", dates(&all));
        }
        out.push_str("# How long a closed case is kept, and how long before deletion to warn.\n");
        let _ = writeln!(out, "retention = {}", q(&self.retention.to_string()));
        let _ = writeln!(
            out,
            "retention_warning = {}",
            q(&self.retention_warning.to_string())
        );
        out.push_str("# The longest message, in characters.\n");
        let _ = writeln!(out, "max_message_chars = {}", self.max_message_chars);

        let table = |out: &mut String, name: &str, d: &Deadlines| {
            let _ = writeln!(out, "\n[deadlines.{name}]");
            let _ = writeln!(out, "acknowledge = {}", q(&d.acknowledge.to_string()));
            let _ = writeln!(out, "feedback = {}", q(&d.feedback.to_string()));
            let _ = writeln!(out, "outcome = {}", q(&d.outcome.to_string()));
        };
        out.push_str(
            "\n# Deadlines run from when a case is raised, escalated or reopened. A category's table\n\
             # may give only some keys; the rest come from [deadlines.default].\n",
        );
        let categories: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        let _ = writeln!(out, "# Categories: {}.", categories.join(", "));
        table(&mut out, "default", &self.default_deadlines);
        for c in Category::ALL {
            // A category with built-in deadlines is always written, so that reading the file
            // back does not bring the built-in values back.
            if self.per_category.contains_key(&c) || builtin_partial(c).is_some() {
                table(&mut out, c.id(), self.deadlines(c));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[track_caller]
    fn error(text: &str) -> String {
        match SpeakUpConfig::parse(text) {
            Ok(c) => panic!("parsed: {c:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_empty_file_is_the_default() {
        let c = SpeakUpConfig::parse("").unwrap();
        assert_eq!(c, SpeakUpConfig::default());
        assert_eq!(c.calendar.time_zone(), chrono_tz::Europe::London);
        assert_eq!(c.retention, Span::Months(12));
        assert_eq!(c.retention_warning, Span::Days(30));
        assert_eq!(c.max_message_chars, 10_000);
        assert!(!c.calendar.is_working_day(date(2026, 12, 28)));
    }

    #[test]
    fn default_deadlines_are_the_agreed_ones() {
        let c = SpeakUpConfig::default();
        let ps = c.deadlines(Category::PatientSafety);
        assert_eq!(ps.acknowledge, Span::WorkingDays(2));
        assert_eq!(ps.feedback, Span::WorkingDays(20));
        assert_eq!(ps.outcome, Span::Months(3));
        for cat in Category::ALL
            .into_iter()
            .filter(|c| *c != Category::PatientSafety)
        {
            assert_eq!(
                c.deadlines(cat),
                &Deadlines {
                    acknowledge: Span::Days(7),
                    feedback: Span::WorkingDays(20),
                    outcome: Span::Months(3),
                },
                "{cat:?}"
            );
        }
    }

    #[test]
    fn the_documented_example_parses() {
        let c = SpeakUpConfig::parse(
            r#"
time_zone = "Europe/London"
bank_holidays = "england-and-wales"
extra_bank_holidays = ["2026-06-05"]
retention = "12 months"
retention_warning = "30 days"
max_message_chars = 10000
[deadlines.default]
acknowledge = "7 days"
feedback = "20 working days"
outcome = "3 months"
[deadlines.patient-safety]
acknowledge = "2 working days"
"#,
        )
        .unwrap();
        assert!(!c.calendar.is_working_day(date(2026, 6, 5)));
        assert!(!c.calendar.is_working_day(date(2026, 4, 3)));
        assert_eq!(
            c.deadlines(Category::PatientSafety).acknowledge,
            Span::WorkingDays(2)
        );
    }

    #[test]
    fn category_tables_fill_in_from_the_files_default() {
        let c = SpeakUpConfig::parse(
            "[deadlines.default]\nfeedback = \"10 working days\"\n\
             [deadlines.staffing]\noutcome = \"1 month\"\n",
        )
        .unwrap();
        assert_eq!(
            c.deadlines(Category::Staffing),
            &Deadlines {
                acknowledge: Span::Days(7),
                feedback: Span::WorkingDays(10),
                outcome: Span::Months(1),
            }
        );
        // Patient safety keeps its built-in acknowledgement and takes the file's feedback.
        assert_eq!(
            c.deadlines(Category::PatientSafety),
            &Deadlines {
                acknowledge: Span::WorkingDays(2),
                feedback: Span::WorkingDays(10),
                outcome: Span::Months(3),
            }
        );
        assert_eq!(c.deadlines(Category::Other).feedback, Span::WorkingDays(10));
    }

    #[test]
    fn a_patient_safety_table_can_override_its_built_in_value() {
        let c =
            SpeakUpConfig::parse("[deadlines.patient-safety]\nacknowledge = \"1 working day\"\n")
                .unwrap();
        assert_eq!(
            c.deadlines(Category::PatientSafety).acknowledge,
            Span::WorkingDays(1)
        );
    }

    #[test]
    fn a_bad_span_names_the_key_line_and_column() {
        let text = "[deadlines.patient-safety]\n\nacknowledge = \"2 wrking days\"\n";
        assert_eq!(
            error(text),
            "line 3, column 15: deadlines.patient-safety.acknowledge: \"2 wrking days\" is not \
             a span (expected e.g. \"2 working days\", \"7 days\", \"3 months\")"
        );
        assert_eq!(
            error("retention = \"0 months\""),
            "line 1, column 13: retention: \"0 months\": the number must be from 1 to 1000"
        );
    }

    #[test]
    fn the_first_error_in_the_file_is_reported() {
        let text = "retention = \"soon\"\n[deadlines.default]\nacknowledge = \"never\"\n";
        assert!(error(text).starts_with("line 1, column 13: retention:"));
    }

    #[test]
    fn an_unknown_category_lists_the_valid_ones() {
        let msg = error("[deadlines.patient-saftey]\nacknowledge = \"1 day\"\n");
        assert!(
            msg.starts_with("line 1, column 12: deadlines.patient-saftey:"),
            "{msg}"
        );
        assert!(
            msg.contains(
                "expected one of: default, patient-safety, worker-safety, staffing, \
                 bullying-harassment, inappropriate-behaviour, other"
            ),
            "{msg}"
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_their_position() {
        let msg = error("retention = \"12 months\"\nretension_warning = \"30 days\"\n");
        assert!(msg.starts_with("line 2, column 1: "), "{msg}");
        assert!(msg.contains("retension_warning"), "{msg}");
        let msg = error("[deadlines.default]\nacknowledged = \"7 days\"\n");
        assert!(msg.starts_with("line 2, column 1: "), "{msg}");
        assert!(msg.contains("acknowledged"), "{msg}");
    }

    #[test]
    fn malformed_toml_and_wrong_types_are_errors_with_their_position() {
        let msg = error("retention = \n");
        assert!(msg.starts_with("line 1, column "), "{msg}");
        let msg = error("max_message_chars = \"lots\"\n");
        assert!(msg.starts_with("line 1, column 21: "), "{msg}");
    }

    #[test]
    fn time_zones_are_checked() {
        let c = SpeakUpConfig::parse("time_zone = \"Europe/Dublin\"").unwrap();
        assert_eq!(c.calendar.time_zone(), chrono_tz::Europe::Dublin);
        let msg = error("time_zone = \"Europe/Londno\"");
        assert_eq!(
            msg,
            "line 1, column 13: time_zone: \"Europe/Londno\" is not a time zone of the IANA \
             database (e.g. \"Europe/London\")"
        );
    }

    #[test]
    fn a_list_of_bank_holidays_replaces_the_shipped_one() {
        let c = SpeakUpConfig::parse(
            "bank_holidays = [\"2026-01-01\", 2026-03-17]\nextra_bank_holidays = [\"2026-07-13\"]\n",
        )
        .unwrap();
        let got: Vec<_> = c.calendar.bank_holidays().collect();
        assert_eq!(
            got,
            vec![date(2026, 1, 1), date(2026, 3, 17), date(2026, 7, 13)]
        );
        let none = SpeakUpConfig::parse("bank_holidays = []").unwrap();
        assert_eq!(none.calendar.bank_holidays().count(), 0);
    }

    #[test]
    fn bad_bank_holidays_are_errors() {
        let msg = error("bank_holidays = \"scotland\"");
        assert!(
            msg.starts_with("line 1, column 17: bank_holidays: \"scotland\""),
            "{msg}"
        );
        let msg = error("bank_holidays = [\"2026-01-01\", \"2026-02-30\"]");
        assert_eq!(
            msg,
            "line 1, column 32: bank_holidays: \"2026-02-30\" is not a date (expected e.g. \
             \"2026-06-05\")"
        );
        let msg = error("extra_bank_holidays = [5]");
        assert!(msg.starts_with("line 1, column 24: extra_bank_holidays: 5 is not a date"));
    }

    #[test]
    fn max_message_chars_must_be_sensible() {
        assert_eq!(
            SpeakUpConfig::parse("max_message_chars = 500")
                .unwrap()
                .max_message_chars,
            500
        );
        for bad in ["0", "-1", "1000001"] {
            let msg = error(&format!("max_message_chars = {bad}"));
            assert!(msg.contains("max_message_chars: "), "{msg}");
            assert!(msg.contains("out of range"), "{msg}");
        }
    }

    #[test]
    fn to_toml_round_trips_the_default() {
        let d = SpeakUpConfig::default();
        let text = d.to_toml();
        assert!(text.contains("# "), "commented:\n{text}");
        assert!(
            text.contains("bank_holidays = \"england-and-wales\""),
            "{text}"
        );
        assert_eq!(SpeakUpConfig::parse(&text).unwrap(), d, "{text}");
    }

    #[test]
    fn to_toml_round_trips_a_custom_config() {
        let c = SpeakUpConfig::parse(
            "time_zone = \"America/New_York\"\nextra_bank_holidays = [\"2026-06-05\"]\n\
             retention = \"6 months\"\nretention_warning = \"1 working day\"\nmax_message_chars = 42\n\
             [deadlines.default]\nacknowledge = \"3 days\"\n\
             [deadlines.other]\noutcome = \"1 month\"\n",
        )
        .unwrap();
        let text = c.to_toml();
        assert!(
            text.contains("extra_bank_holidays = [\"2026-06-05\"]"),
            "{text}"
        );
        assert_eq!(SpeakUpConfig::parse(&text).unwrap(), c, "{text}");

        let replaced = SpeakUpConfig::parse("bank_holidays = [\"2031-01-01\"]").unwrap();
        let text = replaced.to_toml();
        assert!(text.contains("bank_holidays = [\"2031-01-01\"]"), "{text}");
        assert_eq!(SpeakUpConfig::parse(&text).unwrap(), replaced);
    }

    #[test]
    fn to_toml_keeps_a_config_without_category_overrides() {
        let mut c = SpeakUpConfig::default();
        c.per_category.clear();
        let back = SpeakUpConfig::parse(&c.to_toml()).unwrap();
        for cat in Category::ALL {
            assert_eq!(back.deadlines(cat), c.deadlines(cat), "{cat:?}");
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("a = \"é\"\nb", 9), (2, 1));
        assert_eq!(line_col("é = 1", 3), (1, 3));
        assert_eq!(line_col("é", 1), (1, 1));
    }
}
