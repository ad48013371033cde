//! `baocao summary`: consolidated workbooks (or folders of them) in, one summary workbook
//! over their periods out.
//!
//! The output is checked before anything is read; each workbook's data comes from its data
//! sheet (`ingest::read_consolidated`, which refuses a file that is not a consolidation, one
//! of another plan or of an unknown version, naming the file); the model is
//! `summary::build` (which refuses two workbooks of one period), the workbook
//! `report::summary::build`, written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cli::SummaryArgs;
use crate::error::Error;
use crate::i18n::{Lang, Num};
use crate::ingest::read_consolidated;
use crate::summary::{HistoryError, Input};
use crate::{Context, Outcome, Result, util};

pub fn run(ctx: &Context, args: &SummaryArgs) -> Result<Outcome> {
    let lang = ctx.lang;
    super::check_output(&args.out, args.force, lang)?;
    let plan = ctx.plan()?;
    let files = list(&args.inputs, &args.out, lang)?;
    // Each workbook is read on its own (calamine, then the JSON): one per core.
    let inputs = files
        .par_iter()
        .map(|(path, shown)| {
            let data = read_consolidated(path, &plan.meta.id, lang)?;
            Ok(Input {
                shown: shown.clone(),
                data,
            })
        })
        .collect::<Vec<Result<Input>>>()
        // The first refusal in the order given, whichever thread met it first.
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    let summary = crate::summary::build(&plan, inputs).map_err(|r| match r {
        HistoryError::Empty => Error::Message(lang.summary_nothing()),
        HistoryError::SamePeriod {
            period,
            first,
            second,
        } => Error::Message(lang.summary_same_period(&period, &first, &second)),
    })?;
    let shown = args.out.display().to_string();
    let bytes = crate::report::summary::build(&summary)
        .map_err(|e| Error::Message(lang.io_write(&shown, &e.to_string())))?;
    util::write_atomic(&args.out, &bytes, args.force, lang)?;
    let io = |e: std::io::Error| Error::output(&e, lang);
    let mut out = ctx.stdout();
    let span = crate::report::summary::span(&summary);
    writeln!(
        out,
        "{}",
        lang.summary_written(
            &shown,
            &span,
            Num::from(summary.periods.len()),
            Num::from(summary.agencies.len())
        )
    )
    .map_err(io)?;
    writeln!(
        out,
        "{}",
        lang.summary_lists(
            Num::from(summary.rarely.len()),
            Num::from(summary.undone.len())
        )
    )
    .map_err(io)?;
    Ok(Outcome::Clean)
}

/// The workbooks to read, with the name each is shown by: a file as given; a folder's
/// `.xlsx` files (not its subfolders, not Excel's `~$` lock files, not the output itself),
/// sorted by name.
fn list(inputs: &[PathBuf], out: &Path, lang: Lang) -> Result<Vec<(PathBuf, String)>> {
    let out_abs = std::fs::canonicalize(out).ok();
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push((input.clone(), input.display().to_string()));
            continue;
        }
        let shown = input.display().to_string();
        let entries = std::fs::read_dir(input).map_err(|e| {
            Error::Message(lang.io_read(&shown, &super::settings::io_reason(&e, lang)))
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_workbook(p))
            .filter(|p| out_abs.is_none() || std::fs::canonicalize(p).ok() != out_abs)
            .collect();
        if found.is_empty() {
            return Err(Error::Message(lang.summary_folder_empty(&shown)));
        }
        found.sort();
        files.extend(found.into_iter().map(|p| {
            let s = p.display().to_string();
            (p, s)
        }));
    }
    Ok(files)
}

fn is_workbook(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !name.starts_with("~$")
        && !name.starts_with('.')
        && p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}
