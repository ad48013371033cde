//! The very hidden data sheet (`crate::data_sheet`): the consolidation as one JSON document.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cells::*;
use crate::consolidate::Consolidation;
use crate::plan::Plan;
use rust_xlsxwriter::Workbook;

/// The very hidden `_baocao_data` sheet: the version in `A1`, the number of parts in `B1`, the
/// parts of the JSON document in `A2`, `A3`, … (`crate::data_sheet`). Constant-memory: the
/// parts are written straight to the sheet's XML, not kept in the shared string table.
pub(super) fn data_sheet(wb: &mut Workbook, parts: &[String]) -> Result<Worksheet, XlsxError> {
    use crate::data_sheet::{SHEET, VERSION};
    let mut ws = wb
        .new_worksheet_with_constant_memory()
        .unwrap_or_else(|_| Worksheet::new());
    ws.set_name(SHEET)?;
    ws.write_string(0, 0, VERSION)?;
    ws.write_number(0, 1, parts.len() as f64)?;
    for (i, part) in parts.iter().enumerate() {
        ws.write_string(row(i) + 1, 0, part)?;
    }
    ws.set_very_hidden(true);
    Ok(ws)
}

/// The data sheet's parts: the consolidation's JSON document split under Excel's cell limit.
pub(super) fn parts(plan: &Plan, c: &Consolidation) -> Result<Vec<String>, XlsxError> {
    use crate::data_sheet::{from_consolidation, to_parts};
    to_parts(&from_consolidation(plan, c)).map_err(|e| XlsxError::ParameterError(e.to_string()))
}
