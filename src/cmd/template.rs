//! `baocao template`: writes `<CODE>-<P>.xlsx` for each chosen agency.
//!
//! Glue only: the workbook is built by `report::template`. Every target is checked before
//! anything is written, so a refused run (an existing file without `--force`, an unknown
//! agency or period) leaves the output folder as it was.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::plan::{Agency, Period, Plan};
use crate::report::{build_template, template_file_name};
use crate::util::write_atomic;
use crate::{Context, Outcome, Result};

pub fn run(ctx: &Context, args: &TemplateArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    let (plan, period) = super::plan_for_period(ctx, &ctx.plan()?, &args.period)?;
    let as_of = super::as_of(args.as_of.as_deref(), lang)?;
    let agencies = chosen_agencies(ctx, &plan, &period, &args.agencies)?;
    let targets: Vec<(&Agency, PathBuf)> = agencies
        .into_iter()
        .map(|a| (a, args.out.join(template_file_name(a, &period))))
        .collect();
    for (_, p) in &targets {
        super::refuse_existing(p, args.force, lang)?;
    }
    super::create_out_dir(&args.out, lang)?;

    let mut out = ctx.stdout();
    for (agency, path) in &targets {
        let bytes = build_template(&plan, agency, &period, as_of).map_err(|e| {
            Error::Message(lang.template_build_failed(&agency.code, &e.to_string()))
        })?;
        write_atomic(path, &bytes, args.force, lang)?;
        let shown = path.display().to_string();
        let line = lang.template_wrote(
            &shown,
            plan.tasks_for(&agency.code).len(),
            plan.indicators_for(&agency.code).len(),
        );
        writeln!(out, "{line}")
            .map_err(|e| Error::Message(lang.io_write("stdout", &e.to_string())))?;
    }
    Ok(Outcome::Clean)
}

/// `--agency` codes (case-insensitive, duplicates dropped, in the order given), or every
/// agency the plan expects a report from for `period`.
fn chosen_agencies<'p>(
    ctx: &Context,
    plan: &'p Plan,
    period: &Period,
    codes: &[String],
) -> Result<Vec<&'p Agency>> {
    let lang: Lang = ctx.lang;
    let reporters = plan.reporters(period);
    if codes.is_empty() {
        if reporters.is_empty() {
            return Err(Error::Message(lang.template_no_reporters(&period.id)));
        }
        return Ok(reporters);
    }
    let mut chosen: Vec<&Agency> = Vec::new();
    for code in codes {
        let a = super::agency(plan, code, lang)?;
        if !chosen.iter().any(|c| c.code == a.code) {
            chosen.push(a);
        }
    }
    let mut err = ctx.stderr();
    for a in &chosen {
        if !reporters.iter().any(|r| r.code == a.code) {
            let _ = writeln!(
                err,
                "{}: {}",
                lang.warning_prefix(),
                lang.template_not_reporter(&a.code, &period.id)
            );
        }
    }
    Ok(chosen)
}
