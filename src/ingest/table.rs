//! The reading rules of docs/report-format.md: find tables and labelled values by their
//! labels, wherever they are.
//!
//! Labels match after NFC, trimming, collapsing inner whitespace, ignoring case and a
//! trailing colon. A table's header row is the first row within the first
//! [`HEADER_SEARCH_ROWS`](crate::format::HEADER_SEARCH_ROWS) rows that holds its key label;
//! its other columns are found by label in any order. The preferred sheet (by name) is
//! searched first, then every other sheet, so a renamed or re-ordered sheet still works.

use std::cell::OnceCell;

use super::{Sheet, Value, Workbook};
use crate::diag::CellRef;
use crate::format::HEADER_SEARCH_ROWS;

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

/// The label keys ([`label_key`]) of the text cells in the top
/// [`HEADER_SEARCH_ROWS`] rows of each sheet of a workbook, folded once per sheet when first
/// needed: the identity check looks up two tables and six labels, and folding the same cells
/// for each of them was a tenth of the time spent checking a file.
pub struct Labels<'a> {
    wb: &'a Workbook,
    sheets: Vec<OnceCell<Vec<RowKeys>>>,
}

/// One row's label keys, as (column, key).
type RowKeys = Vec<(u32, String)>;

impl<'a> Labels<'a> {
    pub fn new(wb: &'a Workbook) -> Self {
        Labels {
            wb,
            sheets: wb.sheets.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    pub fn workbook(&self) -> &'a Workbook {
        self.wb
    }

    /// The keys of row `row` of sheet `index`, as (column, key); `None` below the rows kept.
    fn row(&self, index: usize, row: u32) -> Option<&[(u32, String)]> {
        let rows = self.sheets.get(index)?.get_or_init(|| {
            let sheet = &self.wb.sheets[index];
            (0..sheet.height().min(HEADER_SEARCH_ROWS))
                .map(|r| {
                    (0..sheet.width(r))
                        .filter_map(|c| match sheet.get(r, c) {
                            Value::Text(t) => Some((c, label_key(t))),
                            _ => None,
                        })
                        .filter(|(_, k)| !k.is_empty())
                        .collect()
                })
                .collect()
        });
        rows.get(row as usize).map(Vec::as_slice)
    }

    /// The first column of row `row` of sheet `index` whose label key is `key`.
    fn find(&self, index: usize, row: u32, key: &str) -> Option<u32> {
        match self.row(index, row) {
            Some(keys) => keys.iter().find(|(_, k)| k == key).map(|(c, _)| *c),
            // Below the rows kept: fold this row's cells now.
            None => {
                let sheet = self.wb.sheets.get(index)?;
                (0..sheet.width(row))
                    .find(|&c| matches!(sheet.get(row, c), Value::Text(t) if label_key(t) == key))
            }
        }
    }
}

/// Finds the table whose header row contains `key`, preferring the sheet named `preferred`.
pub fn locate(labels: &Labels<'_>, preferred: &str, key: &str, columns: &[&str]) -> Option<Table> {
    let wb = labels.wb;
    let want = label_key(key);
    let pref = label_key(preferred);
    let mut order: Vec<usize> = (0..wb.sheets.len()).collect();
    order.sort_by_key(|&i| (label_key(&wb.sheets[i].name) != pref, i));
    for i in order {
        let sheet = &wb.sheets[i];
        if sheet.hidden {
            continue;
        }
        let rows = sheet.height().min(HEADER_SEARCH_ROWS);
        for r in 0..rows {
            if labels.find(i, r, &want).is_some() {
                return Some(header(labels, i, r, columns));
            }
        }
    }
    None
}

fn header(labels: &Labels<'_>, index: usize, row: u32, columns: &[&str]) -> Table {
    let sheet = &labels.wb.sheets[index];
    let keys: Vec<String> = columns.iter().map(|l| label_key(l)).collect();
    let mut found_columns = vec![None; columns.len()];
    let mut found = Vec::new();
    for (c, k) in labels.row(index, row).unwrap_or_default() {
        if let Value::Text(t) = sheet.get(row, *c) {
            found.push(t.trim().to_string());
        }
        if let Some(i) = keys.iter().position(|x| x == k)
            && found_columns[i].is_none()
        {
            found_columns[i] = Some(*c);
        }
    }
    Table {
        sheet: index,
        header_row: row,
        columns: found_columns,
        found,
    }
}

/// Finds `label` in rows `0..below` of sheet `index` and returns its cell and, if any, the
/// nearest non-empty cell to its right with that cell's value.
pub fn label_value<'a>(
    labels: &Labels<'a>,
    index: usize,
    label: &str,
    below: u32,
) -> Option<(CellRef, Option<(CellRef, &'a Value)>)> {
    let sheet: &'a Sheet = labels.wb.sheets.get(index)?;
    let want = label_key(label);
    for r in 0..below.min(sheet.height()) {
        if let Some(c) = labels.find(index, r, &want) {
            let value = ((c + 1)..sheet.width(r))
                .map(|cc| (CellRef::new(r, cc), sheet.get(r, cc)))
                .find(|(_, v)| !v.is_blank());
            return Some((CellRef::new(r, c), value));
        }
    }
    None
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
        };
        let w = wb(vec![s]);
        let labels = Labels::new(&w);
        let t = locate(
            &labels,
            "Báo cáo",
            "Mã nhiệm vụ",
            &["Mã nhiệm vụ", "Tình trạng", "Kết quả thực hiện"],
        )
        .unwrap();
        assert_eq!(t.header_row, 2);
        assert_eq!(t.columns, vec![Some(3), Some(1), None]);
        assert_eq!(t.found.len(), 3);
        let (label, value) = label_value(&labels, 0, "Mã cơ quan", 2).unwrap();
        assert_eq!(label, CellRef::new(0, 0));
        assert_eq!(
            value.map(|(c, v)| (c, v.display())),
            Some((CellRef::new(0, 2), "STTTT".to_string()))
        );
    }
}
