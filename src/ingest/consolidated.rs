//! Reading a consolidated workbook back: its very hidden `_baocao_data` sheet
//! (`crate::data_sheet`, docs/consolidated-format.md).
//!
//! [`read_consolidated`] reads only the data sheet and returns the consolidation's [`Data`]:
//! straight from the zip when the sheet is as baocao writes it (inline strings), else through
//! calamine (a workbook saved again by Excel or LibreOffice). It refuses, with a message naming
//! the file, a workbook that is not one baocao wrote (no data sheet), one written in a format
//! version this build does not know, and one consolidated under another plan.

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
    let small = std::fs::metadata(path)
        .is_ok_and(|m| m.len() <= super::limits::Limits::default().max_file_bytes);
    let fast = small.then(|| std::fs::read(path).ok()).flatten();
    if let Some(cells) = fast.as_deref().and_then(as_written) {
        return from_cells(&cells, &shown, lang);
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        // A file that is no workbook at all gets our words, not the reader's English.
        let reason = match fast.as_deref().map(super::sniff::sniff) {
            Some(super::sniff::Sniffed::Zip | super::sniff::Sniffed::Ole) => e.to_string(),
            Some(_) => lang.file_unknown_format(),
            None => e.to_string(),
        };
        Error::Message(lang.data_sheet_unreadable(&shown, &reason))
    })?;
    if !wb.sheet_names().iter().any(|n| n == SHEET) {
        return Err(Error::Message(lang.data_sheet_missing(&shown, SHEET)));
    }
    let range = wb
        .worksheet_range(SHEET)
        .map_err(|e| Error::Message(lang.data_sheet_unreadable(&shown, &e.to_string())))?;
    let text = |row: u32| match range.get_value((row, 0)) {
        Some(Cell::String(s)) => Some(s.clone()),
        _ => None,
    };
    let count = match range.get_value((0, 1)) {
        Some(Cell::Float(n)) => Some(*n),
        Some(Cell::Int(n)) => Some(*n as f64),
        _ => None,
    };
    let rows = range.height().min(u32::MAX as usize) as u32;
    let cells = Cells {
        version: text(0).unwrap_or_default(),
        count,
        parts: (1..rows.max(1)).map(text).collect(),
    };
    from_cells(&cells, &shown, lang)
}

/// What the data sheet holds: `A1`, `B1` and `A2`, `A3`, … (None: not a text cell).
struct Cells {
    version: String,
    count: Option<f64>,
    parts: Vec<Option<String>>,
}

/// The consolidation from the data sheet's cells, or the message saying what is wrong.
fn from_cells(cells: &Cells, shown: &str, lang: Lang) -> Result<Data> {
    if cells.version != VERSION {
        return Err(Error::Message(lang.data_sheet_version(
            shown,
            &cells.version,
            VERSION,
        )));
    }
    let count = match cells.count {
        Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => n as usize,
        _ => 0,
    };
    let parts: Option<Vec<String>> = (0..count)
        .map(|i| cells.parts.get(i).cloned().flatten())
        .collect();
    match parts {
        Some(parts) if count > 0 => from_parts(&parts)
            .map_err(|e| Error::Message(lang.data_sheet_damaged(shown, &e.to_string()))),
        _ => Err(Error::Message(
            lang.data_sheet_damaged(shown, &lang.data_sheet_parts_missing()),
        )),
    }
}

/// The data sheet's cells read straight from the workbook's zip when the sheet is exactly as
/// baocao writes it (every cell an inline string or a number, no Excel `_xHHHH_` escape): the
/// shared-string table and the other sheets (most of the file) are then never read. None for
/// anything else, e.g. a workbook saved again by Excel or LibreOffice, which keep strings in
/// the shared table; calamine reads those.
///
/// Bounded as every read: a part the zip directory declares past the default limits (or a
/// ratio of a zip bomb) is left to the other path.
fn as_written(bytes: &[u8]) -> Option<Cells> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    super::limits::check_zip(&zip, &super::limits::Limits::default()).ok()?;
    let xml = super::open::hidden::Parts::new(bytes).sheet(SHEET)?;
    let xml = xml.bytes();
    let mut cells = Cells {
        version: String::new(),
        count: None,
        parts: Vec::new(),
    };
    let mut rest = xml;
    while let Some(at) = memchr::memmem::find(rest, b"<c ") {
        let cell = &rest[at + 3..];
        let open_end = memchr::memchr(b'>', cell)?;
        let attrs = &cell[..open_end];
        if attrs.ends_with(b"/") {
            rest = &cell[open_end..];
            continue;
        }
        let close = memchr::memmem::find(cell, b"</c>")?;
        let inner = &cell[open_end + 1..close];
        rest = &cell[close..];
        let (col, row) = cell_ref(attribute(attrs, b"r")?)?;
        match (attribute(attrs, b"t"), col, row) {
            (Some(b"inlineStr"), 0, _) => {
                let text = inline_text(inner)?;
                if row == 0 {
                    cells.version = text;
                } else {
                    let i = row as usize - 1;
                    if cells.parts.len() <= i {
                        cells.parts.resize(i + 1, None);
                    }
                    cells.parts[i] = Some(text);
                }
            }
            (None | Some(b"n"), 1, 0) => {
                let v = between(inner, b"<v>", b"</v>")?;
                cells.count = std::str::from_utf8(v).ok()?.trim().parse().ok();
            }
            _ => return None,
        }
    }
    Some(cells)
}

