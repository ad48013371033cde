//! Hidden rows of an `.xlsx`/`.xlsm` worksheet, which calamine does not report: the sheet's
//! part is found through the workbook and its relationships, then streamed for `<row
//! hidden="1">`. A person does not see a hidden row, so the checks do not read one as the
//! report (docs/report-format.md, reading rules).
//!
//! Bounded: the zip was checked against the size limits before this runs; at most
//! [`MAX_HIDDEN`] rows are noted; any XML or zip error gives what was found so far (a damaged
//! part never refuses values already read).

//! The worksheet parts of an `.xlsx`/`.xlsm`, read once per sheet where a table is, for what
//! calamine does not report and for proofs that its slower passes would find nothing:
//!
//! - hidden rows (`<row hidden="1">`): a person does not see a hidden row, so the checks do not
//!   read one as the report (docs/report-format.md, reading rules);
//! - [`SheetXml::no_row_merges`]: no merged range of the sheet spans two rows, so calamine's
//!   merge list (which only matters through such ranges) need not be read;
//! - [`SheetXml::no_formulas`]: the sheet holds no formula element, so calamine's formula pass
//!   need not run.
//!
//! Each part is found through the workbook and its relationships (both read once per workbook)
//! and decompressed once into memory; the cheap byte searches decide whether any XML is parsed.
//!
//! Bounded: the zip was checked against the size limits before this runs (a part is at most
//! `max_part_bytes`); at most [`MAX_HIDDEN`] rows are noted; any XML or zip error gives what was
//! found so far (a damaged part never refuses values already read).

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use memchr::memmem;
use quick_xml::events::Event;
use zip::ZipArchive;

/// The most hidden rows noted per sheet.
pub const MAX_HIDDEN: usize = 10_000;

/// The worksheet parts of one workbook, by sheet name: `xl/workbook.xml` and its relationships
/// are read on the first request only.
pub struct Parts<'b> {
    zip: Option<ZipArchive<Cursor<&'b [u8]>>>,
    /// Sheet name → its part's path (None: named, but with no usable relationship).
    paths: Option<HashMap<String, Option<String>>>,
}

impl<'b> Parts<'b> {
    pub fn new(bytes: &'b [u8]) -> Self {
        Parts {
            zip: ZipArchive::new(Cursor::new(bytes)).ok(),
            paths: None,
        }
    }

    /// The decompressed XML of the worksheet named `sheet`; None when the part cannot be found
    /// (a read error gives the bytes read before it, as a streamed read would have seen them).
    pub fn sheet(&mut self, sheet: &str) -> Option<SheetXml> {
        let zip = self.zip.as_mut()?;
        let paths = self.paths.get_or_insert_with(|| sheet_parts(zip));
        let part = paths.get(sheet)?.as_deref()?;
        let mut file = zip.by_name(part).ok()?;
        let mut xml = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 24));
        // An error part-way (bad CRC, damaged deflate) keeps what was read before it.
        let _ = file.read_to_end(&mut xml);
        Some(SheetXml(xml))
    }
}

/// One worksheet part's XML, decompressed.
pub struct SheetXml(Vec<u8>);

