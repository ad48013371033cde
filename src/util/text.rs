//! Text as labels and codes are compared: NFC, folded (trimmed, whitespace collapsed,
//! lower-case), matched character by character.

use unicode_normalization::UnicodeNormalization;

/// True when `s` is in NFC. Text read from spreadsheets and plans almost always is, and
/// Vietnamese letters are precomposed characters below U+0300 or in U+1E00–U+1EFF, each of
/// which is a starter that is NFC on its own (a test checks every one of them against the
/// Unicode tables); so those are let through without the table lookups of
/// `unicode_normalization::is_nfc`, which decides everything else.
pub fn is_nfc(s: &str) -> bool {
    // Read as UTF-8 bytes (`s` is valid UTF-8, so each lead byte says how long its character
    // is): below U+0080 one byte; U+0080–U+02FF two, led by C2–CB; U+1E00–U+1EFF three, E1
    // then B8–BB.
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        i += match lead {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => 3,
            _ => return unicode_normalization::is_nfc(s),
        };
    }
    true
}

/// The form labels and codes are compared in: NFC, trimmed, inner whitespace collapsed,
/// lower-case.
pub fn fold(s: &str) -> String {
    // Text read by ingest is NFC already: skip the normalising copy when a quick check says so.
    let normalised;
    let nfc = if is_nfc(s) {
        s
    } else {
        normalised = s.nfc().collect::<String>();
        normalised.as_str()
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// The characters of [`fold`]`(s)`, one at a time, without building the string: comparing a
/// long cell with a short label stops at the first character that differs.
pub fn fold_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    FoldChars {
        inner: s.nfc(),
        lower: None,
        started: false,
        space: false,
    }
}

struct FoldChars<I> {
    inner: I,
    /// The rest of the current character's lower case (one to three characters).
    lower: Option<std::char::ToLowercase>,
    /// A non-space character has been given.
    started: bool,
    /// Whitespace was skipped since the last character given.
    space: bool,
}

impl<I: Iterator<Item = char>> Iterator for FoldChars<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.lower.as_mut().and_then(Iterator::next) {
            return Some(c);
        }
        loop {
            let ch = self.inner.next()?;
            if ch.is_whitespace() {
                self.space = self.started;
                continue;
            }
            let mut lower = ch.to_lowercase();
            let first = if self.space {
                self.space = false;
                Some(' ')
            } else {
                lower.next()
            };
            self.started = true;
            self.lower = Some(lower);
            return first;
        }
    }
}

/// True when `label_key(s) == key` for a `key` made by `label_key` ([`fold`] without a
/// trailing `:`), decided character by character: for a long cell that is not the label
/// this is the cost of its first differing character instead of normalising all of it.
pub fn label_matches(s: &str, key: &str) -> bool {
    let mut folded = fold_chars(s);
    for want in key.chars() {
        if folded.next() != Some(want) {
            return false;
        }
    }
    // What may follow the key in the folded text: nothing, or colons, optionally after one
    // space (the folded text has no trailing space and single inner spaces).
    let mut rest = folded.peekable();
    let space = rest.next_if_eq(&' ').is_some();
    let mut colons = 0usize;
    for c in rest {
        if !matches!(c, ':' | '：') {
            return false;
        }
        colons += 1;
    }
    !space || colons > 0
}

/// NFC-normalises text.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_labels_loosely() {
        let decomposed = "Ma\u{303} cơ quan"; // not a real word, just decomposed input
        assert_eq!(fold("  Mã   Cơ  QUAN "), "mã cơ quan");
        assert_eq!(fold(&"Tình trạng".nfd().collect::<String>()), "tình trạng");
        assert_eq!(fold(decomposed), "mã cơ quan");
    }

    /// `label_key` of `ingest::table`, restated.
    fn key(s: &str) -> String {
        fold(s).trim_end_matches([':', '：']).trim_end().to_string()
    }

    #[test]
    fn the_fast_nfc_ranges_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let ranges = ['\u{0}'..='\u{2FF}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        assert!(is_nfc("Sở Thông tin và Truyền thông tỉnh Đắk Lắk"));
        assert!(!is_nfc("Ma\u{303}"));
        assert!(!is_nfc("A\u{301}"));
        // Nothing composes Ạ with an acute: NFC, though past the fast ranges.
        assert!(is_nfc("\u{1EA0}\u{301}"));
        assert!(is_nfc("漢字"));
        // Both ends of the byte ranges, and characters just past them.
        for c in [
            '\u{7F}', '\u{80}', '\u{2FF}', '\u{1E00}', '\u{1EFF}', '\u{1F00}',
        ] {
            let t = format!("a{c}b");
            assert_eq!(is_nfc(&t), unicode_normalization::is_nfc(&t), "{c:?}");
        }
        assert!(!is_nfc("\u{1EFF}\u{300}\u{316}"));
    }

    proptest::proptest! {
        /// The fast path never disagrees with the Unicode tables, on any text and on
        /// Vietnamese-like text with combining marks mixed in.
        #[test]
        fn is_nfc_agrees_with_unicode_normalization(
            any in "\\PC{0,40}",
            viet in "[a-zA-Zà-ỹĐđ \u{300}-\u{323}\u{1E00}-\u{1EFF}]{0,40}",
        ) {
            proptest::prop_assert_eq!(is_nfc(&any), unicode_normalization::is_nfc(&any));
            proptest::prop_assert_eq!(is_nfc(&viet), unicode_normalization::is_nfc(&viet));
        }
    }

    #[test]
    fn label_matching_by_character() {
        let k = key("Mã cơ quan");
        for yes in [
            "Mã cơ quan",
            " MÃ  CƠ QUAN :",
            "mã cơ quan：",
            "Ma\u{303} cơ quan::",
        ] {
            assert!(label_matches(yes, &k), "{yes}");
        }
        for no in ["Mã cơ quan: x", "Mã cơ", "Mã cơ quan: :", "Mã cơ quanh", ""] {
            assert!(!label_matches(no, &k), "{no}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_chars_is_fold(s in "[ a-zA-ZàÀảẢãÃáÁạẠăĂđĐİẞ\u{0300}\u{0301}\u{0303}:：\t]{0,16}") {
            proptest::prop_assert_eq!(fold_chars(&s).collect::<String>(), fold(&s));
        }

        #[test]
        fn label_matches_is_key_equality(
            label in "[a-zA-ZàÀãÃđĐ\u{0303}][ a-zA-ZàÀãÃđĐ\u{0303}:]{0,8}",
            before in "[ \t]{0,2}",
            after in "[ :：\t]{0,3}",
            other in "[ a-zA-ZàÀãÃđĐ\u{0303}:：\t]{0,12}",
        ) {
            let k = key(&label);
            let near = format!("{before}{label}{after}");
            proptest::prop_assert_eq!(label_matches(&near, &k), key(&near) == k);
            proptest::prop_assert_eq!(label_matches(&other, &k), key(&other) == k);
        }
    }
}
