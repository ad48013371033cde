//! `consolidate --previous`: earlier consolidations read back and compared with the one being
//! made (glue between `ingest::read_consolidated`, `history` and the consolidation).
//!
//! The earlier workbooks are read before any submission, so a wrong `--previous` (not a
//! consolidation, another plan, the same or a later period) stops the run at once.

use std::path::{Path, PathBuf};

use crate::consolidate::Consolidation;
use crate::diag::{CellRef, Code, Finding};
use crate::error::Error;
use crate::history::compare::{Comparison, Jump};
use crate::history::{History, HistoryError, Period};
use crate::i18n::Lang;
use crate::plan::{Period as PlanPeriod, Plan};
use crate::{Result, ingest};

/// The workbooks `--previous` names: each file, and the `.xlsx` files of each folder (not
/// its subfolders; Office lock files `~$…` skipped), sorted.
fn workbooks(paths: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let shown = p.display().to_string();
        let entries = std::fs::read_dir(p)
            .map_err(|e| Error::Message(lang.path_missing(&format!("{shown}: {e}"))))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file() && is_consolidation_name(f))
            .collect();
        if found.is_empty() {
            return Err(Error::Message(lang.previous_folder_empty(&shown)));
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

fn is_consolidation_name(f: &Path) -> bool {
    let name = f
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".xlsx") && !name.starts_with("~$") && !name.starts_with('.')
}

/// Reads every earlier consolidation; refuses one of another plan or format version (the
/// reader's messages), one of the period being consolidated or a later one, and two of one
/// period.
pub(super) fn read(
    paths: &[PathBuf],
    plan: &Plan,
    period: &PlanPeriod,
    lang: Lang,
) -> Result<Vec<Period>> {
    let mut out: Vec<Period> = Vec::new();
    for path in workbooks(paths, lang)? {
        let data = ingest::read_consolidated(&path, &plan.meta.id, lang)?;
        let source = path.display().to_string();
        if data.period.id == period.id || data.period.start >= period.start {
            return Err(Error::Message(lang.previous_not_earlier(
                &source,
                &data.period.id,
                &period.id,
            )));
        }
        if let Some(first) = out.iter().find(|p| p.data.period.id == data.period.id) {
            return Err(Error::Message(lang.previous_same_period(
                &data.period.id,
                &first.source,
                &source,
            )));
        }
        out.push(Period { source, data });
    }
    Ok(out)
}

/// The consolidation compared with the earlier ones; its findings (C001–C003) are added to
/// the consolidation's own, at the current value's cell.
pub(super) fn compare(
    plan: &Plan,
    c: &mut Consolidation,
    earlier: Vec<Period>,
    lang: Lang,
) -> Result<Option<Comparison>> {
    if earlier.is_empty() {
        return Ok(None);
    }
    let mut periods = earlier;
    periods.push(Period {
        source: String::new(),
        data: crate::data_sheet::from_consolidation(plan, c),
    });
    let history = History::new(plan, periods).map_err(|e| match e {
        HistoryError::SamePeriod {
            period,
            first,
            second,
        } => Error::Message(lang.previous_same_period(&period, &first, &second)),
        HistoryError::Empty => Error::Message(lang.previous_folder_empty("")),
    })?;
    let Some(cmp) = Comparison::new(&history, plan.consistency) else {
        return Ok(None);
    };
    let files: std::collections::HashMap<&str, usize> = c
        .agencies
        .iter()
        .filter_map(|a| Some((a.code.as_str(), a.file?)))
        .collect();
    let mut extra = Vec::new();
    for v in cmp.jumps() {
        let (Some(jump), Some(&file)) = (v.jump, files.get(v.agency.as_str())) else {
            continue;
        };
        extra.push((file, jump_finding(c, &cmp, v, jump, file, lang)));
    }
    c.extra.extend(extra);
    Ok(Some(cmp))
}

fn jump_finding(
    c: &Consolidation,
    cmp: &Comparison,
    v: &crate::history::compare::ValueChange,
    jump: Jump,
    file: usize,
    lang: Lang,
) -> Finding {
    // `1.250 (STC-2026.xlsx › Chỉ tiêu!D8)`: the value and where it was read, each period.
    let at = |x: Option<f64>, src: &str| {
        format!("{} ({src})", x.map_or_else(String::new, |x| lang.number(x)))
    };
    let (now, then) = (at(v.now, &v.now_source), at(v.then, &v.then_source));
    let what = lang.jump_what(&v.indicator, &v.agency);
    let (period, previous) = (cmp.current.id.as_str(), cmp.previous.id.as_str());
    let (code, message, help) = match jump {
        Jump::Up { factor } => (
            Code::ValueJumpUp,
            lang.jump_up(&what, period, &now, &lang.decimal1(factor), previous, &then),
            lang.jump_up_help(),
        ),
        Jump::Down { percent } => (
            Code::ValueJumpDown,
            lang.jump_down(
                &what,
                period,
                &now,
                &lang.decimal1(percent),
                previous,
                &then,
            ),
            lang.jump_down_help(),
        ),
        Jump::FromZero => (
            Code::ValueFromZero,
            lang.jump_from_zero(&what, period, &now, previous, &then),
            lang.jump_from_zero_help(),
        ),
    };
    let shown = c.files.get(file).map_or("", |f| f.input.shown.as_str());
    let mut f = Finding::new(code, shown, message).help(help);
    // The current cell: the last `sheet!cell` of the first source (`file › sheet!cell`).
    let cell = v
        .now_source
        .split("; ")
        .next()
        .and_then(|s| s.rsplit_once(" › "));
    if let Some((sheet, cell)) = cell.and_then(|(_, at)| at.rsplit_once('!'))
        && let Some(cr) = CellRef::parse(cell)
    {
        f = f.at_cell(sheet, cr);
    }
    f
}
