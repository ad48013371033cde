//! The consolidated workbook `baocao consolidate` writes, ready to forward upward.
//!
//! Sheet names and header labels are a documented contract (`crate::format::consolidated`,
//! docs/consolidated-format.md) so
//! the next level can read the file by machine: on every sheet but `Tổng hợp` the header row
//! is row 1 and each later row is one record. Every value from a submission is written as a
//! value (text as text, never a formula); blanks stay blank. The workbook never reads the
//! clock: its creation time is the as-of date, so identical inputs give identical bytes.
//!
//! Print setup follows Decree 30/2020: A4 landscape, Times New Roman, table headers repeated
//! on every page, rows tall enough for their wrapped text (Excel and LibreOffice do not fit
//! row heights when opening a file). `Tổng hợp` reads as a signed report: Decree 30 header,
//! figures, the per-agency table, `Nơi nhận` and the signature block, then the chart on a
//! page of its own.

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

use crate::consolidate::Consolidation;
use crate::plan::Plan;

mod by_task;
mod cells;
mod chase;
mod data;
mod findings;
mod formats;
mod indicators;
mod sources;
mod summary;
mod tasks;

/// The contract, where callers of the writer have always found it.
pub use crate::format::consolidated::*;
use cells::excel_date;
use formats::F;

/// What every sheet writer reads: the plan, the consolidation and the formats.
#[derive(Clone, Copy)]
struct Book<'a> {
    plan: &'a Plan,
    c: &'a Consolidation,
    f: &'a F,
}

/// Builds the consolidated workbook; returns its bytes.
///
/// `Nhiệm vụ` (one row per agency and task, more than half of the cells) is written on a
/// thread of its own while this thread writes the other sheets, so both cores work, and the
/// sheets that grow with the number of submissions go to temporary files row by row, so
/// memory stays flat. The output stays byte-identical from run to run:
/// - `Nhiệm vụ` is the only sheet that adds to the shared string table while it is written
///   (rust_xlsxwriter's low-memory mode); its texts repeat (every agency has the same tasks),
///   which the table stores once;
/// - the other long sheets (`Theo nhiệm vụ`, `Chưa nộp, trễ hạn`, `Lỗi, cảnh báo`, `Nguồn`,
///   whose texts are mostly distinct) keep their strings in their cells (constant-memory
///   mode), and `Tổng hợp` and `Chỉ tiêu` are kept in memory, so their strings join the
///   table in sheet order when the file is saved;
/// - the table formats are registered in a fixed order before the threads start, so the
///   style list does not depend on which thread uses a format first.
///
/// # Errors
///
/// Any [`XlsxError`] from rust_xlsxwriter, e.g. a date before 1900 that Excel cannot store.
pub fn build(plan: &Plan, c: &Consolidation) -> Result<Vec<u8>, XlsxError> {
    build_compared(plan, c, None)
}

/// [`build`], with the comparison sheets of `consolidate --previous` (`super::comparison`).
///
/// # Errors
///
/// Any [`XlsxError`] from rust_xlsxwriter.
pub fn build_compared(
    plan: &Plan,
    c: &Consolidation,
    cmp: Option<&crate::history::compare::Comparison>,
) -> Result<Vec<u8>, XlsxError> {
    let f = formats::formats();
    let mut wb = Workbook::new();
    f.s.apply_default(&mut wb)?;
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp báo cáo kỳ {}", c.period.name))
        .set_subject(plan.meta.short_title.clone())
        .set_author(
            plan.consolidator()
                .map_or(plan.meta.issuer.clone(), |a| a.name.clone()),
        )
        .set_company(plan.meta.issuer_parent.clone())
        .set_keywords(format!("baocao, {}, {}", plan.meta.id, c.period.id))
        .set_creation_datetime(&excel_date(c.as_of)?);
    wb.set_properties(&props);
    for format in f.table_formats() {
        wb.register_format(format);
    }
    let title = |sheet: &str| format!("{sheet} — kỳ {}", c.period.name);
    let mut task_sheet = wb
        .new_worksheet_with_low_memory()
        .unwrap_or_else(|_| Worksheet::new());
    let mut sheets: [Worksheet; 6] = Default::default();
    for ws in &mut sheets[1..] {
        if let Ok(long) = wb.new_worksheet_with_constant_memory() {
            *ws = long;
        }
    }
    // `Chỉ tiêu` has one row per indicator: in memory.
    sheets[2] = Worksheet::new();
    // Beside the main thread's six sheets: `Nhiệm vụ`, the data sheet's JSON and the comparison
    // sheets each on a thread of their own (they share nothing but the read-only inputs).
    let (task_sheet, others, parts, compared) = std::thread::scope(|scope| {
        let book = Book { plan, c, f: &f };
        let worker = scope.spawn(move || {
            tasks::tasks(&mut task_sheet, &book, &title(SHEET_TASKS)).map(|()| task_sheet)
        });
        let parts = scope.spawn(|| data::parts(plan, c));
        let compared = cmp.map(|cmp| scope.spawn(move || super::comparison::sheets(cmp)));
        let others = (|| -> Result<[Worksheet; 6], XlsxError> {
            let [sum, by, ind, cha, fin, src] = &mut sheets;
            summary::summary(sum, &book, cmp.map(super::comparison::summary_note))?;
            by_task::by_task(by, &book, &title(SHEET_BY_TASK))?;
            indicators::indicators(ind, &book, &title(SHEET_INDICATORS))?;
            chase::chase(cha, &book, &title(SHEET_CHASE))?;
            findings::findings(fin, &book, &title(SHEET_FINDINGS))?;
            sources::sources(src, &book, &title(SHEET_SOURCES))?;
            Ok(sheets)
        })();
        let failed = |what: &str| XlsxError::ParameterError(format!("{what} could not be written"));
        let task_sheet = worker
            .join()
            .unwrap_or_else(|_| Err(failed(&format!("the `{SHEET_TASKS}` sheet"))));
        let parts = parts
            .join()
            .unwrap_or_else(|_| Err(failed("the data sheet")));
        let compared = compared.map(|h| {
            h.join()
                .unwrap_or_else(|_| Err(failed("the comparison sheets")))
        });
        (task_sheet, others, parts, compared)
    });
    let [sum, by, ind, cha, fin, src] = others?;
    for ws in [sum, task_sheet?, by, ind, cha, fin, src] {
        wb.push_worksheet(ws);
    }
    for ws in compared.transpose()?.into_iter().flatten() {
        wb.push_worksheet(ws);
    }
    let data = data::data_sheet(&mut wb, &parts?)?;
    wb.push_worksheet(data);
    // Deflate is the one step of saving that runs on a single core. Level 2 takes a fifth less
    // time than level 3 (Excel's own) for a file 8 % larger, and half the time of the default
    // 6 (docs/performance.md); level 1 would be faster still but 50 % larger.
    wb.set_zip_compression_level(2);
    wb.save_to_buffer()
}
