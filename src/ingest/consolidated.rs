//! Reading a consolidated workbook back: its very hidden `_baocao_data` sheet
//! (`crate::data_sheet`, docs/consolidated-format.md).
//!
//! [`read_consolidated`] opens the workbook with calamine, reads only the data sheet and
//! returns the consolidation's [`Data`]. It refuses, with a message naming the file, a
//! workbook that is not one baocao wrote (no data sheet), one written in a format version
//! this build does not know, and one consolidated under another plan.

use std::path::Path;

use calamine::{Data as Cell, Reader, open_workbook_auto};

use crate::data_sheet::{Data, SHEET, VERSION, from_parts};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// The consolidation stored in the workbook at `path`, which must come from plan `plan_id`.
///
/// # Errors
/// A Vietnamese (or English) message naming the file when it cannot be opened, has no data
/// sheet, has a data sheet of another version or a damaged one, or was made under another
/// plan.
pub fn read_consolidated(path: &Path, plan_id: &str, lang: Lang) -> Result<Data> {
    let data = read_consolidated_any(path, lang)?;
    same_plan(&data, path, plan_id, lang)?;
    Ok(data)
}

/// The consolidation stored in the workbook at `path`, whatever plan it was made under: for a
/// caller that reads the workbook while the plan is still loading, and then checks
/// [`same_plan`].
///
/// # Errors
/// As [`read_consolidated`], except the plan check.
pub fn read_consolidated_any(path: &Path, lang: Lang) -> Result<Data> {
    let shown = path.display().to_string();
    if !path.is_file() {
        return Err(Error::Message(lang.path_missing(&shown)));
    }
    let mut wb = open_workbook_auto(path)
        .map_err(|e| Error::Message(lang.data_sheet_unreadable(&shown, &e.to_string())))?;
    if !wb.sheet_names().iter().any(|n| n == SHEET) {
        return Err(Error::Message(lang.data_sheet_missing(&shown, SHEET)));
    }
    let range = wb
        .worksheet_range(SHEET)
        .map_err(|e| Error::Message(lang.data_sheet_unreadable(&shown, &e.to_string())))?;
    let text = |row: u32, col: u32| match range.get_value((row, col)) {
        Some(Cell::String(s)) => Some(s.clone()),
        _ => None,
    };
    let version = text(0, 0).unwrap_or_default();
    if version != VERSION {
        return Err(Error::Message(
            lang.data_sheet_version(&shown, &version, VERSION),
        ));
    }
    let count = match range.get_value((0, 1)) {
        Some(Cell::Float(n)) if *n >= 1.0 && n.fract() == 0.0 => *n as u32,
        Some(Cell::Int(n)) if *n >= 1 => *n as u32,
        _ => 0,
    };
    let parts: Option<Vec<String>> = (1..=count).map(|r| text(r, 0)).collect();
    let data = match parts {
        Some(parts) if count > 0 => from_parts(&parts)
            .map_err(|e| Error::Message(lang.data_sheet_damaged(&shown, &e.to_string())))?,
        _ => {
            return Err(Error::Message(
                lang.data_sheet_damaged(&shown, &lang.data_sheet_parts_missing()),
            ));
        }
    };
    Ok(data)
}

/// Refuses a consolidation `data` read from `path` that was made under another plan than
/// `plan_id`.
///
/// # Errors
/// The message naming the file and both plans.
pub fn same_plan(data: &Data, path: &Path, plan_id: &str, lang: Lang) -> Result<()> {
    if data.plan.id != plan_id {
        return Err(Error::Message(lang.data_sheet_other_plan(
            &path.display().to_string(),
            &data.plan.id,
            plan_id,
        )));
    }
    Ok(())
}
