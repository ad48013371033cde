//! `baocao consolidate`: a period's submissions in, one consolidated workbook out.
//!
//! Everything that can stop the run (unknown period, an output that exists or cannot be
//! written, an unreadable receipt log) is checked before any submission is read, so the
//! officer never waits for files to be read only to learn the output folder is wrong.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;

use crate::cli::ConsolidateArgs;
use crate::consolidate::{self, Consolidation, Input, Inputs, ReceiptLog};
use crate::error::Error;
use crate::i18n::Lang;
use crate::report::consolidated;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ConsolidateArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let as_of = util::as_of_or_today(args.as_of.as_deref(), lang)?;
    let outputs: Vec<&Path> = std::iter::once(args.out.as_path())
        .chain(args.json.as_deref())
        .collect();
    for out in &outputs {
        check_output(out, args.force, lang)?;
    }
    // The plan loads while the first submissions are read and opened (that needs no plan):
    // the load leaves a core idle at moments (listing, the final checks of the plan).
    let plan_ready = AtomicBool::new(false);
    let (plan, listed) = rayon::join(
        || {
            let plan = ctx.plan();
            plan_ready.store(true, Ordering::Relaxed);
            plan
        },
        || -> Result<_> {
            // The receipt log is the officer's, not a submission, even inside the folder.
            let own: Vec<&Path> = outputs
                .iter()
                .copied()
                .chain(args.received.as_deref())
                .collect();
            let files = without_outputs(consolidate::gather(&args.dirs, lang)?, &own);
            let files = without_plan(files, ctx.plan_dir.as_deref());
            Ok(Inputs::from(files).prefetch(lang, &plan_ready))
        },
    );
    let (plan, period) = super::plan_for_period(ctx, &plan?, &args.period)?;
    let log = args
        .received
        .as_deref()
        .map(|p| ReceiptLog::read(p, lang))
        .transpose()?;
    let earlier = super::previous::read(&args.previous, &plan, &period, lang)?;
    let inputs = listed?;
    let count = inputs.files.len();

    let bar = (std::io::stderr().is_terminal() && count >= 20).then(|| {
        let b = indicatif::ProgressBar::new(count as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
            b.set_style(style);
        }
        b
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let mut c = consolidate::consolidate(&plan, &period, as_of, inputs, log.as_ref(), lang, &tick);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let cmp = super::previous::compare(&plan, &mut c, earlier, lang)?;
    let bytes = consolidated::build_compared(&plan, &c, cmp.as_ref()).map_err(|e| {
        Error::Message(lang.io_write(&args.out.display().to_string(), &e.to_string()))
    })?;
    util::write_atomic(&args.out, &bytes, args.force, lang)?;
    if let Some(p) = &args.json {
        let mut doc = summary_json(&c, &args.out);
        if let (Some(cmp), Some(o)) = (&cmp, doc.as_object_mut()) {
            o.insert(
                "comparison".into(),
                serde_json::to_value(cmp).unwrap_or_default(),
            );
        }
        let text = serde_json::to_string_pretty(&doc).map_err(|e| Error::Message(e.to_string()))?;
        util::write_atomic(p, format!("{text}\n").as_bytes(), args.force, lang)?;
    }
    print_summary(ctx, &c, args, cmp.as_ref())?;
    Ok(Outcome::Clean)
}

/// Refuses, before any work, an output that exists (without `--force`) or whose folder is not
/// a folder or not writable; a missing folder is created, as every command does.
pub(super) fn check_output(out: &Path, force: bool, lang: Lang) -> Result<()> {
    let shown = out.display().to_string();
    if out.is_dir() {
        return Err(Error::Message(lang.output_is_dir(&shown)));
    }
    if !force && out.exists() {
        return Err(Error::Message(lang.output_exists(&shown)));
    }
    // A workbook open in Excel cannot be replaced: say so now, not after reading everything.
    util::check_not_held_open(out, lang)?;
    let dir = super::parent_dir(out).to_path_buf();
    let dir_shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Message(lang.output_dir_not_dir(&dir_shown, &shown)));
    }
    super::create_out_dir(&dir, lang)?;
    // The only reliable test of permission is to try: a temporary file, removed at once.
    util::probe_writable(&dir).map_err(|e| {
        Error::Message(lang.output_dir_unwritable(&dir_shown, &shown, &super::io_reason(&e, lang)))
    })
}

