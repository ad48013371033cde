//! Periods over time: consolidations of several periods aligned line by line, for
//! `consolidate --previous` (the latest period against the ones before) and `baocao summary`
//! (any number of periods).
//!
//! The input is the [`Data`] each consolidation stored in its workbook (read back by
//! `ingest::read_consolidated`, which refuses another plan or an unknown format version);
//! this module does no I/O. [`History::new`] orders the periods (oldest first), refuses two
//! consolidations of the same period, and aligns them with the organisation in force for the
//! latest period:
//! - **agencies** through successions: an earlier agency no longer in force stands on the line
//!   of each body that took its place (`Plan::successors`, chains resolved), so SKHDT in 2024
//!   and STC in 2026 are one line, named by the later code with the earlier codes listed
//!   ([`AgencyLine::earlier`]). A body dissolved with no agency named keeps a line of its own,
//!   empty in the later periods. A body split in two stands on both successors' lines.
//! - **tasks** and **indicators** by id; a value of an indicator that an amendment
//!   (`indicator_reassign`) moved to another agency after a period is found for the new
//!   agency's line in that period ([`History::values`]).
//!
//! Every index a line holds points into [`History::periods`]: `members[p]` are indexes into
//! `periods[p].data.agencies`.

pub mod compare;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::data_sheet::{AgencyData, Data, TaskRowData, ValueData};
use crate::plan::Plan;
use crate::plan::amend::Change;

/// One period: a consolidation and the workbook it was read from (as the user named it, or
/// empty for the consolidation being made).
#[derive(Clone, Debug)]
pub struct Period {
    pub source: String,
    pub data: Data,
}

/// One agency followed through the periods.
#[derive(Clone, Debug, PartialEq)]
pub struct AgencyLine {
    /// The code in force for the latest period (or the last code known, for a body that left
    /// with no agency named to take its place).
    pub code: String,
    pub name: String,
    /// The other codes this line stood for in earlier periods (predecessors), in the order
    /// first met, oldest period first.
    pub earlier: Vec<String>,
    /// Per period, the agencies on this line: indexes into that period's `agencies`
    /// (several when bodies merged; none when the line was not expected then).
    pub members: Vec<Vec<usize>>,
}

/// One task followed through the periods.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskLine {
    pub id: String,
    /// The text of the latest period that has the task.
    pub text: String,
    /// Per period, the index into that period's `tasks`, when the plan had the task then.
    pub at: Vec<Option<usize>>,
}

/// One indicator followed through the periods.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorLine {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub percent: bool,
    /// Per period, the index into that period's `indicators`.
    pub at: Vec<Option<usize>>,
}

/// An indicator moved from one line to another by an amendment effective on `effective`.
#[derive(Clone, Debug)]
struct Move {
    indicator: Option<String>,
    from: String,
    to: String,
    effective: NaiveDate,
}

/// Why periods cannot be put side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// Two consolidations of one period: the sources of both and the period id.
    SamePeriod {
        period: String,
        first: String,
        second: String,
    },
    /// No period at all.
    Empty,
}

/// Consolidations of several periods, aligned.
#[derive(Clone, Debug)]
pub struct History {
    /// Oldest first; the last is the latest.
    pub periods: Vec<Period>,
    /// In the latest period's order, then the lines that ended, in the order first met.
    pub agencies: Vec<AgencyLine>,
    /// In the latest plan's order, then tasks retired earlier (oldest first).
    pub tasks: Vec<TaskLine>,
    pub indicators: Vec<IndicatorLine>,
    moves: Vec<Move>,
}

