//! Opening a submission by its content: sniffing, limits, calamine, and conversion to
//! [`Value`](super::Value)s.
//!
//! [`open`] reads the file once into memory, decides what it is from its bytes
//! ([`super::sniff`]), checks the [`Limits`] that can be checked without parsing (file size,
//! zip central directory, BIFF records, ODS repeat counts), and only then hands calamine a
//! cursor over the same bytes. Guarantees:
//!
//! - every problem is one [`Finding`] naming the file, with a message saying what was found
//!   and what was expected, and a help line saying what to do;
//! - no panic escapes: all third-party parsing runs under `catch_unwind` and a panic becomes
//!   [`Code::FileCrash`] (the default panic hook still prints its line to stderr; the global
//!   hook is left alone because files are read on several threads);
//! - no allocation is driven by a number the file declares: `.xlsx`/`.xlsm`/`.xlsb` sheets
//!   are streamed cell by cell into a sparse grid (a stray cell at XFD1048576 is ignored, not
//!   allocated, and counted so the checks can say so), and `.xls`/`.ods` files, which calamine
//!   reads densely, are measured first;
//! - positions are absolute (`rows[r][c]` is the cell at row `r`, column `c` from A1), text
//!   is NFC, dates are dates in the workbook's date system, and a number in a cell formatted
//!   as a percentage (`.xlsx`/`.xlsm`) is the number shown (85 for a cell showing `85%`);
//! - [`Scope::Checks`] may leave the template's instructions sheet unread (empty, but listed),
//!   never a sheet that could hold a table the checks look for.

mod grid;
pub(super) mod hidden;
mod ods;
mod ole;

use std::fs::File;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{
    Ods, OdsError, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError,
};
use zip::ZipArchive;

use super::limits::{self, MAX_INFLATE_RATIO, MAX_ZIP_ENTRIES, ZipExcess};
use super::sniff::{self, Sniffed, ZipKind};
use super::{Format, Sheet, Value, Workbook};
use crate::diag::{CellRef, Code, Finding};
use crate::format::{
    COL_IND_ID, COL_TASK_ID, HEADER_SEARCH_ROWS, ID_AGENCY, ID_PERIOD, ID_PLAN_FINGERPRINT,
    ID_PLAN_ID, ID_PLAN_VERSION, ID_TEMPLATE, SHEET_GUIDE, SHEET_IDENTITY,
};
use crate::i18n::Lang;
use grid::Grid;

pub use super::limits::Limits;

/// Opens a submission and reads every sheet.
///
/// # Parameters
/// - `path`: the file; its extension is ignored, its content decides the reader.
/// - `shown`: the name findings use for the file (usually the path as the user typed it).
/// - `lang`: the language of the finding's message and help.
/// - `limits`: see [`Limits`].
///
/// # Errors
/// One finding, never a panic: `F001` unreadable path or folder, `F002` empty, `F003` HTML,
/// `F004` text/CSV, `F005` password-protected, `F006` damaged or truncated, `F007` not a
/// spreadsheet, `F008` over a limit, `F009` the reader crashed.
///
/// # Examples
/// ```no_run
/// use baocao::ingest::{Limits, open};
/// use baocao::i18n::Lang;
///
/// let wb = open("bao-cao.xlsx".as_ref(), "bao-cao.xlsx", Lang::Vi, &Limits::default());
/// match wb {
///     Ok(wb) => println!("{} sheet(s)", wb.sheets.len()),
///     Err(finding) => eprintln!("{}: {}", finding.place(), finding.message),
/// }
/// ```
pub fn open(path: &Path, shown: &str, lang: Lang, limits: &Limits) -> Result<Workbook, Finding> {
    open_scoped(path, shown, lang, limits, Scope::Everything)
}

/// [`open`], reading only the sheets `scope` needs.
///
/// # Errors
/// As [`open`].
pub fn open_scoped(
    path: &Path,
    shown: &str,
    lang: Lang,
    limits: &Limits,
    scope: Scope,
) -> Result<Workbook, Finding> {
    let ctx = Ctx {
        shown,
        lang,
        limits,
        scope,
    };
    let bytes = read_file(path, &ctx)?;
    open_bytes_scoped(&bytes, shown, lang, limits, scope)
}

/// Reads a submission already in memory (the file's bytes); see [`open`].
///
/// # Errors
/// As [`open`], except `F001`.
pub fn open_bytes(
    bytes: &[u8],
    shown: &str,
    lang: Lang,
    limits: &Limits,
) -> Result<Workbook, Finding> {
    open_bytes_scoped(bytes, shown, lang, limits, Scope::Everything)
}

/// [`open_bytes`], reading only the sheets `scope` needs.
///
/// # Errors
/// As [`open_bytes`].
pub fn open_bytes_scoped(
    bytes: &[u8],
    shown: &str,
    lang: Lang,
    limits: &Limits,
    scope: Scope,
) -> Result<Workbook, Finding> {
    let ctx = Ctx {
        shown,
        lang,
        limits,
        scope,
    };
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ctx.too_large(bytes.len() as u64));
    }
    READING.with(|r| r.set(true));
    let read = catch_unwind(AssertUnwindSafe(|| read_bytes(bytes, &ctx)));
    READING.with(|r| r.set(false));
    match read {
        Ok(result) => result,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(ctx.finding(
                Code::FileCrash,
                lang.file_crash(&detail),
                lang.file_crash_help(),
            ))
        }
    }
}

thread_local! {
    /// Set while this thread reads a file inside `catch_unwind`: a panic there is a reader's,
    /// reported as `F009`.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the panic hook quiet for panics that [`open_bytes_scoped`] turns into an `F009`
/// finding (a spreadsheet reader failing on a damaged file), so the officer sees the finding,
/// not an English message about a thread; any other panic is printed as before. The binary
/// calls this once at start-up.
pub fn quiet_reader_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

/// What every step needs to build a finding.
struct Ctx<'a> {
    shown: &'a str,
    lang: Lang,
    limits: &'a Limits,
    scope: Scope,
}

/// Which sheets a reader needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every sheet, as written (the annotated copy reproduces them all).
    Everything,
    /// What the checks read: the template's instructions sheet (`Hướng dẫn`) is left empty
    /// when the other sheets hold both tables' key labels, which saves a sixth of the cells
    /// of a filled template; if a table is missing elsewhere, the sheet is read after all.
    Checks,
}

impl Ctx<'_> {
    fn finding(&self, code: Code, message: String, help: String) -> Finding {
        Finding::new(code, self.shown, message).help(help)
    }

    fn corrupt(&self, detail: &str) -> Finding {
        self.finding(
            Code::FileCorrupt,
            self.lang.file_corrupt(detail),
            self.lang.file_corrupt_help(),
        )
    }

    fn encrypted(&self) -> Finding {
        self.finding(
            Code::FileEncrypted,
            self.lang.file_encrypted(),
            self.lang.file_encrypted_help(),
        )
    }

    fn limit(&self, message: String) -> Finding {
        self.finding(Code::FileLimit, message, self.lang.file_limit_help())
    }

    fn too_large(&self, size: u64) -> Finding {
        self.limit(
            self.lang
                .file_too_large(size.into(), self.limits.max_file_bytes.into()),
        )
    }

    fn not_spreadsheet(&self, message: String) -> Finding {
        self.finding(
            Code::FileNotSpreadsheet,
            message,
            self.lang.file_not_spreadsheet_help(),
        )
    }

    fn too_many_sheets(&self, count: usize) -> Result<(), Finding> {
        if count > self.limits.max_sheets {
            return Err(self.limit(
                self.lang
                    .file_too_many_sheets(count.into(), self.limits.max_sheets.into()),
            ));
        }
        Ok(())
    }

    fn sheet_too_big(&self, sheet: &str, cells: u64, far: CellRef) -> Finding {
        self.limit(self.lang.file_sheet_too_big(
            sheet,
            cells.into(),
            &far.to_string(),
            self.limits.max_cells_per_sheet.into(),
        ))
    }

    fn workbook_too_big(&self, cells: u64) -> Finding {
        self.limit(
            self.lang
                .file_workbook_too_big(cells.into(), self.limits.max_cells_per_workbook().into()),
        )
    }
}

