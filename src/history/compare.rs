//! The latest period compared with the one before it (and, for tasks left undone, with every
//! earlier period): what `consolidate --previous` writes and warns about.
//!
//! Pure: built from a [`History`] and the plan's [`Consistency`] settings. Per agency line the
//! submission state then and now; per agency line and task the status then and now, with what
//! changed (newly completed, still not done since period X, overdue carried over); per agency
//! line and indicator the value now and before, the change, and a [`Jump`] when it moved past
//! the plan's thresholds (C001–C003, with the cells of both periods); per indicator the
//! province totals.

use serde::Serialize;

use super::History;
use crate::check::Status;
use crate::consolidate::SubmitStatus;
use crate::data_sheet::{AgencyData, TaskRowData};
use crate::plan::consistency::Consistency;

/// A period compared, and the workbook it was read from.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodRef {
    pub id: String,
    pub name: String,
    pub source: String,
}

/// One agency's submission in one period.
#[derive(Clone, Debug, Serialize)]
pub struct AgencyState {
    pub code: String,
    pub status: SubmitStatus,
    pub days_late: Option<i64>,
}

/// How an agency's submission moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Better now (on time after late or missing, …).
    Better,
    Worse,
    Same,
    /// Not expected in the previous period.
    New,
    /// Not expected now (dissolved with no agency named).
    Ended,
}

#[derive(Clone, Debug, Serialize)]
pub struct AgencyChange {
    pub code: String,
    pub name: String,
    /// The predecessors' codes shown with the line (SKHDT for STC).
    pub earlier: Vec<String>,
    pub then: Vec<AgencyState>,
    pub now: Option<AgencyState>,
    pub trend: Trend,
}

/// A task row's state in one period.
#[derive(Clone, Debug, Serialize)]
pub struct TaskState {
    pub code: String,
    /// The status label, absent when the agency's status was not valid.
    pub status: Option<String>,
    pub overdue: bool,
    /// `file › sheet!cell` of the row.
    pub source: String,
}

/// What changed for a task of an agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskNote {
    /// Done now, not done before.
    NewlyDone,
    /// Done before and now.
    StillDone,
    /// Overdue in the previous period and still not done.
    OverdueCarried,
    /// Not done now nor in the previous period (see `since`).
    StillNotDone,
    /// Done before, reported as not done now.
    Reopened,
    /// No row in the previous period.
    New,
    /// A row in the previous period, none now.
    NotReported,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaskChange {
    pub agency: String,
    pub task: String,
    pub then: Option<TaskState>,
    pub now: Option<TaskState>,
    pub note: TaskNote,
    /// For a task not done now: the first period of the unbroken run of periods (up to now)
    /// in which it was reported and not done.
    pub since: Option<String>,
}

/// A value that moved past the plan's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Jump {
    /// C001: `factor` times the previous value.
    Up { factor: f64 },
    /// C002: down by `percent` %.
    Down { percent: f64 },
    /// C003: from 0.
    FromZero,
}

#[derive(Clone, Debug, Serialize)]
pub struct ValueChange {
    pub agency: String,
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub now: Option<f64>,
    pub then: Option<f64>,
    pub change: Option<f64>,
    /// The change in % of the previous value (absent when that was 0 or missing).
    pub percent: Option<f64>,
    /// `file › sheet!cell` of each period's value(s), `; `-joined when several agencies.
    pub now_source: String,
    pub then_source: String,
    pub jump: Option<Jump>,
}

/// Province totals of an indicator (`Chỉ tiêu`'s `Tổng toàn tỉnh`), now and before.
#[derive(Clone, Debug, Serialize)]
pub struct TotalChange {
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub now: Option<f64>,
    pub then: Option<f64>,
    pub change: Option<f64>,
    pub percent: Option<f64>,
}

/// The latest period against the one before.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub current: PeriodRef,
    pub previous: PeriodRef,
    /// Every earlier period given, oldest first (the previous one last).
    pub earlier: Vec<PeriodRef>,
    pub thresholds: Consistency,
    pub agencies: Vec<AgencyChange>,
    pub tasks: Vec<TaskChange>,
    pub values: Vec<ValueChange>,
    pub totals: Vec<TotalChange>,
}

