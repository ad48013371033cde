//! `CellRef`: one cell position, zero-based inside, `A1`-style outside.
//!
//! All cell addresses baocao prints come from here, never from hand-made strings, so a
//! calamine range that does not start at A1 is converted once, at the edge (see `ingest`).

use std::fmt;

/// A zero-based (row, column) cell position, printed as `E14`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub const fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }

    /// The column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
    pub fn col_name(col: u32) -> String {
        let mut n = u64::from(col) + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = ((n - 1) % 26) as u8;
            out.push(b'A' + rem);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Parses `A1`-style references (`$` signs allowed); `None` if malformed.
    pub fn parse(s: &str) -> Option<CellRef> {
        let s = s.replace('$', "");
        let split = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = s.split_at(split);
        if letters.is_empty()
            || letters.len() > 3
            || !letters.bytes().all(|b| b.is_ascii_uppercase())
        {
            return None;
        }
        let row: u32 = digits.parse().ok()?;
        if row == 0 {
            return None;
        }
        let mut col: u32 = 0;
        for b in letters.bytes() {
            col = col * 26 + u32::from(b - b'A' + 1);
        }
        Some(CellRef::new(row - 1, col - 1))
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            CellRef::col_name(self.col),
            u64::from(self.row) + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::CellRef;

    #[test]
    fn names_and_parses_cells() {
        assert_eq!(CellRef::new(13, 4).to_string(), "E14");
        assert_eq!(CellRef::new(0, 25).to_string(), "Z1");
        assert_eq!(CellRef::new(0, 26).to_string(), "AA1");
        assert_eq!(CellRef::new(1_048_575, 16_383).to_string(), "XFD1048576");
        assert_eq!(CellRef::parse("$E$14"), Some(CellRef::new(13, 4)));
        assert_eq!(
            CellRef::parse("XFD1048576"),
            Some(CellRef::new(1_048_575, 16_383))
        );
        assert_eq!(CellRef::parse("A0"), None);
        assert_eq!(CellRef::parse("14"), None);
    }
}