/// Reads the whole file, refusing folders, devices, FIFOs and files over the size limit before
/// reading.
fn read_file(path: &Path, ctx: &Ctx<'_>) -> Result<Vec<u8>, Finding> {
    let unreadable = |e: std::io::Error| {
        let reason = crate::util::read_error_reason(&e, ctx.lang);
        ctx.finding(
            Code::FileUnreadable,
            ctx.lang.file_unreadable(&reason),
            ctx.lang.file_unreadable_help(),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(ctx.finding(
            Code::FileUnreadable,
            ctx.lang.file_is_dir(),
            ctx.lang.file_unreadable_help(),
        ));
    }
    // Opening a FIFO blocks until someone writes to it, and a device may never end.
    if !meta.is_file() {
        return Err(ctx.finding(
            Code::FileUnreadable,
            ctx.lang.file_not_regular(),
            ctx.lang.file_unreadable_help(),
        ));
    }
    if meta.len() > ctx.limits.max_file_bytes {
        return Err(ctx.too_large(meta.len()));
    }
    let file = File::open(path).map_err(unreadable)?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // The file may grow between the size check and the read.
    file.take(ctx.limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > ctx.limits.max_file_bytes {
        return Err(ctx.too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn read_bytes(bytes: &[u8], ctx: &Ctx<'_>) -> Result<Workbook, Finding> {
    let lang = ctx.lang;
    match sniff::sniff(bytes) {
        Sniffed::Zip => read_zip(bytes, ctx),
        Sniffed::Ole => read_ole(bytes, ctx),
        Sniffed::Empty => {
            Err(ctx.finding(Code::FileEmpty, lang.file_empty(), lang.file_empty_help()))
        }
        Sniffed::Html => Err(ctx.finding(Code::FileHtml, lang.file_html(), lang.file_html_help())),
        Sniffed::SpreadsheetXml => Err(ctx.finding(
            Code::FileNotSpreadsheet,
            lang.file_spreadsheet_xml(),
            lang.file_html_help(),
        )),
        Sniffed::Text => Err(ctx.finding(Code::FileCsv, lang.file_csv(), lang.file_csv_help())),
        Sniffed::Unknown => Err(ctx.not_spreadsheet(lang.file_unknown_format())),
    }
}

fn read_zip(bytes: &[u8], ctx: &Ctx<'_>) -> Result<Workbook, Finding> {
    let lang = ctx.lang;
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ctx.corrupt(&e.to_string()))?;
    limits::check_zip(&zip, ctx.limits).map_err(|excess| {
        let max = ctx.limits;
        ctx.limit(match excess {
            ZipExcess::Entries { count } => {
                lang.file_zip_entries(count.into(), MAX_ZIP_ENTRIES.into())
            }
            ZipExcess::Total { bytes } => {
                lang.file_zip_total(bytes.into(), max.max_uncompressed_bytes.into())
            }
            ZipExcess::Part { name, bytes } => {
                lang.file_zip_part(&name, bytes.into(), max.max_part_bytes.into())
            }
            ZipExcess::Ratio { name, ratio } => {
                lang.file_zip_ratio(&name, ratio, MAX_INFLATE_RATIO)
            }
        })
    })?;
    let format = match sniff::zip_kind(&mut zip) {
        ZipKind::Spreadsheet(format) => format,
        ZipKind::EncryptedOds => return Err(ctx.encrypted()),
        ZipKind::Other("zip") => {
            return Err(ctx.not_spreadsheet(lang.file_not_spreadsheet(&lang.file_what_zip())));
        }
        ZipKind::Other(what) => return Err(ctx.not_spreadsheet(lang.file_not_spreadsheet(what))),
    };
    let mut percent = PercentCells::new();
    let mut ods_merged = std::collections::HashMap::new();
    match format {
        Format::Xlsx | Format::Xlsm => {
            if let Some(count) = limits::impossible_shared_string_count(&mut zip) {
                return Err(ctx.finding(
                    Code::FileCorrupt,
                    lang.file_corrupt_strings(count.into()),
                    lang.file_corrupt_help(),
                ));
            }
        }
        Format::Ods => {
            let notes = ods::check(&mut zip, ctx.limits).map_err(|excess| match excess {
                ods::OdsExcess::Cells { sheet, cells, far } => {
                    ctx.sheet_too_big(&sheet, cells, far)
                }
                ods::OdsExcess::WorkbookCells { cells } => ctx.workbook_too_big(cells),
                ods::OdsExcess::Sheets { count } => {
                    ctx.limit(lang.file_too_many_sheets(count.into(), ctx.limits.max_sheets.into()))
                }
                ods::OdsExcess::SpaceRun { count } => {
                    ctx.limit(lang.file_space_run(count.into(), ods::MAX_SPACE_RUN.into()))
                }
                ods::OdsExcess::Unclosed { element } => {
                    ctx.corrupt(&format!("content.xml: <{element}> is never closed"))
                }
                ods::OdsExcess::Xml { detail } => ctx.corrupt(&detail),
                ods::OdsExcess::Depth => {
                    ctx.limit(lang.file_xml_too_deep("content.xml", ods::MAX_XML_DEPTH))
                }
            })?;
            percent = notes.percent;
            ods_merged = notes.merged;
        }
        Format::Xlsb | Format::Xls => {}
    }
    drop(zip);
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsx | Format::Xlsm => {
            let wb = Xlsx::new(cursor).map_err(|e| xlsx_error(e, ctx))?;
            read_xlsx(wb, bytes, format, ctx)
        }
        Format::Xlsb => {
            let wb = Xlsb::new(cursor).map_err(|e| xlsb_error(e, ctx))?;
            read_xlsb(wb, ctx)
        }
        Format::Ods => {
            let wb = Ods::new(cursor).map_err(|e| ods_error(e, ctx))?;
            let mut book = read_dense(wb, Format::Ods, ctx, &percent)?;
            for sheet in &mut book.sheets {
                if let Some(m) = ods_merged.remove(&sheet.name) {
                    sheet.merged = m;
                }
            }
            Ok(book)
        }
        // `zip_kind` never says xls; an OLE file is not a zip.
        Format::Xls => Err(ctx.corrupt("zip")),
    }
}

fn read_ole(bytes: &[u8], ctx: &Ctx<'_>) -> Result<Workbook, Finding> {
    let lang = ctx.lang;
    let Some(cfb) = ole::Cfb::parse(bytes) else {
        return Err(ctx.corrupt("OLE"));
    };
    if cfb.has("EncryptedPackage") || cfb.has("EncryptionInfo") {
        return Err(ctx.encrypted());
    }
    let Some(entry) = cfb.entry("Workbook").or_else(|| cfb.entry("Book")) else {
        return Err(ctx.not_spreadsheet(lang.file_not_spreadsheet(&lang.file_what_ole())));
    };
    let Some(stream) = cfb.stream(entry) else {
        return Err(ctx.corrupt("Workbook"));
    };
    let scan = ole::scan_xls(&stream);
    drop(stream);
    if scan.encrypted {
        return Err(ctx.encrypted());
    }
    if let Some(sheet) = &scan.bad_dimensions {
        return Err(ctx.finding(
            Code::FileCorrupt,
            lang.file_corrupt_dimensions(sheet),
            lang.file_corrupt_help(),
        ));
    }
    ctx.too_many_sheets(scan.sheets)?;
    let mut total = 0u64;
    for (name, extent) in &scan.extents {
        let area = ole::XlsScan::area(*extent);
        if let (true, Some((_, far))) = (area > ctx.limits.max_cells_per_sheet, extent) {
            return Err(ctx.sheet_too_big(name, area, *far));
        }
        total += area;
    }
    if total > ctx.limits.max_cells_per_workbook() {
        return Err(ctx.workbook_too_big(total));
    }
    let percent: PercentCells = scan
        .extents
        .iter()
        .map(|(name, _)| name.clone())
        .zip(scan.percent)
        .filter(|(_, cells)| !cells.is_empty())
        .collect();
    let wb = Xls::new(Cursor::new(bytes)).map_err(|e| xls_error(e, ctx))?;
    // The BIFF MERGEDCELLS records are parsed with the workbook: no second pass.
    let merged: std::collections::HashMap<String, Vec<(CellRef, CellRef)>> = wb
        .sheet_names()
        .into_iter()
        .filter_map(|n| {
            let m = wb.merge_cells_by_sheet_name(&n).ok()?;
            Some((n, dims(&m)))
        })
        .collect();
    let mut book = read_dense(wb, Format::Xls, ctx, &percent)?;
    for sheet in &mut book.sheets {
        if let Some(m) = merged.get(&sheet.name) {
            sheet.merged.clone_from(m);
        }
    }
    Ok(book)
}

fn xlsx_error(e: XlsxError, ctx: &Ctx<'_>) -> Finding {
    match e {
        XlsxError::Password => ctx.encrypted(),
        e => ctx.corrupt(&e.to_string()),
    }
}

fn xlsb_error(e: XlsbError, ctx: &Ctx<'_>) -> Finding {
    match e {
        XlsbError::Password => ctx.encrypted(),
        e => ctx.corrupt(&e.to_string()),
    }
}

fn ods_error(e: OdsError, ctx: &Ctx<'_>) -> Finding {
    match e {
        OdsError::Password => ctx.encrypted(),
        OdsError::CellLimitExceeded { requested, .. } => ctx.workbook_too_big(requested as u64),
        e => ctx.corrupt(&e.to_string()),
    }
}

fn xls_error(e: XlsError, ctx: &Ctx<'_>) -> Finding {
    match e {
        XlsError::Password => ctx.encrypted(),
        e => ctx.corrupt(&e.to_string()),
    }
}

fn is_hidden(visible: SheetVisible) -> bool {
    !matches!(visible, SheetVisible::Visible)
}

/// Streams each worksheet of an `.xlsx`/`.xlsm` into a sparse grid.
fn read_xlsx(
    mut wb: Xlsx<Cursor<&[u8]>>,
    bytes: &[u8],
    format: Format,
    ctx: &Ctx<'_>,
) -> Result<Workbook, Finding> {
    let metas = wb.sheets_metadata().to_vec();
    ctx.too_many_sheets(metas.len())?;
    let mut book = Book::new(ctx);
    let mut deferred = None;
    let mut parts = hidden::Parts::new(bytes);
    for meta in metas {
        let hidden = is_hidden(meta.visible);
        if ctx.scope == Scope::Checks && meta.name == SHEET_GUIDE && deferred.is_none() {
            deferred = Some(book.sheets.len());
            book.push(Grid::new(ctx.limits), meta.name, hidden)?;
            continue;
        }
        let grid = xlsx_grid(&mut wb, &meta, ctx)?;
        book.push(grid, meta.name.clone(), hidden)?;
        if let Some(sheet) = book.sheets.last_mut() {
            second_pass(&mut wb, &mut parts, &meta.name, sheet);
        }
    }
    if let Some(i) = deferred
        && !tables_present(&book.sheets)
        && let Some(meta) = wb
            .sheets_metadata()
            .iter()
            .find(|m| m.name == SHEET_GUIDE)
            .cloned()
    {
        let grid = xlsx_grid(&mut wb, &meta, ctx)?;
        book.replace(i, grid)?;
    }
    // The `_baocao` sheet wins over the document properties: when it holds every identity key,
    // the properties part is not worth decompressing (it costs ~5 % of reading a template).
    let properties = if identity_sheet_complete(&book.sheets) {
        None
    } else {
        wb.workbook_properties().ok()
    };
    Ok(book.finish(format, properties))
}

/// What a second look at a table sheet's XML gives, only where it matters: merges of a task
/// table with a blank status or result (which a range merged down over task rows leaves),
/// formulas of an indicator table (figures computed by a program that stored no value), rows
/// a person does not see where a table is (calamine reads them as any other). The sheet's part
/// is decompressed once ([`hidden::Parts`]); calamine's own merge and formula passes run only
/// where that part shows they can find something. A damaged merge or formula list is not a
/// reason to refuse the values already read.
fn second_pass(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    parts: &mut hidden::Parts<'_>,
    name: &str,
    sheet: &mut Sheet,
) {
    if sheet.hidden {
        return;
    }
    let indicators = holds_label(sheet, COL_IND_ID);
    let tasks = indicators || holds_label(sheet, COL_TASK_ID);
    let merges = super::table::task_cells_blank(sheet);
    if !(tasks || merges) {
        return;
    }
    let xml = parts.sheet(name);
    if merges && !xml.as_ref().is_some_and(hidden::SheetXml::no_row_merges) {
        sheet.merged = wb
            .merge_cells_by_sheet_name(name)
            .map(|m| dims(&m))
            .unwrap_or_default();
    }
    if indicators && !xml.as_ref().is_some_and(hidden::SheetXml::no_formulas) {
        sheet.uncomputed = formulas_without_value(wb, name, sheet);
    }
    if tasks {
        sheet.hidden_rows = xml.map(|x| x.hidden_rows()).unwrap_or_default();
    }
}

/// One worksheet of an `.xlsx`/`.xlsm` as a sparse grid (empty for a chart sheet).
fn xlsx_grid<'l>(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    meta: &calamine::Sheet,
    ctx: &Ctx<'l>,
) -> Result<Grid<'l>, Finding> {
    let mut grid = Grid::new(ctx.limits);
    if meta.typ != SheetType::WorkSheet {
        return Ok(grid);
    }
    let mut cells = match wb.worksheet_cells_reader(&meta.name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(grid),
        Err(e) => return Err(sheet_corrupt(ctx, &meta.name, &e)),
    };
    // Which styles show a number as a percentage: a cell showing `85%` stores 0.85.
    let percent: Vec<bool> = cells
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| grid::scales_by_100(&f.format_code))
        })
        .collect();
    loop {
        match cells.next_cell_with_style_id() {
            Ok(Some((cell, style))) => {
                let (row, col) = cell.get_position();
                let mut value = grid::value_of_ref(cell.get_value());
                if percent.get(style).copied().unwrap_or(false) {
                    value = grid::as_shown_percent(value);
                }
                grid.put(row, col, value)
                    .map_err(|e| ctx.sheet_too_big(&meta.name, e.slots, at(e.at)))?;
            }
            Ok(None) => return Ok(grid),
            Err(e) => return Err(sheet_corrupt(ctx, &meta.name, &e)),
        }
    }
}

