//! The text of a receipt log as Excel saves it on an officer's PC: "CSV UTF-8" (with a byte
//! order mark), plain "CSV" (the Windows code page: Windows-1258 on a Vietnamese locale, whose
//! tone marks are combining characters), "Unicode Text" (UTF-16, tab separated), and the
//! locale's list separator (`;` where the decimal mark is a comma). [`decode`] turns the bytes
//! into NFC text; [`delimiter`] picks the separator from the first line.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};

use crate::util::nfc;

/// The file's text, NFC, without a byte order mark, and the encoding it was read in.
///
/// A byte order mark decides (UTF-8, UTF-16 LE or BE); text without one is UTF-8 when it is
/// valid UTF-8 (ASCII included), else Windows-1258: the code page Excel's plain "CSV" uses on
/// a Vietnamese Windows, the only one a Vietnamese officer's non-UTF-8 file comes in.
#[must_use]
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom)) => (enc, &bytes[bom..]),
        None if std::str::from_utf8(bytes).is_ok() => (UTF_8, bytes),
        None => (WINDOWS_1258, bytes),
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    (nfc(&text), enc)
}

/// The separator of a CSV text: the most frequent of `,`, `;` and tab in its first non-blank
/// line (a tie goes to `,`, then `;`).
#[must_use]
pub fn delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first.matches(c).count();
    let (comma, semicolon, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab > semicolon {
        b'\t'
    } else if semicolon > comma {
        b';'
    } else {
        b','
    }
}

/// How a receipt log's first column is compared with a file's path: NFC, trimmed, `\` and
/// `/` alike (a log written on Windows names `bo-sung\x.xlsx`, one written elsewhere
/// `bo-sung/x.xlsx`; the same folder either way).
#[must_use]
pub fn key(s: &str) -> String {
    nfc(s.trim()).replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::UTF_16LE;

    const LOG: &str = "Tệp hoặc mã cơ quan;Ngày nhận\nBC Sở Công Thương.xlsx;18/12/2025\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(LOG.as_bytes());
        for bytes in [bom, LOG.as_bytes().to_vec()] {
            let (text, enc) = decode(&bytes);
            assert_eq!(text, LOG);
            assert_eq!(enc, UTF_8);
        }
    }

    #[test]
    fn windows_1258_is_decoded_to_nfc() {
        // Windows-1258 has no "ệ" or "ắ": Vietnamese Windows writes a base letter and a
        // combining mark: ê (0xEA) + dot below (0xF2), ă (0xE3) + acute (0xEC); Đ is 0xD0.
        let bytes = b"T\xEA\xF2p \xD0\xE3\xECk L\xE3\xECk";
        let (text, enc) = decode(bytes);
        assert_eq!(enc, WINDOWS_1258);
        assert_eq!(text, "Tệp Đắk Lắk");
        assert!(crate::util::is_nfc(&text));
        assert!(!text.contains('\u{301}'));
        // A precomposed letter 1258 does have (ô, 0xF4) stays one character.
        let (text, _) = decode(b"C\xF4ng;18/12/2025");
        assert_eq!(text, "Công;18/12/2025");
    }

    #[test]
    fn utf16_unicode_text() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Mã\t18/12/2025".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (text, enc) = decode(&le);
        assert_eq!((text.as_str(), enc), ("Mã\t18/12/2025", UTF_16LE));
        assert_eq!(delimiter(&text), b'\t');
    }

    #[test]
    fn separators() {
        assert_eq!(delimiter(LOG), b';');
        assert_eq!(delimiter("Tệp,Ngày nhận,Ghi chú\n"), b',');
        assert_eq!(delimiter("\n\nTệp;Ngày;Ghi chú, có dấu phẩy\n"), b';');
        assert_eq!(delimiter("a\tb\n"), b'\t');
        assert_eq!(delimiter("STTTT\n"), b',');
        assert_eq!(delimiter(""), b',');
    }

    #[test]
    fn keys_compare_paths_and_forms_alike() {
        assert_eq!(key(" bo-sung\\BC SCT.xlsx "), "bo-sung/BC SCT.xlsx");
        assert_eq!(key("Ba\u{301}o ca\u{301}o.xlsx"), "Báo cáo.xlsx");
    }
}
