//! The summary over several periods (`baocao summary`): the model the summary workbook shows.
//!
//! Input: the data sheets of several consolidated workbooks (`data_sheet::Data`, read by
//! `ingest::read_consolidated`), each with the file it came from. [`build`] orders them by
//! period, refuses two of the same period, and lines them up:
//! - agencies through successions (a report of SKHDT in 2025 and of STC, its successor, in
//!   2026 are one line `STC`): a code no longer in force in the latest period's organisation
//!   stands for its single successor there ([`align_agency`]); a body split or dissolved keeps
//!   its own line, said in the line's note;
//! - tasks and indicators by their ID.
//!
//! Every figure is the one the period's own workbook shows (its data sheet): submission
//! states, task statuses counted as `Theo nhiệm vụ` counts them, indicator totals as
//! `Chỉ tiêu` gives them. Nothing here writes a workbook (`report::summary` does).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::check::Status;
use crate::consolidate::SubmitStatus;
use crate::data_sheet::{Data, Header};
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

/// Why the inputs cannot be summarised.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No workbook given.
    Empty,
    /// Two workbooks of the same period.
    SamePeriod {
        period: String,
        first: String,
        second: String,
    },
}

/// The summary of `inputs`; `plan` is the plan as loaded (signed, with its amendments), used
/// to follow successions.
///
/// # Errors
/// A [`Refusal`] when there is nothing to summarise or two inputs share a period.
pub fn build(plan: &Plan, mut inputs: Vec<Input>) -> Result<Summary, Refusal> {
    inputs.sort_by(|a, b| {
        (a.data.period.end, a.data.period.start, &a.data.period.id).cmp(&(
            b.data.period.end,
            b.data.period.start,
            &b.data.period.id,
        ))
    });
    for w in inputs.windows(2) {
        if w[0].data.period.id == w[1].data.period.id {
            return Err(Refusal::SamePeriod {
                period: w[0].data.period.id.clone(),
                first: w[0].shown.clone(),
                second: w[1].shown.clone(),
            });
        }
    }
    let Some(last) = inputs.last() else {
        return Err(Refusal::Empty);
    };
    let latest = plan.at(last.data.period.end);
    let header = last.data.header.clone();
    let as_of = last.data.as_of;
    let (plan_title, short_title, plan_id) = (
        last.data.plan.title.clone(),
        last.data.plan.short_title.clone(),
        last.data.plan.id.clone(),
    );
    let data: Vec<&Data> = inputs.iter().map(|i| &i.data).collect();
    let agencies = agency_lines(&latest, &data);
    let tasks = task_lines(&data);
    let undone = undone(&data, &agencies);
    let rarely = rarely(&agencies);
    Ok(Summary {
        plan_title,
        short_title,
        plan_id,
        header,
        periods: inputs.iter().map(period_col).collect(),
        agencies,
        tasks,
        indicators: indicator_lines(&data),
        undone,
        rarely,
        as_of,
    })
}

fn period_col(i: &Input) -> PeriodCol {
    let d = &i.data;
    PeriodCol {
        id: d.period.id.clone(),
        name: d.period.name.clone(),
        start: d.period.start,
        end: d.period.end,
        due: d.period.due,
        as_of: d.as_of,
        file: i.shown.clone(),
        plan_version: d.plan.version.clone(),
        fingerprint: d.plan.fingerprint.clone(),
        expected: d.totals.expected,
        received: d.totals.received,
        on_time: d.totals.on_time,
        on_time_rate: d.totals.on_time_rate,
    }
}

/// The line an agency code of some period stands in: itself while in force in the latest
/// organisation; else its one successor there. `None`: no single successor (split, dissolved
/// or passed to a group), the code keeps its own line.
pub fn align_agency(latest: &Plan, code: &str) -> Option<String> {
    if latest.agency(code).is_some() {
        return Some(code.to_string());
    }
    let s = latest.successors(code)?;
    match s.agencies.as_slice() {
        [one] if !s.via_group => Some(one.clone()),
        _ => None,
    }
}

fn agency_lines(latest: &Plan, data: &[&Data]) -> Vec<AgencyLine> {
    let n = data.len();
    let mut lines: Vec<AgencyLine> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // The latest period's agencies first, in its order; then lines only earlier periods had.
    for (k, d) in data.iter().enumerate().rev() {
        for a in &d.agencies {
            let aligned = align_agency(latest, &a.code);
            let key = aligned.clone().unwrap_or_else(|| a.code.clone());
            let i = *index.entry(key.clone()).or_insert_with(|| {
                lines.push(AgencyLine {
                    code: key.clone(),
                    name: latest
                        .agency(&key)
                        .map_or_else(|| a.name.clone(), |x| x.name.clone()),
                    former: Vec::new(),
                    cells: vec![Vec::new(); n],
                    expected: 0,
                    on_time: 0,
                    unresolved: aligned.is_none(),
                });
                lines.len() - 1
            });
            let line = &mut lines[i];
            if a.code != line.code && !line.former.contains(&a.code) {
                line.former.push(a.code.clone());
            }
            line.expected += 1;
            line.on_time += usize::from(a.on_time);
            line.cells[k].push(Member {
                code: a.code.clone(),
                status: a.status,
                on_time: a.on_time,
            });
        }
    }
    for line in &mut lines {
        line.former.sort();
        for cell in &mut line.cells {
            cell.sort_by(|x, y| {
                (x.code != line.code, &x.code).cmp(&(y.code != line.code, &y.code))
            });
        }
    }
    lines
}