impl Comparison {
    /// The latest period of `h` against the one before; `None` with a single period.
    pub fn new(h: &History, thresholds: Consistency) -> Option<Comparison> {
        let now = h.latest();
        let prev = now.checked_sub(1)?;
        let pref = |p: usize| PeriodRef {
            id: h.periods[p].data.period.id.clone(),
            name: h.periods[p].data.period.name.clone(),
            source: h.periods[p].source.clone(),
        };
        let mut tasks = Vec::new();
        let mut values = Vec::new();
        for line in 0..h.agencies.len() {
            tasks.extend(task_changes(h, line, prev, now));
            values.extend(value_changes(h, line, prev, now, &thresholds));
        }
        Some(Comparison {
            current: pref(now),
            previous: pref(prev),
            earlier: (0..now).map(pref).collect(),
            thresholds,
            agencies: (0..h.agencies.len())
                .map(|l| agency_change(h, l, prev, now))
                .collect(),
            tasks,
            values,
            totals: totals(h, prev, now),
        })
    }

    /// The values that moved past the thresholds.
    pub fn jumps(&self) -> impl Iterator<Item = &ValueChange> {
        self.values.iter().filter(|v| v.jump.is_some())
    }

    /// Agency lines whose submission got better, and worse.
    pub fn trend_counts(&self) -> (usize, usize) {
        let n = |t| self.agencies.iter().filter(|a| a.trend == t).count();
        (n(Trend::Better), n(Trend::Worse))
    }

    pub fn newly_done(&self) -> usize {
        self.tasks
            .iter()
            .filter(|t| t.note == TaskNote::NewlyDone)
            .count()
    }
}

fn state(a: &AgencyData) -> AgencyState {
    AgencyState {
        code: a.code.clone(),
        status: a.status,
        days_late: a.days_late,
    }
}

/// Submission states ranked: on time best, missing worst.
fn rank(s: SubmitStatus) -> u8 {
    match s {
        SubmitStatus::OnTime => 3,
        SubmitStatus::Late => 2,
        SubmitStatus::Invalid => 1,
        SubmitStatus::Missing => 0,
    }
}

fn agency_change(h: &History, line: usize, prev: usize, now: usize) -> AgencyChange {
    let l = &h.agencies[line];
    let then: Vec<AgencyState> = h.members(line, prev).into_iter().map(state).collect();
    // A line has at most one agency in force now (successors are distinct agencies).
    let current = h.members(line, now).into_iter().next().map(state);
    let trend = match (&current, then.iter().map(|s| rank(s.status)).max()) {
        (None, _) => Trend::Ended,
        (Some(_), None) => Trend::New,
        (Some(c), Some(best)) => match rank(c.status).cmp(&best) {
            std::cmp::Ordering::Greater => Trend::Better,
            std::cmp::Ordering::Less => Trend::Worse,
            std::cmp::Ordering::Equal => Trend::Same,
        },
    };
    AgencyChange {
        code: l.code.clone(),
        name: l.name.clone(),
        earlier: l.earlier.clone(),
        then,
        now: current,
        trend,
    }
}

fn task_state(a: &AgencyData, r: &TaskRowData) -> TaskState {
    TaskState {
        code: a.code.clone(),
        status: r.status.clone(),
        overdue: r.overdue,
        source: a.task_source(r),
    }
}

fn done(r: &TaskRowData) -> bool {
    r.status() == Some(Status::Done)
}

/// The task ids line `line` reported now or in the previous period, in the latest plan's
/// task order.
fn task_changes(h: &History, line: usize, prev: usize, now: usize) -> Vec<TaskChange> {
    let mut out = Vec::new();
    for t in &h.tasks {
        let then = h.task_rows(line, &t.id, prev);
        let cur = h.task_rows(line, &t.id, now);
        if then.is_empty() && cur.is_empty() {
            continue;
        }
        let then_done = then.iter().any(|(_, r)| done(r));
        let now_row = cur.first();
        let note = match (now_row, then.is_empty()) {
            (None, _) => TaskNote::NotReported,
            (Some(_), true) => TaskNote::New,
            (Some((_, r)), false) if done(r) => {
                if then_done {
                    TaskNote::StillDone
                } else {
                    TaskNote::NewlyDone
                }
            }
            (Some(_), false) if then_done => TaskNote::Reopened,
            (Some(_), false) if then.iter().any(|(_, r)| r.overdue) => TaskNote::OverdueCarried,
            (Some(_), false) => TaskNote::StillNotDone,
        };
        let since = now_row
            .filter(|(_, r)| !done(r))
            .map(|_| not_done_since(h, line, &t.id, now));
        out.push(TaskChange {
            agency: h.agencies[line].code.clone(),
            task: t.id.clone(),
            then: then.first().map(|(a, r)| task_state(a, r)),
            now: now_row.map(|(a, r)| task_state(a, r)),
            note,
            since,
        });
    }
    out
}

