//! baocao: the plan as code, report templates, validation and consolidation of the reports
//! that agencies send under the Đắk Lắk plan implementing Resolution 47/NQ-CP.
//!
//! Data flows plan → ingest → check → report: `plan` holds what was asked of whom; `ingest`
//! (all calamine code) reads a submission into cells; `check` turns cells into findings and
//! facts; `report` (all rust_xlsxwriter code) writes templates, annotated copies and the
//! consolidated workbook. `cmd` glues each subcommand; `main.rs` only calls [`run_from_env`].

// Library code never unwraps: a bad input is a finding, a failed operation an `Error`, and a
// panic in a third-party reader is caught per file (docs/robustness.md). Tests may unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod check;
pub mod cli;
pub mod cli_lang;
pub mod cmd;
pub mod console;
pub mod consolidate;
pub mod data_sheet;
pub mod diag;
pub mod error;
pub mod format;
pub mod history;
pub mod i18n;
pub mod ingest;
pub mod plan;
pub mod report;
pub mod summary;
pub mod util;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub use error::{Error, Result};
use i18n::Lang;

/// How a run ended, when baocao could do its job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong found (warnings allowed): exit 0.
    Clean,
    /// The checked input has errors: exit 1.
    Problems,
}

/// What every command needs besides its own arguments.
pub struct Context {
    pub lang: Lang,
    pub plan_dir: Option<PathBuf>,
    pub color: anstream::ColorChoice,
}

impl Context {
    /// The plan's files: `--plan DIR` / `BAOCAO_PLAN`, else the plan embedded in the binary.
    pub fn plan_source(&self) -> Result<plan::PlanSource> {
        match &self.plan_dir {
            Some(dir) => plan::PlanSource::from_dir(dir, self.lang),
            None => Ok(plan::PlanSource::embedded()),
        }
    }

    /// The checked plan, or an error (exit 2) when it has errors.
    pub fn plan(&self) -> Result<plan::Plan> {
        plan::load_or_fail(&self.plan_source()?, self.lang)
    }

    /// Standard output, coloured according to `--color` and `NO_COLOR`.
    pub fn stdout(&self) -> anstream::AutoStream<std::io::Stdout> {
        anstream::AutoStream::new(std::io::stdout(), self.color)
    }

    /// Standard error, coloured according to `--color` and `NO_COLOR`.
    pub fn stderr(&self) -> anstream::AutoStream<std::io::Stderr> {
        anstream::AutoStream::new(std::io::stderr(), self.color)
    }
}

/// Runs baocao with the process's arguments and returns its exit code.
///
/// Started from Explorer on Windows ([`console::owned`]): without arguments it shows how to
/// use baocao instead of a usage error, and in every case it waits for Enter before the
/// window closes.
pub fn run_from_env() -> ExitCode {
    ingest::quiet_reader_panics();
    let args: Vec<OsString> = std::env::args_os().collect();
    if !console::owned() {
        return run(args);
    }
    let lang = cli_lang::scan_lang(&args);
    let code = if args.len() <= 1 {
        let _ = writeln!(anstream::stdout(), "{}", console::explorer_usage(lang));
        ExitCode::SUCCESS
    } else {
        run(args)
    };
    console::wait_for_enter(lang);
    code
}

/// Runs baocao with the given arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let lang = cli_lang::scan_lang(&args);
    let parsed = cli_lang::command(lang)
        .try_get_matches_from(&args)
        .and_then(|m| <cli::Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            let _ = write!(anstream::stderr(), "{}", cli_lang::usage_error(&e, lang));
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let color = match cli.global.color {
        cli::ColorWhen::Auto => anstream::ColorChoice::Auto,
        cli::ColorWhen::Always => anstream::ColorChoice::Always,
        cli::ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let ctx = Context {
        lang: cli.global.lang,
        plan_dir: cli.global.plan.clone(),
        color,
    };
    match cmd::dispatch(&ctx, cli.command) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = ctx.stderr();
            report_error(&mut err, &ctx, &e);
            ExitCode::from(2)
        }
    }
}

fn report_error(out: &mut dyn Write, ctx: &Context, e: &Error) {
    let style = anstyle::AnsiColor::Red.on_default().bold();
    if let Error::PlanInvalid { findings, .. } = e {
        for f in findings
            .iter()
            .filter(|f| f.severity == diag::Severity::Error)
        {
            let _ = diag::render::write_finding(out, f, ctx.lang, true);
        }
    }
    let _ = writeln!(out, "{style}{}{style:#}: {e}", ctx.lang.error_prefix());
}