/// Union of the periods' IDs in the latest period's order, then the others as first seen.
fn ordered_ids<'a>(lists: impl DoubleEndedIterator<Item = Vec<&'a str>>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for list in lists.rev() {
        for id in list {
            if seen.insert(id) {
                out.push(id);
            }
        }
    }
    out
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

fn task_lines(data: &[&Data]) -> Vec<TaskLine> {
    let counts: Vec<HashMap<&str, TaskCounts>> = data.iter().map(|d| task_counts(d)).collect();
    let texts: HashMap<&str, &str> = data
        .iter()
        .flat_map(|d| d.tasks.iter().map(|t| (t.id.as_str(), t.text.as_str())))
        .collect();
    let ids = ordered_ids(
        data.iter()
            .map(|d| d.tasks.iter().map(|t| t.id.as_str()).collect()),
    );
    ids.into_iter()
        .filter(|id| counts.iter().any(|c| c.contains_key(id)))
        .map(|id| TaskLine {
            id: id.to_string(),
            text: texts.get(id).copied().unwrap_or_default().to_string(),
            cells: counts.iter().map(|c| c.get(id).copied()).collect(),
        })
        .collect()
}

fn indicator_lines(data: &[&Data]) -> Vec<IndicatorLine> {
    let ids = ordered_ids(
        data.iter()
            .map(|d| d.indicators.iter().map(|i| i.id.as_str()).collect()),
    );
    ids.into_iter()
        .filter_map(|id| {
            let per: Vec<Option<&crate::data_sheet::IndicatorInfo>> = data
                .iter()
                .map(|d| {
                    d.indicators
                        .iter()
                        .find(|i| i.id == id && !i.agencies.is_empty())
                })
                .collect();
            let first = per.iter().rev().flatten().next()?;
            let totals: Vec<Option<f64>> = per.iter().map(|i| i.and_then(|i| i.total)).collect();
            let percent = first.percent;
            let mut sum: Option<f64> = None;
            let cumulative = totals
                .iter()
                .map(|t| {
                    if percent {
                        return None;
                    }
                    if let Some(v) = t {
                        sum = Some(sum.unwrap_or(0.0) + v);
                    }
                    sum
                })
                .collect();
            Some(IndicatorLine {
                id: id.to_string(),
                name: first.name.clone(),
                unit: first.unit.clone(),
                percent,
                totals,
                cumulative,
                reported: per.iter().map(|i| i.map_or(0, |i| i.reported)).collect(),
            })
        })
        .collect()
}

/// Per agency line and task: the periods it was not reported done.
fn undone(data: &[&Data], lines: &[AgencyLine]) -> Vec<Undone> {
    let line_of: HashMap<(usize, &str), usize> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            l.cells
                .iter()
                .enumerate()
                .flat_map(move |(k, ms)| ms.iter().map(move |m| ((k, m.code.as_str()), i)))
        })
        .collect();
    let n = data.len();
    // (line, task) → per period cell; BTreeMap: output in line order, then task order.
    let mut cells: BTreeMap<(usize, usize), Vec<UndoneCell>> = BTreeMap::new();
    let mut task_pos: HashMap<String, usize> = HashMap::new();
    let mut texts: Vec<String> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (k, d) in data.iter().enumerate().rev() {
        let by_code: HashMap<&str, &crate::data_sheet::AgencyData> =
            d.agencies.iter().map(|a| (a.code.as_str(), a)).collect();
        for t in &d.tasks {
            let tp = *task_pos.entry(t.id.clone()).or_insert_with(|| {
                ids.push(t.id.clone());
                texts.push(t.text.clone());
                ids.len() - 1
            });
            for code in &t.agencies {
                let (Some(a), Some(&line)) =
                    (by_code.get(code.as_str()), line_of.get(&(k, code.as_str())))
                else {
                    continue;
                };
                let status = a
                    .task_rows
                    .iter()
                    .find(|r| r.task == t.id)
                    .and_then(|r| r.status());
                let new = status.map_or(UndoneCell::NotReported, UndoneCell::Reported);
                let slot = &mut cells
                    .entry((line, tp))
                    .or_insert_with(|| vec![UndoneCell::NotAssigned; n])[k];
                // Two predecessors in one line: the cell shows the least advanced.
                *slot = worse(*slot, new);
            }
        }
    }
    cells
        .into_iter()
        .filter_map(|((line, tp), cells)| {
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
                task: ids[tp].clone(),
                text: texts[tp].clone(),
                line,
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