/// The first period of the unbroken run, ending at `now`, in which line `line` reported task
/// `task` and none of its rows was done.
fn not_done_since(h: &History, line: usize, task: &str, now: usize) -> String {
    let mut first = now;
    for p in (0..now).rev() {
        let rows = h.task_rows(line, task, p);
        if rows.is_empty() || rows.iter().any(|(_, r)| done(r)) {
            break;
        }
        first = p;
    }
    h.periods[first].data.period.id.clone()
}

fn value_changes(
    h: &History,
    line: usize,
    prev: usize,
    now: usize,
    th: &Consistency,
) -> Vec<ValueChange> {
    let mut out = Vec::new();
    for ind in &h.indicators {
        let cur = h.values(line, &ind.id, now);
        if cur.is_empty() {
            continue;
        }
        let then = h.values(line, &ind.id, prev);
        let sources = |v: &[(&AgencyData, &crate::data_sheet::ValueData)]| {
            v.iter()
                .map(|(a, x)| a.value_source(x))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let (vnow, vthen) = (h.value(line, &ind.id, now), h.value(line, &ind.id, prev));
        let (change, percent) = delta(vnow, vthen);
        out.push(ValueChange {
            agency: h.agencies[line].code.clone(),
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            now: vnow,
            then: vthen,
            change,
            percent,
            now_source: sources(&cur),
            then_source: sources(&then),
            jump: vnow.zip(vthen).and_then(|(n, t)| jump(n, t, th)),
        });
    }
    out
}

/// The change and the change in % of `then` (absent when `then` is 0).
fn delta(now: Option<f64>, then: Option<f64>) -> (Option<f64>, Option<f64>) {
    match (now, then) {
        (Some(n), Some(t)) => (Some(n - t), (t != 0.0).then(|| (n - t) / t.abs() * 100.0)),
        _ => (None, None),
    }
}

/// Whether the move from `then` to `now` passes the thresholds.
pub fn jump(now: f64, then: f64, th: &Consistency) -> Option<Jump> {
    if now.abs() < th.min_value && then.abs() < th.min_value {
        return None;
    }
    if then == 0.0 {
        return (now >= th.from_zero).then_some(Jump::FromZero);
    }
    if then > 0.0 && now >= then * th.up_factor {
        return Some(Jump::Up { factor: now / then });
    }
    let down = (then - now) / then * 100.0;
    (then > 0.0 && down >= th.down_percent).then_some(Jump::Down { percent: down })
}

fn totals(h: &History, prev: usize, now: usize) -> Vec<TotalChange> {
    h.indicators
        .iter()
        .filter(|i| i.at[now].is_some())
        .map(|i| {
            let total = |p: usize| i.at[p].and_then(|k| h.periods[p].data.indicators.get(k)?.total);
            let (vnow, vthen) = (total(now), total(prev));
            let (change, percent) = delta(vnow, vthen);
            TotalChange {
                indicator: i.id.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                now: vnow,
                then: vthen,
                change,
                percent,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::tests::{agency, period, plan};
    use SubmitStatus::*;

    #[test]
    fn thresholds_flag_ten_times_a_third_and_from_zero_but_not_small_counts() {
        let th = Consistency::default();
        assert_eq!(jump(1250.0, 125.0, &th), Some(Jump::Up { factor: 10.0 }));
        assert_eq!(jump(299.0, 100.0, &th), None);
        assert_eq!(jump(300.0, 100.0, &th), Some(Jump::Up { factor: 3.0 }));
        assert!(
            matches!(jump(30.0, 100.0, &th), Some(Jump::Down { percent }) if (percent - 70.0).abs() < 1e-9)
        );
        assert_eq!(jump(34.0, 100.0, &th), None);
        assert_eq!(jump(150.0, 0.0, &th), Some(Jump::FromZero));
        assert_eq!(jump(50.0, 0.0, &th), None);
        assert_eq!(jump(9.0, 1.0, &th), None, "both under min_value");
        let strict = Consistency {
            up_factor: 2.0,
            ..th
        };
        assert!(jump(200.0, 100.0, &strict).is_some());
    }

    #[test]
    fn agency_task_and_value_changes_across_a_succession() {
        let plan = plan();
        let mut skhdt = agency("SKHDT", Late, ("III.4.1", "Đang thực hiện"), Some(125.0));
        skhdt.task_rows[0].overdue = true;
        let p2025 = period(
            2025,
            vec![
                skhdt,
                agency("SCT", OnTime, ("III.1.1", "Đã hoàn thành"), Some(40.0)),
            ],
        );
        let mut p2026 = period(
            2026,
            vec![
                agency("STC", OnTime, ("III.4.1", "Đang thực hiện"), Some(1250.0)),
                agency("SCT", Missing, ("III.1.1", "Đã hoàn thành"), None),
            ],
        );
        let mut p2024 = period(
            2024,
            vec![agency(
                "SKHDT",
                OnTime,
                ("III.4.1", "Chưa thực hiện"),
                Some(100.0),
            )],
        );
        p2024.data.agencies[0].task_rows[0].status = Some("Chưa thực hiện".into());
        p2026.data.agencies[1].values.clear();
        let h = History::new(&plan, vec![p2024, p2025, p2026]).unwrap();
        let c = Comparison::new(&h, Consistency::default()).unwrap();
        assert_eq!(c.current.id, "2026");
        assert_eq!(c.previous.id, "2025");
        assert_eq!(c.earlier.len(), 2);
        let stc = c.agencies.iter().find(|a| a.code == "STC").unwrap();
        assert_eq!(stc.earlier, ["SKHDT"]);
        assert_eq!(stc.then[0].code, "SKHDT");
        assert_eq!(stc.trend, Trend::Better);
        let sct = c.agencies.iter().find(|a| a.code == "SCT").unwrap();
        assert_eq!(sct.trend, Trend::Worse);
        let t = c.tasks.iter().find(|t| t.agency == "STC").unwrap();
        assert_eq!(t.note, TaskNote::OverdueCarried);
        assert_eq!(
            t.since.as_deref(),
            Some("2024"),
            "not done in 2024, 2025 and 2026"
        );
        assert_eq!(t.then.as_ref().unwrap().source, "SKHDT.xlsx › Báo cáo!B12");
        let v = c.values.iter().find(|v| v.agency == "STC").unwrap();
        assert_eq!(v.jump, Some(Jump::Up { factor: 10.0 }));
        assert_eq!(v.change, Some(1125.0));
        assert_eq!(v.percent, Some(900.0));
        assert_eq!(v.now_source, "STC.xlsx › Chỉ tiêu!D8");
        assert_eq!(v.then_source, "SKHDT.xlsx › Chỉ tiêu!D8");
        assert_eq!(c.jumps().count(), 1);
        // SCT sent nothing in 2026: no value row, so no comparison (its state says why).
        assert!(c.values.iter().all(|v| v.agency != "SCT"));
        assert_eq!(c.trend_counts(), (1, 1));
    }

    #[test]
    fn newly_done_and_a_single_period_has_no_comparison() {
        let plan = plan();
        let h = History::new(
            &plan,
            vec![
                period(
                    2025,
                    vec![agency("SCT", Late, ("III.1.1", "Đang thực hiện"), None)],
                ),
                period(
                    2026,
                    vec![agency("SCT", OnTime, ("III.1.1", "Đã hoàn thành"), None)],
                ),
            ],
        )
        .unwrap();
        let c = Comparison::new(&h, Consistency::default()).unwrap();
        assert_eq!(c.tasks[0].note, TaskNote::NewlyDone);
        assert_eq!(c.tasks[0].since, None);
        assert_eq!(c.newly_done(), 1);
        let one = History::new(&plan, vec![period(2026, vec![])]).unwrap();
        assert!(Comparison::new(&one, Consistency::default()).is_none());
    }
}