/// Leaves out the workbook and JSON being written, when they sit in a folder being read, so
/// a second run with `--force` does not read its own output as a submission.
fn without_outputs(inputs: Vec<Input>, outputs: &[&Path]) -> Vec<Input> {
    let targets: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    if targets.is_empty() {
        return inputs;
    }
    inputs
        .into_iter()
        .filter(|i| {
            i.path
                .canonicalize()
                .map_or(true, |p| !targets.contains(&p))
        })
        .collect()
}

/// The inputs outside the plan folder (`--plan`), when it sits inside an input folder: its
/// YAML files are the plan, not submissions to list in `Nguồn`.
fn without_plan(inputs: Vec<Input>, plan: Option<&Path>) -> Vec<Input> {
    let Some(dir) = plan.and_then(|p| p.canonicalize().ok()) else {
        return inputs;
    };
    inputs
        .into_iter()
        .filter(|i| i.path.canonicalize().map_or(true, |p| !p.starts_with(&dir)))
        .collect()
}

/// The figures of `Tổng hợp`, every agency row and every file, for scripts.
fn summary_json(c: &Consolidation, out: &Path) -> serde_json::Value {
    let files: Vec<serde_json::Value> = c
        .files
        .iter()
        .map(|f| {
            let s = &f.checked.submission;
            json!({
                "path": f.input.shown,
                "format": f.checked.format.map(|x| x.label()),
                "size": f.size,
                "sha256": f.sha256,
                "agency": s.agency,
                "period": s.period,
                "report_date": s.report_date.map(|d| d.to_string()),
                "role": f.role,
                "role_label": consolidated::role_label(f.role),
            })
        })
        .collect();
    let agencies: Vec<serde_json::Value> = c
        .agencies
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "status_label".into(),
                    consolidated::submit_label(a.status).into(),
                );
                o.insert(
                    "received_source_label".into(),
                    a.received_source.map(consolidated::source_label).into(),
                );
                if a.file.is_none() {
                    // Nothing was reported: null, as the workbook leaves these blank, never 0.
                    for k in [
                        "done",
                        "in_progress",
                        "not_started",
                        "overdue",
                        "errors",
                        "warnings",
                    ] {
                        o.insert(k.into(), serde_json::Value::Null);
                    }
                }
            }
            v
        })
        .collect();
    json!({
        "period": {
            "id": c.period.id,
            "name": c.period.name,
            "start": c.period.start.to_string(),
            "end": c.period.end.to_string(),
            "due": c.period.due.to_string(),
        },
        "as_of": c.as_of.to_string(),
        "totals": c.totals,
        "agencies": agencies,
        "files": files,
        "output": out.display().to_string(),
    })
}

fn print_summary(
    ctx: &Context,
    c: &Consolidation,
    args: &ConsolidateArgs,
    cmp: Option<&crate::history::compare::Comparison>,
) -> Result<()> {
    let lang = ctx.lang;
    let t = &c.totals;
    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let bold = anstyle::Style::new().bold();
    let title = lang.consolidate_title(&c.period.name, &crate::plan::fmt_date(c.as_of));
    let mut lines = vec![
        format!("{bold}{title}{bold:#}"),
        lang.consolidate_counts(
            t.expected, t.received, t.on_time, t.late, t.missing, t.invalid,
        ),
        lang.consolidate_rates(
            &lang.decimal1(t.reporting_rate),
            &lang.decimal1(t.on_time_rate),
        ),
        lang.consolidate_tasks(
            t.tasks_done,
            t.tasks_in_progress,
            t.tasks_not_started,
            t.tasks_overdue,
        ),
        lang.consolidate_files(t.files, t.errors, t.warnings),
    ];
    let unused = t.files - t.files_used;
    if unused > 0 {
        lines.push(lang.consolidate_unused_files(
            unused,
            t.files_superseded,
            t.files_other_period,
            t.files_unreadable,
            t.files_unidentified + t.files_not_expected,
        ));
    }
    if t.files_not_yet_received > 0 {
        lines.push(lang.consolidate_not_yet_received(t.files_not_yet_received));
    }
    if let Some(cmp) = cmp {
        let (better, worse) = cmp.trend_counts();
        let names: Vec<&str> = cmp.earlier.iter().map(|p| p.name.as_str()).collect();
        lines.push(lang.consolidate_compared(
            &names.join(", "),
            cmp.jumps().count(),
            cmp.newly_done(),
            better,
            worse,
        ));
    }
    lines.push(lang.wrote_file(&args.out.display().to_string()));
    if let Some(p) = &args.json {
        lines.push(lang.wrote_file(&p.display().to_string()));
    }
    for l in lines {
        writeln!(out, "{l}").map_err(io)?;
    }
    Ok(())
}
