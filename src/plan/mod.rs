//! The plan as code: the model every command asks "what did the plan ask of this agency, by
//! when, and what must it report?".
//!
//! `load` reads the YAML files (from a folder, or the copy embedded in the binary), checks
//! them (`plan check` prints the same findings) and builds a [`Plan`] with group membership
//! expanded and lookups indexed, so the rest of baocao never re-parses or re-walks YAML.

pub mod amend;
pub mod consistency;
pub mod import;
mod load;
pub mod period;
mod raw;
mod raw_amend;
pub mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use load::{PlanSource, load, load_or_fail};
pub use period::{Period, PeriodError, PeriodKind, PeriodRules, fmt_date};
pub use timeline::{Succession, TaskOrigin};

/// A task id's place in plan order (`III.4.10` after `III.4.9`); `None` when malformed.
pub fn task_order(id: &str) -> Option<(u32, u32)> {
    load::outline_id(id)
}

/// What kind of body an agency is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Party,
    Department,
    Police,
    ArmedForces,
    District,
    /// A commune-level People's Committee (xã, phường, đặc khu), from 1/7/2025.
    Commune,
    Front,
    MassOrg,
    Association,
    Press,
    CentralPress,
    Other,
}

impl AgencyKind {
    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::Party => "Cơ quan Đảng",
            AgencyKind::Department => "Sở, ban, ngành",
            AgencyKind::Police => "Công an",
            AgencyKind::ArmedForces => "Lực lượng vũ trang",
            AgencyKind::District => "UBND cấp huyện",
            AgencyKind::Commune => "UBND cấp xã",
            AgencyKind::Front => "Mặt trận Tổ quốc",
            AgencyKind::MassOrg => "Đoàn thể chính trị - xã hội",
            AgencyKind::Association => "Hội, tổ chức",
            AgencyKind::Press => "Cơ quan báo chí của tỉnh",
            AgencyKind::CentralPress => "Cơ quan báo chí Trung ương",
            AgencyKind::Other => "Khác",
        }
    }
}

/// Whether the plan assigns tasks to an agency (`giao`) or only requests them (`đề nghị`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    #[default]
    Giao,
    DeNghi,
}

/// The value type of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorType {
    /// A whole number ≥ 0.
    Integer,
    /// A decimal number ≥ 0.
    Decimal,
    /// A percentage, 0–100.
    Percent,
    /// Có / Không.
    Boolean,
}

/// How often a task is reported on, whatever kinds of period the plan enables: the span of
/// time a report's dates for it may fall in, and when an every-period duty falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Each reporting period: done within the period's data window, due at its end.
    EachPeriod,
    /// Once a year: done within the year's data window (15/12 to 14/12), due at the year's
    /// end even in quarterly or monthly reports.
    Yearly,
    /// Once, until done: a done date in an earlier period is no mistake.
    Once,
}

impl Frequency {
    /// The frequency a task has unless its file says: once for a fixed date, else every
    /// period.
    pub fn default_for(deadline: Deadline) -> Frequency {
        match deadline {
            Deadline::Date(_) => Frequency::Once,
            Deadline::Ongoing | Deadline::EachPeriod => Frequency::EachPeriod,
        }
    }

    /// Parses a `frequency:` value: the English key or its Vietnamese name.
    pub fn parse(s: &str) -> Option<Frequency> {
        match s.trim() {
            "each_period" | "hang_ky" | "hằng kỳ" => Some(Frequency::EachPeriod),
            "yearly" | "hang_nam" | "hằng năm" => Some(Frequency::Yearly),
            "once" | "mot_lan" | "một lần" => Some(Frequency::Once),
            _ => None,
        }
    }
}

/// When a task is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deadline {
    /// Thường xuyên: a continuing duty, reported every period, never overdue.
    Ongoing,
    /// Once per reporting period: due by the end of the period's data window.
    EachPeriod,
    /// A fixed date.
    Date(NaiveDate),
}

impl Deadline {
    /// The date by which the task must be done in `period`, if any.
    pub fn due_in(self, period: &Period) -> Option<NaiveDate> {
        match self {
            Deadline::Ongoing => None,
            Deadline::EachPeriod => Some(period.end),
            Deadline::Date(d) => Some(d),
        }
    }

