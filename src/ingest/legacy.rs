//! Text typed in the legacy Vietnamese font encodings TCVN3 (ABC) and VNI.
//!
//! Before Unicode (TCVN 6909:2001) Vietnamese offices typed with 8-bit fonts: TCVN3 fonts
//! (`.VnTime`, `.VnArial`) put each accented letter at its own byte, VNI fonts (`VNI-Times`)
//! follow a base letter with a separate accent byte. Excel stores those bytes as the
//! Latin-1 characters with the same numbers, so such text reads as look-alikes:
//!
//! | Unicode                       | TCVN3                        | VNI                                 |
//! |-------------------------------|------------------------------|-------------------------------------|
//! | Sở Thông tin và Truyền thông  | Së Th«ng tin vµ TruyÒn th«ng | Sôû Thoâng tin vaø Truyeàn thoâng   |
//! | Đắk Lắk                       | §¾k L¾k                      | Ñaék Laék                           |
//!
//! [`legacy_encoding`] recognises both by characters that modern text does not put there:
//! TCVN3 by Latin-1 symbols (`« µ ¸ ¶ ·`…) glued to letters and by upper-case accented
//! letters inside lower-case words; VNI by accent bytes (`ø û ï å ä`…) right after a vowel.
//! It never fires on text holding a Vietnamese letter outside Latin-1 (`ơ ư ă đ ạ ế`…) or
//! a combining accent, so Unicode Vietnamese in either normal form is safe, and the French,
//! Spanish, German and Danish words that share those pairs (`où`, `goût`, `maïs`, `Noël`,
//! `aún`) are weighed low. It reports; the checks decide what to do (finding `F010`).

/// A legacy Vietnamese font encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the "ABC" fonts (`.VnTime`).
    Tcvn3,
    /// The VNI fonts (`VNI-Times`).
    Vni,
}

impl Legacy {
    /// The name users know the encoding by.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN3 bytes (read as Latin-1 characters) and the Vietnamese letters they stand for.
/// The upper-case-only fonts (`.VnTimeH`) reuse the lower-case positions.
const TCVN3: [(char, char); 74] = [
    ('\u{A1}', 'Ă'),
    ('\u{A2}', 'Â'),
    ('\u{A3}', 'Ê'),
    ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'),
    ('\u{A6}', 'Ư'),
    ('\u{A7}', 'Đ'),
    ('\u{A8}', 'ă'),
    ('\u{A9}', 'â'),
    ('\u{AA}', 'ê'),
    ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'),
    ('\u{AD}', 'ư'),
    ('\u{AE}', 'đ'),
    ('\u{B5}', 'à'),
    ('\u{B6}', 'ả'),
    ('\u{B7}', 'ã'),
    ('\u{B8}', 'á'),
    ('\u{B9}', 'ạ'),
    ('\u{BB}', 'ằ'),
    ('\u{BC}', 'ẳ'),
    ('\u{BD}', 'ẵ'),
    ('\u{BE}', 'ắ'),
    ('\u{C6}', 'ặ'),
    ('\u{C7}', 'ầ'),
    ('\u{C8}', 'ẩ'),
    ('\u{C9}', 'ẫ'),
    ('\u{CA}', 'ấ'),
    ('\u{CB}', 'ậ'),
    ('\u{CC}', 'è'),
    ('\u{CE}', 'ẻ'),
    ('\u{CF}', 'ẽ'),
    ('\u{D0}', 'é'),
    ('\u{D1}', 'ẹ'),
    ('\u{D2}', 'ề'),
    ('\u{D3}', 'ể'),
    ('\u{D4}', 'ễ'),
    ('\u{D5}', 'ế'),
    ('\u{D6}', 'ệ'),
    ('\u{D7}', 'ì'),
    ('\u{D8}', 'ỉ'),
    ('\u{DC}', 'ĩ'),
    ('\u{DD}', 'í'),
    ('\u{DE}', 'ị'),
    ('\u{DF}', 'ò'),
    ('\u{E1}', 'ỏ'),
    ('\u{E2}', 'õ'),
    ('\u{E3}', 'ó'),
    ('\u{E4}', 'ọ'),
    ('\u{E5}', 'ồ'),
    ('\u{E6}', 'ổ'),
    ('\u{E7}', 'ỗ'),
    ('\u{E8}', 'ố'),
    ('\u{E9}', 'ộ'),
    ('\u{EA}', 'ờ'),
    ('\u{EB}', 'ở'),
    ('\u{EC}', 'ỡ'),
    ('\u{ED}', 'ớ'),
    ('\u{EE}', 'ợ'),
    ('\u{EF}', 'ù'),
    ('\u{F1}', 'ủ'),
    ('\u{F2}', 'ũ'),
    ('\u{F3}', 'ú'),
    ('\u{F4}', 'ụ'),
    ('\u{F5}', 'ừ'),
    ('\u{F6}', 'ử'),
    ('\u{F7}', 'ữ'),
    ('\u{F8}', 'ứ'),
    ('\u{F9}', 'ự'),
    ('\u{FA}', 'ỳ'),
    ('\u{FB}', 'ỷ'),
    ('\u{FC}', 'ỹ'),
    ('\u{FD}', 'ý'),
    ('\u{FE}', 'ỵ'),
];

fn tcvn3_char(c: char) -> Option<char> {
    TCVN3.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// Which legacy encoding `text` was typed in, if any.
///
/// # Examples
/// ```
/// use baocao::ingest::legacy::{Legacy, legacy_encoding};
///
/// assert_eq!(legacy_encoding("B¸o c¸o"), Some(Legacy::Tcvn3));
/// assert_eq!(legacy_encoding("Baùo caùo"), Some(Legacy::Vni));
/// assert_eq!(legacy_encoding("Báo cáo"), None);
/// ```
pub fn legacy_encoding(text: &str) -> Option<Legacy> {
    if text.is_ascii() || text.chars().any(is_modern_vietnamese) {
        return None;
    }
    let mut tokens = 0usize;
    let (mut tcvn_hits, mut tcvn_tokens) = (0usize, 0usize);
    let (mut vni_score, mut vni_tokens) = (0usize, 0usize);
    let mut chars: Vec<char> = Vec::new();
    for word in text.split_whitespace() {
        chars.clear();
        chars.extend(word.chars());
        if !chars.iter().any(|&c| letterish(c)) {
            continue;
        }
        tokens += 1;
        let t = tcvn3_hits(&chars);
        tcvn_hits += t;
        tcvn_tokens += usize::from(t > 0);
        let v = vni_score_of(&chars);
        vni_score += v;
        vni_tokens += usize::from(v > 0);
    }
    // One word in four must carry a sign: a stray symbol in a sentence is not an encoding.
    let tcvn3 = tcvn_tokens * 4 >= tokens && (tcvn_hits >= 2 || (tokens == 1 && tcvn_hits == 1));
    let vni = vni_score >= 2 && vni_tokens * 4 >= tokens;
    match (tcvn3, vni) {
        (true, true) if vni_score > 2 * tcvn_hits => Some(Legacy::Vni),
        (true, _) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (false, false) => None,
    }
}

/// Converts TCVN3 text to Unicode (NFC). Characters outside the table are kept; a word
/// whose unaccented letters are all capitals is taken as typed in an upper-case font.
pub fn tcvn3_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // `Së` is a capitalised word, `B¸O` one typed in capitals.
        let upper = word.chars().filter(char::is_ascii_uppercase).count() >= 2
            && !word.chars().any(|c| c.is_ascii_lowercase());
        for c in word.chars() {
            match tcvn3_char(c) {
                Some(v) if upper => out.extend(v.to_uppercase()),
                Some(v) => out.push(v),
                None => out.push(c),
            }
        }
    }
    out
}

