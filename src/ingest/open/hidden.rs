//! Hidden rows of an `.xlsx`/`.xlsm` worksheet, which calamine does not report: the sheet's
//! part is found through the workbook and its relationships, then streamed for `<row
//! hidden="1">`. A person does not see a hidden row, so the checks do not read one as the
//! report (docs/report-format.md, reading rules).
//!
//! Bounded: the zip was checked against the size limits before this runs; at most
//! [`MAX_HIDDEN`] rows are noted; any XML or zip error gives what was found so far (a damaged
//! part never refuses values already read).

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

/// The most hidden rows noted per sheet.
pub const MAX_HIDDEN: usize = 10_000;

/// The 0-based hidden rows of the worksheet named `sheet`, sorted; empty when none or when the
/// part cannot be found or read.
pub fn rows(bytes: &[u8], sheet: &str) -> Vec<u32> {
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Some(part) = sheet_part(&mut zip, sheet) else {
        return Vec::new();
    };
    let Ok(file) = zip.by_name(&part) else {
        return Vec::new();
    };
    let mut out = hidden_rows(BufReader::new(file));
    out.sort_unstable();
    out.dedup();
    out
}

/// The zip path of the worksheet named `name`: its relationship ID in `xl/workbook.xml`, then
/// that relationship's target in `xl/_rels/workbook.xml.rels`.
fn sheet_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let id = attribute_of(zip, "xl/workbook.xml", "sheet", "name", name, "id")?;
    let target = attribute_of(
        zip,
        "xl/_rels/workbook.xml.rels",
        "Relationship",
        "Id",
        &id,
        "Target",
    )?;
    let target = target.trim_start_matches('/');
    Some(if target.starts_with("xl/") {
        target.to_string()
    } else {
        format!("xl/{target}")
    })
}

/// In part `path`, the first `element` whose attribute `key` is `value`: its attribute `want`
/// (matched by local name, so `r:id` is `id`).
fn attribute_of(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
    element: &str,
    key: &str,
    value: &str,
    want: &str,
) -> Option<String> {
    let file = zip.by_name(path).ok()?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == element => {
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
                if attrs.iter().any(|(k, v)| k == key && v == value) {
                    return attrs.into_iter().find(|(k, _)| k == want).map(|(_, v)| v);
                }
            }
            Event::Eof => return None,
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
}
