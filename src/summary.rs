//! The summary over several periods (`baocao summary`): the model the summary workbook shows.
//!
//! Input: the data sheets of several consolidated workbooks (`data_sheet::Data`, read by
//! `ingest::read_consolidated`), each with the file it came from. [`build`] has them ordered
//! by period and lined up by `history::History` (which refuses two of the same period):
//! agencies through successions (a report of SKHDT in 2025 and of STC, its successor, in 2026
//! are one line `STC`; a body split in two stands on both successors' lines), tasks and
//! indicators by their ID.
//!
//! Every figure is the one the period's own workbook shows (its data sheet): submission
//! states, task statuses counted as `Theo nhiệm vụ` counts them, indicator totals as
//! `Chỉ tiêu` gives them. Nothing here writes a workbook (`report::summary` does).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::check::Status;
use crate::consolidate::SubmitStatus;
use crate::data_sheet::{Data, Header};
pub use crate::history::HistoryError;
use crate::history::{self, History};
use crate::plan::Plan;

/// An agency line is listed among those "never or rarely on time" below this on-time rate
/// (per cent of the periods it was expected in).
pub const RARELY_ON_TIME_PCT: f64 = 50.0;
/// A task of an agency is listed as "undone" when not reported done in this many periods.
pub const UNDONE_PERIODS: usize = 2;

/// One consolidated workbook, as read.
pub struct Input {
    /// The path as the user gave it (or as found in a folder).
    pub shown: String,
    pub data: Data,
}

/// One period (a column of every matrix), in period order.
#[derive(Clone, Debug)]
pub struct PeriodCol {
    pub id: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
    pub as_of: NaiveDate,
    /// The consolidated workbook it came from.
    pub file: String,
    pub plan_version: String,
    pub fingerprint: String,
    pub expected: usize,
    pub received: usize,
    pub on_time: usize,
    pub on_time_rate: f64,
}

/// The state of an agency line in one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    OnTime,
    Late,
    Invalid,
    Missing,
    /// The line was not expected to report in that period.
    NotExpected,
}

impl State {
    fn of(s: SubmitStatus) -> State {
        match s {
            SubmitStatus::OnTime => State::OnTime,
            SubmitStatus::Late => State::Late,
            SubmitStatus::Invalid => State::Invalid,
            SubmitStatus::Missing => State::Missing,
        }
    }
}

/// One expected agency of a period standing in a line.
#[derive(Clone, Debug)]
pub struct Member {
    pub code: String,
    pub status: SubmitStatus,
    pub on_time: bool,
}

/// One agency line: an agency of the latest organisation, with its predecessors.
#[derive(Clone, Debug)]
pub struct AgencyLine {
    pub code: String,
    pub name: String,
    /// Other codes that stood in this line in some period (predecessors).
    pub former: Vec<String>,
    /// Per period, the agencies of that period standing in this line.
    pub cells: Vec<Vec<Member>>,
    /// Expected reports (member-periods) and those received on time.
    pub expected: usize,
    pub on_time: usize,
    /// A code no longer in force whose successors could not be followed to one agency.
    pub unresolved: bool,
}

impl AgencyLine {
    /// The state shown in the matrix: the worst of its members' (missing worst).
    pub fn state(&self, k: usize) -> State {
        self.cells[k]
            .iter()
            .map(|m| State::of(m.status))
            .max()
            .unwrap_or(State::NotExpected)
    }

    /// On-time reports ÷ expected reports, per cent (DHIS2's on-time rate).
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| 100.0 * self.on_time as f64 / self.expected as f64)
    }
}

/// A task's counts in one period, as `Theo nhiệm vụ` counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskCounts {
    pub responsible: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub not_reported: usize,
    pub overdue: usize,
}