    /// As written in templates and reports: `dd/mm/yyyy`, `Thường xuyên`, or `Hằng kỳ báo cáo`.
    pub fn display(self, lang: crate::i18n::Lang) -> String {
        match self {
            Deadline::Ongoing => lang.deadline_ongoing(),
            Deadline::EachPeriod => lang.deadline_each_period(),
            Deadline::Date(d) => fmt_date(d),
        }
    }

    /// The machine form used in JSON: `ongoing`, `each_period`, or `YYYY-MM-DD`.
    pub fn as_json(self) -> String {
        match self {
            Deadline::Ongoing => "ongoing".into(),
            Deadline::EachPeriod => "each_period".into(),
            Deadline::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct DocRef {
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
    pub title: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Recipient {
    pub name: String,
    pub as_written: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanMeta {
    pub id: String,
    pub version: String,
    pub title: String,
    pub short_title: String,
    pub issuer: String,
    pub issuer_parent: String,
    pub place: String,
    pub implements: Vec<DocRef>,
    /// Agency code of the consolidating agency.
    pub consolidator: String,
    pub recipient: Recipient,
    pub reporting_duty: Option<String>,
    /// SHA-256 (hex) of the plan files; templates record it so a changed plan is noticed.
    pub fingerprint: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Theme {
    pub id: String,
    pub section: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Agency {
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: AgencyKind,
    pub assignment: Assignment,
    pub note: Option<String>,
    /// The plan file that defines it.
    pub file: String,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub code: String,
    pub name: String,
    /// Member codes as written (agencies or groups).
    pub members: Vec<String>,
    /// Every agency in the group, nested groups expanded, in plan order.
    pub agencies: Vec<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub kind: IndicatorType,
    pub description: Option<String>,
    /// Codes as written (agencies or groups).
    pub assigned: Vec<String>,
    /// Every agency that reports it, groups expanded, in plan order.
    pub agencies: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Task {
    pub id: String,
    /// Item and bullet numbers of `III.<item>.<bullet>`.
    pub item: u32,
    pub bullet: u32,
    pub text: String,
    /// The agency or group that leads it, as written (the file it lives in).
    pub lead: String,
    /// Every agency that leads it, groups expanded, in plan order.
    pub agencies: Vec<String>,
    /// Co-operating agencies or groups, as written.
    pub cooperating: Vec<String>,
    pub themes: Vec<String>,
    pub deadline: Deadline,
    pub frequency: Frequency,
    pub indicators: Vec<String>,
    /// Where the task came from when an amendment moved it to its lead (a successor carries
    /// its predecessor's tasks); `None` for a task held as the signed plan assigns it.
    pub origin: Option<TaskOrigin>,
}

/// A checked plan, with lookups indexed.
#[derive(Clone, Debug)]
pub struct Plan {
    pub meta: PlanMeta,
    pub periods: PeriodRules,
    pub themes: Vec<Theme>,
    pub indicators: Vec<Indicator>,
    /// In report order: by kind, then as the plan lists them.
    pub agencies: Vec<Agency>,
    pub groups: Vec<Group>,
    /// Sorted by item, then bullet.
    pub tasks: Vec<Task>,
    agency_index: HashMap<String, usize>,
    task_index: HashMap<String, usize>,
    indicator_index: HashMap<String, usize>,
    tasks_by_agency: HashMap<String, Vec<usize>>,
    indicators_by_agency: HashMap<String, Vec<usize>>,
    /// Every amendment of the plan, in force or not, by effective date (shared by snapshots).
    pub amendments: Arc<Vec<amend::Amendment>>,
    /// The day this organisation is in force (the last day of a period's data window);
    /// `None` for the plan as signed.
    pub as_of: Option<NaiveDate>,
    /// IDs of the amendments applied (those in force on `as_of`), in order.
    pub applied: Vec<String>,
    /// Agencies no longer in force, as last known, with what became of them.
    pub successions: HashMap<String, Succession>,
    /// Names an agency in force had before a `rename`, oldest first.
    pub former_names: HashMap<String, Vec<String>>,
    /// When a value's move between periods is worth a warning (`consistency:`).
    pub consistency: consistency::Consistency,
}

impl Plan {
    fn index(mut self) -> Plan {
        self.agency_index = self
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        self.task_index = self
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        self.indicator_index = self
            .indicators
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let mut tba: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in self.tasks.iter().enumerate() {
            for a in &t.agencies {
                tba.entry(a.clone()).or_default().push(i);
            }
        }
        let mut iba: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            for a in &ind.agencies {
                iba.entry(a.clone()).or_default().push(i);
            }
        }
        self.tasks_by_agency = tba;
        self.indicators_by_agency = iba;
        self
    }

    pub fn agency(&self, code: &str) -> Option<&Agency> {
        self.agency_index.get(code).map(|&i| &self.agencies[i])
    }

    /// Looks an agency up by code ignoring case and surrounding spaces.
    pub fn find_agency(&self, code: &str) -> Option<&Agency> {
        let c = code.trim().to_ascii_uppercase();
        self.agency(&c)
    }

    pub fn task(&self, id: &str) -> Option<&Task> {
        self.task_index.get(id).map(|&i| &self.tasks[i])
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_index.get(id).map(|&i| &self.indicators[i])
    }

    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The tasks an agency leads, directly or through a group, in plan order.
    pub fn tasks_for(&self, code: &str) -> Vec<&Task> {
        self.tasks_by_agency
            .get(code)
            .map(|v| v.iter().map(|&i| &self.tasks[i]).collect())
            .unwrap_or_default()
    }

    /// The indicators an agency reports, in plan order.
    pub fn indicators_for(&self, code: &str) -> Vec<&Indicator> {
        self.indicators_by_agency
            .get(code)
            .map(|v| v.iter().map(|&i| &self.indicators[i]).collect())
            .unwrap_or_default()
    }

    /// Expands agency and group codes into agency codes, de-duplicated, in plan order.
    pub fn expand(&self, codes: &[String]) -> Vec<String> {
        let mut set = std::collections::HashSet::new();
        for c in codes {
            if let Some(g) = self.group(c) {
                set.extend(g.agencies.iter().cloned());
            } else if self.agency(c).is_some() {
                set.insert(c.clone());
            }
        }
        self.agencies
            .iter()
            .filter(|a| set.contains(&a.code))
            .map(|a| a.code.clone())
            .collect()
    }

    /// Resolves a period ID the plan defines.
    pub fn period(&self, id: &str) -> Result<Period, PeriodError> {
        self.periods.resolve(id)
    }

    /// The agencies expected to report for `period`, in report order.
    pub fn reporters(&self, period: &Period) -> Vec<&Agency> {
        match &period.reporters {
            Some(codes) => self
                .expand(codes)
                .iter()
                .filter_map(|c| self.agency(c))
                .collect(),
            None => self
                .agencies
                .iter()
                .filter(|a| !self.tasks_for(&a.code).is_empty())
                .collect(),
        }
    }

    /// Names the agency had before amendments renamed it, oldest first.
    pub fn former_names(&self, code: &str) -> &[String] {
        self.former_names.get(code).map_or(&[], Vec::as_slice)
    }

    /// The annual data window (15/12 of the year before to 14/12, with the plan's cut-off day)
    /// that holds `day`.
    pub fn year_window_of(&self, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let cutoff = self.periods.cutoff_day;
        let end_of = |y: i32| NaiveDate::from_ymd_opt(y, 12, cutoff)?.pred_opt();
        let year = if day <= end_of(day.year())? {
            day.year()
        } else {
            day.year() + 1
        };
        Some((
            NaiveDate::from_ymd_opt(year - 1, 12, cutoff)?,
            end_of(year)?,
        ))
    }

    /// When `task` falls due in `period`: a fixed date keeps its date; an every-period duty is
    /// due at the end of the period's data window, or of the year's for a yearly task (so a
    /// quarterly report does not call a yearly duty overdue); an ongoing duty never.
    pub fn task_due(&self, task: &Task, period: &Period) -> Option<NaiveDate> {
        match (task.deadline, task.frequency) {
            (Deadline::EachPeriod, Frequency::Yearly) => {
                self.year_window_of(period.end).map(|(_, end)| end)
            }
            (d, _) => d.due_in(period),
        }
    }

    /// The first day a report for `period` may date work on `task` without a finding: the
    /// period's window start; the year's for a yearly task; none for a once-only task (done in
    /// an earlier period is no mistake).
    pub fn task_window_start(&self, task: &Task, period: &Period) -> Option<NaiveDate> {
        match task.frequency {
            Frequency::EachPeriod => Some(period.start),
            Frequency::Yearly => self
                .year_window_of(period.end)
                .map(|(start, _)| start.min(period.start)),
            Frequency::Once => None,
        }
    }

    /// The consolidating agency.
    pub fn consolidator(&self) -> Option<&Agency> {
        self.agency(&self.meta.consolidator)
    }
}