/// A Vietnamese letter outside Latin-1, or a combining accent: modern Unicode text.
fn is_modern_vietnamese(c: char) -> bool {
    matches!(c,
        '\u{0102}' | '\u{0103}' | '\u{0110}' | '\u{0111}' | '\u{0128}' | '\u{0129}'
        | '\u{0168}' | '\u{0169}' | '\u{01A0}' | '\u{01A1}' | '\u{01AF}' | '\u{01B0}'
        | '\u{0300}'..='\u{036F}' | '\u{1EA0}'..='\u{1EF9}')
}

fn is_tcvn3_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{AE}' | '\u{B5}'..='\u{B9}' | '\u{BB}'..='\u{BE}')
}

/// A letter as either encoding sees it: ASCII, a Latin-1 letter, or a TCVN3 symbol.
fn letterish(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (('\u{C0}'..='\u{FF}').contains(&c) && c != '\u{F7}')
        || is_tcvn3_symbol(c)
}

/// TCVN3 signs in one word.
fn tcvn3_hits(w: &[char]) -> usize {
    let mut hits = 0;
    for (i, &c) in w.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| w.get(p)).copied();
        let next = w.get(i + 1).copied();
        let before = prev.is_some_and(letterish);
        let after = next.is_some_and(letterish);
        let hit = if is_tcvn3_symbol(c) {
            match c {
                // French quotes and the micro sign follow or precede words in normal text.
                '«' | 'µ' => before,
                '»' | '©' | '\u{AD}' => before && after,
                '®' | '§' | '\u{A1}'..='\u{A6}' => after,
                _ => before || after,
            }
        } else {
            // An accented capital inside a lower-case word: `TruyÒn`, `hiÖn`.
            ('\u{C0}'..='\u{DE}').contains(&c) && prev.is_some_and(|p| p.is_ascii_lowercase())
        };
        hits += usize::from(hit);
    }
    hits
}

