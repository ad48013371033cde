//! One module per subcommand: glue between the command line and the library.

mod completions;
mod consolidate;
mod plan;
mod plan_time;
mod previous;
mod report;
mod settings;
mod summary;
mod template;
mod validate;

use crate::cli::{Command, PlanCommand};
use crate::{Context, Outcome, Result};

pub(crate) use settings::{
    agency, as_of, check_output, create_out_dir, parent_dir, plan_for_period, plan_in_force,
    refuse_existing, unknown_agency,
};

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