impl SheetXml {
    /// The 0-based hidden rows, sorted; empty when none.
    pub fn hidden_rows(&self) -> Vec<u32> {
        // A row is hidden by an attribute named `hidden`: without those bytes, none is.
        if memmem::find(&self.0, b"hidden").is_none() {
            return Vec::new();
        }
        let mut out = hidden_rows(BufReader::new(&self.0[..]));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True when every `mergeCell` element is a plain `<mergeCell ref="A1:C1"/>` whose two
    /// corners are on the same row: then calamine's merge list, kept only for ranges spanning
    /// rows, would give nothing. False when unsure (the caller then asks calamine).
    pub fn no_row_merges(&self) -> bool {
        let xml = &self.0[..];
        memmem::find_iter(xml, b"mergeCell").all(|at| {
            let after = &xml[at + b"mergeCell".len()..];
            if after.first() == Some(&b's') {
                return true; // <mergeCells count="..">, </mergeCells>
            }
            let before = &xml[..at];
            if before.ends_with(b"</") {
                return after.first() == Some(&b'>');
            }
            before.ends_with(b"<") && single_row_merge(after)
        })
    }

    /// The part's XML.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// True when the part holds no formula element (`<f>`, or `<x:f>` with a prefix).
    pub fn no_formulas(&self) -> bool {
        memmem::find(&self.0, b"<f").is_none() && memmem::find(&self.0, b":f").is_none()
    }
}

/// `after` (what follows `<mergeCell`) is ` ref="A1:C1"/>` or ` ref="A1:C1">` with both
/// corners' row digits the same (or a single cell).
fn single_row_merge(after: &[u8]) -> bool {
    let Some(rest) = after.strip_prefix(b" ref=\"") else {
        return false;
    };
    let Some(end) = rest.iter().position(|&b| b == b'"') else {
        return false;
    };
    let (range, tail) = rest.split_at(end);
    if !(tail.starts_with(b"\"/>") || tail.starts_with(b"\">")) {
        return false;
    }
    let mut corners = range.split(|&b| b == b':');
    let rows: Option<Vec<&[u8]>> = corners.by_ref().take(2).map(corner_row).collect();
    match (rows.as_deref(), corners.next()) {
        (Some([_]), None) => true,
        (Some([a, b]), None) => a == b,
        _ => false,
    }
}

/// The row digits of a cell reference `AB12` (letters then digits, nothing else).
fn corner_row(cell: &[u8]) -> Option<&[u8]> {
    let letters = cell.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let digits = &cell[letters..];
    (letters > 0 && !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)).then_some(digits)
}

/// Every worksheet name of `xl/workbook.xml` with its part's path, from the relationship its
/// first `sheet` element names in `xl/_rels/workbook.xml.rels`.
fn sheet_parts(zip: &mut ZipArchive<Cursor<&[u8]>>) -> HashMap<String, Option<String>> {
    let ids = first_attributes(zip, "xl/workbook.xml", "sheet", "name", "id");
    let targets = first_attributes(
        zip,
        "xl/_rels/workbook.xml.rels",
        "Relationship",
        "Id",
        "Target",
    );
    ids.into_iter()
        .map(|(name, id)| {
            let target = id
                .and_then(|id| targets.get(&id).cloned().flatten())
                .map(|target| {
                    let target = target.trim_start_matches('/');
                    if target.starts_with("xl/") {
                        target.to_string()
                    } else {
                        format!("xl/{target}")
                    }
                });
            (name, target)
        })
        .collect()
}