impl History {
    /// Orders and aligns `periods` with `plan` (the plan as loaded, signed or a period's
    /// snapshot: the organisation used is the one in force for the latest period).
    ///
    /// # Errors
    /// [`HistoryError::SamePeriod`] for two consolidations of one period,
    /// [`HistoryError::Empty`] for none.
    pub fn new(plan: &Plan, mut periods: Vec<Period>) -> Result<History, HistoryError> {
        periods.sort_by(|a, b| {
            let key = |p: &Period| (p.data.period.start, p.data.period.end);
            key(a).cmp(&key(b))
        });
        for w in periods.windows(2) {
            if w[0].data.period.id == w[1].data.period.id {
                return Err(HistoryError::SamePeriod {
                    period: w[0].data.period.id.clone(),
                    first: w[0].source.clone(),
                    second: w[1].source.clone(),
                });
            }
        }
        let latest = periods.last().ok_or(HistoryError::Empty)?;
        let now = plan.at(latest.data.period.end);
        let agencies = align_agencies(&now, &periods);
        let tasks = align_tasks(&periods);
        let indicators = align_indicators(&periods);
        let lines: HashMap<&str, usize> = agencies
            .iter()
            .enumerate()
            .map(|(i, l)| (l.code.as_str(), i))
            .collect();
        let first_end = periods[0].data.period.end;
        let moves = now
            .amendments
            .iter()
            .filter(|a| a.effective > first_end && a.effective <= latest.data.period.end)
            .flat_map(|a| a.changes.iter().map(move |c| (a.effective, c)))
            .filter_map(|(effective, c)| match c {
                Change::IndicatorReassign {
                    indicator,
                    from,
                    to,
                } => Some(Move {
                    indicator: indicator.clone(),
                    from: line_codes(&now, from).into_iter().next()?,
                    to: line_codes(&now, to).into_iter().next()?,
                    effective,
                }),
                _ => None,
            })
            .filter(|m| lines.contains_key(m.from.as_str()) && lines.contains_key(m.to.as_str()))
            .collect();
        Ok(History {
            periods,
            agencies,
            tasks,
            indicators,
            moves,
        })
    }

    /// The index of the latest period.
    pub fn latest(&self) -> usize {
        self.periods.len() - 1
    }

    /// The line of the agency `code` in force for the latest period.
    pub fn line(&self, code: &str) -> Option<usize> {
        self.agencies.iter().position(|l| l.code == code)
    }

    /// The line of period `p`'s agency at index `i` (the first, for a split body).
    pub fn line_of(&self, p: usize, i: usize) -> Option<usize> {
        self.agencies.iter().position(|l| l.members[p].contains(&i))
    }

    /// The agencies of line `line` in period `p`.
    pub fn members(&self, line: usize, p: usize) -> Vec<&AgencyData> {
        let data = &self.periods[p].data;
        self.agencies[line].members[p]
            .iter()
            .filter_map(|&i| data.agencies.get(i))
            .collect()
    }

    /// The rows of task `task` that line `line`'s agencies reported in period `p`.
    pub fn task_rows(&self, line: usize, task: &str, p: usize) -> Vec<(&AgencyData, &TaskRowData)> {
        self.members(line, p)
            .into_iter()
            .flat_map(|a| {
                a.task_rows
                    .iter()
                    .filter(move |r| r.task == task)
                    .map(move |r| (a, r))
            })
            .collect()
    }

    /// The values of indicator `indicator` that line `line` reported in period `p`: its own
    /// agencies' values, or, when they reported none and an amendment after `p` moved the
    /// indicator to this line, the values of the line it came from.
    pub fn values(&self, line: usize, indicator: &str, p: usize) -> Vec<(&AgencyData, &ValueData)> {
        let own = self.own_values(line, indicator, p);
        if !own.is_empty() {
            return own;
        }
        let code = &self.agencies[line].code;
        let end = self.periods[p].data.period.end;
        self.moves
            .iter()
            .filter(|m| &m.to == code && m.effective > end)
            .filter(|m| m.indicator.as_deref().is_none_or(|i| i == indicator))
            .filter_map(|m| self.line(&m.from))
            .flat_map(|from| self.own_values(from, indicator, p))
            .collect()
    }

    fn own_values(&self, line: usize, indicator: &str, p: usize) -> Vec<(&AgencyData, &ValueData)> {
        self.members(line, p)
            .into_iter()
            .flat_map(|a| {
                a.values
                    .iter()
                    .filter(move |v| v.indicator == indicator)
                    .map(move |v| (a, v))
            })
            .collect()
    }

    /// Line `line`'s figure for `indicator` in period `p`: the sum of its valid values (the
    /// mean for a percentage), absent when none is valid.
    pub fn value(&self, line: usize, indicator: &str, p: usize) -> Option<f64> {
        let vals: Vec<f64> = self
            .values(line, indicator, p)
            .iter()
            .filter_map(|(_, v)| v.value)
            .collect();
        if vals.is_empty() {
            return None;
        }
        let sum: f64 = vals.iter().sum();
        let percent = self
            .indicators
            .iter()
            .find(|i| i.id == indicator)
            .is_some_and(|i| i.percent);
        Some(if percent {
            sum / vals.len() as f64
        } else {
            sum
        })
    }
}

