//! One module per subcommand: glue between the command line and the library.

mod completions;
mod consolidate;
mod plan;
mod plan_time;
mod template;
mod validate;

use crate::cli::{Command, PlanCommand};
use crate::error::Error;
use crate::plan::{Period, Plan};
use crate::{Context, Outcome, Result};

/// The one place a command turns a period ID into the period and the organisation in force
/// for it (the plan on the last day of its data window, `plan::timeline`). `signed` is the
/// plan as `Context::plan` loads it.
pub(crate) fn plan_for_period(ctx: &Context, signed: &Plan, id: &str) -> Result<(Plan, Period)> {
    let lang = ctx.lang;
    let period = signed.period(id).map_err(|_| {
        Error::Message(format!(
            "{}\n  → {}",
            lang.unknown_period(id),
            lang.unknown_period_help()
        ))
    })?;
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
    }
}
