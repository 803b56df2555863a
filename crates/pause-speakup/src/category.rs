//! What a concern is about, the National Guardian's Office theme it is reported under, and the
//! NHS financial quarters that reports are counted in.

use chrono::{Datelike, NaiveDate};

/// What a concern is about, as the person raising it chooses it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    PatientSafety,
    WorkerSafety,
    Staffing,
    BullyingHarassment,
    InappropriateBehaviour,
    Other,
}

impl Category {
    /// Every category, in the order a form lists them.
    pub const ALL: [Category; 6] = [
        Category::PatientSafety,
        Category::WorkerSafety,
        Category::Staffing,
        Category::BullyingHarassment,
        Category::InappropriateBehaviour,
        Category::Other,
    ];

    /// The stable kebab-case id stored in the database and used in configuration.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Category::PatientSafety => "patient-safety",
            Category::WorkerSafety => "worker-safety",
            Category::Staffing => "staffing",
            Category::BullyingHarassment => "bullying-harassment",
            Category::InappropriateBehaviour => "inappropriate-behaviour",
            Category::Other => "other",
        }
    }

    /// The category with this id (exact match), if any.
    #[must_use]
    pub fn from_id(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == s)
    }

    /// What a person reads.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Category::PatientSafety => "Patient safety",
            Category::WorkerSafety => "Worker safety or wellbeing",
            Category::Staffing => "Staffing",
            Category::BullyingHarassment => "Bullying or harassment",
            Category::InappropriateBehaviour => "Inappropriate behaviour",
            Category::Other => "Other",
        }
    }

    /// The National Guardian's Office theme this category is counted under in the quarterly
    /// return. Staffing is counted as patient safety/quality (unsafe staffing is a risk to
    /// patients); `Other` has no theme and is counted only in the total.
    #[must_use]
    pub fn ngo_theme(self) -> Option<NgoTheme> {
        match self {
            Category::PatientSafety | Category::Staffing => Some(NgoTheme::PatientSafetyQuality),
            Category::WorkerSafety => Some(NgoTheme::WorkerSafetyWellbeing),
            Category::BullyingHarassment => Some(NgoTheme::BullyingHarassment),
            Category::InappropriateBehaviour => Some(NgoTheme::InappropriateBehaviour),
            Category::Other => None,
        }
    }
}

/// A theme of the National Guardian's Office quarterly data return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NgoTheme {
    PatientSafetyQuality,
    WorkerSafetyWellbeing,
    BullyingHarassment,
    InappropriateBehaviour,
}

impl NgoTheme {
    /// Every theme, in the order of the return.
    pub const ALL: [NgoTheme; 4] = [
        NgoTheme::PatientSafetyQuality,
        NgoTheme::WorkerSafetyWellbeing,
        NgoTheme::BullyingHarassment,
        NgoTheme::InappropriateBehaviour,
    ];

    /// The theme's name as the National Guardian's Office words it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            NgoTheme::PatientSafetyQuality => "Patient safety/quality",
            NgoTheme::WorkerSafetyWellbeing => "Worker safety/wellbeing",
            NgoTheme::BullyingHarassment => "Bullying or harassment",
            NgoTheme::InappropriateBehaviour => "Other inappropriate attitudes or behaviours",
        }
    }
}

/// The NHS financial year (by the calendar year it starts in) and quarter of a date.
/// The year runs from 1 April: Q1 is April-June, Q2 July-September, Q3 October-December and
/// Q4 January-March of the next calendar year.
///
/// ```
/// # use chrono::NaiveDate;
/// # use pause_speakup::financial_quarter;
/// assert_eq!(financial_quarter(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()), (2026, 4));
/// ```
#[must_use]
pub fn financial_quarter(date: NaiveDate) -> (i32, u8) {
    match date.month() {
        4..=6 => (date.year(), 1),
        7..=9 => (date.year(), 2),
        10..=12 => (date.year(), 3),
        _ => (date.year() - 1, 4),
    }
}

/// How a financial quarter is written: `2026/27 Q4`.
#[must_use]
pub fn quarter_label(year: i32, q: u8) -> String {
    format!("{year}/{:02} Q{q}", (year + 1).rem_euclid(100))
}

