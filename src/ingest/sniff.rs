//! What a file really is, from its bytes, whatever its name says.
//!
//! Agencies rename files: a portal's HTML export saved as `.xls`, a CSV renamed `.xlsx`, a
//! Word document attached by mistake. [`sniff`] looks at the first bytes only and never
//! fails; [`zip_kind`] looks inside a zip archive at its entry names (from the central
//! directory) and, when needed, at the first bytes of `[Content_Types].xml` or `mimetype`.

use std::io::Cursor;

use zip::ZipArchive;

use super::Format;
use super::limits::read_part_head;

/// The container a file's first bytes reveal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// No bytes at all, or only NUL bytes and whitespace (an interrupted download or copy).
    Empty,
    /// A zip archive: xlsx, xlsm, xlsb, ods, or something else zipped (see [`zip_kind`]).
    Zip,
    /// An OLE compound file: xls, an encrypted xlsx, or a Word/PowerPoint 97 file.
    Ole,
    /// An HTML page or an HTML table (how many portals "export to Excel").
    Html,
    /// Excel 2003 XML ("XML Spreadsheet 2003", SpreadsheetML), which calamine cannot read.
    SpreadsheetXml,
    /// Plain text: CSV, tab-separated, or any other text.
    Text,
    /// Anything else: a PDF, an image, random bytes.
    Unknown,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How many leading bytes the text heuristics look at.
const SNIFF_BYTES: usize = 8192;

/// Classifies a file by its first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return Sniffed::Zip;
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Sniffed::Ole;
    }
    // Documents that may look like text in their first bytes.
    if bytes.starts_with(b"%PDF") || bytes.starts_with(b"{\\rtf") {
        return Sniffed::Unknown;
    }
    if bytes.iter().all(|&b| b == 0 || b.is_ascii_whitespace()) {
        return Sniffed::Empty;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let text = ascii_view(head);
    let lead = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if is_html(lead) {
        return Sniffed::Html;
    }
    if lead.starts_with("<?xml") {
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || text.contains("progid=\"excel.sheet\"")
        {
            return Sniffed::SpreadsheetXml;
        }
        if text.contains("<html") || text.contains("xhtml") {
            return Sniffed::Html;
        }
    }
    if looks_like_text(head) {
        return Sniffed::Text;
    }
    Sniffed::Unknown
}

/// The first bytes, lower-cased, as ASCII: a byte-order mark is skipped, UTF-16 is read by
/// dropping its zero bytes, other non-ASCII bytes become `?`.
fn ascii_view(head: &[u8]) -> String {
    let (body, step) = if let Some(rest) = head.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (rest, 1)
    } else if let Some(rest) = head.strip_prefix(&[0xFF, 0xFE]) {
        (rest, 2)
    } else if let Some(rest) = head.strip_prefix(&[0xFE, 0xFF]) {
        (rest.get(1..).unwrap_or_default(), 2)
    } else {
        (head, 1)
    };
    body.iter()
        .step_by(step)
        .map(|&b| {
            if b.is_ascii() {
                char::from(b.to_ascii_lowercase())
            } else {
                '?'
            }
        })
        .collect()
}

fn is_html(lead: &str) -> bool {
    const STARTS: [&str; 9] = [
        "<html",
        "<!doctype",
        "<table",
        "<meta",
        "<head",
        "<body",
        "<!--",
        "<style",
        "<div",
    ];
    STARTS.iter().any(|s| lead.starts_with(s))
        && (!lead.starts_with("<!--") || lead.contains("<html") || lead.contains("<table"))
}

/// Text if almost every byte is printable: UTF-8, UTF-16 with a byte-order mark, or an 8-bit
/// code page (Windows-1258 and the TCVN3 fonts use bytes above 127).
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    // One stray control byte in a hundred is still text (some exports end with ^Z).
    control * 100 <= head.len()
}

/// What a zip archive holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipKind {
    Spreadsheet(Format),
    /// An ODF spreadsheet whose parts are encrypted (LibreOffice "Save with password").
    EncryptedOds,
    /// A zipped file that is not a spreadsheet; the label names what it is.
    Other(&'static str),
}