/// VNI signs in one word: 2 for a pair no other language writes, 1 for a pair French or
/// Spanish words also have.
fn vni_score_of(w: &[char]) -> usize {
    let mut score = 0;
    if matches!(w.first(), Some('ñ' | 'Ñ'))
        && w.get(1).is_some_and(|&c| "aeiouyAEIOUYöÖ".contains(c))
    {
        score += 1;
    }
    let word_is_ou = w.len() == 2 && matches!(w[0], 'o' | 'O') && matches!(w[1], 'ù' | 'Ù');
    for i in 1..w.len() {
        let (base, mark) = (w[i - 1], w[i]);
        let next = w.get(i + 1).copied();
        let lower = base.to_ascii_lowercase();
        let horn = matches!(base, 'ô' | 'ö' | 'Ô' | 'Ö');
        if !horn && !"aeiouy".contains(lower) {
            continue;
        }
        let m = mark.to_lowercase().next().unwrap_or(mark);
        score += if horn {
            usize::from("ùøûõïâáàåãäêéèúüëô".contains(m)) * 2
        } else {
            match m {
                'ø' | 'å' | 'ä' | 'ü' => 2,
                'û' if lower == 'o' && next == Some('t') => 1,
                'û' => 2,
                'ï' if matches!(lower, 'a' | 'o') => 1,
                'ï' => 2,
                'ë' | 'ú' => 1,
                'ù' if word_is_ou => 1,
                'ù' | 'õ' => 2,
                // Unicode Vietnamese writes `uâ` (xuân), `oá` (hoá), `iê` (biên), `oè` (hoè):
                // these count only where Vietnamese never has them.
                'â' | 'á' | 'à' | 'ã' | 'ê' if matches!(lower, 'a' | 'e' | 'o') => {
                    if lower == 'o' && matches!(m, 'á' | 'à') {
                        0
                    } else {
                        2
                    }
                }
                'é' | 'è' if lower == 'a' => 1,
                _ => 0,
            }
        };
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn finds_tcvn3() {
        for s in [
            "Së Th«ng tin vµ TruyÒn th«ng",
            "B¸o c¸o",
            "Hoµn thµnh",
            "§¾k L¾k",
            "Kh«ng",
            "UBND tØnh §¾k L¾k",
            "§· hoµn thµnh",
            "Ch\u{AD}a thùc hiÖn",
            "KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 47/NQ-CP",
            "Tæ chøc héi nghÞ tuyªn truyÒn vÒ c«ng t¸c th«ng tin ®èi ngo¹i",
        ] {
            assert_eq!(legacy_encoding(s), Some(Legacy::Tcvn3), "{s}");
        }
    }

    #[test]
    fn finds_vni() {
        for s in [
            "Sôû Thoâng tin vaø Truyeàn thoâng",
            "Ñaék Laék",
            "hoaøn thaønh",
            "Baùo caùo",
            "Coù",
            "Khoâng",
            "Ñaõ hoaøn thaønh",
            "Chöa thöïc hieän",
            "Keá hoaïch thöïc hieän Nghò quyeát soá 47/NQ-CP",
            "Toå chöùc hoäi nghò tuyeân truyeàn veà coâng taùc thoâng tin ñoái ngoaïi",
        ] {
            assert_eq!(legacy_encoding(s), Some(Legacy::Vni), "{s}");
        }
    }

    #[test]
    fn leaves_unicode_vietnamese_alone() {
        for s in [
            "Sở Thông tin và Truyền thông",
            "Báo cáo",
            "Hoàn thành",
            "Đắk Lắk",
            "Không",
            "Có",
            "Đã hoàn thành",
            "Chưa thực hiện",
            "Giáo dục và Đào tạo",
            "Tháng 6/2025",
            "Xuân",
            "Hoá chất",
            "Quà",
            "Giáo viên",
            "Bàn giao",
            "HOÀN THÀNH",
            "Kế hoạch thực hiện Nghị quyết số 47/NQ-CP",
        ] {
            assert_eq!(legacy_encoding(s), None, "{s}");
            let nfd: String = s.nfd().collect();
            assert_eq!(legacy_encoding(&nfd), None, "NFD {s}");
        }
    }

    #[test]
    fn leaves_other_languages_alone() {
        for s in [
            "Department of Information and Communications",
            "Report © 2025, Google®",
            "Temperature 25°C ± 2, 5µm, 1½ kg",
            "Section § 3",
            "He said «hello» and « bonjour »",
            "«Bonjour»",
            "Où est la gare ?",
            "Où",
            "Le goût du café",
            "Noël à Paris",
            "La première pièce de l'aéroport",
            "Ministère des Affaires étrangères",
            "naïve",
            "Citroën",
            "Aún así, ¿qué tal?",
            "España y Portugal",
            "Mañana",
            "Straße",
            "Über uns",
            "schön",
            "Søren Kierkegaard",
            "São Paulo, ações",
            "Information\u{AD}stechnologie ist wichtig für uns alle",
        ] {
            assert_eq!(legacy_encoding(s), None, "{s}");
        }
    }

    #[test]
    fn converts_tcvn3() {
        assert_eq!(
            tcvn3_to_unicode("Së Th«ng tin vµ TruyÒn th«ng"),
            "Sở Thông tin và Truyền thông"
        );
        assert_eq!(tcvn3_to_unicode("§¾k L¾k"), "Đắk Lắk");
        assert_eq!(tcvn3_to_unicode("B¸O C¸O"), "BÁO CÁO");
        assert_eq!(tcvn3_to_unicode("Hoµn thµnh 100%"), "Hoàn thành 100%");
    }
}