impl TaskCounts {
    /// The task's status over its agencies: done when every responsible agency reported it
    /// done; not started when none reported it started; in progress otherwise.
    pub fn status(&self) -> Option<Status> {
        if self.responsible == 0 {
            None
        } else if self.done == self.responsible {
            Some(Status::Done)
        } else if self.done == 0 && self.in_progress == 0 {
            Some(Status::NotStarted)
        } else {
            Some(Status::InProgress)
        }
    }
}

/// One task over the periods.
#[derive(Clone, Debug)]
pub struct TaskLine {
    pub id: String,
    pub text: String,
    /// Per period; `None` when the task was not in that period's plan or had no agency.
    pub cells: Vec<Option<TaskCounts>>,
}

/// One indicator over the periods.
#[derive(Clone, Debug)]
pub struct IndicatorLine {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub percent: bool,
    /// Per period: `Tổng toàn tỉnh` of that period's `Chỉ tiêu` (`None`: no value given, or
    /// the indicator not in that period's plan).
    pub totals: Vec<Option<f64>>,
    /// Running sum of the totals (not for a percentage, whose sum means nothing).
    pub cumulative: Vec<Option<f64>>,
    /// Agencies that gave a value, per period.
    pub reported: Vec<usize>,
}

/// A task an agency line has not reported done in [`UNDONE_PERIODS`] periods or more.
#[derive(Clone, Debug)]
pub struct Undone {
    pub task: String,
    pub text: String,
    /// Index into [`Summary::agencies`].
    pub line: usize,
    /// Per period: the status reported (`None` with `expected` true: not reported).
    pub cells: Vec<UndoneCell>,
    pub periods_undone: usize,
}

/// One period of an [`Undone`] row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UndoneCell {
    /// The task was not this line's in that period.
    NotAssigned,
    /// Assigned, no status reported (no report, or the row blank or invalid).
    NotReported,
    Reported(Status),
}

/// Everything the summary workbook shows.
pub struct Summary {
    pub plan_title: String,
    pub short_title: String,
    pub plan_id: String,
    /// The latest period's header (its consolidator's names).
    pub header: Header,
    pub periods: Vec<PeriodCol>,
    pub agencies: Vec<AgencyLine>,
    pub tasks: Vec<TaskLine>,
    pub indicators: Vec<IndicatorLine>,
    pub undone: Vec<Undone>,
    /// Indexes into `agencies` of the lines never or rarely on time, worst first.
    pub rarely: Vec<usize>,
    /// The date the summary is as of: the latest period's `as_of`.
    pub as_of: NaiveDate,
}

/// The summary of `inputs`; `plan` is the plan as loaded (signed, with its amendments), used
/// to follow successions.
///
/// # Errors
/// [`HistoryError`] when there is nothing to summarise or two inputs share a period.
pub fn build(plan: &Plan, inputs: Vec<Input>) -> Result<Summary, HistoryError> {
    let periods = inputs
        .into_iter()
        .map(|i| history::Period {
            source: i.shown,
            data: i.data,
        })
        .collect();
    let h = History::new(plan, periods)?;
    let last = &h.periods[h.latest()].data;
    let latest = plan.at(last.period.end);
    let agencies = agency_lines(&latest, &h);
    let undone = undone(&h, &agencies);
    let rarely = rarely(&agencies);
    Ok(Summary {
        plan_title: last.plan.title.clone(),
        short_title: last.plan.short_title.clone(),
        plan_id: last.plan.id.clone(),
        header: last.header.clone(),
        periods: h.periods.iter().map(period_col).collect(),
        tasks: task_lines(&h),
        indicators: indicator_lines(&h),
        agencies,
        undone,
        rarely,
        as_of: last.as_of,
    })
}

fn period_col(p: &history::Period) -> PeriodCol {
    let d = &p.data;
    PeriodCol {
        id: d.period.id.clone(),
        name: d.period.name.clone(),
        start: d.period.start,
        end: d.period.end,
        due: d.period.due,
        as_of: d.as_of,
        file: p.source.clone(),
        plan_version: d.plan.version.clone(),
        fingerprint: d.plan.fingerprint.clone(),
        expected: d.totals.expected,
        received: d.totals.received,
        on_time: d.totals.on_time,
        on_time_rate: d.totals.on_time_rate,
    }
}

