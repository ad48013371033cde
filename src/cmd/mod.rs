//! One module per subcommand: glue between the command line and the library.

mod completions;
mod consolidate;
mod plan;
mod template;
mod validate;

use crate::cli::{Command, PlanCommand};
use crate::{Context, Outcome, Result};

/// The `plan show --format json` document, for tools that need it without running the
/// binary (the benchmark generator, `examples/gen_bench.rs`).
pub use plan::to_json as plan_json;

/// Runs a parsed command.
pub fn dispatch(ctx: &Context, command: Command) -> Result<Outcome> {
    match command {
        Command::Plan(PlanCommand::Check) => plan::check(ctx),
        Command::Plan(PlanCommand::Show(args)) => plan::show(ctx, &args),
        Command::Template(args) => template::run(ctx, &args),
        Command::Validate(args) => validate::run(ctx, &args),
        Command::Consolidate(args) => consolidate::run(ctx, &args),
        Command::Completions(args) => completions::completions(ctx, &args),
        Command::Man(args) => completions::man(ctx, &args),
    }
}
