//! Cell values as baocao sees them, and the conversions checks need: text to date, text to
//! number, and a display form that quotes what the user typed (`1.0` shows as `1`).

use chrono::NaiveDate;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    /// NFC-normalised text, as typed (not trimmed).
    Text(String),
    Number(f64),
    /// A number in a cell formatted as a percentage, as shown: 85 for a cell showing `85%`
    /// (stored 0.85). Kept apart from [`Value::Number`] so that a check knows the `%` was
    /// there (a 0–100 percentage showing `0.85%` is 0.85, not a fraction typed by mistake).
    Percent(f64),
    Bool(bool),
    /// A date (time of day dropped), from an Excel date serial or an ODS/ISO date.
    Date(NaiveDate),
    /// An error value such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Value {
    /// Empty, or text that is only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a text cell, trimmed; numbers rendered as the user sees them.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Empty => None,
            Value::Text(s) => {
                let t = s.trim();
                (!t.is_empty()).then(|| t.to_string())
            }
            other => Some(other.display()),
        }
    }

    /// How the value reads in a message: `1.0` as `1`, dates as dd/mm/yyyy.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_string(),
            Value::Number(n) => fmt_number(*n),
            Value::Percent(n) => format!("{}%", fmt_number(*n)),
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Date(d) => crate::plan::fmt_date(*d),
            Value::Error(e) => e.clone(),
        }
    }

    /// A number: a number cell, or text read by [`read_number_text`] when it has one reading
    /// only (` 12 `, `1.234,5`, `12,5`; not `1.245`, which is 1245 or 1.245).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) | Value::Percent(n) if n.is_finite() => Some(*n),
            Value::Text(s) => match read_number_text(s) {
                Some(NumberText {
                    vi, other: None, ..
                }) => vi,
                Some(NumberText {
                    vi: None, other, ..
                }) => other,
                _ => None,
            },
            _ => None,
        }
    }

    /// A date, also from text `15/06/2025`, `15-6-2025`, `15.06.2025` or `2025-06-15`.
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Text(s) => parse_date_text(s),
            _ => None,
        }
    }
}

/// `1.0` → `1`, `2.50` → `2.5`.
pub fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        s
    }
}

/// The readings of a number typed as text (docs/report-format.md, "Số liệu").
///
/// The Vietnamese rule comes first: `.` groups thousands (groups of exactly three digits) and
/// `,` marks the decimals, so `1.245` is 1245 and `12,5` is 12.5. `other` is the reading under
/// the English rule (`,` thousands, `.` decimals), kept when it differs, so that a check can
/// say the text is ambiguous (`1.245`: 1245 or 1.245) instead of choosing silently.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumberText {
    /// The value under the Vietnamese rule, if the text follows it.
    pub vi: Option<f64>,
    /// The value under the English rule, when the text follows it and the value differs.
    pub other: Option<f64>,
    /// The text ends with `%`.
    pub percent: bool,
}

/// Reads a number typed as text; `None` when no rule reads it (`mười`, `12 tỷ`, `1,2,3`).
pub fn read_number_text(s: &str) -> Option<NumberText> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest, true),
        None => (t.as_str(), false),
    };
    let (negative, body) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    let vi = grouped(body, '.', ',').map(|n| sign * n);
    let other = grouped(body, ',', '.')
        .map(|n| sign * n)
        .filter(|n| Some(*n) != vi);
    if vi.is_none() && other.is_none() {
        return None;
    }
    Some(NumberText { vi, other, percent })
}

/// `body` read with `group` separating thousands and `decimal` marking the decimals: plain
/// digits, or one to three digits then groups of exactly three; then optionally decimals.
fn grouped(body: &str, group: char, decimal: char) -> Option<f64> {
    let (int, frac) = match body.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if let Some(f) = frac
        && !digits(f)
    {
        return None;
    }
    let mut groups = int.split(group);
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let ok = digits(first)
        && (rest.is_empty() || first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g)));
    if !ok {
        return None;
    }
    let plain: String = int.chars().filter(|c| *c != group).collect();
    let text = match frac {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    };
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Parses a date typed as text: `dd/mm/yyyy`, `d-m-yyyy`, `dd.mm.yyyy` or `yyyy-mm-dd`.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if t.len() > 32 {
        return None;
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if n.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return NaiveDate::from_ymd_opt(i32::try_from(n[0]).ok()?, n[1], n[2]);
    }
    if parts[2].len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(n[2]).ok()?, n[1], n[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_as_text() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 15);
        for s in [
            "15/06/2025",
            "15-6-2025",
            "15.06.2025",
            "2025-06-15",
            " 15/6/2025 ",
        ] {
            assert_eq!(parse_date_text(s), d, "{s}");
        }
        for s in ["31/02/2025", "06/15", "15/06/25", "hôm qua", ""] {
            assert_eq!(parse_date_text(s), None, "{s}");
        }
    }

    #[test]
    fn the_vietnamese_rule_and_the_other_reading() {
        let r = |s: &str| read_number_text(s).map(|n| (n.vi, n.other, n.percent));
        assert_eq!(r("1.245"), Some((Some(1245.0), Some(1.245), false)));
        assert_eq!(r("1,245"), Some((Some(1.245), Some(1245.0), false)));
        assert_eq!(r("12,5"), Some((Some(12.5), None, false)));
        assert_eq!(r("12.5"), Some((None, Some(12.5), false)));
        assert_eq!(r("0.85"), Some((None, Some(0.85), false)));
        assert_eq!(r("1.234.567"), Some((Some(1_234_567.0), None, false)));
        assert_eq!(r("1.234,5"), Some((Some(1234.5), None, false)));
        assert_eq!(r("1,234.5"), Some((None, Some(1234.5), false)));
        assert_eq!(r(" 85 % "), Some((Some(85.0), None, true)));
        assert_eq!(r("1 245"), Some((Some(1245.0), None, false)));
        assert_eq!(r("-3"), Some((Some(-3.0), None, false)));
        for bad in [
            "mười", "12 tỷ", "1,2,3", "1.2.3", "1e3", "", "%", ".5", "5.",
        ] {
            assert_eq!(r(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_typed_as_text() {
        assert_eq!(Value::Text(" 12 ".into()).as_number(), Some(12.0));
        assert_eq!(Value::Text("12,5".into()).as_number(), Some(12.5));
        assert_eq!(
            Value::Text("1.234.567".into()).as_number(),
            Some(1_234_567.0)
        );
        assert_eq!(Value::Text("1.234,5".into()).as_number(), Some(1234.5));
        // Two readings: no silent choice.
        assert_eq!(Value::Text("1.245".into()).as_number(), None);
        assert_eq!(Value::Text("12.5".into()).as_number(), Some(12.5));
        assert_eq!(Value::Text("mười".into()).as_number(), None);
        assert_eq!(Value::Number(1.0).display(), "1");
        assert_eq!(Value::Number(2.5).display(), "2.5");
    }
}