fn agency_lines(latest: &Plan, h: &History) -> Vec<AgencyLine> {
    h.agencies
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let cells: Vec<Vec<Member>> = (0..h.periods.len())
                .map(|p| {
                    let mut ms: Vec<Member> = h
                        .members(i, p)
                        .into_iter()
                        .map(|a| Member {
                            code: a.code.clone(),
                            status: a.status,
                            on_time: a.on_time,
                        })
                        .collect();
                    ms.sort_by(|x, y| {
                        (x.code != l.code, &x.code).cmp(&(y.code != l.code, &y.code))
                    });
                    ms
                })
                .collect();
            let mut former = l.earlier.clone();
            former.sort();
            AgencyLine {
                code: l.code.clone(),
                name: l.name.clone(),
                former,
                expected: cells.iter().map(Vec::len).sum(),
                on_time: cells.iter().flatten().filter(|m| m.on_time).count(),
                cells,
                unresolved: latest.agency(&l.code).is_none(),
            }
        })
        .collect()
}

/// A period's task counts, as the period's `Theo nhiệm vụ` sheet counts them.
pub fn task_counts(d: &Data) -> HashMap<&str, TaskCounts> {
    let by_code: HashMap<&str, &crate::data_sheet::AgencyData> =
        d.agencies.iter().map(|a| (a.code.as_str(), a)).collect();
    let mut out = HashMap::new();
    for t in &d.tasks {
        let mut c = TaskCounts::default();
        for code in &t.agencies {
            let Some(a) = by_code.get(code.as_str()) else {
                continue;
            };
            c.responsible += 1;
            let row = a.task_rows.iter().find(|r| r.task == t.id);
            match row.and_then(|r| r.status()) {
                Some(Status::Done) => c.done += 1,
                Some(Status::InProgress) => c.in_progress += 1,
                Some(Status::NotStarted) => c.not_started += 1,
                None => c.not_reported += 1,
            }
            c.overdue += usize::from(row.is_some_and(|r| r.overdue));
        }
        if c.responsible > 0 {
            out.insert(t.id.as_str(), c);
        }
    }
    out
}

fn task_lines(h: &History) -> Vec<TaskLine> {
    let counts: Vec<HashMap<&str, TaskCounts>> =
        h.periods.iter().map(|p| task_counts(&p.data)).collect();
    h.tasks
        .iter()
        .filter(|t| counts.iter().any(|c| c.contains_key(t.id.as_str())))
        .map(|t| TaskLine {
            id: t.id.clone(),
            text: t.text.clone(),
            cells: counts
                .iter()
                .map(|c| c.get(t.id.as_str()).copied())
                .collect(),
        })
        .collect()
}

fn indicator_lines(h: &History) -> Vec<IndicatorLine> {
    h.indicators
        .iter()
        .filter_map(|line| {
            // In a period's `Chỉ tiêu` only when some expected agency reports it.
            let per: Vec<Option<&crate::data_sheet::IndicatorInfo>> = h
                .periods
                .iter()
                .zip(&line.at)
                .map(|(p, at)| {
                    at.and_then(|i| p.data.indicators.get(i))
                        .filter(|i| !i.agencies.is_empty())
                })
                .collect();
            per.iter().flatten().next()?;
            let totals: Vec<Option<f64>> = per.iter().map(|i| i.and_then(|i| i.total)).collect();
            let mut sum: Option<f64> = None;
            let cumulative = totals
                .iter()
                .map(|t| {
                    if line.percent {
                        return None;
                    }
                    if let Some(v) = t {
                        sum = Some(sum.unwrap_or(0.0) + v);
                    }
                    sum
                })
                .collect();
            Some(IndicatorLine {
                id: line.id.clone(),
                name: line.name.clone(),
                unit: line.unit.clone(),
                percent: line.percent,
                totals,
                cumulative,
                reported: per.iter().map(|i| i.map_or(0, |i| i.reported)).collect(),
            })
        })
        .collect()
}

