//! The reading rules of docs/report-format.md: find tables and labelled values by their
//! labels, wherever they are.
//!
//! Labels match after NFC, trimming, collapsing inner whitespace, ignoring case and a
//! trailing colon. A table's header row is the first row of a sheet that holds its key label
//! (anywhere in the sheet);
//! its other columns are found by label in any order. The preferred sheet (by name) is
//! searched first, then every other sheet, so a renamed or re-ordered sheet still works.

use super::{Sheet, Value, Workbook};
use crate::diag::CellRef;

/// A table located in a workbook.
#[derive(Clone, Debug)]
pub struct Table {
    /// Index into `Workbook::sheets`.
    pub sheet: usize,
    pub header_row: u32,
    /// For each requested label, its column, if the header has it.
    pub columns: Vec<Option<u32>>,
    /// Every non-empty label in the header row, as written (for "found instead" messages).
    pub found: Vec<String>,
    /// Requested labels written over more than one column: (label index, every such column).
    pub duplicates: Vec<(usize, Vec<u32>)>,
    /// The same, once [`resolve_duplicates`] has chosen the column read.
    pub read_duplicates: Vec<Duplicate>,
}

/// A label written over several columns, after [`resolve_duplicates`]: the column read and the
/// others with how many non-blank cells each holds below the header.
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub label: usize,
    pub read: u32,
    pub others: Vec<(u32, usize)>,
}

/// For each label written over several columns, reads the column holding the most data (the
/// one a person fills in; a hidden or stale copy is usually empty), the leftmost on a tie.
pub fn resolve_duplicates(wb: &Workbook, t: &mut Table) -> Vec<Duplicate> {
    let sheet = &wb.sheets[t.sheet];
    let filled = |c: u32| {
        ((t.header_row + 1)..sheet.height())
            .filter(|&r| !sheet.get(r, c).is_blank())
            .count()
    };
    let mut out = Vec::new();
    for (label, cols) in &t.duplicates {
        let counts: Vec<(u32, usize)> = cols.iter().map(|&c| (c, filled(c))).collect();
        let Some(&(read, _)) = counts
            .iter()
            .max_by_key(|&&(c, n)| (n, std::cmp::Reverse(c)))
        else {
            continue;
        };
        if let Some(slot) = t.columns.get_mut(*label) {
            *slot = Some(read);
        }
        out.push(Duplicate {
            label: *label,
            read,
            others: counts.into_iter().filter(|&(c, _)| c != read).collect(),
        });
    }
    out
}

impl Table {
    /// Column of the `i`-th requested label.
    pub fn col(&self, i: usize) -> Option<u32> {
        self.columns.get(i).copied().flatten()
    }
}

/// Label comparison form: [`crate::util::fold`] plus a trailing `:` dropped.
pub fn label_key(s: &str) -> String {
    let f = crate::util::fold(s);
    f.trim_end_matches([':', '：']).trim_end().to_string()
}

fn is_label(v: &Value, key: &str) -> bool {
    matches!(v, Value::Text(t) if crate::util::label_matches(t, key))
}

/// Finds the table whose header row contains `key`, preferring the sheet named `preferred`.
pub fn locate(wb: &Workbook, preferred: &str, key: &str, labels: &[&str]) -> Option<Table> {
    locate_all(wb, preferred, key, labels).into_iter().next()
}

/// Every visible sheet's table whose header row contains `key` (the first such row of each
/// sheet, searched through the whole sheet), the sheet named `preferred` first, then in
/// workbook order. A workbook may carry two: a second agency's report, or a filled copy
/// beside the blank original; the checks decide which is read and report the other.
pub fn locate_all(wb: &Workbook, preferred: &str, key: &str, labels: &[&str]) -> Vec<Table> {
    let want = label_key(key);
    let pref = label_key(preferred);
    let mut order: Vec<usize> = (0..wb.sheets.len()).collect();
    order.sort_by_key(|&i| (label_key(&wb.sheets[i].name) != pref, i));
    let mut out = Vec::new();
    for i in order {
        let sheet = &wb.sheets[i];
        if sheet.hidden {
            continue;
        }
        let found = (0..sheet.height()).find(|&r| {
            let width = sheet.width(r);
            (0..width).any(|c| is_label(sheet.get(r, c), &want))
        });
        if let Some(r) = found {
            out.push(header(sheet, i, r, labels));
        }
    }
    out
}