/// The codes of the lines an agency code of an earlier period stands on, in the organisation
/// `now`: itself when in force, else its successors (agencies), else itself (a body that left
/// with no agency named keeps its own line).
fn line_codes(now: &Plan, code: &str) -> Vec<String> {
    if now.agency(code).is_some() {
        return vec![code.to_string()];
    }
    match now.successors(code) {
        Some(s) if !s.agencies.is_empty() => s.agencies,
        _ => vec![code.to_string()],
    }
}

fn align_agencies(now: &Plan, periods: &[Period]) -> Vec<AgencyLine> {
    let n = periods.len();
    let mut lines: Vec<AgencyLine> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // The latest period first, so that its order is the lines' order.
    let order = std::iter::once(n - 1).chain(0..n - 1);
    for p in order {
        for (i, a) in periods[p].data.agencies.iter().enumerate() {
            for code in line_codes(now, &a.code) {
                let k = *index.entry(code.clone()).or_insert_with(|| {
                    lines.push(AgencyLine {
                        name: now
                            .agency(&code)
                            .map_or_else(|| a.name.clone(), |x| x.name.clone()),
                        code: code.clone(),
                        earlier: Vec::new(),
                        members: vec![Vec::new(); n],
                    });
                    lines.len() - 1
                });
                let line = &mut lines[k];
                line.members[p].push(i);
                if a.code != line.code && !line.earlier.contains(&a.code) {
                    line.earlier.push(a.code.clone());
                }
            }
        }
    }
    lines
}

fn align_tasks(periods: &[Period]) -> Vec<TaskLine> {
    let n = periods.len();
    let mut lines: Vec<TaskLine> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in std::iter::once(n - 1).chain(0..n - 1) {
        for (i, t) in periods[p].data.tasks.iter().enumerate() {
            let k = *index.entry(t.id.clone()).or_insert_with(|| {
                lines.push(TaskLine {
                    id: t.id.clone(),
                    text: t.text.clone(),
                    at: vec![None; n],
                });
                lines.len() - 1
            });
            lines[k].at[p] = Some(i);
        }
    }
    lines
}