/// True when the visible sheets read so far hold the key labels of both tables (task and
/// indicator) in the rows where the checks look for them.
fn tables_present(sheets: &[Sheet]) -> bool {
    [COL_TASK_ID, COL_IND_ID].iter().all(|label| {
        let key = super::table::label_key(label);
        sheets.iter().filter(|s| !s.hidden).any(|s| {
            s.rows
                .iter()
                .take(HEADER_SEARCH_ROWS as usize)
                .flatten()
                .any(|v| matches!(v, Value::Text(t) if crate::util::label_matches(t, &key)))
        })
    })
}

/// True for a sheet holding a table key label (`Mã nhiệm vụ`, `Mã chỉ tiêu`) anywhere.
fn holds_label(sheet: &Sheet, label: &str) -> bool {
    let key = super::table::label_key(label);
    sheet
        .rows
        .iter()
        .flatten()
        .any(|v| matches!(v, Value::Text(t) if crate::util::label_matches(t, &key)))
}

/// The empty cells of a sheet that hold a formula: the file stores no value for them (a
/// program that does not calculate saved it). Streamed, at most 10,000 noted.
fn formulas_without_value(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &Sheet,
) -> Vec<(CellRef, String)> {
    let mut out = Vec::new();
    let Ok(mut cells) = wb.worksheet_cells_reader(name) else {
        return out;
    };
    while let Ok(Some(cell)) = cells.next_formula() {
        let (row, col) = cell.get_position();
        let formula = cell.get_value();
        if !formula.is_empty() && matches!(sheet.get(row, col), Value::Empty) {
            out.push((CellRef::new(row, col), formula.chars().take(80).collect()));
            if out.len() >= 10_000 {
                break;
            }
        }
    }
    out
}

