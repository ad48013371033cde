//! Reporting periods: parsing period IDs and computing their data windows and due dates.
//!
//! Windows follow Decree 09/2019/NĐ-CP as applied by provinces: with the default cut-off day
//! 15, a year runs from 15/12 of the previous year to 14/12, a half-year 15/12–14/6 and
//! 15/6–14/12, a quarter from the 15th of the month before it to the 14th of its last month,
//! a month from the 15th of the previous month to the 14th. The due date is the window's last
//! day plus the plan's `due_offset_days` for that kind of period. Ad hoc periods carry their
//! own dates in the plan.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// The kinds of reporting period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Year,
    HalfYear,
    Quarter,
    Month,
    AdHoc,
}

/// The plan's rules for one kind of periodic report.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodRule {
    pub enabled: bool,
    pub due_offset_days: u32,
    /// Agency or group codes expected to report; `None` means every agency that leads a task.
    pub reporters: Option<Vec<String>>,
}

/// An ad hoc period named in the plan.
#[derive(Clone, Debug, Serialize)]
pub struct AdHocPeriod {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
    pub reporters: Option<Vec<String>>,
}

/// All period rules of a plan.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodRules {
    pub cutoff_day: u32,
    pub year: PeriodRule,
    pub half_year: PeriodRule,
    pub quarter: PeriodRule,
    pub month: PeriodRule,
    pub ad_hoc: Vec<AdHocPeriod>,
}

/// One concrete reporting period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub id: String,
    pub kind: PeriodKind,
    /// First day of the data window (thời gian chốt số liệu).
    pub start: NaiveDate,
    /// Last day of the data window.
    pub end: NaiveDate,
    /// Date the agencies' reports are due.
    pub due: NaiveDate,
    /// Human name, e.g. `năm 2025`.
    pub name: String,
    #[serde(skip)]
    pub reporters: Option<Vec<String>>,
}

/// Why a period ID was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// Not a period ID the plan defines.
    Unknown,
    /// A well-formed ID of a kind the plan switches off (`periods.quarter.enabled: false`).
    Disabled(PeriodKind),
}

impl PeriodRules {
    fn rule(&self, kind: PeriodKind) -> Option<&PeriodRule> {
        match kind {
            PeriodKind::Year => Some(&self.year),
            PeriodKind::HalfYear => Some(&self.half_year),
            PeriodKind::Quarter => Some(&self.quarter),
            PeriodKind::Month => Some(&self.month),
            PeriodKind::AdHoc => None,
        }
    }

    /// Resolves a period ID (`2025`, `2025-H1`, `2025-Q3`, `2025-07`, or an ad hoc ID).
    pub fn resolve(&self, id: &str) -> Result<Period, PeriodError> {
        let id = id.trim();
        if let Some(p) = self.ad_hoc.iter().find(|p| p.id.eq_ignore_ascii_case(id)) {
            return Ok(Period {
                id: p.id.clone(),
                kind: PeriodKind::AdHoc,
                start: p.start,
                end: p.end,
                due: p.due,
                name: p.name.clone(),
                reporters: p.reporters.clone(),
            });
        }
        let (kind, start, end, name) =
            parse_periodic(id, self.cutoff_day).ok_or(PeriodError::Unknown)?;
        let rule = self.rule(kind).ok_or(PeriodError::Unknown)?;
        if !rule.enabled {
            return Err(PeriodError::Disabled(kind));
        }
        let due = end
            .checked_add_days(Days::new(u64::from(rule.due_offset_days)))
            .ok_or(PeriodError::Unknown)?;
        Ok(Period {
            id: id.to_ascii_uppercase(),
            kind,
            start,
            end,
            due,
            name,
            reporters: rule.reporters.clone(),
        })
    }

    /// An example ID of each kind the plan enables, for the year `year`, plus its ad hoc IDs:
    /// `2025`, `2025-H1`, `2025-Q3`, `2025-07`, `DX-2025-01`.
    pub fn example_ids(&self, year: i32) -> Vec<String> {
        let mut ids: Vec<String> = self
            .enabled_kinds()
            .into_iter()
            .map(|k| match k {
                PeriodKind::Year => format!("{year}"),
                PeriodKind::HalfYear => format!("{year}-H1"),
                PeriodKind::Quarter => format!("{year}-Q3"),
                PeriodKind::Month => format!("{year}-07"),
                PeriodKind::AdHoc => String::new(),
            })
            .collect();
        ids.extend(self.ad_hoc.iter().map(|a| a.id.clone()));
        ids
    }