fn align_indicators(periods: &[Period]) -> Vec<IndicatorLine> {
    let n = periods.len();
    let mut lines: Vec<IndicatorLine> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for p in std::iter::once(n - 1).chain(0..n - 1) {
        for (i, x) in periods[p].data.indicators.iter().enumerate() {
            let k = *index.entry(x.id.clone()).or_insert_with(|| {
                lines.push(IndicatorLine {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    unit: x.unit.clone(),
                    percent: x.percent,
                    at: vec![None; n],
                });
                lines.len() - 1
            });
            lines[k].at[p] = Some(i);
        }
    }
    lines
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::consolidate::{SubmitStatus, Totals};
    use crate::data_sheet::{Header, IndicatorInfo, PeriodInfo, PlanInfo, TaskInfo};
    use crate::i18n::Lang;
    use crate::plan::{PlanSource, load_or_fail};

    pub(crate) fn plan() -> Plan {
        load_or_fail(&PlanSource::embedded(), Lang::Vi).expect("the shipped plan")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// A consolidation of year `year` with the given agencies.
    pub(crate) fn data(year: i32, agencies: Vec<AgencyData>) -> Data {
        Data {
            plan: PlanInfo {
                id: "p".into(),
                version: "1".into(),
                fingerprint: "f".into(),
                title: "t".into(),
                short_title: "t".into(),
            },
            period: PeriodInfo {
                id: year.to_string(),
                name: format!("năm {year}"),
                start: day(year - 1, 12, 15),
                end: day(year, 12, 14),
                due: day(year, 12, 19),
            },
            as_of: day(year, 12, 20),
            header: Header {
                parent_body: String::new(),
                issuer: String::new(),
                issuer_code: String::new(),
                place: String::new(),
                recipient: String::new(),
                recipients: Vec::new(),
                signer_title: String::new(),
            },
            totals: Totals::default(),
            agencies,
            tasks: ["III.4.1", "III.1.1"]
                .iter()
                .map(|id| TaskInfo {
                    id: (*id).into(),
                    item: 1,
                    text: format!("task {id}"),
                    agencies: Vec::new(),
                    deadline: String::new(),
                    due: None,
                })
                .collect(),
            indicators: vec![IndicatorInfo {
                id: "CT01".into(),
                name: "Số tin bài".into(),
                unit: "tin".into(),
                kind: "Số lượng".into(),
                percent: false,
                agencies: Vec::new(),
                total: None,
                reported: 0,
                blank: 0,
                other: 0,
            }],
        }
    }

    /// An agency that reported on time, with one task row and one value.
    pub(crate) fn agency(
        code: &str,
        status: SubmitStatus,
        task: (&str, &str),
        value: Option<f64>,
    ) -> AgencyData {
        AgencyData {
            code: code.into(),
            name: format!("name {code}"),
            status,
            on_time: status == SubmitStatus::OnTime,
            received: None,
            received_source: None,
            file: Some(format!("{code}.xlsx")),
            task_sheet: Some("Báo cáo".into()),
            indicator_sheet: Some("Chỉ tiêu".into()),
            tasks: 1,
            done: 0,
            in_progress: 0,
            not_started: 0,
            overdue: 0,
            completion_rate: None,
            errors: 0,
            warnings: 0,
            days_late: None,
            preparer: None,
            phone: None,
            task_rows: vec![TaskRowData {
                task: task.0.into(),
                status: Some(task.1.into()),
                done_date: None,
                overdue: false,
                result: String::new(),
                difficulty: String::new(),
                note: String::new(),
                cell: "B12".into(),
            }],
            values: vec![ValueData {
                indicator: "CT01".into(),
                value,
                blank: value.is_none(),
                cell: "D8".into(),
            }],
        }
    }

    pub(crate) fn period(year: i32, agencies: Vec<AgencyData>) -> Period {
        Period {
            source: format!("tong-hop-{year}.xlsx"),
            data: data(year, agencies),
        }
    }

    #[test]
    fn periods_are_ordered_and_a_period_twice_is_refused() {
        let plan = plan();
        let h = History::new(
            &plan,
            vec![
                period(2026, vec![]),
                period(2024, vec![]),
                period(2025, vec![]),
            ],
        )
        .unwrap();
        let ids: Vec<&str> = h
            .periods
            .iter()
            .map(|p| p.data.period.id.as_str())
            .collect();
        assert_eq!(ids, ["2024", "2025", "2026"]);
        assert_eq!(h.latest(), 2);
        let err = History::new(&plan, vec![period(2025, vec![]), period(2025, vec![])]);
        assert_eq!(
            err.unwrap_err(),
            HistoryError::SamePeriod {
                period: "2025".into(),
                first: "tong-hop-2025.xlsx".into(),
                second: "tong-hop-2025.xlsx".into()
            }
        );
        assert_eq!(
            History::new(&plan, vec![]).unwrap_err(),
            HistoryError::Empty
        );
    }

    #[test]
    fn a_merged_body_and_its_successor_are_one_line_named_by_the_later_code() {
        use SubmitStatus::*;
        let plan = plan();
        let p2024 = period(
            2024,
            vec![
                agency("SKHDT", Late, ("III.4.1", "Đang thực hiện"), Some(5.0)),
                agency("STC", OnTime, ("III.1.1", "Đã hoàn thành"), Some(7.0)),
            ],
        );
        let p2026 = period(
            2026,
            vec![agency(
                "STC",
                OnTime,
                ("III.4.1", "Đã hoàn thành"),
                Some(20.0),
            )],
        );
        let h = History::new(&plan, vec![p2026, p2024]).unwrap();
        let stc = h.line("STC").unwrap();
        assert_eq!(h.line("SKHDT"), None, "SKHDT has no line of its own");
        assert_eq!(h.agencies[stc].earlier, ["SKHDT"]);
        assert_eq!(h.agencies[stc].members, vec![vec![0, 1], vec![0]]);
        let codes: Vec<&str> = h.members(stc, 0).iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["SKHDT", "STC"]);
        // The task SKHDT led in 2024 is STC's in 2026: one comparison.
        let then = h.task_rows(stc, "III.4.1", 0);
        assert_eq!(then.len(), 1);
        assert_eq!(then[0].0.code, "SKHDT");
        assert_eq!(
            h.task_rows(stc, "III.4.1", 1)[0].1.status.as_deref(),
            Some("Đã hoàn thành")
        );
        // Both bodies' values add up on the line.
        assert_eq!(h.value(stc, "CT01", 0), Some(12.0));
        assert_eq!(h.value(stc, "CT01", 1), Some(20.0));
        assert_eq!(h.line_of(0, 0), Some(stc));
    }

    #[test]
    fn a_chain_of_successions_resolves_to_the_body_in_force() {
        // STTTT merged into SKHCN (01/03/2025); SKHCN is in force in 2026.
        let plan = plan();
        let h = History::new(
            &plan,
            vec![
                period(
                    2024,
                    vec![agency(
                        "STTTT",
                        SubmitStatus::OnTime,
                        ("III.1.1", "Đã hoàn thành"),
                        None,
                    )],
                ),
                period(
                    2026,
                    vec![agency(
                        "SKHCN",
                        SubmitStatus::Missing,
                        ("III.1.1", "Đã hoàn thành"),
                        None,
                    )],
                ),
            ],
        )
        .unwrap();
        let l = h.line("SKHCN").unwrap();
        assert_eq!(h.agencies[l].earlier, ["STTTT"]);
        assert_eq!(h.agencies.len(), 1);
    }

    #[test]
    fn a_dissolved_district_keeps_its_own_line_and_a_new_body_starts_empty() {
        let plan = plan();
        let h = History::new(
            &plan,
            vec![
                period(
                    2024,
                    vec![agency(
                        "H_BMT",
                        SubmitStatus::OnTime,
                        ("III.1.1", "Đã hoàn thành"),
                        None,
                    )],
                ),
                period(
                    2026,
                    vec![agency(
                        "P_BUON_MA_THUOT",
                        SubmitStatus::OnTime,
                        ("III.1.1", "Đã hoàn thành"),
                        None,
                    )],
                ),
            ],
        )
        .unwrap();
        let codes: Vec<&str> = h.agencies.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(
            codes,
            ["P_BUON_MA_THUOT", "H_BMT"],
            "latest order, then lines that ended"
        );
        assert_eq!(h.agencies[0].members, vec![vec![], vec![0]]);
        assert_eq!(h.agencies[1].members, vec![vec![0], vec![]]);
    }

    #[test]
    fn an_indicator_moved_by_an_amendment_is_followed_to_its_new_agency() {
        // 2025-07-01: indicators of SKHCN reassigned to SVHTTDL.
        let plan = plan();
        let h = History::new(
            &plan,
            vec![
                period(
                    2024,
                    vec![
                        agency(
                            "SKHCN",
                            SubmitStatus::OnTime,
                            ("III.1.1", "Đã hoàn thành"),
                            Some(40.0),
                        ),
                        agency(
                            "SVHTTDL",
                            SubmitStatus::OnTime,
                            ("III.1.1", "Đã hoàn thành"),
                            None,
                        ),
                    ],
                ),
                period(
                    2026,
                    vec![
                        agency(
                            "SKHCN",
                            SubmitStatus::OnTime,
                            ("III.1.1", "Đã hoàn thành"),
                            None,
                        ),
                        agency(
                            "SVHTTDL",
                            SubmitStatus::OnTime,
                            ("III.1.1", "Đã hoàn thành"),
                            Some(400.0),
                        ),
                    ],
                ),
            ],
        )
        .unwrap();
        // SVHTTDL's own value in 2024 is blank (not valid); the blank row counts as its own, so
        // the move applies only when the line reported no row at all.
        let v = h.line("SVHTTDL").unwrap();
        assert_eq!(h.values(v, "CT01", 0).len(), 1);
        assert_eq!(h.value(v, "CT01", 0), None);
        let mut without_row = h.clone();
        without_row.periods[0].data.agencies[1].values.clear();
        let got = without_row.values(v, "CT01", 0);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.code, "SKHCN");
        assert_eq!(without_row.value(v, "CT01", 0), Some(40.0));
        // Not for a period after the move.
        assert_eq!(without_row.values(v, "CT01", 1)[0].0.code, "SVHTTDL");
    }

    #[test]
    fn tasks_and_indicators_align_by_id_across_periods() {
        let plan = plan();
        let mut old = period(2024, vec![]);
        old.data.tasks.push(TaskInfo {
            id: "III.9.9".into(),
            item: 9,
            text: "retired".into(),
            agencies: Vec::new(),
            deadline: String::new(),
            due: None,
        });
        let h = History::new(&plan, vec![old, period(2025, vec![]), period(2026, vec![])]).unwrap();
        let ids: Vec<&str> = h.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["III.4.1", "III.1.1", "III.9.9"]);
        assert_eq!(h.tasks[2].at, vec![Some(2), None, None]);
        assert_eq!(h.indicators[0].at, vec![Some(0), Some(0), Some(0)]);
    }
}