/// calamine's merged ranges spanning several rows (the only ones that change a reading) as
/// (top-left, bottom-right) cells, at most 10,000: a hostile file's million merges must not
/// cost a scan per cell read.
fn dims(merged: &[calamine::Dimensions]) -> Vec<(CellRef, CellRef)> {
    merged
        .iter()
        .filter(|d| d.start.0 < d.end.0)
        .take(10_000)
        .map(|d| (at(d.start), at(d.end)))
        .collect()
}

/// True when the `_baocao` sheet names every identity key (column A) with a value (column B).
fn identity_sheet_complete(sheets: &[Sheet]) -> bool {
    let Some(sheet) = sheets.iter().find(|s| s.name == SHEET_IDENTITY) else {
        return false;
    };
    let keys: Vec<String> = (0..sheet.height())
        .filter(|&row| sheet.get(row, 1).as_text().is_some())
        .filter_map(|row| sheet.get(row, 0).as_text())
        .collect();
    IDENTITY_KEYS.iter().all(|k| keys.iter().any(|x| x == k))
}

/// Streams each worksheet of an `.xlsb` into a sparse grid.
fn read_xlsb(mut wb: Xlsb<Cursor<&[u8]>>, ctx: &Ctx<'_>) -> Result<Workbook, Finding> {
    let metas = wb.sheets_metadata().to_vec();
    ctx.too_many_sheets(metas.len())?;
    let properties = wb.workbook_properties().ok();
    let mut book = Book::new(ctx);
    for meta in metas {
        let mut grid = Grid::new(ctx.limits);
        if meta.typ == SheetType::WorkSheet {
            let mut cells = wb
                .worksheet_cells_reader(&meta.name)
                .map_err(|e| sheet_corrupt(ctx, &meta.name, &e))?;
            loop {
                match cells.next_cell() {
                    Ok(Some(cell)) => {
                        let (row, col) = cell.get_position();
                        grid.put(row, col, grid::value_of_ref(cell.get_value()))
                            .map_err(|e| ctx.sheet_too_big(&meta.name, e.slots, at(e.at)))?;
                    }
                    Ok(None) => break,
                    Err(e) => return Err(sheet_corrupt(ctx, &meta.name, &e)),
                }
            }
        }
        book.push(grid, meta.name, is_hidden(meta.visible))?;
    }
    Ok(book.finish(Format::Xlsb, properties))
}

/// Reads an `.xls` or `.ods` workbook, whose sheets calamine has already parsed (densely;
/// the pre-scan bounded their size).
/// Per sheet name, the number cells formatted as a percentage: calamine reads `.xls` and
/// `.ods` cells without their formats, so the pre-checks note them (`ole::scan_xls`,
/// `ods::check`) and the values are read as shown (`85%` is 85, as in an `.xlsx`).
type PercentCells = std::collections::HashMap<String, Vec<(u32, u32)>>;

fn read_dense<'b, R>(
    mut wb: R,
    format: Format,
    ctx: &Ctx<'_>,
    percent: &PercentCells,
) -> Result<Workbook, Finding>
where
    R: Reader<Cursor<&'b [u8]>>,
    R::Error: std::fmt::Display,
{
    let metas = wb.sheets_metadata().to_vec();
    ctx.too_many_sheets(metas.len())?;
    let mut book = Book::new(ctx);
    for meta in metas {
        let mut grid = Grid::new(ctx.limits);
        if meta.typ == SheetType::WorkSheet {
            let range = wb
                .worksheet_range(&meta.name)
                .map_err(|e| ctx.corrupt(&format!("{}: {e}", meta.name)))?;
            grid.put_range(&range)
                .map_err(|e| ctx.sheet_too_big(&meta.name, e.slots, at(e.at)))?;
            if let Some(cells) = percent.get(&meta.name) {
                grid.as_shown_percent(cells);
            }
        }
        book.push(grid, meta.name, is_hidden(meta.visible))?;
    }
    Ok(book.finish(format, None))
}

fn at((row, col): (u32, u32)) -> CellRef {
    CellRef::new(row, col)
}

fn sheet_corrupt(ctx: &Ctx<'_>, sheet: &str, e: &dyn std::fmt::Display) -> Finding {
    ctx.corrupt(&format!("sheet `{sheet}`: {e}"))
}

/// Sheets read so far, with the workbook-wide cell count.
struct Book<'c, 'a> {
    ctx: &'c Ctx<'a>,
    sheets: Vec<Sheet>,
    cells: u64,
}

impl<'c, 'a> Book<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>) -> Self {
        Book {
            ctx,
            sheets: Vec::new(),
            cells: 0,
        }
    }

    fn push(&mut self, grid: Grid<'_>, name: String, hidden: bool) -> Result<(), Finding> {
        self.cells += grid.slots;
        if self.cells > self.ctx.limits.max_cells_per_workbook() {
            return Err(self.ctx.workbook_too_big(self.cells));
        }
        self.sheets.push(grid.into_sheet(name, hidden));
        Ok(())
    }

    /// Puts the grid of sheet `index`, read after the others, in its place.
    fn replace(&mut self, index: usize, grid: Grid<'_>) -> Result<(), Finding> {
        self.cells += grid.slots;
        if self.cells > self.ctx.limits.max_cells_per_workbook() {
            return Err(self.ctx.workbook_too_big(self.cells));
        }
        if let Some(sheet) = self.sheets.get_mut(index) {
            let (name, hidden) = (std::mem::take(&mut sheet.name), sheet.hidden);
            *sheet = grid.into_sheet(name, hidden);
        }
        Ok(())
    }

    fn finish(self, format: Format, properties: Option<calamine::WorkbookProperties>) -> Workbook {
        let identity = identity(&self.sheets, properties);
        Workbook {
            format,
            sheets: self.sheets,
            identity,
        }
    }
}