    /// The periodic kinds the plan enables.
    pub fn enabled_kinds(&self) -> Vec<PeriodKind> {
        [
            PeriodKind::Year,
            PeriodKind::HalfYear,
            PeriodKind::Quarter,
            PeriodKind::Month,
        ]
        .into_iter()
        .filter(|k| self.rule(*k).is_some_and(|r| r.enabled))
        .collect()
    }
}

/// Day `cutoff` of the month before (year, month), i.e. the first day of that month's window.
fn window_start(year: i32, month: u32, cutoff: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    };
    NaiveDate::from_ymd_opt(y, m, cutoff)
}

/// The last day of the window ending in (year, month): the day before `cutoff`.
fn window_end(year: i32, month: u32, cutoff: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, cutoff)?.pred_opt()
}

fn parse_periodic(id: &str, cutoff: u32) -> Option<(PeriodKind, NaiveDate, NaiveDate, String)> {
    let upper = id.to_ascii_uppercase();
    let (year_s, rest) = match upper.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (upper.as_str(), None),
    };
    if year_s.len() != 4 || !year_s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_s.parse().ok()?;
    if !(1900..=9998).contains(&year) {
        return None;
    }
    let span = |first_month: u32, last_month: u32| -> Option<(NaiveDate, NaiveDate)> {
        Some((
            window_start(year, first_month, cutoff)?,
            window_end(year, last_month, cutoff)?,
        ))
    };
    match rest {
        None => {
            let (s, e) = span(1, 12)?;
            Some((PeriodKind::Year, s, e, format!("năm {year}")))
        }
        Some("H1") => {
            let (s, e) = span(1, 6)?;
            Some((
                PeriodKind::HalfYear,
                s,
                e,
                format!("6 tháng đầu năm {year}"),
            ))
        }
        Some("H2") => {
            let (s, e) = span(7, 12)?;
            Some((
                PeriodKind::HalfYear,
                s,
                e,
                format!("6 tháng cuối năm {year}"),
            ))
        }
        Some(q) if q.len() == 2 && q.starts_with('Q') => {
            let n: u32 = q[1..].parse().ok()?;
            if !(1..=4).contains(&n) {
                return None;
            }
            let (s, e) = span(3 * n - 2, 3 * n)?;
            Some((
                PeriodKind::Quarter,
                s,
                e,
                format!("quý {} năm {year}", roman(n)),
            ))
        }
        Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u32 = m.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            let (s, e) = span(n, n)?;
            Some((PeriodKind::Month, s, e, format!("tháng {n:02} năm {year}")))
        }
        _ => None,
    }
}

fn roman(n: u32) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// `dd/mm/yyyy`, the date format every Vietnamese user reads.
pub fn fmt_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> PeriodRules {
        let on = |d| PeriodRule {
            enabled: true,
            due_offset_days: d,
            reporters: None,
        };
        PeriodRules {
            cutoff_day: 15,
            year: on(5),
            half_year: on(5),
            quarter: on(5),
            month: on(3),
            ad_hoc: vec![],
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn decree_09_windows() {
        let r = rules();
        let y = r.resolve("2025").unwrap();
        assert_eq!(
            (y.start, y.end, y.due),
            (d(2024, 12, 15), d(2025, 12, 14), d(2025, 12, 19))
        );
        let h1 = r.resolve("2025-h1").unwrap();
        assert_eq!((h1.start, h1.end), (d(2024, 12, 15), d(2025, 6, 14)));
        let h2 = r.resolve("2025-H2").unwrap();
        assert_eq!((h2.start, h2.end), (d(2025, 6, 15), d(2025, 12, 14)));
        let q1 = r.resolve("2025-Q1").unwrap();
        assert_eq!((q1.start, q1.end), (d(2024, 12, 15), d(2025, 3, 14)));
        let q3 = r.resolve("2025-Q3").unwrap();
        assert_eq!((q3.start, q3.end), (d(2025, 6, 15), d(2025, 9, 14)));
        let m = r.resolve("2025-07").unwrap();
        assert_eq!(
            (m.start, m.end, m.due),
            (d(2025, 6, 15), d(2025, 7, 14), d(2025, 7, 17))
        );
        let jan = r.resolve("2025-01").unwrap();
        assert_eq!(jan.start, d(2024, 12, 15));
    }

    #[test]
    fn rejects_nonsense_and_disabled() {
        let mut r = rules();
        for bad in [
            "25", "2025-Q5", "2025-13", "2025-H3", "abc", "2025-", "99999",
        ] {
            assert_eq!(r.resolve(bad), Err(PeriodError::Unknown), "{bad}");
        }
        r.quarter.enabled = false;
        assert_eq!(
            r.resolve("2025-Q3"),
            Err(PeriodError::Disabled(PeriodKind::Quarter))
        );
    }
}