/// The first day of a financial quarter and the first day of the next one (end-exclusive).
/// A quarter outside 1-4 is clamped into that range; a year outside chrono's range gives
/// chrono's earliest or latest date rather than panicking.
#[must_use]
pub fn quarter_bounds(year: i32, q: u8) -> (NaiveDate, NaiveDate) {
    let q = q.clamp(1, 4);
    // Months since April of `year`: Q1 starts at 0, Q2 at 3, ...
    let start_offset = u32::from(q - 1) * 3;
    let first = |offset: u32| {
        let months = 3 + offset; // zero-based month index from January of `year`
        let y = year.checked_add(i32::try_from(months / 12).unwrap_or(0));
        y.and_then(|y| NaiveDate::from_ymd_opt(y, months % 12 + 1, 1))
    };
    let fallback = if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    };
    (
        first(start_offset).unwrap_or(fallback),
        first(start_offset + 3).unwrap_or(fallback),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ids_round_trip_and_are_distinct() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
        }
        let ids: std::collections::BTreeSet<_> = Category::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Category::ALL.len());
        assert_eq!(Category::from_id("Patient-Safety"), None);
        assert_eq!(Category::from_id(""), None);
    }

    #[test]
    fn ids_and_labels_are_the_agreed_words() {
        assert_eq!(Category::PatientSafety.id(), "patient-safety");
        assert_eq!(Category::BullyingHarassment.id(), "bullying-harassment");
        assert_eq!(
            Category::InappropriateBehaviour.id(),
            "inappropriate-behaviour"
        );
        assert_eq!(Category::WorkerSafety.label(), "Worker safety or wellbeing");
        assert_eq!(
            NgoTheme::InappropriateBehaviour.label(),
            "Other inappropriate attitudes or behaviours"
        );
    }

    #[test]
    fn serde_uses_the_ids() {
        for c in Category::ALL {
            let json = toml::Value::try_from(c).unwrap();
            assert_eq!(json.as_str(), Some(c.id()));
        }
        #[derive(serde::Deserialize)]
        struct Row {
            c: Category,
        }
        let row: Row = toml::from_str("c = \"worker-safety\"").unwrap();
        assert_eq!(row.c, Category::WorkerSafety);
    }

    #[test]
    fn themes_map_as_the_national_guardian_counts_them() {
        use NgoTheme as T;
        assert_eq!(
            Category::PatientSafety.ngo_theme(),
            Some(T::PatientSafetyQuality)
        );
        assert_eq!(
            Category::Staffing.ngo_theme(),
            Some(T::PatientSafetyQuality)
        );
        assert_eq!(
            Category::WorkerSafety.ngo_theme(),
            Some(T::WorkerSafetyWellbeing)
        );
        assert_eq!(
            Category::BullyingHarassment.ngo_theme(),
            Some(T::BullyingHarassment)
        );
        assert_eq!(
            Category::InappropriateBehaviour.ngo_theme(),
            Some(T::InappropriateBehaviour)
        );
        assert_eq!(Category::Other.ngo_theme(), None);
        // Every theme is reachable from some category.
        for t in NgoTheme::ALL {
            assert!(
                Category::ALL.iter().any(|c| c.ngo_theme() == Some(t)),
                "{t:?}"
            );
        }
    }

    #[test]
    fn financial_quarters_start_in_april() {
        assert_eq!(financial_quarter(date(2027, 2, 1)), (2026, 4));
        assert_eq!(financial_quarter(date(2026, 3, 31)), (2025, 4));
        assert_eq!(financial_quarter(date(2026, 4, 1)), (2026, 1));
        assert_eq!(financial_quarter(date(2026, 6, 30)), (2026, 1));
        assert_eq!(financial_quarter(date(2026, 7, 1)), (2026, 2));
        assert_eq!(financial_quarter(date(2026, 9, 30)), (2026, 2));
        assert_eq!(financial_quarter(date(2026, 10, 1)), (2026, 3));
        assert_eq!(financial_quarter(date(2026, 12, 31)), (2026, 3));
        assert_eq!(financial_quarter(date(2027, 1, 1)), (2026, 4));
    }

    #[test]
    fn quarter_labels_name_both_years() {
        assert_eq!(quarter_label(2026, 4), "2026/27 Q4");
        assert_eq!(quarter_label(2099, 1), "2099/00 Q1");
        assert_eq!(quarter_label(2009, 2), "2009/10 Q2");
    }

    #[test]
    fn quarter_bounds_are_end_exclusive_and_contain_their_dates() {
        assert_eq!(
            quarter_bounds(2026, 1),
            (date(2026, 4, 1), date(2026, 7, 1))
        );
        assert_eq!(
            quarter_bounds(2026, 2),
            (date(2026, 7, 1), date(2026, 10, 1))
        );
        assert_eq!(
            quarter_bounds(2026, 3),
            (date(2026, 10, 1), date(2027, 1, 1))
        );
        assert_eq!(
            quarter_bounds(2026, 4),
            (date(2027, 1, 1), date(2027, 4, 1))
        );
        // Every day of a financial year falls in the quarter financial_quarter says.
        let mut d = date(2026, 4, 1);
        while d < date(2027, 4, 1) {
            let (y, q) = financial_quarter(d);
            let (from, to) = quarter_bounds(y, q);
            assert!(from <= d && d < to, "{d} not in {y} Q{q}: {from}..{to}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn quarter_bounds_do_not_panic_on_odd_input() {
        assert_eq!(quarter_bounds(2026, 0), quarter_bounds(2026, 1));
        assert_eq!(quarter_bounds(2026, 9), quarter_bounds(2026, 4));
        let (a, b) = quarter_bounds(i32::MAX, 4);
        assert_eq!((a, b), (NaiveDate::MAX, NaiveDate::MAX));
    }
}
