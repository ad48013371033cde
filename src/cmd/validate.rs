//! `baocao validate`: check submissions one by one and print every finding.

use std::io::Write;

use serde_json::json;

use crate::check::{self, Checked, Options};
use crate::cli::{Format, ValidateArgs};
use crate::diag::{self, Counts, render};
use crate::error::Error;
use crate::plan::Plan;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ValidateArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let signed = ctx.plan()?;
    let as_of = util::as_of_or_today(args.as_of.as_deref(), lang)?;
    // With `--period`, the organisation in force for it; without, each file's own period
    // decides (check::check_workbook).
    let (plan, period) = match &args.period {
        Some(p) => {
            let (plan, period) = super::plan_for_period(ctx, &signed, p)?;
            (plan, Some(period))
        }
        None => (signed, None),
    };
    let agency = match &args.agency {
        Some(code) => Some(
            plan.find_agency(code)
                .ok_or_else(|| Error::Message(super::plan::unknown_agency(&plan, code, lang)))?
                .code
                .clone(),
        ),
        None => None,
    };
    if args.annotate.is_some() && args.files.len() != 1 {
        return Err(Error::Message(lang.annotate_one_file()));
    }
    for f in &args.files {
        if std::fs::symlink_metadata(f).is_err() {
            return Err(Error::Message(lang.path_missing(&f.display().to_string())));
        }
    }
    let opts = Options {
        plan: &plan,
        lang,
        as_of,
        period: period.as_ref(),
        agency: agency.as_deref(),
    };
    let limits = crate::ingest::Limits::default();
    let results: Vec<(String, Checked)> = args
        .files
        .iter()
        .map(|p| {
            let shown = p.display().to_string();
            let checked = check::check_file(p, &shown, &opts, &limits);
            (shown, checked)
        })
        .collect();

    if let Some(out) = &args.annotate {
        let (shown, checked) = &results[0];
        // An unreadable file still gets a copy: its findings sheet says why.
        let wb = crate::ingest::open(&args.files[0], shown, lang, &limits).ok();
        let sub = &checked.submission;
        // An identified report is copied onto a fresh template of its agency and period, the
        // file the agency corrects and sends back; anything else is copied as it was read.
        let file_period = || sub.period.as_deref().and_then(|p| plan.period(p).ok());
        let period = period.clone().or_else(file_period);
        // The template of the organisation in force for that period (`plan` already is, when
        // `--period` was given; else it is the plan as signed).
        let in_force = match (&args.period, &period) {
            (None, Some(p)) => Some(plan.in_force(p)),
            _ => None,
        };
        let plan = in_force.as_ref().unwrap_or(&plan);
        let agency = sub.agency.as_deref().and_then(|a| plan.agency(a));
        let built = match (&wb, agency, &period) {
            (Some(wb), Some(a), Some(p)) => crate::report::annotate::build_on_template(
                plan,
                a,
                p,
                as_of,
                wb,
                &sub.findings,
                lang,
            ),
            _ => crate::report::annotate::build(wb.as_ref(), &sub.findings, lang, as_of),
        };
        let bytes = built.map_err(|e| {
            Error::Message(lang.io_write(&out.display().to_string(), &e.to_string()))
        })?;
        super::create_out_dir(super::parent_dir(out), lang)?;
        util::write_atomic(out, &bytes, args.force, lang)?;
    }

    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let all: Vec<&diag::Finding> = results
        .iter()
        .flat_map(|(_, c)| c.submission.findings.iter())
        .collect();
    let total = Counts::of(all.iter().copied());
    match args.format {
        Format::Json => {
            let v = to_json(&results, &plan, total);
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            )
            .map_err(io)?;
        }
        Format::Text => {
            for (shown, c) in &results {
                let s = &c.submission;
                let who = match (&s.agency, &s.period) {
                    (Some(a), Some(p)) => format!(
                        " ({a} — {}, {})",
                        plan.agency(a).map_or("", |x| x.name.as_str()),
                        lang.period_word(p)
                    ),
                    (Some(a), None) => format!(" ({a})"),
                    _ => String::new(),
                };
                let refs: Vec<&diag::Finding> = s.findings.iter().collect();
                let bold = anstyle::Style::new().bold();
                writeln!(out, "{bold}{shown}{bold:#}{who}").map_err(io)?;
                for f in &refs {
                    render::write_finding(&mut out, f, lang, false).map_err(io)?;
                }
                let c = Counts::of(refs.iter().copied());
                write!(out, "  ").map_err(io)?;
                render::write_summary(&mut out, c.errors, c.warnings, lang).map_err(io)?;
            }
            if results.len() > 1 {
                write!(out, "{} ", lang.total_word()).map_err(io)?;
                render::write_summary(&mut out, total.errors, total.warnings, lang).map_err(io)?;
            }
            if let Some(p) = &args.annotate {
                writeln!(out, "{}", lang.wrote_file(&p.display().to_string())).map_err(io)?;
            }
        }
    }
    Ok(if total.errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

fn to_json(results: &[(String, Checked)], plan: &Plan, total: Counts) -> serde_json::Value {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|(shown, c)| {
            let s = &c.submission;
            let findings: Vec<render::JsonFinding> = s.findings.iter().map(render::JsonFinding::from).collect();
            json!({
                "file": shown,
                "format": c.format,
                "agency": s.agency,
                "agency_name": s.agency.as_deref().and_then(|a| plan.agency(a)).map(|a| a.name.clone()),
                "period": s.period,
                "report_date": s.report_date.map(|d| d.to_string()),
                "tasks": s.tasks.len(),
                "indicators": s.indicators.len(),
                "counts": Counts::of(&s.findings),
                "findings": findings,
            })
        })
        .collect();
    json!({ "counts": total, "files": files })
}
