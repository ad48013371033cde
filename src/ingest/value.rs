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
            Value::Bool(true) => "TRUE".into(),
            Value::Bool(false) => "FALSE".into(),
            Value::Date(d) => crate::plan::fmt_date(*d),
            Value::Error(e) => e.clone(),
        }
    }

    /// A number, also from text such as ` 12 `, `1.234,5` or `12,5` (Vietnamese decimal comma).
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) if n.is_finite() => Some(*n),
            Value::Text(s) => parse_number_text(s),
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

fn parse_number_text(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    let t = t.strip_suffix('%').unwrap_or(&t).to_string();
    // Vietnamese style uses `.` for thousands and `,` for decimals; accept both styles when
    // unambiguous.
    let candidate = if t.contains(',') && t.contains('.') {
        if t.rfind(',') > t.rfind('.') {
            t.replace('.', "").replace(',', ".")
        } else {
            t.replace(',', "")
        }
    } else if t.matches(',').count() == 1 {
        t.replace(',', ".")
    } else if t.matches('.').count() > 1 {
        t.replace('.', "")
    } else {
        t
    };
    let valid = candidate
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !valid {
        return None;
    }
    candidate.parse::<f64>().ok().filter(|n| n.is_finite())
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
    fn numbers_typed_as_text() {
        assert_eq!(Value::Text(" 12 ".into()).as_number(), Some(12.0));
        assert_eq!(Value::Text("12,5".into()).as_number(), Some(12.5));
        assert_eq!(
            Value::Text("1.234.567".into()).as_number(),
            Some(1_234_567.0)
        );
        assert_eq!(Value::Text("1.234,5".into()).as_number(), Some(1234.5));
        assert_eq!(Value::Text("mười".into()).as_number(), None);
        assert_eq!(Value::Number(1.0).display(), "1");
        assert_eq!(Value::Number(2.5).display(), "2.5");
    }
}