/// Classifies a zip archive by its entries.
pub fn zip_kind(zip: &mut ZipArchive<Cursor<&[u8]>>) -> ZipKind {
    let has = |zip: &ZipArchive<Cursor<&[u8]>>, name: &str| zip.index_for_name(name).is_some();
    if has(zip, "mimetype") {
        let mime = read_part_head(zip, "mimetype", 128).unwrap_or_default();
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        if mime == "application/vnd.oasis.opendocument.spreadsheet" {
            return if ods_is_encrypted(zip) {
                ZipKind::EncryptedOds
            } else {
                ZipKind::Spreadsheet(Format::Ods)
            };
        }
        return ZipKind::Other(match mime {
            m if m.contains("opendocument.text") => "OpenDocument Text (.odt)",
            m if m.contains("opendocument.presentation") => "OpenDocument Presentation (.odp)",
            m if m.contains("opendocument.spreadsheet-template") => {
                "OpenDocument Spreadsheet Template (.ots)"
            }
            m if m.contains("epub") => "EPUB",
            _ => "OpenDocument",
        });
    }
    let content_types = read_part_head(zip, "[Content_Types].xml", 256 * 1024).unwrap_or_default();
    let types = String::from_utf8_lossy(&content_types).to_ascii_lowercase();
    let binary = has(zip, "xl/workbook.bin") || types.contains("sheet.binary.macroenabled.main");
    if binary {
        return ZipKind::Spreadsheet(Format::Xlsb);
    }
    let macro_enabled = types.contains("sheet.macroenabled.main") || has(zip, "xl/vbaProject.bin");
    if has(zip, "xl/workbook.xml")
        || types.contains("spreadsheetml.sheet.main")
        || types.contains("spreadsheetml.template.main")
        || macro_enabled
    {
        return ZipKind::Spreadsheet(if macro_enabled {
            Format::Xlsm
        } else {
            Format::Xlsx
        });
    }
    ZipKind::Other(
        if has(zip, "word/document.xml") || types.contains("wordprocessingml") {
            "Word (.docx)"
        } else if has(zip, "ppt/presentation.xml") || types.contains("presentationml") {
            "PowerPoint (.pptx)"
        } else {
            "zip"
        },
    )
}

/// ODF marks encrypted parts in `META-INF/manifest.xml` with `manifest:encryption-data`.
fn ods_is_encrypted(zip: &mut ZipArchive<Cursor<&[u8]>>) -> bool {
    read_part_head(zip, "META-INF/manifest.xml", 1024 * 1024)
        .is_some_and(|m| m.windows(24).any(|w| w == b"manifest:encryption-data"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_impostors() {
        assert_eq!(sniff(b""), Sniffed::Empty);
        assert_eq!(sniff(b"\0\0\0\0 \n"), Sniffed::Empty);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(OLE_MAGIC), Sniffed::Ole);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><html><body><table>"),
            Sniffed::Html
        );
        assert_eq!(sniff(b"<TABLE border=1><tr><td>1</td></tr>"), Sniffed::Html);
        assert_eq!(
            sniff(b"<meta http-equiv=\"Content-Type\" content=\"text/html\">"),
            Sniffed::Html
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html>".bytes().flat_map(|b| [b, 0]))
            .collect();
        assert_eq!(sniff(&utf16), Sniffed::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">"),
            Sniffed::Html
        );
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            Sniffed::SpreadsheetXml
        );
        assert_eq!(
            sniff("STT;Mã nhiệm vụ;Tình trạng\n1;III.1.1;Đã hoàn thành\n".as_bytes()),
            Sniffed::Text
        );
        assert_eq!(sniff(b"a\tb\tc\r\n1\t2\t3\r\n"), Sniffed::Text);
        assert_eq!(sniff(b"%PDF-1.4 plain text header"), Sniffed::Unknown);
        assert_eq!(sniff(b"{\\rtf1\\ansi hello}"), Sniffed::Unknown);
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\0\0\x01\x02\x03"),
            Sniffed::Unknown
        );
        let random: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(sniff(&random), Sniffed::Unknown);
    }
}
