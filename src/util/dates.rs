//! Dates given on the command line: `--as-of` and other date arguments, with a message
//! saying why an impossible date is no date.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Parses a date given on the command line: `YYYY-MM-DD` or `dd/mm/yyyy`.
pub fn parse_date_arg(s: &str, lang: Lang) -> Result<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| {
            Error::Message(match impossible_date(t, lang) {
                Some(why) => lang.date_impossible(s, &why),
                None => lang.bad_date_arg(s),
            })
        })
}

/// Why `s`, written in a date shape (`YYYY-MM-DD` or `dd/mm/yyyy`), is no date at all (`2026-02-30`:
/// February 2026 has 28 days), in the user's language; `None` when `s` has another shape
/// or is a real date. Lets a message say what is wrong instead of repeating the format the
/// user already followed.
pub fn impossible_date(s: &str, lang: Lang) -> Option<String> {
    let nums = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let t = s.trim();
    let (y, m, d) = match (nums(t.split('-').collect()), nums(t.split('/').collect())) {
        (Some(v), _) if v.len() == 3 && t.len() >= 8 && t.find('-') == Some(4) => {
            (v[0], v[1], v[2])
        }
        (_, Some(v)) if v.len() == 3 && t.rfind('/').is_some_and(|i| t.len() - i == 5) => {
            (v[2], v[1], v[0])
        }
        _ => return None,
    };
    let year = i32::try_from(y).ok()?;
    if NaiveDate::from_ymd_opt(year, m, d).is_some() {
        return None;
    }
    if !(1..=12).contains(&m) {
        return Some(lang.date_no_month(m));
    }
    let days = (28..=31)
        .rev()
        .find(|&n| NaiveDate::from_ymd_opt(year, m, n).is_some())?;
    Some(lang.date_no_day(m, y, days))
}

/// `--as-of` or, when absent, today's local date.
pub fn as_of_or_today(s: Option<&str>, lang: Lang) -> Result<NaiveDate> {
    match s {
        Some(s) => parse_date_arg(s, lang),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_args() {
        let d = NaiveDate::from_ymd_opt(2025, 12, 20);
        assert_eq!(parse_date_arg("2025-12-20", Lang::Vi).ok(), d);
        assert_eq!(parse_date_arg("20/12/2025", Lang::Vi).ok(), d);
        assert!(parse_date_arg("2025-13-01", Lang::Vi).is_err());
        let msg = |s: &str| match parse_date_arg(s, Lang::Vi) {
            Err(Error::Message(m)) => m,
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(
            msg("2026-02-30"),
            "ngày `2026-02-30` không có thật: tháng 2/2026 chỉ có 28 ngày"
        );
        assert_eq!(
            msg("29/02/2023"),
            "ngày `29/02/2023` không có thật: tháng 2/2023 chỉ có 28 ngày"
        );
        assert_eq!(
            msg("2025-13-01"),
            "ngày `2025-13-01` không có thật: không có tháng 13"
        );
        assert_eq!(
            msg("20.12.2025"),
            "ngày `20.12.2025` không hợp lệ; dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy"
        );
        assert_eq!(impossible_date("2024-02-29", Lang::Vi), None);
        assert_eq!(impossible_date("12-2025-01", Lang::Vi), None);
        assert_eq!(impossible_date("1/2/25", Lang::Vi), None);
    }
}