/// The `format::ID_*` keys a template writes.
const IDENTITY_KEYS: [&str; 6] = [
    ID_TEMPLATE,
    ID_PLAN_ID,
    ID_PLAN_VERSION,
    ID_PLAN_FINGERPRINT,
    ID_AGENCY,
    ID_PERIOD,
];

/// The machine identity: `format::ID_*` keys from the document's custom properties, then
/// from the `_baocao` sheet (key in column A, value in column B), which wins.
fn identity(
    sheets: &[Sheet],
    properties: Option<calamine::WorkbookProperties>,
) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    if let Some(props) = properties {
        for (key, value) in props.custom_properties {
            let key = key.trim();
            if IDENTITY_KEYS.contains(&key) && !value.trim().is_empty() {
                out.insert(key.to_string(), value.trim().to_string());
            }
        }
    }
    if let Some(sheet) = sheets.iter().find(|s| s.name == SHEET_IDENTITY) {
        for row in 0..sheet.height() {
            let (Some(key), Some(value)) =
                (sheet.get(row, 0).as_text(), sheet.get(row, 1).as_text())
            else {
                continue;
            };
            out.insert(key, value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::time::{Duration, Instant};

    use chrono::NaiveDate;
    use rust_xlsxwriter::{DocProperties, Format as XlsxFormat, Workbook as XlsxBook};
    use zip::write::SimpleFileOptions;

    use super::*;
    use crate::ingest::Value;

    fn read(bytes: &[u8]) -> Result<Workbook, Finding> {
        open_bytes(bytes, "bao-cao.xlsx", Lang::Vi, &Limits::default())
    }

    fn code(result: Result<Workbook, Finding>) -> Code {
        match result {
            Ok(wb) => panic!("expected a finding, read {} sheet(s)", wb.sheets.len()),
            Err(f) => {
                assert_eq!(f.file, "bao-cao.xlsx");
                assert!(!f.message.is_empty() && !f.help.is_empty(), "{f:?}");
                f.code
            }
        }
    }

    fn date(y: i32, m: u32, d: u32) -> Value {
        Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn xlsx(build: impl FnOnce(&mut XlsxBook)) -> Vec<u8> {
        let mut book = XlsxBook::new();
        build(&mut book);
        book.save_to_buffer().unwrap()
    }

    /// Rewrites the parts of a zip archive.
    fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            out.start_file(name.as_str(), SimpleFileOptions::default())
                .unwrap();
            out.write_all(&edit(&name, data)).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            out.start_file(*name, SimpleFileOptions::default()).unwrap();
            out.write_all(data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_values_positions_visibility_and_identity() {
        let bytes = xlsx(|book| {
            let props = DocProperties::new()
                .set_custom_property(ID_PERIOD, "2025-H1")
                .set_custom_property(ID_AGENCY, "STALE")
                .set_custom_property("unrelated", "x");
            book.set_properties(&props);
            let dates = XlsxFormat::new().set_num_format("dd/mm/yyyy");
            let ws = book.add_worksheet().set_name("Báo cáo").unwrap();
            // Decomposed input must come out composed.
            ws.write(4, 2, "Tho\u{302}ng tin").unwrap();
            ws.write(5, 2, 12.5).unwrap();
            ws.write_with_format(6, 3, 45_823, &dates).unwrap();
            ws.write(7, 2, true).unwrap();
            ws.merge_range(9, 2, 9, 5, "Gộp", &XlsxFormat::new())
                .unwrap();
            book.add_worksheet()
                .set_name("Ẩn")
                .unwrap()
                .set_hidden(true);
            let id = book.add_worksheet().set_name(SHEET_IDENTITY).unwrap();
            id.write(0, 0, ID_AGENCY).unwrap();
            id.write(0, 1, "STTTT").unwrap();
            id.write(1, 0, ID_PLAN_VERSION).unwrap();
            id.write(1, 1, 3).unwrap();
            id.set_very_hidden(true);
        });
        let wb = read(&bytes).unwrap();
        assert_eq!(wb.format, Format::Xlsx);
        let names: Vec<_> = wb
            .sheets
            .iter()
            .map(|s| (s.name.as_str(), s.hidden))
            .collect();
        assert_eq!(
            names,
            [("Báo cáo", false), ("Ẩn", true), (SHEET_IDENTITY, true)]
        );
        let s = &wb.sheets[0];
        assert_eq!(s.get(4, 2), &Value::Text("Thông tin".into()));
        assert_eq!(s.get(5, 2), &Value::Number(12.5));
        assert_eq!(s.get(6, 3), &date(2025, 6, 15));
        assert_eq!(s.get(7, 2), &Value::Bool(true));
        assert_eq!(s.get(9, 2), &Value::Text("Gộp".into()));
        assert_eq!(s.get(9, 3), &Value::Empty);
        assert_eq!(s.get(0, 0), &Value::Empty);
        assert_eq!(s.height(), 10);
        assert!(s.rows[..4].iter().all(Vec::is_empty));
        let id: Vec<_> = wb
            .identity
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            id,
            [
                (ID_AGENCY, "STTTT"),
                (ID_PERIOD, "2025-H1"),
                (ID_PLAN_VERSION, "3")
            ]
        );
    }

    #[test]
    fn a_stray_cell_at_xfd1048576_costs_nothing() {
        let bytes = xlsx(|book| {
            let ws = book.add_worksheet();
            ws.write(0, 0, "STT").unwrap();
            ws.write(1_048_575, 16_383, "x").unwrap();
            ws.write(2, 300, "far right").unwrap();
        });
        let start = Instant::now();
        let wb = read(&bytes).unwrap();
        assert!(start.elapsed() < Duration::from_secs(2));
        let s = &wb.sheets[0];
        assert_eq!(s.get(0, 0), &Value::Text("STT".into()));
        assert_eq!(s.height(), 1);
        assert_eq!(s.get(1_048_575, 16_383), &Value::Empty);
    }

    #[test]
    fn too_many_cells_is_a_limit() {
        let bytes = xlsx(|book| {
            let ws = book.add_worksheet();
            for r in 0..100 {
                ws.write(r, 0, "x").unwrap();
            }
        });
        let limits = Limits {
            max_cells_per_sheet: 50,
            ..Limits::default()
        };
        let f = open_bytes(&bytes, "f", Lang::Vi, &limits).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
        assert!(f.message.contains("A51"), "{}", f.message);
        let few_sheets = Limits {
            max_sheets: 0,
            ..Limits::default()
        };
        let f = open_bytes(&bytes, "f", Lang::Vi, &few_sheets).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
    }

    #[test]
    fn a_lying_dimension_allocates_nothing() {
        let bytes = xlsx(|book| {
            book.add_worksheet().write(2, 1, "B3").unwrap();
        });
        let lying = rezip(&bytes, |name, data| {
            if name == "xl/worksheets/sheet1.xml" {
                String::from_utf8(data)
                    .unwrap()
                    .replace(
                        "<dimension ref=\"B3\"/>",
                        "<dimension ref=\"A1:XFD1048576\"/>",
                    )
                    .into_bytes()
            } else {
                data
            }
        });
        assert_ne!(lying, bytes);
        let wb = read(&lying).unwrap();
        assert_eq!(wb.sheets[0].get(2, 1), &Value::Text("B3".into()));
        assert_eq!(wb.sheets[0].height(), 3);
    }

    fn ods(table: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content \
              xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
              xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
              xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
             <office:body><office:spreadsheet>{table}</office:spreadsheet></office:body>\
             </office:document-content>"
        );
        let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
            <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
            <manifest:file-entry manifest:full-path=\"/\" \
             manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
            <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
            </manifest:manifest>";
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }

    #[test]
    fn ods_positions_are_absolute() {
        let bytes = ods("<table:table table:name=\"Báo cáo\">\
             <table:table-row table:number-rows-repeated=\"4\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>\
             <table:table-cell office:value-type=\"string\"><text:p>Đắk Lắk</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"float\" office:value=\"5\"/>\
             <table:table-cell office:value-type=\"date\" office:date-value=\"2025-06-15\"/>\
             </table:table-row></table:table>");
        let wb = read(&bytes).unwrap();
        assert_eq!(wb.format, Format::Ods);
        let s = &wb.sheets[0];
        assert_eq!(s.name, "Báo cáo");
        assert_eq!(s.get(4, 2), &Value::Text("Đắk Lắk".into()));
        assert_eq!(s.get(4, 3), &Value::Number(5.0));
        assert_eq!(s.get(4, 4), &date(2025, 6, 15));
        assert_eq!(s.height(), 5);
    }

    /// `85%` in an ODS cell is `office:value-type="percentage"` with the value 0.85; repeated
    /// rows and columns repeat it. Each reads as shown; other numbers are left alone.
    #[test]
    fn ods_percentages_read_as_shown_where_they_are() {
        let pct = |v: &str| {
            format!("<table:table-cell office:value-type=\"percentage\" office:value=\"{v}\"/>")
        };
        let bytes = ods(&format!(
            "<table:table table:name=\"Chỉ tiêu\">\
             <table:table-row><table:table-cell office:value-type=\"float\" office:value=\"0.5\"/>\
             <table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"percentage\" office:value=\"0.25\"/>\
             </table:table-row>\
             <table:table-row table:number-rows-repeated=\"2\"><table:table-cell/>{}</table:table-row>\
             </table:table>",
            pct("0.85")
        ));
        let wb = read(&bytes).unwrap();
        let s = &wb.sheets[0];
        assert_eq!(s.get(0, 0), &Value::Number(0.5));
        assert_eq!(s.get(0, 1), &Value::Percent(25.0));
        assert_eq!(s.get(0, 2), &Value::Percent(25.0));
        assert_eq!(s.get(1, 1), &Value::Percent(85.0));
        assert_eq!(s.get(2, 1), &Value::Percent(85.0));
    }

    /// Percentage cells repeated zero times in a row repeated a million times: each has no
    /// position, and noting them must not walk the million rows once per cell.
    #[test]
    fn ods_percentages_repeated_zero_times_cost_nothing() {
        let cells = "<table:table-cell table:number-columns-repeated=\"0\" \
             office:value-type=\"percentage\" office:value=\"0.5\"/>"
            .repeat(20_000);
        let bytes = ods(&format!(
            "<table:table table:name=\"S\">\
             <table:table-row table:number-rows-repeated=\"1048576\">{cells}</table:table-row>\
             </table:table>"
        ));
        let start = Instant::now();
        let _ = read(&bytes);
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn ods_repeats_are_measured_before_reading() {
        let bytes = ods("<table:table table:name=\"Báo cáo\">\
             <table:table-row table:number-rows-repeated=\"1000\">\
             <table:table-cell table:number-columns-repeated=\"16384\" \
              office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>");
        let start = Instant::now();
        let f = read(&bytes).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(f.code, Code::FileLimit);
        assert!(f.message.contains("XFD1000"), "{}", f.message);
        let spaces = ods("<table:table table:name=\"S\"><table:table-row>\
             <table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"4000000000\"/>b</text:p>\
             </table:table-cell></table:table-row></table:table>");
        assert_eq!(read(&spaces).unwrap_err().code, Code::FileLimit);
    }

    /// calamine 0.38 reads an ODS sheet until the end tag of its `table:table` and loops for
    /// ever at the end of the file when that tag is missing or misspelt (found by fuzzing;
    /// tests/data/robustness/ods-unclosed-table.ods is the fuzzer's file).
    #[test]
    fn ods_that_never_closes_a_sheet_is_damaged_not_a_hang() {
        let row = "<table:table-row><table:table-cell office:value-type=\"float\" \
                   office:value=\"1\"/></table:table-row>";
        let unclosed = ods(&format!("<table:table table:name=\"S\">{row}"));
        let misspelt = ods(&format!(
            "<table:table table:name=\"S\">{row}</table:tablX>"
        ));
        let annotation = ods("<table:table table:name=\"S\"><table:table-row>\
             <table:table-cell office:value-type=\"string\"><office:annotation><text:p>x</text:p>\
             </table:table-cell></table:table-row></table:table>");
        for bytes in [unclosed, misspelt, annotation] {
            let f = read(&bytes).unwrap_err();
            assert_eq!(f.code, Code::FileCorrupt, "{}", f.message);
            assert!(f.message.contains("content.xml"), "{}", f.message);
        }
        let deep = ods(&format!(
            "<table:table table:name=\"S\">{}</table:table>",
            "<text:span>".repeat(200_000)
        ));
        let f = read(&deep).unwrap_err();
        assert_eq!(f.code, Code::FileLimit, "{}", f.message);
        let fuzzed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/robustness/ods-unclosed-table.ods");
        let bytes = std::fs::read(fuzzed).unwrap();
        assert_eq!(code(read(&bytes)), Code::FileCorrupt);
    }

    /// An input the fuzzer found that made baocao's own `.xls` pre-scan overflow (it then
    /// became an F009 finding instead of reaching calamine). The scan runs here outside
    /// `catch_unwind`, so a panic fails the test; calamine itself still panics on this file,
    /// which `open_bytes` turns into F009.
    #[test]
    fn fuzzer_found_xls_offset_overflow() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/robustness/xls-sheet-offset-overflow.xls");
        let bytes = std::fs::read(path).unwrap();
        let cfb = ole::Cfb::parse(&bytes).unwrap();
        let stream = cfb.stream(cfb.entry("Workbook").unwrap()).unwrap();
        let _ = ole::scan_xls(&stream);
        let f = read(&bytes).unwrap_err();
        assert!(
            f.code != Code::FileCrash || !f.message.contains("overflow"),
            "{}",
            f.message
        );
    }

    /// A version 3 compound file holding `streams`, each padded to at least 4 KB so that
    /// it lives in regular sectors.
    fn compound_file(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        let mut fat = vec![0xFFFF_FFFDu32, END];
        let mut dir = Vec::new();
        let mut body = Vec::new();
        let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            let len = u16::try_from(2 * units.len() + 2).unwrap();
            e[64..66].copy_from_slice(&len.to_le_bytes());
            e[66] = kind;
            e[68..72].copy_from_slice(&u32::MAX.to_le_bytes());
            e[72..76].copy_from_slice(&right.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
            e
        };
        dir.extend(entry("Root Entry", 5, u32::MAX, 1, END, 0));
        for (i, (name, data)) in streams.iter().enumerate() {
            let mut data = data.clone();
            data.resize(data.len().max(4096).div_ceil(512) * 512, 0);
            let start = u32::try_from(fat.len()).unwrap();
            let sectors = u32::try_from(data.len() / 512).unwrap();
            fat.extend((1..sectors).map(|k| start + k));
            fat.push(END);
            let right = if i + 1 < streams.len() {
                u32::try_from(i + 2).unwrap()
            } else {
                u32::MAX
            };
            dir.extend(entry(
                name,
                2,
                right,
                u32::MAX,
                start,
                u32::try_from(data.len()).unwrap(),
            ));
            body.extend(data);
        }
        dir.resize(512, 0);
        assert!(fat.len() <= 128);
        fat.resize(128, 0xFFFF_FFFF);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        header[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
        header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
        header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        header[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
        header[0x3C..0x40].copy_from_slice(&END.to_le_bytes());
        header[0x44..0x48].copy_from_slice(&END.to_le_bytes());
        for i in 0..109 {
            let v: u32 = if i == 0 { 0 } else { u32::MAX };
            header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        let mut out = header;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(dir);
        out.extend(body);
        out
    }

    fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_le_bytes());
        out.extend_from_slice(data);
        out
    }

    /// A BIFF8 workbook stream with one sheet holding the number 1 at each position, and
    /// `extra` records in the workbook globals.
    fn workbook_stream(cells: &[(u16, u16)], extra: &[u8]) -> Vec<u8> {
        let mut globals = biff(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        globals.extend_from_slice(extra);
        let boundsheet_len = 4 + 10;
        let sheet_at = globals.len() + boundsheet_len + 4;
        let mut bs = u32::try_from(sheet_at).unwrap().to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 2, 0, b'S', b'1']);
        globals.extend(biff(0x0085, &bs));
        globals.extend(biff(0x000A, &[]));
        assert_eq!(globals.len(), sheet_at);
        let mut stream = globals;
        stream.extend(biff(
            0x0809,
            &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        for &(row, col) in cells {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&col.to_le_bytes());
            d.extend_from_slice(&[0, 0]);
            d.extend_from_slice(&1.0f64.to_le_bytes());
            stream.extend(biff(0x0203, &d));
        }
        stream.extend(biff(0x000A, &[]));
        stream
    }

    #[test]
    fn ole_files_are_told_apart() {
        let xls = compound_file(&[("Workbook", workbook_stream(&[(2, 1)], &[]))]);
        let wb = read(&xls).unwrap();
        assert_eq!(wb.format, Format::Xls);
        assert_eq!(wb.sheets[0].get(2, 1), &Value::Number(1.0));

        let far = compound_file(&[("Workbook", workbook_stream(&[(0, 0), (65_535, 255)], &[]))]);
        let f = read(&far).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
        assert!(f.message.contains("IV65536"), "{}", f.message);

        // XOR obfuscation (type 0), which calamine would read as if it were plain.
        let xor = compound_file(&[(
            "Workbook",
            workbook_stream(&[(0, 0)], &biff(0x002F, &[0, 0, 1, 2, 3, 4])),
        )]);
        assert_eq!(code(read(&xor)), Code::FileEncrypted);

        let agile = compound_file(&[
            ("EncryptionInfo", vec![4, 0, 4, 0]),
            ("EncryptedPackage", vec![1; 64]),
        ]);
        assert_eq!(code(read(&agile)), Code::FileEncrypted);

        let doc = compound_file(&[("WordDocument", vec![0xEC, 0xA5])]);
        let f = read(&doc).unwrap_err();
        assert_eq!(f.code, Code::FileNotSpreadsheet);
        assert!(f.message.contains("Office 97"), "{}", f.message);
    }

    #[test]
    fn dates_follow_the_1904_system() {
        let bytes = xlsx(|book| {
            let dates = XlsxFormat::new().set_num_format("yyyy-mm-dd");
            let ws = book.add_worksheet();
            ws.write_with_format(0, 0, 44_361, &dates).unwrap();
        });
        let as_1904 = rezip(&bytes, |name, data| {
            if name == "xl/workbook.xml" {
                String::from_utf8(data)
                    .unwrap()
                    .replace("<workbookPr ", "<workbookPr date1904=\"1\" ")
                    .into_bytes()
            } else {
                data
            }
        });
        assert_eq!(
            read(&bytes).unwrap().sheets[0].get(0, 0),
            &date(2021, 6, 14)
        );
        assert_eq!(
            read(&as_1904).unwrap().sheets[0].get(0, 0),
            &date(2025, 6, 15)
        );
    }

    #[test]
    fn impostors_get_one_clear_finding() {
        assert_eq!(code(read(b"")), Code::FileEmpty);
        let html = read(b"<html><body><table><tr><td>1</td></tr></table></body></html>");
        let f = html.unwrap_err();
        assert_eq!(f.code, Code::FileHtml);
        assert!(f.help.contains("Save As"), "{}", f.help);
        assert_eq!(
            code(read("STT;Mã;Tình trạng\n1;A;B\n".as_bytes())),
            Code::FileCsv
        );
        let random: Vec<u8> = (0u32..10_000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect();
        assert_eq!(code(read(&random)), Code::FileNotSpreadsheet);
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let f = read(&docx).unwrap_err();
        assert_eq!(f.code, Code::FileNotSpreadsheet);
        assert!(f.message.contains("Word"), "{}", f.message);
        let good = xlsx(|book| {
            book.add_worksheet().write(0, 0, "x").unwrap();
        });
        assert_eq!(code(read(&good[..good.len() / 2])), Code::FileCorrupt);
        let ole_garbage = [
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
            &[7u8; 600][..],
        ]
        .concat();
        assert_eq!(code(read(&ole_garbage)), Code::FileCorrupt);
    }

    #[test]
    fn zip_bombs_are_refused_before_decompressing() {
        // 300 MB of zeros deflate to about 300 KB.
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default())
            .unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..300 {
            out.write_all(&zeros).unwrap();
        }
        out.start_file("xl/workbook.xml", SimpleFileOptions::default())
            .unwrap();
        let bomb = out.finish().unwrap().into_inner();
        assert!(bomb.len() < 2 << 20);
        let f = read(&bomb).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
        assert!(f.message.contains("sheet1.xml"), "{}", f.message);

        // A part under the size limits but compressed 1000:1.
        let ratio = zip_of(&[("xl/workbook.xml", &vec![b'a'; 4 << 20])]);
        let f = read(&ratio).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
        assert!(f.message.contains("bom zip"), "{}", f.message);
    }

    #[test]
    fn lying_shared_string_count_is_corrupt() {
        let bytes = xlsx(|book| {
            book.add_worksheet().write(0, 0, "x").unwrap();
        });
        let lying = rezip(&bytes, |name, data| {
            if name == "xl/sharedStrings.xml" {
                let s = String::from_utf8(data).unwrap();
                let at = s.find("uniqueCount=\"").unwrap() + 13;
                let end = at + s[at..].find('"').unwrap();
                format!("{}4000000000{}", &s[..at], &s[end..]).into_bytes()
            } else {
                data
            }
        });
        assert_eq!(code(read(&lying)), Code::FileCorrupt);
    }

    #[test]
    fn paths_that_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        let lang = Lang::Vi;
        let limits = Limits::default();
        let f = open(dir.path(), "thu-muc", lang, &limits).unwrap_err();
        assert_eq!(f.code, Code::FileUnreadable);
        let missing = dir.path().join("khong-co.xlsx");
        let f = open(&missing, "khong-co.xlsx", lang, &limits).unwrap_err();
        assert_eq!(f.code, Code::FileUnreadable);
        let empty = dir.path().join("rong.xlsx");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(
            open(&empty, "rong.xlsx", lang, &limits).unwrap_err().code,
            Code::FileEmpty
        );
        let html = dir.path().join("cong-thong-tin.xls");
        std::fs::write(&html, "\u{feff}<!DOCTYPE html><html><table>").unwrap();
        let f = open(&html, "cong-thong-tin.xls", lang, &limits).unwrap_err();
        assert_eq!(
            (f.code, f.file.as_str()),
            (Code::FileHtml, "cong-thong-tin.xls")
        );
        let small = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let f = open(&html, "cong-thong-tin.xls", lang, &small).unwrap_err();
        assert_eq!(f.code, Code::FileLimit);
    }

    /// Real files saved by Excel and LibreOffice: the same dates in every format and in both
    /// date systems, error values in Excel's spelling, hidden sheets.
    #[test]
    fn real_files_agree_across_formats() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/calamine");
        if !dir.is_dir() {
            eprintln!("SKIPPED: {} is absent", dir.display());
            return;
        }
        let read = |name: &str| open(&dir.join(name), name, Lang::Vi, &Limits::default()).unwrap();
        for name in [
            "date.xlsx",
            "date_1904.xlsx",
            "date.xls",
            "date_1904.xls",
            "date.xlsb",
            "date_1904.xlsb",
        ] {
            let wb = read(name);
            let s = &wb.sheets[0];
            assert_eq!(
                (s.get(0, 0), s.get(1, 0), s.get(1, 1)),
                (&date(2021, 1, 1), &date(2021, 1, 2), &Value::Number(16.0)),
                "{name}"
            );
        }
        assert_eq!(read("date.ods").sheets[0].get(0, 0), &date(2021, 1, 1));
        let errors = read("errors.xlsx");
        let col: Vec<_> = (0..6)
            .map(|r| errors.sheets[0].get(r, 0).display())
            .collect();
        assert_eq!(
            col,
            ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!"]
        );
        assert_eq!(read("vba.xlsm").format, Format::Xlsm);
        for name in [
            "any_sheets.xlsx",
            "any_sheets.xls",
            "any_sheets.xlsb",
            "any_sheets.ods",
        ] {
            let hidden: Vec<_> = read(name).sheets.iter().map(|s| s.hidden).collect();
            assert_eq!(hidden, [false, true, true, false], "{name}");
        }
    }

    /// Every file of calamine's own test suite: malformed, encrypted and memory-exhausting
    /// ones included. Each must give a workbook or one finding, quickly, without a panic.
    #[test]
    fn calamine_corpus_never_panics() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/calamine");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("SKIPPED: {} is absent", dir.display());
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        let limits = Limits::default();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let start = Instant::now();
            let result = open(&path, &name, Lang::En, &limits);
            let took = start.elapsed();
            assert!(took < Duration::from_secs(10), "{name} took {took:?}");
            let outcome = match &result {
                Ok(wb) => format!("ok {} {} sheet(s)", wb.format.label(), wb.sheets.len()),
                Err(f) => format!("{} {}", f.code, f.message),
            };
            eprintln!("{name}: {outcome}");
            if name.starts_with("pass_protected") {
                assert_eq!(
                    result.as_ref().err().map(|f| f.code),
                    Some(Code::FileEncrypted)
                );
            }
        }
    }
}

