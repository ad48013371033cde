//! Near misses and look-alikes: what a person meant when a cell is not quite a valid value.
//!
//! [`odd_chars`] names the characters that look like others (`Ð` U+00D0 for `Đ` U+0110, Cyrillic
//! `о` for Latin `o`) or cannot be seen at all (zero-width space, soft hyphen), with their
//! position, so a message never shows a valid-looking word as invalid without saying why.
//! [`suggest`] finds the allowed value a text nearly is (`Hoàn thành`, `Đã hoàn thành.`), and
//! [`date_suggestion`] the date a text nearly is (`10/12/25`, `ngày 10 tháng 12 năm 2025`).

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

/// A character that looks like another or is invisible: its 1-based position in the text, the
/// character, and the one it stands for (`None` for an invisible character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Odd {
    pub position: usize,
    pub found: char,
    pub meant: Option<char>,
}

/// The letter a look-alike stands for, or `Some(None)` for an invisible character.
fn meant(c: char) -> Option<Option<char>> {
    let m = match c {
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{2060}'
        | '\u{FEFF}' | '\u{00AD}' => return Some(None),
        'Ð' => 'Đ',
        'ð' => 'đ',
        'Ɖ' => 'Đ',
        'ɖ' => 'đ',
        'А' => 'A',
        'а' => 'a',
        'В' => 'B',
        'Е' => 'E',
        'е' => 'e',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'о' => 'o',
        'Р' => 'P',
        'р' => 'p',
        'С' => 'C',
        'с' => 'c',
        'Т' => 'T',
        'у' => 'y',
        'Х' => 'X',
        'х' => 'x',
        'і' => 'i',
        'Ο' => 'O',
        'ο' => 'o',
        'Α' => 'A',
        'Τ' => 'T',
        _ => return None,
    };
    Some(Some(m))
}

/// The look-alike and invisible characters of `s`, in order.
pub fn odd_chars(s: &str) -> Vec<Odd> {
    s.chars()
        .enumerate()
        .filter_map(|(i, c)| {
            meant(c).map(|m| Odd {
                position: i + 1,
                found: c,
                meant: m,
            })
        })
        .collect()
}

/// `s` with look-alikes replaced by the letters they stand for and invisible characters
/// removed.
pub fn cleaned(s: &str) -> String {
    s.chars()
        .filter_map(|c| match meant(c) {
            Some(m) => m,
            None => Some(c),
        })
        .collect()
}

/// Letters and digits only, lower case, without diacritics (`đ` as `d`), words single-spaced.
fn skeleton(s: &str) -> String {
    let base: String = cleaned(s)
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    base.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The allowed value `s` nearly is: the same letters without accents, case or punctuation, a
/// whole-word part of it (`Hoàn thành` of `Đã hoàn thành`), or a few letters off.
pub fn suggest<'a>(s: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let k = skeleton(s);
    if k.len() < 3 || k.len() > 80 {
        return None;
    }
    let scored = allowed.iter().map(|a| {
        let ak = skeleton(a);
        let part = ak.ends_with(&format!(" {k}")) || ak.starts_with(&format!("{k} "));
        let d = if ak == k || part {
            0
        } else {
            distance(&k, &ak)
        };
        (d, *a)
    });
    let (d, best) = scored.min_by_key(|(d, _)| *d)?;
    (d <= (k.chars().count() / 4).max(2)).then_some(best)
}

/// The date a text nearly is: a two-digit year (`10/12/25` as 10/12/2025) or the words of an
/// administrative date (`ngày 10 tháng 12 năm 2025`).
pub fn date_suggestion(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if t.len() > 64 {
        return None;
    }
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    if groups.len() != 3 || groups.iter().any(|g| g.len() > 4) {
        return None;
    }
    let n: Vec<u32> = groups.iter().filter_map(|g| g.parse().ok()).collect();
    if n.len() != 3 {
        return None;
    }
    let words = skeleton(t);
    let day_month_year = words.starts_with("ngay ") && words.contains(" thang ");
    let short_year = groups[2].len() == 2 && groups[0].len() <= 2;
    if !(day_month_year || short_year) {
        return None;
    }
    let year = if groups[2].len() == 2 {
        2000 + n[2]
    } else {
        n[2]
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, n[1], n[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUSES: [&str; 3] = ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"];

    #[test]
    fn look_alikes_and_invisibles_are_named() {
        let odd = odd_chars("\u{00D0}ã hoàn\u{200B} thành");
        assert_eq!(
            odd,
            [
                Odd {
                    position: 1,
                    found: 'Ð',
                    meant: Some('Đ')
                },
                Odd {
                    position: 8,
                    found: '\u{200B}',
                    meant: None
                },
            ]
        );
        assert_eq!(cleaned("\u{00D0}ã hoàn\u{200B} thành"), "Đã hoàn thành");
        assert!(odd_chars("Đã hoàn thành").is_empty());
    }

    #[test]
    fn near_misses_suggest_the_value_meant() {
        assert_eq!(suggest("Hoàn thành", &STATUSES), Some("Đã hoàn thành"));
        assert_eq!(suggest("Đã hoàn thành.", &STATUSES), Some("Đã hoàn thành"));
        assert_eq!(suggest("da hoan thanh", &STATUSES), Some("Đã hoàn thành"));
        assert_eq!(suggest("Đang thưc hien", &STATUSES), Some("Đang thực hiện"));
        assert_eq!(suggest("Tạm dừng", &STATUSES), None);
        assert_eq!(suggest("x", &STATUSES), None);
    }

    #[test]
    fn near_dates() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 10);
        assert_eq!(date_suggestion("10/12/25"), d);
        assert_eq!(date_suggestion("ngày 10 tháng 12 năm 2025"), d);
        assert_eq!(date_suggestion("Ngày 10 tháng 12 năm 2025"), d);
        assert_eq!(date_suggestion("10/12"), None);
        assert_eq!(date_suggestion("31/02/25"), None);
        assert_eq!(date_suggestion("2025/12/10"), None);
    }
}
