//! The succession merge: an agency that stands for bodies merged into it (reports on a
//! predecessor's template, credited to it by `check::succession`) gets one report, the one
//! picked, with the rows it lacks taken from the others (I013 names every row both have).

use super::{FileEntry, Role};
use crate::diag::{Code, Finding};
use crate::i18n::Lang;
use crate::plan::Plan;

/// What merging a successor's reports adds: findings per file, and (task id, file index) of
/// each task row taken from another file.
pub(super) type Merged = (Vec<(usize, Finding)>, Vec<(String, usize)>);

/// For an agency's candidate files sorted so the one used is last: the newest file of each
/// *other* body it stands for (its own reports, and each predecessor whose template was
/// credited to it), newest first.
pub(super) fn succession_donors(files: &[FileEntry], list: &[usize], winner: usize) -> Vec<usize> {
    let source = |i: usize| files[i].checked.submission.credited_from.clone();
    let mut seen = vec![source(winner)];
    let mut donors = Vec::new();
    for &i in list.iter().rev() {
        let s = source(i);
        if !seen.contains(&s) {
            seen.push(s);
            donors.push(i);
        }
    }
    donors
}

/// Merges the task and indicator rows of `donors` (reports on predecessors' templates, or the
/// successor's own when the one used is a credited one) into the report used for the agency:
/// a row the used report lacks is taken from the first donor that has it; a row both have
/// stays as the used report wrote it, and the donor's copy is named in a finding (I013), never
/// added up silently. "Missing task" findings (T001) for a task now reported are withdrawn.
pub(super) fn merge_successor_reports(
    files: &mut [FileEntry],
    (plan, agency): (&Plan, &str),
    winner: usize,
    donors: &[usize],
    lang: Lang,
) -> Merged {
    let mut out = Vec::new();
    let mut rows = Vec::new();
    // Only what the plan in force asks of this agency is merged (a row for a task now carried
    // by another body stays in the donor file, with its T002 finding).
    let tasks: Vec<&str> = plan
        .tasks_for(agency)
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let inds: Vec<&str> = plan
        .indicators_for(agency)
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    for &d in donors {
        files[d].role = Role::Used;
        let donor = files[d].checked.submission.clone();
        let base = &mut files[winner].checked.submission;
        let mut kept = Vec::new();
        for t in donor
            .tasks
            .into_iter()
            .filter(|t| tasks.contains(&t.task_id.as_str()))
        {
            if base.tasks.iter().any(|x| x.task_id == t.task_id) {
                kept.push(t.task_id.clone());
            } else {
                rows.push((t.task_id.clone(), d));
                base.tasks.push(t);
            }
        }
        for i in donor
            .indicators
            .into_iter()
            .filter(|i| inds.contains(&i.id.as_str()))
        {
            if base.indicators.iter().any(|x| x.id == i.id) {
                kept.push(i.id.clone());
            } else {
                base.indicators.push(i);
            }
        }
        let into = files[winner].input.shown.clone();
        let from = donor
            .credited_from
            .clone()
            .unwrap_or_else(|| donor.agency.clone().unwrap_or_default());
        let msg = lang.tl_merged(&from, &into, &kept.join(", "));
        out.push((
            d,
            Finding::new(Code::CreditedMerged, &files[d].input.shown, msg),
        ));
    }
    // T001 for a task some merged file reports is withdrawn from every file of the group.
    let reported: Vec<String> = files[winner]
        .checked
        .submission
        .tasks
        .iter()
        .map(|t| t.task_id.clone())
        .collect();
    for &i in donors.iter().chain(std::iter::once(&winner)) {
        files[i].checked.submission.findings.retain(|f| {
            f.code != Code::TaskMissing
                || !reported.iter().any(|id| f.message == lang.task_missing(id))
        });
    }
    (out, rows)
}