#[cfg(test)]
mod scope_tests {
    use rust_xlsxwriter::Workbook as XlsxBook;

    use super::*;

    /// (row, col, text) cells of one sheet.
    type Cells<'a> = &'a [(u32, u16, &'a str)];

    /// A workbook with the given sheets.
    fn book(sheets: &[(&str, Cells<'_>)]) -> Vec<u8> {
        let mut b = XlsxBook::new();
        for (name, cells) in sheets {
            let ws = b.add_worksheet().set_name(*name).unwrap();
            for (r, c, t) in *cells {
                ws.write_string(*r, *c, *t).unwrap();
            }
        }
        b.save_to_buffer().unwrap()
    }

    fn open(bytes: &[u8], scope: Scope) -> Workbook {
        open_bytes_scoped(bytes, "f.xlsx", Lang::Vi, &Limits::default(), scope).unwrap()
    }

    fn guide(wb: &Workbook) -> &Sheet {
        wb.sheets.iter().find(|s| s.name == SHEET_GUIDE).unwrap()
    }

    #[test]
    fn percentage_cells_read_as_shown() {
        use rust_xlsxwriter::Format as XlsxFormat;
        let mut b = XlsxBook::new();
        let ws = b.add_worksheet().set_name("Chỉ tiêu").unwrap();
        let cases: [(f64, &str); 6] = [
            (0.85, "0%"),
            (0.005, "0.0%"),
            (1.0, "0.00%"),
            (0.85, "0.00\" %\""),
            (0.85, "0\\%"),
            (12.0, "#,##0"),
        ];
        for (r, (v, code)) in cases.iter().enumerate() {
            let f = XlsxFormat::new().set_num_format(*code);
            ws.write_number_with_format(r as u32, 0, *v, &f).unwrap();
        }
        let bytes = b.save_to_buffer().unwrap();
        let wb = open(&bytes, Scope::Checks);
        let got: Vec<String> = (0..6).map(|r| wb.sheets[0].get(r, 0).display()).collect();
        assert_eq!(got, ["85%", "0.5%", "100%", "0.85", "0.85", "12"]);
    }

    #[test]
    fn checks_skip_the_guide_only_when_both_tables_are_elsewhere() {
        let help: Cells<'_> = &[(0, 0, "Hướng dẫn điền báo cáo"), (3, 1, "…")];
        let bytes = book(&[
            ("Báo cáo", &[(9, 0, "STT"), (9, 1, "Mã nhiệm vụ")]),
            ("Chỉ tiêu", &[(0, 0, " MÃ CHỈ TIÊU: ")]),
            (SHEET_GUIDE, help),
        ]);
        let checks = open(&bytes, Scope::Checks);
        assert_eq!(checks.sheets.len(), 3);
        assert_eq!(guide(&checks).height(), 0);
        let all = open(&bytes, Scope::Everything);
        assert_eq!(guide(&all).get(3, 1).display(), "…");

        // The indicator table moved into the guide sheet: it is read after all, in place.
        let moved = book(&[
            ("Báo cáo", &[(9, 1, "Mã nhiệm vụ")]),
            (SHEET_GUIDE, &[(2, 0, "Mã chỉ tiêu"), (3, 0, "CT01")]),
            ("Khác", &[(0, 0, "x")]),
        ]);
        let checks = open(&moved, Scope::Checks);
        let names: Vec<&str> = checks.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Báo cáo", SHEET_GUIDE, "Khác"]);
        assert_eq!(guide(&checks).get(3, 0).display(), "CT01");
    }
}