/// The value of attribute `name` in a start tag's attributes.
fn attribute<'a>(attrs: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&attrs[from..], name) {
        let at = from + at;
        let before_ok = at == 0 || attrs[at - 1] == b' ';
        let after = &attrs[at + name.len()..];
        if before_ok && after.starts_with(b"=\"") {
            let value = &after[2..];
            return value
                .iter()
                .position(|&b| b == b'"')
                .map(|end| &value[..end]);
        }
        from = at + name.len();
    }
    None
}

/// `A12` as (column 0, row 11); only columns A and B are expected.
/// Rows past Excel's last (1,048,576) are refused, so a crafted reference cannot make the part
/// list grow without bound.
fn cell_ref(r: &[u8]) -> Option<(u32, u32)> {
    const EXCEL_ROWS: u32 = 1_048_576;
    let (&letter, digits) = r.split_first()?;
    let col = match letter {
        b'A' => 0,
        b'B' => 1,
        _ => return None,
    };
    let row: u32 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    (1..=EXCEL_ROWS).contains(&row).then(|| (col, row - 1))
}

/// The text of `<is><t>…</t></is>` (one plain run), XML-unescaped; None for rich text or an
/// Excel `_xHHHH_` escape, which calamine's reading resolves.
fn inline_text(inner: &[u8]) -> Option<String> {
    let body = between(inner, b"<is>", b"</is>")?;
    let start = body.strip_prefix(b"<t")?;
    let open_end = memchr::memchr(b'>', start)?;
    let text = start[open_end + 1..].strip_suffix(b"</t>")?;
    if memchr::memchr(b'<', text).is_some() || memchr::memmem::find(text, b"_x").is_some() {
        return None;
    }
    let text = std::str::from_utf8(text).ok()?;
    quick_xml::escape::unescape(text)
        .ok()
        .map(|t| t.into_owned())
}

/// What lies between the first `open` and the `close` that follows it.
fn between<'a>(xml: &'a [u8], open: &[u8], close: &[u8]) -> Option<&'a [u8]> {
    let start = memchr::memmem::find(xml, open)? + open.len();
    let end = memchr::memmem::find(&xml[start..], close)? + start;
    Some(&xml[start..end])
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A workbook zip holding one sheet `_baocao_data` with `cells` as its `sheetData`.
    fn workbook(cells: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let parts = [
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook xmlns:r="r"><sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!("<worksheet><sheetData>{cells}</sheetData></worksheet>"),
            ),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).expect("zip entry");
            zip.write_all(text.as_bytes()).expect("zip write");
        }
        zip.finish().expect("zip").into_inner()
    }

    fn inline(r: &str, text: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#)
    }

    #[test]
    fn the_sheet_as_written_is_read_without_calamine() {
        let xml = format!(
            r#"<row r="1">{}<c r="B1"><v>2</v></c></row><row r="2">{}</row><row r="3">{}</row>"#,
            inline("A1", VERSION),
            inline("A2", "{&quot;a&quot;: &lt;1&gt; "),
            inline("A3", "&amp; Đắk Lắk}"),
        );
        let cells = as_written(&workbook(&xml)).expect("read as written");
        assert_eq!(cells.version, VERSION);
        assert_eq!(cells.count, Some(2.0));
        assert_eq!(
            cells.parts,
            vec![
                Some("{\"a\": <1> ".to_string()),
                Some("& Đắk Lắk}".to_string())
            ]
        );
    }

    #[test]
    fn anything_else_is_left_to_calamine() {
        let shared = r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#;
        assert!(as_written(&workbook(shared)).is_none());
        // Excel's escape of a character XML cannot hold: calamine resolves it.
        let escaped = format!(r#"<row r="1">{}</row>"#, inline("A1", "a_x000D_b"));
        assert!(as_written(&workbook(&escaped)).is_none());
        let rich = r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>"#;
        assert!(as_written(&workbook(rich)).is_none());
        let other_column = format!(r#"<row r="1">{}</row>"#, inline("C1", "x"));
        assert!(as_written(&workbook(&other_column)).is_none());
        // A row past Excel's last cannot make the list of parts grow without bound.
        let far = format!(
            r#"<row r="4000000000">{}</row>"#,
            inline("A4000000000", "x")
        );
        assert!(as_written(&workbook(&far)).is_none());
        assert!(as_written(b"not a zip").is_none());
    }
}
