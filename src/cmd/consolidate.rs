//! `baocao consolidate`: a period's submissions in, one consolidated workbook out.

use std::io::{IsTerminal, Write};

use serde_json::json;

use crate::cli::ConsolidateArgs;
use crate::consolidate::{self, ReceiptLog};
use crate::error::Error;
use crate::report::consolidated;
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &ConsolidateArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let plan = ctx.plan()?;
    let as_of = util::as_of_or_today(args.as_of.as_deref(), lang)?;
    let period = plan.period(&args.period).map_err(|_| {
        Error::Message(format!(
            "{}\n  → {}",
            lang.unknown_period(&args.period),
            lang.unknown_period_help()
        ))
    })?;
    if !args.force && args.out.exists() {
        return Err(Error::Message(
            lang.output_exists(&args.out.display().to_string()),
        ));
    }
    let log = args
        .received
        .as_deref()
        .map(|p| ReceiptLog::read(p, lang))
        .transpose()?;
    let inputs = consolidate::gather(&args.dirs, lang)?;

    let bar = (std::io::stderr().is_terminal() && inputs.len() >= 20).then(|| {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
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
    let c = consolidate::consolidate(&plan, &period, as_of, &inputs, log.as_ref(), lang, &tick);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let bytes = consolidated::build(&plan, &c).map_err(|e| {
        Error::Message(lang.io_write(&args.out.display().to_string(), &e.to_string()))
    })?;
    util::write_atomic(&args.out, &bytes, args.force, lang)?;

    let t = &c.totals;
    let summary = json!({
        "period": {"id": c.period.id, "start": c.period.start.to_string(), "end": c.period.end.to_string(), "due": c.period.due.to_string()},
        "as_of": c.as_of.to_string(),
        "totals": t,
        "agencies": c.agencies,
        "output": args.out.display().to_string(),
    });
    if let Some(p) = &args.json {
        let text =
            serde_json::to_string_pretty(&summary).map_err(|e| Error::Message(e.to_string()))?;
        util::write_atomic(p, text.as_bytes(), true, lang)?;
    }
    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let bold = anstyle::Style::new().bold();
    writeln!(
        out,
        "{bold}{}{bold:#}",
        lang.consolidate_title(&c.period.name, &crate::plan::fmt_date(c.as_of))
    )
    .map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.consolidate_counts(
            t.expected, t.received, t.on_time, t.late, t.missing, t.invalid
        )
    )
    .map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.consolidate_rates(t.reporting_rate, t.on_time_rate)
    )
    .map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.consolidate_tasks(
            t.tasks_done,
            t.tasks_in_progress,
            t.tasks_not_started,
            t.tasks_overdue
        )
    )
    .map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.consolidate_files(t.files, t.errors, t.warnings)
    )
    .map_err(io)?;
    writeln!(out, "{}", lang.wrote_file(&args.out.display().to_string())).map_err(io)?;
    if let Some(p) = &args.json {
        writeln!(out, "{}", lang.wrote_file(&p.display().to_string())).map_err(io)?;
    }
    Ok(Outcome::Clean)
}