/// Per agency line and task: the periods it was not reported done. Walks each line's agencies
/// and the tasks they were responsible for (never lines × tasks: 2,000 lines and 8,000 tasks
/// would be sixteen million pairs a period).
fn undone(h: &History, lines: &[AgencyLine]) -> Vec<Undone> {
    let n = h.periods.len();
    let task_index: HashMap<&str, usize> = h
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    // Per period: agency code → the tasks it was responsible for (as `Theo nhiệm vụ` counts).
    let responsible: Vec<HashMap<&str, Vec<&str>>> = h
        .periods
        .iter()
        .map(|p| {
            let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
            for t in &p.data.tasks {
                for a in &t.agencies {
                    m.entry(a.as_str()).or_default().push(t.id.as_str());
                }
            }
            m
        })
        .collect();
    let mut cells: BTreeMap<(usize, usize), Vec<UndoneCell>> = BTreeMap::new();
    for li in 0..lines.len() {
        for (p, resp) in responsible.iter().enumerate() {
            for a in h.members(li, p) {
                for task in resp.get(a.code.as_str()).into_iter().flatten() {
                    let Some(&ti) = task_index.get(task) else {
                        continue;
                    };
                    let status = a
                        .task_rows
                        .iter()
                        .find(|r| r.task == *task)
                        .and_then(|r| r.status());
                    let new = status.map_or(UndoneCell::NotReported, UndoneCell::Reported);
                    let slot = &mut cells
                        .entry((li, ti))
                        .or_insert_with(|| vec![UndoneCell::NotAssigned; n])[p];
                    // Two agencies on one line: the cell shows the least advanced.
                    *slot = worse(*slot, new);
                }
            }
        }
    }
    cells
        .into_iter()
        .filter_map(|((li, ti), cells)| {
            let periods_undone = cells
                .iter()
                .filter(|c| {
                    !matches!(
                        c,
                        UndoneCell::NotAssigned | UndoneCell::Reported(Status::Done)
                    )
                })
                .count();
            (periods_undone >= UNDONE_PERIODS).then(|| Undone {
                task: h.tasks[ti].id.clone(),
                text: h.tasks[ti].text.clone(),
                line: li,
                cells,
                periods_undone,
            })
        })
        .collect()
}