/// In part `path`, for each value of attribute `key` of an `element`, the attribute `want` of
/// the first such element (matched by local name, so `r:id` is `id`); None when that element
/// has no `want`. What comes after an XML error is not read.
fn first_attributes(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
    element: &str,
    key: &str,
    want: &str,
) -> HashMap<String, Option<String>> {
    let mut out = HashMap::new();
    let Ok(file) = zip.by_name(path) else {
        return out;
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let local = a.key.local_name().as_ref().to_string();
                        // Sheet names may hold `&amp;` and the like.
                        let v = quick_xml::escape::unescape(&a.value)
                            .map_or_else(|_| a.value.to_string(), |v| v.into_owned());
                        (local, v)
                    })
                    .collect();
                let wanted = attrs
                    .iter()
                    .find(|(k, _)| k == want)
                    .map(|(_, v)| v.clone());
                for (k, v) in &attrs {
                    if k == key {
                        out.entry(v.clone()).or_insert_with(|| wanted.clone());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// The rows marked `hidden="1"` (or `true`) in a worksheet part, 0-based, at most
/// [`MAX_HIDDEN`].
fn hidden_rows<R: Read>(part: BufReader<R>) -> Vec<u32> {
    let mut xml = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "row" => {
                let mut row = None;
                let mut hidden = false;
                for a in e.attributes().flatten() {
                    match a.key.local_name().as_ref() {
                        "r" => row = a.value.trim().parse::<u32>().ok(),
                        "hidden" => hidden = matches!(a.value.trim(), "1" | "true"),
                        _ => {}
                    }
                }
                if let (true, Some(r)) = (hidden, row.filter(|&r| r > 0)) {
                    out.push(r - 1);
                    if out.len() >= MAX_HIDDEN {
                        break;
                    }
                }
            }
            // The rows end with `sheetData`; nothing after it says a row is hidden.
            Ok(Event::End(e)) if e.local_name().as_ref() == "sheetData" => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_are_read_from_the_rows_attributes() {
        let xml = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1"/></row>
            <row r="3" hidden="1"><c r="A3"/></row>
            <row r="4" hidden="true"/>
            <row r="5" hidden="0"/>
            <row hidden="1"/>
            </sheetData><row r="9" hidden="1"/></worksheet>"#;
        assert_eq!(hidden_rows(BufReader::new(&xml[..])), vec![2, 3]);
        // Broken XML: what was read before the break.
        let broken = br#"<sheetData><row r="2" hidden="1"/><row r="#;
        assert_eq!(hidden_rows(BufReader::new(&broken[..])), vec![1]);
    }

    fn part(xml: &str) -> SheetXml {
        SheetXml(xml.as_bytes().to_vec())
    }

    #[test]
    fn merges_within_one_row_are_told_apart_from_the_rest() {
        let one_row = r#"<sheetData/><mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="B12:F12"></mergeCell><mergeCell ref="D4"/></mergeCells>"#;
        assert!(part(one_row).no_row_merges());
        assert!(part("<sheetData/>").no_row_merges());
        // Anything else, or anything unusual, is left to calamine.
        for unsure in [
            r#"<mergeCells><mergeCell ref="A1:A2"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="A1:C10"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="A1:C1:D1"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="$A$1:$C$1"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="a1:c1"/></mergeCells>"#,
            r#"<mergeCells><mergeCell  ref="A1:C1"/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref='A1:C1'/></mergeCells>"#,
            r#"<mergeCells><mergeCell ref="A1:C1" x="1"/></mergeCells>"#,
            r#"<x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells>"#,
            r#"<is><t>mergeCell</t></is>"#,
            r#"<mergeCells><mergeCell ref="A1:C1"#,
        ] {
            assert!(!part(unsure).no_row_merges(), "{unsure}");
        }
    }

    #[test]
    fn formulas_and_hidden_rows_are_looked_for_only_where_their_bytes_are() {
        assert!(part(r#"<c r="A1"><v>1</v></c>"#).no_formulas());
        assert!(!part(r#"<c r="A1"><f>B1*2</f></c>"#).no_formulas());
        assert!(!part(r#"<c r="A1"><x:f>B1*2</x:f></c>"#).no_formulas());
        assert!(
            part(r#"<sheetData><row r="2"/></sheetData>"#)
                .hidden_rows()
                .is_empty()
        );
        let xml = r#"<sheetData><row r="4" hidden="1"/><row r="2" hidden="1"/><row r="2" hidden="1"/></sheetData>"#;
        assert_eq!(part(xml).hidden_rows(), vec![1, 3]);
    }

    #[test]
    fn each_sheet_finds_its_part_through_the_relationships() {
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["Báo cáo", "A & B", "Chỉ tiêu"] {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            sheet.write(0, 0, name).unwrap();
        }
        book.worksheets_mut()[2].set_row_hidden(3).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut parts = Parts::new(&bytes);
        assert!(parts.sheet("A & B").is_some());
        assert!(parts.sheet("Báo cáo").unwrap().hidden_rows().is_empty());
        assert_eq!(parts.sheet("Chỉ tiêu").unwrap().hidden_rows(), vec![3]);
        assert!(parts.sheet("Nowhere").is_none());
    }
}
