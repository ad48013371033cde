//! One module per subcommand: glue between the command line and the library.

mod completions;
mod consolidate;
mod plan;
mod plan_time;
mod previous;
mod report;
mod summary;
mod template;
mod validate;

use std::path::Path;

use crate::cli::{Command, PlanCommand};
use crate::i18n::Lang;
use crate::plan::{Period, PeriodError, PeriodKind, Plan};
use crate::{Context, Error, Outcome, Result};

/// The one place a command turns a period ID into the period and the organisation in force
/// for it (the plan on the last day of its data window, `plan::timeline`). `signed` is the
/// plan as `Context::plan` loads it.
pub(crate) fn plan_for_period(ctx: &Context, signed: &Plan, id: &str) -> Result<(Plan, Period)> {
    let period = resolve_period(signed, id, ctx.lang)?;
    Ok((signed.in_force(&period), period))
}

/// The `plan show --format json` document, for tools that need it without running the
/// binary (the benchmark generator, `examples/gen_bench.rs`).
pub use plan::to_json as plan_json;

/// Runs a parsed command.
pub fn dispatch(ctx: &Context, command: Command) -> Result<Outcome> {
    match command {
        Command::Plan(PlanCommand::Check) => plan::check(ctx),
        Command::Plan(PlanCommand::Show(args)) => plan::show(ctx, &args),
        Command::Plan(PlanCommand::History(args)) => plan_time::history(ctx, &args),
        Command::Plan(PlanCommand::Diff(args)) => plan_time::diff(ctx, &args),
        Command::Plan(PlanCommand::Import(args)) => plan_time::import(ctx, &args),
        Command::Template(args) => template::run(ctx, &args),
        Command::Validate(args) => validate::run(ctx, &args),
        Command::Consolidate(args) => consolidate::run(ctx, &args),
        Command::Completions(args) => completions::completions(ctx, &args),
        Command::Man(args) => completions::man(ctx, &args),
        Command::Report(args) => report::run(ctx, &args),
        Command::Summary(args) => summary::run(ctx, &args),
    }
}

/// Creates `dir` and its parents when missing: every command that writes files
/// (`template --out`, `man --out`, `validate --annotate`, `consolidate --out`) makes the folder
/// it is asked to write into, the same way.
///
/// # Errors
/// A message naming the folder and the system's reason.
pub(crate) fn create_out_dir(dir: &Path, lang: Lang) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Message(lang.io_write(&dir.display().to_string(), &io_reason(&e, lang)))
    })
}

/// A short reason in the user's language for the common cases, else the system's words.
pub(crate) fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => lang.io_permission_denied(),
        ErrorKind::ReadOnlyFilesystem => lang.io_read_only(),
        ErrorKind::StorageFull => lang.io_disk_full(),
        ErrorKind::NotADirectory => lang.io_not_a_folder(),
        _ => e.to_string(),
    }
}

/// The folder a file is written into (`.` for a bare name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The period `id` of `plan`, or the one message every command gives for a period it cannot
/// use: a kind the plan switches off is named with its setting; anything else lists the IDs
/// the plan does accept.
///
/// # Errors
/// That message.
pub(crate) fn resolve_period(plan: &Plan, id: &str, lang: Lang) -> Result<Period> {
    let err = match plan.period(id) {
        Ok(p) => return Ok(p),
        Err(e) => e,
    };
    let year = id
        .trim()
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (1900..=9998).contains(y))
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let examples: Vec<String> = plan
        .periods
        .example_ids(year)
        .iter()
        .map(|i| format!("`{i}`"))
        .collect();
    let first = match err {
        PeriodError::Disabled(kind) => {
            let (name, key) = match kind {
                PeriodKind::Year => (lang.period_kind_year(), "year"),
                PeriodKind::HalfYear => (lang.period_kind_half_year(), "half_year"),
                PeriodKind::Quarter => (lang.period_kind_quarter(), "quarter"),
                PeriodKind::Month | PeriodKind::AdHoc => (lang.period_kind_month(), "month"),
            };
            lang.period_disabled(id.trim(), &name, key)
        }
        PeriodError::Unknown => lang.unknown_period(id),
    };
    Err(Error::Message(format!(
        "{first}\n  → {}",
        lang.period_valid_ids(&examples.join(", "))
    )))
}