fn worse(a: UndoneCell, b: UndoneCell) -> UndoneCell {
    let rank = |c: UndoneCell| match c {
        UndoneCell::NotAssigned => 0,
        UndoneCell::Reported(Status::Done) => 1,
        UndoneCell::Reported(Status::InProgress) => 2,
        UndoneCell::Reported(Status::NotStarted) => 3,
        UndoneCell::NotReported => 4,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Lines whose on-time rate is under [`RARELY_ON_TIME_PCT`], lowest rate first, then most
/// periods expected, then code.
fn rarely(lines: &[AgencyLine]) -> Vec<usize> {
    let mut out: Vec<(usize, f64)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.on_time_rate().map(|r| (i, r)))
        .filter(|(_, r)| *r < RARELY_ON_TIME_PCT)
        .collect();
    out.sort_by(|a, b| {
        a.1.total_cmp(&b.1)
            .then(lines[b.0].expected.cmp(&lines[a.0].expected))
            .then(lines[a.0].code.cmp(&lines[b.0].code))
    });
    out.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::{agency, data, plan};

    /// A period of `year` whose tasks are led by the given agencies and whose CT01 total is
    /// `total` (assigned to `who`).
    fn input(year: i32, agencies: Vec<crate::data_sheet::AgencyData>, total: Option<f64>) -> Input {
        let who: Vec<String> = agencies.iter().map(|a| a.code.clone()).collect();
        let mut d = data(year, agencies);
        for t in &mut d.tasks {
            t.agencies = d
                .agencies
                .iter()
                .filter(|a| a.task_rows.iter().any(|r| r.task == t.id))
                .map(|a| a.code.clone())
                .collect();
        }
        d.indicators[0].agencies = who;
        d.indicators[0].total = total;
        d.indicators[0].reported = usize::from(total.is_some());
        Input {
            shown: format!("tong-hop-{year}.xlsx"),
            data: d,
        }
    }

    #[test]
    fn a_merged_body_its_tasks_and_figures_follow_the_successor_line() {
        use SubmitStatus::*;
        let s = build(
            &plan(),
            vec![
                input(
                    2026,
                    vec![agency(
                        "STC",
                        OnTime,
                        ("III.4.1", "Đã hoàn thành"),
                        Some(20.0),
                    )],
                    Some(20.0),
                ),
                input(
                    2024,
                    vec![
                        agency("SKHDT", Late, ("III.4.1", "Đang thực hiện"), Some(5.0)),
                        agency("STC", OnTime, ("III.1.1", "Đã hoàn thành"), Some(7.0)),
                    ],
                    Some(12.0),
                ),
                input(
                    2025,
                    vec![agency("STC", Late, ("III.4.1", "Đang thực hiện"), None)],
                    None,
                ),
            ],
        )
        .unwrap();
        let ids: Vec<&str> = s.periods.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["2024", "2025", "2026"]);
        assert_eq!(s.agencies.len(), 1);
        let stc = &s.agencies[0];
        assert_eq!(
            (stc.code.as_str(), stc.former.as_slice()),
            ("STC", &["SKHDT".to_string()][..])
        );
        let codes: Vec<&str> = stc.cells[0].iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes, ["STC", "SKHDT"], "the line's own code first");
        assert_eq!(stc.state(0), State::Late, "the worst of the two");
        assert_eq!((stc.expected, stc.on_time), (4, 2));
        assert_eq!(stc.on_time_rate(), Some(50.0));
        assert!(s.rarely.is_empty(), "50 % is not under the threshold");
        // III.4.1: SKHDT's in 2024, STC's after; in progress twice, then done.
        let t = s.tasks.iter().find(|t| t.id == "III.4.1").unwrap();
        assert_eq!(t.cells[0].unwrap().in_progress, 1);
        assert_eq!(t.cells[2].unwrap().status(), Some(Status::Done));
        assert_eq!(s.undone.len(), 1);
        let u = &s.undone[0];
        assert_eq!((u.task.as_str(), u.periods_undone), ("III.4.1", 2));
        assert_eq!(u.cells[2], UndoneCell::Reported(Status::Done));
        // Totals per period, blank kept blank, the running sum over the periods with one.
        let ind = &s.indicators[0];
        assert_eq!(ind.totals, [Some(12.0), None, Some(20.0)]);
        assert_eq!(ind.cumulative, [Some(12.0), Some(12.0), Some(32.0)]);
    }

    #[test]
    fn task_status_over_agencies() {
        let c = |responsible, done, in_progress| TaskCounts {
            responsible,
            done,
            in_progress,
            ..TaskCounts::default()
        };
        assert_eq!(c(0, 0, 0).status(), None);
        assert_eq!(c(3, 3, 0).status(), Some(Status::Done));
        assert_eq!(c(3, 1, 0).status(), Some(Status::InProgress));
        assert_eq!(c(3, 0, 1).status(), Some(Status::InProgress));
        assert_eq!(c(3, 0, 0).status(), Some(Status::NotStarted));
    }

    #[test]
    fn the_least_advanced_status_wins_a_shared_cell() {
        use UndoneCell::*;
        assert_eq!(
            worse(NotAssigned, Reported(Status::Done)),
            Reported(Status::Done)
        );
        assert_eq!(
            worse(Reported(Status::NotStarted), Reported(Status::Done)),
            Reported(Status::NotStarted)
        );
        assert_eq!(worse(NotReported, Reported(Status::Done)), NotReported);
    }
}