/// True when a task row of `sheet` (a row below the task table's header with a task ID) has
/// a blank `Tình trạng` or `Kết quả thực hiện` cell: only then can a range merged down over
/// task rows change what is read, so only then are the sheet's merges worth reading.
pub fn task_cells_blank(sheet: &Sheet) -> bool {
    use crate::format as f;
    let labels = [f::COL_TASK_ID, f::COL_STATUS, f::COL_RESULT];
    let key = label_key(f::COL_TASK_ID);
    let Some(row) =
        (0..sheet.height()).find(|&r| (0..sheet.width(r)).any(|c| is_label(sheet.get(r, c), &key)))
    else {
        return false;
    };
    let t = header(sheet, 0, row, &labels);
    let Some(id) = t.col(0) else { return false };
    let read: Vec<u32> = [t.col(1), t.col(2)].into_iter().flatten().collect();
    ((row + 1)..sheet.height())
        .filter(|&r| !sheet.get(r, id).is_blank())
        .any(|r| read.iter().any(|&c| sheet.get(r, c).is_blank()))
}

/// Non-blank cells below a table's header row: how filled in a copy of the table is.
pub fn filled_cells(wb: &Workbook, t: &Table) -> usize {
    wb.sheets[t.sheet]
        .rows
        .iter()
        .skip(t.header_row as usize + 1)
        .flatten()
        .filter(|v| !v.is_blank())
        .count()
}

fn header(sheet: &Sheet, index: usize, row: u32, labels: &[&str]) -> Table {
    let width = sheet.width(row);
    let keys: Vec<String> = labels.iter().map(|l| label_key(l)).collect();
    let mut columns = vec![None; labels.len()];
    let mut found = Vec::new();
    let mut duplicates: Vec<(usize, Vec<u32>)> = Vec::new();
    for c in 0..width {
        if let Value::Text(t) = sheet.get(row, c) {
            let k = label_key(t);
            if k.is_empty() {
                continue;
            }
            found.push(t.trim().to_string());
            if let Some(i) = keys.iter().position(|x| *x == k) {
                match columns[i] {
                    None => columns[i] = Some(c),
                    Some(first) => match duplicates.iter_mut().find(|(l, _)| *l == i) {
                        Some((_, cols)) => cols.push(c),
                        None => duplicates.push((i, vec![first, c])),
                    },
                }
            }
        }
    }
    Table {
        sheet: index,
        header_row: row,
        columns,
        found,
        duplicates,
        read_duplicates: Vec::new(),
    }
}

/// Finds `label` in rows `0..below` of `sheet` and returns its cell and, if any, the nearest
/// non-empty cell to its right with that cell's value. A value is never another identity
/// label: when the label's own value was cleared, the next label on the row (`Người lập`) is
/// not its value, and the label has none.
pub fn label_value<'a>(
    sheet: &'a Sheet,
    label: &str,
    below: u32,
) -> Option<(CellRef, Option<(CellRef, &'a Value)>)> {
    let want = label_key(label);
    for r in 0..below.min(sheet.height()) {
        let width = sheet.width(r);
        for c in 0..width {
            if is_label(sheet.get(r, c), &want) {
                let value = ((c + 1)..width)
                    .map(|cc| (CellRef::new(r, cc), sheet.get(r, cc)))
                    .find(|(_, v)| !v.is_blank())
                    .filter(|(_, v)| !is_identity_label(v));
                return Some((CellRef::new(r, c), value));
            }
        }
    }
    None
}

/// True for a cell holding one of the identity labels of docs/report-format.md, section 4.
pub fn is_identity_label(v: &Value) -> bool {
    use crate::format as f;
    [
        f::LABEL_AGENCY_NAME,
        f::LABEL_AGENCY_CODE,
        f::LABEL_PERIOD,
        f::LABEL_REPORT_DATE,
        f::LABEL_PREPARER,
        f::LABEL_PHONE,
    ]
    .iter()
    .any(|l| is_label(v, &label_key(l)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn wb(sheets: Vec<Sheet>) -> Workbook {
        Workbook {
            format: Format::Xlsx,
            sheets,
            identity: Default::default(),
        }
    }

    #[test]
    fn finds_moved_columns_in_a_renamed_sheet() {
        let s = Sheet {
            name: "Sheet1".into(),
            hidden: false,
            rows: vec![
                vec![text("Mã cơ quan:"), Value::Empty, text("STTTT")],
                vec![],
                vec![
                    Value::Empty,
                    text("  TÌNH   trạng "),
                    text("Ghi chú thêm"),
                    text("Mã nhiệm vụ"),
                ],
            ],
            ..Sheet::default()
        };
        let w = wb(vec![s]);
        let t = locate(
            &w,
            "Báo cáo",
            "Mã nhiệm vụ",
            &["Mã nhiệm vụ", "Tình trạng", "Kết quả thực hiện"],
        )
        .unwrap();
        assert_eq!(t.header_row, 2);
        assert_eq!(t.columns, vec![Some(3), Some(1), None]);
        assert_eq!(t.found.len(), 3);
        let (label, value) = label_value(&w.sheets[0], "Mã cơ quan", 2).unwrap();
        assert_eq!(label, CellRef::new(0, 0));
        assert_eq!(
            value.map(|(c, v)| (c, v.display())),
            Some((CellRef::new(0, 2), "STTTT".to_string()))
        );
    }
}
