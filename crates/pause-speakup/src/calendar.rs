//! Working days, local dates and deadlines in an organisation's time zone.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveTime, TimeZone, Weekday,
};

use crate::Span;

/// The bank holidays of England and Wales, 2024-2030, one `YYYY-MM-DD  name` a line.
pub const ENGLAND_AND_WALES_BANK_HOLIDAYS: &str =
    include_str!("../data/bank-holidays-england-and-wales.txt");

/// Unix seconds are clamped to this range (1900-01-01 to 9999-12-31 UTC) before they become
/// dates, so that a corrupt timestamp cannot make chrono panic.
const MIN_UNIX: i64 = -2_208_988_800;
const MAX_UNIX: i64 = 253_402_300_799;

/// A time zone and the days in it that are not working days besides weekends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    tz: chrono_tz::Tz,
    bank_holidays: BTreeSet<NaiveDate>,
}

/// The dates of a bank-holiday list in the format of [`ENGLAND_AND_WALES_BANK_HOLIDAYS`]:
/// each line not blank and not starting with `#` starts with a date. Lines whose first word is
/// not a date are skipped; the crate's tests check that the shipped file has none.
fn parse_holiday_list(text: &str) -> BTreeSet<NaiveDate> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect()
}

impl Calendar {
    /// A calendar in `tz` with these bank holidays.
    pub fn new(tz: chrono_tz::Tz, bank_holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            tz,
            bank_holidays: bank_holidays.into_iter().collect(),
        }
    }

    /// Europe/London with the bank holidays of England and Wales, 2024-2030.
    #[must_use]
    pub fn england_and_wales() -> Calendar {
        static HOLIDAYS: OnceLock<BTreeSet<NaiveDate>> = OnceLock::new();
        Calendar {
            tz: chrono_tz::Europe::London,
            bank_holidays: HOLIDAYS
                .get_or_init(|| parse_holiday_list(ENGLAND_AND_WALES_BANK_HOLIDAYS))
                .clone(),
        }
    }

    /// The bank holidays of England and Wales, 2024-2030 (what [`Calendar::england_and_wales`]
    /// uses).
    #[must_use]
    pub fn england_and_wales_bank_holidays() -> BTreeSet<NaiveDate> {
        Calendar::england_and_wales().bank_holidays
    }

    /// The time zone local dates are taken in.
    #[must_use]
    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.tz
    }

    /// The bank holidays, in date order.
    pub fn bank_holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.bank_holidays.iter().copied()
    }

    /// Neither a Saturday, a Sunday nor a bank holiday.
    #[must_use]
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.bank_holidays.contains(&d)
    }

    /// The local date at the instant `unix` (seconds since 1970-01-01T00:00:00Z).
    #[must_use]
    pub fn local_date(&self, unix: i64) -> NaiveDate {
        let unix = unix.clamp(MIN_UNIX, MAX_UNIX);
        DateTime::from_timestamp(unix, 0).map_or(NaiveDate::MIN, |utc| {
            utc.with_timezone(&self.tz).date_naive()
        })
    }

    /// The instant (Unix seconds) local day `d` starts: its midnight, or where midnight falls
    /// twice (clocks going back over it) the first of them, or where it does not exist (clocks
    /// going forward over it) the first valid minute after it.
    #[must_use]
    pub fn midnight(&self, d: NaiveDate) -> i64 {
        let midnight = d.and_time(NaiveTime::MIN);
        for minutes in 0..=(24 * 60) {
            let Some(local) = midnight.checked_add_signed(chrono::TimeDelta::minutes(minutes))
            else {
                break;
            };
            match self.tz.from_local_datetime(&local) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.timestamp(),
                LocalResult::None => {}
            }
        }
        // No valid local time in a whole day cannot happen in the tz database; fall back to
        // reading the date as UTC rather than panicking.
        midnight.and_utc().timestamp()
    }

    /// The instant (Unix seconds) at which something started at `start` becomes overdue when
    /// it must be done within `span`. The day of `start` never counts, so it makes no
    /// difference whether a concern is raised at 08:00 or 23:59:
    ///
    /// * `WorkingDays(n)`: count `n` working days after the day of `start`; overdue at the
    ///   local midnight ending the `n`-th. Raised on a Friday evening with 2 working days:
    ///   Monday and Tuesday count, overdue at 00:00 on Wednesday.
    /// * `Days(n)`: overdue at the local midnight ending the `n`-th calendar day after the day
    ///   of `start`.
    /// * `Months(n)`: the same local date `n` months later (the month's last day where it is
    ///   shorter), overdue at the local midnight ending it.
    ///
    /// Local midnight becomes an instant through the time zone, so a deadline across a change
    /// between GMT and BST is still midnight by the clock on the ward wall.
    #[must_use]
    pub fn overdue_at(&self, start: i64, span: Span) -> i64 {
        let day = self.local_date(start);
        let last_day = match span {
            Span::WorkingDays(n) => {
                let mut d = day;
                let mut counted = 0;
                while counted < n {
                    match d.succ_opt() {
                        Some(next) => d = next,
                        None => break,
                    }
                    if self.is_working_day(d) {
                        counted += 1;
                    }
                }
                d
            }
            Span::Days(n) => day
                .checked_add_days(Days::new(u64::from(n)))
                .unwrap_or(NaiveDate::MAX),
            Span::Months(n) => day
                .checked_add_months(Months::new(n))
                .unwrap_or(NaiveDate::MAX),
        };
        match last_day.succ_opt() {
            Some(next) => self.midnight(next),
            None => i64::MAX,
        }
    }

    /// The local midnight starting the local day of `unix`: how an anonymous raiser's times are
    /// stored, so that the exact minute cannot help identify them.
    #[must_use]
    pub fn start_of_day(&self, unix: i64) -> i64 {
        self.midnight(self.local_date(unix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Unix seconds of a London wall-clock time (unambiguous ones only).
    fn london(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        chrono_tz::Europe::London
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap()
            .timestamp()
    }

    fn utc(text: &str) -> i64 {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
            .timestamp()
    }

    fn easter(year: i32) -> NaiveDate {
        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        date(
            year,
            u32::try_from(month).unwrap(),
            u32::try_from(day).unwrap(),
        )
    }

    /// The usual rules for bank holidays in England and Wales.
    fn by_the_rules(year: i32) -> Vec<NaiveDate> {
        let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let next_weekday = |mut d: NaiveDate, taken: &[NaiveDate]| {
            while weekend(d) || taken.contains(&d) {
                d = d.succ_opt().unwrap();
            }
            d
        };
        let first_monday = |m: u32| {
            let mut d = date(year, m, 1);
            while d.weekday() != Weekday::Mon {
                d = d.succ_opt().unwrap();
            }
            d
        };
        let last_monday = |m: u32| {
            let mut d = date(year, m + 1, 1).pred_opt().unwrap();
            while d.weekday() != Weekday::Mon {
                d = d.pred_opt().unwrap();
            }
            d
        };
        let e = easter(year);
        let mut days = vec![
            next_weekday(date(year, 1, 1), &[]),
            e - Days::new(2),
            e + Days::new(1),
            first_monday(5),
            last_monday(5),
            last_monday(8),
        ];
        let christmas = next_weekday(date(year, 12, 25), &[]);
        days.push(christmas);
        days.push(next_weekday(date(year, 12, 26), &[christmas]));
        days
    }

    #[test]
    fn the_shipped_list_parses_every_line() {
        let lines = ENGLAND_AND_WALES_BANK_HOLIDAYS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .count();
        assert_eq!(lines, 56, "8 a year for 2024-2030");
        assert_eq!(Calendar::england_and_wales().bank_holidays().count(), lines);
    }

    #[test]
    fn the_shipped_list_follows_the_rules_every_year() {
        let cal = Calendar::england_and_wales();
        for year in 2024..=2030 {
            let shipped: Vec<_> = cal.bank_holidays().filter(|d| d.year() == year).collect();
            let mut want = by_the_rules(year);
            want.sort();
            assert_eq!(shipped, want, "{year}");
        }
    }

    #[test]
    fn the_shipped_list_has_the_known_dates() {
        let cal = Calendar::england_and_wales();
        for (y, m, d) in [
            (2026, 4, 3),
            (2026, 4, 6),
            (2027, 3, 26),
            (2027, 3, 29),
            (2028, 4, 14),
            (2028, 4, 17),
            (2029, 3, 30),
            (2029, 4, 2),
            (2030, 4, 19),
            (2030, 4, 22),
            // Substitute days from the gov.uk list.
            (2026, 12, 28),
            (2027, 12, 27),
            (2027, 12, 28),
            (2028, 1, 3),
            (2026, 8, 31),
        ] {
            assert!(!cal.is_working_day(date(y, m, d)), "{y}-{m}-{d}");
        }
        for (y, m, d) in [(2026, 12, 26), (2027, 12, 25), (2028, 1, 1)] {
            assert!(
                cal.bank_holidays().all(|h| h != date(y, m, d)),
                "{y}-{m}-{d}"
            );
        }
    }

    #[test]
    fn weekends_and_bank_holidays_are_not_working_days() {
        let cal = Calendar::england_and_wales();
        assert!(cal.is_working_day(date(2026, 3, 13))); // Friday
        assert!(!cal.is_working_day(date(2026, 3, 14))); // Saturday
        assert!(!cal.is_working_day(date(2026, 3, 15))); // Sunday
        assert!(!cal.is_working_day(date(2026, 4, 3))); // Good Friday
        let plain = Calendar::new(chrono_tz::Europe::London, []);
        assert!(plain.is_working_day(date(2026, 4, 3)));
    }

    #[test]
    fn local_dates_follow_the_time_zone() {
        let cal = Calendar::england_and_wales();
        // 23:30 UTC in summer is 00:30 BST the next day.
        assert_eq!(cal.local_date(utc("2026-06-30 23:30")), date(2026, 7, 1));
        // In winter London is UTC.
        assert_eq!(cal.local_date(utc("2026-12-31 23:30")), date(2026, 12, 31));
        // Absurd timestamps are clamped, not a panic.
        assert_eq!(cal.local_date(i64::MIN), date(1900, 1, 1));
        assert_eq!(cal.local_date(i64::MAX).year(), 9999);
    }

    #[test]
    fn two_working_days_from_friday_evening_end_on_tuesday() {
        let cal = Calendar::england_and_wales();
        let friday = london(2026, 3, 13, 18, 30);
        assert_eq!(
            cal.overdue_at(friday, Span::WorkingDays(2)),
            london(2026, 3, 18, 0, 0)
        );
    }

    #[test]
    fn two_working_days_from_monday_morning_end_on_wednesday() {
        let cal = Calendar::england_and_wales();
        let monday = london(2026, 3, 9, 9, 0);
        assert_eq!(
            cal.overdue_at(monday, Span::WorkingDays(2)),
            london(2026, 3, 12, 0, 0)
        );
        // The time of day of the start makes no difference.
        assert_eq!(
            cal.overdue_at(london(2026, 3, 9, 0, 0), Span::WorkingDays(2)),
            cal.overdue_at(london(2026, 3, 9, 23, 59), Span::WorkingDays(2)),
        );
    }

    #[test]
    fn working_days_skip_bank_holidays() {
        let cal = Calendar::england_and_wales();
        // Raised Thursday 2 April 2026; Good Friday and Easter Monday do not count, so the two
        // working days are Tuesday 7 and Wednesday 8 April.
        let thursday = london(2026, 4, 2, 10, 0);
        assert_eq!(
            cal.overdue_at(thursday, Span::WorkingDays(2)),
            london(2026, 4, 9, 0, 0)
        );
        // Over Christmas 2027 (27 and 28 December are substitute days).
        let christmas_eve = london(2027, 12, 24, 12, 0);
        assert_eq!(
            cal.overdue_at(christmas_eve, Span::WorkingDays(1)),
            london(2027, 12, 30, 0, 0)
        );
    }

    #[test]
    fn twenty_working_days_are_four_weeks_without_holidays() {
        let cal = Calendar::new(chrono_tz::Europe::London, []);
        let monday = london(2026, 1, 12, 9, 0);
        assert_eq!(
            cal.overdue_at(monday, Span::WorkingDays(20)),
            london(2026, 2, 10, 0, 0)
        );
    }

    #[test]
    fn calendar_days_end_at_local_midnight() {
        let cal = Calendar::england_and_wales();
        let monday = london(2026, 3, 9, 15, 0);
        assert_eq!(
            cal.overdue_at(monday, Span::Days(7)),
            london(2026, 3, 17, 0, 0)
        );
        assert_eq!(
            cal.overdue_at(monday, Span::Days(1)),
            london(2026, 3, 11, 0, 0)
        );
    }

    #[test]
    fn deadlines_across_the_clocks_changing_are_local_midnight() {
        let cal = Calendar::england_and_wales();
        // Clocks go forward on Sunday 29 March 2026. Raised Friday 27 March in GMT; one week
        // later is Friday 3 April; overdue at 00:00 BST on Saturday 4 April = 23:00 UTC.
        let start = london(2026, 3, 27, 12, 0);
        assert_eq!(
            cal.overdue_at(start, Span::Days(7)),
            utc("2026-04-03 23:00")
        );
        // Clocks go back on Sunday 25 October 2026: the deadline is 00:00 GMT.
        let start = london(2026, 10, 20, 12, 0);
        assert_eq!(
            cal.overdue_at(start, Span::Days(7)),
            utc("2026-10-28 00:00")
        );
        // A start just after midnight BST is still that local day (23:10 UTC the day before).
        let start = utc("2026-07-06 23:10"); // 00:10 BST Tuesday 7 July
        assert_eq!(
            cal.overdue_at(start, Span::WorkingDays(1)),
            london(2026, 7, 9, 0, 0)
        );
    }

    #[test]
    fn months_keep_the_date_and_clamp_to_the_month_end() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.overdue_at(london(2026, 1, 15, 9, 0), Span::Months(3)),
            london(2026, 4, 16, 0, 0)
        );
        // 31 January + 1 month = 28 February 2026.
        assert_eq!(
            cal.overdue_at(london(2026, 1, 31, 9, 0), Span::Months(1)),
            london(2026, 3, 1, 0, 0)
        );
        // 12 months from a leap day.
        assert_eq!(
            cal.overdue_at(london(2028, 2, 29, 9, 0), Span::Months(12)),
            london(2029, 3, 1, 0, 0)
        );
    }

    #[test]
    fn midnight_that_does_not_exist_becomes_the_first_valid_minute() {
        // Cuba moved its clocks forward at midnight: on 2026-03-08 local time jumps from
        // 00:00 to 01:00, so the day starts at 01:00 CDT = 05:00 UTC.
        let cal = Calendar::new(chrono_tz::America::Havana, []);
        assert_eq!(cal.midnight(date(2026, 3, 8)), utc("2026-03-08 05:00"));
        // And where midnight happens twice (clocks back from 01:00 to 00:00), the first one:
        // Havana on 2026-11-01 goes from 01:00 CDT back to 00:00 CST.
        assert_eq!(cal.midnight(date(2026, 11, 1)), utc("2026-11-01 04:00"));
    }

    #[test]
    fn start_of_day_forgets_the_time() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            cal.start_of_day(london(2026, 7, 7, 16, 45)),
            london(2026, 7, 7, 0, 0)
        );
        assert_eq!(
            cal.start_of_day(utc("2026-07-06 23:10")),
            utc("2026-07-06 23:00")
        );
        let t = london(2026, 1, 2, 0, 0);
        assert_eq!(cal.start_of_day(t), t);
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let cal = Calendar::england_and_wales();
        for start in [i64::MIN, -1, 0, i64::MAX] {
            for span in [
                Span::WorkingDays(1000),
                Span::Days(1000),
                Span::Months(1000),
                Span::Months(u32::MAX),
            ] {
                let due = cal.overdue_at(start, span);
                assert!(due > cal.start_of_day(start), "{start} {span:?}");
            }
        }
    }
}
