//! Property test for issue 17: a valid submission reshaped the way offices reshape them (rows
//! sorted, rows and columns inserted, a duplicate column, cells merged down over equal values,
//! a blank copy of the sheet beside the filled one) reads to the same figures, and every
//! reshaping that changes how a cell is read is said at the cell (S005, S006, S007): no value
//! is lost without a finding.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{Options, Status, Submission, check_workbook};
use crate::diag::{CellRef, Code, Severity};
use crate::format as f;
use crate::i18n::Lang;
use crate::ingest::table::{self, Table};
use crate::ingest::{Limits, Sheet, Value, Workbook, open_bytes};
use crate::plan::{IndicatorType, Plan, PlanSource};

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| crate::plan::load_or_fail(&PlanSource::embedded(), Lang::Vi).unwrap())
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 20).unwrap()
}

fn options() -> Options<'static> {
    Options {
        plan: plan(),
        lang: Lang::Vi,
        as_of: as_of(),
        period: None,
        agency: None,
    }
}

/// The filled task table (after a blank copy, the one read).
fn task_table(wb: &Workbook) -> Table {
    table::locate_all(wb, f::SHEET_REPORT, f::COL_TASK_ID, &f::TASK_COLUMNS)
        .into_iter()
        .rev()
        .max_by_key(|t| table::filled_cells(wb, t))
        .map(|mut t| {
            table::resolve_duplicates(wb, &mut t);
            t
        })
        .unwrap()
}

fn set(sheet: &mut Sheet, row: u32, col: u32, v: Value) {
    let r = row as usize;
    if sheet.rows.len() <= r {
        sheet.rows.resize(r + 1, Vec::new());
    }
    let cells = &mut sheet.rows[r];
    if cells.len() <= col as usize {
        cells.resize(col as usize + 1, Value::Empty);
    }
    cells[col as usize] = v;
}

/// SCT's 2025 template, read, then filled in: every task under way with a result (two
/// results repeated, so that merges have equal neighbours), every indicator given a value.
fn filled() -> &'static Workbook {
    static WB: OnceLock<Workbook> = OnceLock::new();
    WB.get_or_init(|| {
        let plan = plan();
        let period = plan.period("2025").unwrap();
        let agency = plan.agency("SCT").unwrap();
        let bytes = crate::report::build_template(plan, agency, &period, as_of()).unwrap();
        let mut wb = open_bytes(&bytes, "SCT-2025.xlsx", Lang::Vi, &Limits::default()).unwrap();
        let t = task_table(&wb);
        let sheet = &mut wb.sheets[t.sheet];
        let (date_cell, _) = table::label_value(sheet, f::LABEL_REPORT_DATE, t.header_row)
            .map(|(c, _)| (c, ()))
            .unwrap();
        let date = NaiveDate::from_ymd_opt(2025, 12, 18).unwrap();
        set(sheet, date_cell.row, date_cell.col + 2, Value::Date(date));
        let (status, result) = (t.col(4).unwrap(), t.col(6).unwrap());
        for (i, r) in ((t.header_row + 1)..sheet.height()).enumerate() {
            if sheet.get(r, t.col(1).unwrap()).is_blank() {
                continue;
            }
            set(sheet, r, status, Value::Text(f::STATUS_IN_PROGRESS.into()));
            set(sheet, r, result, Value::Text(format!("Kết quả {}", i / 2)));
        }
        let it = table::locate(
            &wb,
            f::SHEET_INDICATORS,
            f::COL_IND_ID,
            &f::INDICATOR_COLUMNS,
        )
        .unwrap();
        let sheet = &mut wb.sheets[it.sheet];
        for r in (it.header_row + 1)..sheet.height() {
            let id = sheet.get(r, it.col(1).unwrap()).display();
            let Some(ind) = plan.indicator(&id) else {
                continue;
            };
            let v = match ind.kind {
                IndicatorType::Boolean => Value::Text("Có".into()),
                IndicatorType::Percent => Value::Number(85.0),
                _ => Value::Text("1.245".into()),
            };
            let v = if ind.kind == IndicatorType::Decimal {
                Value::Text("1.245,5".into())
            } else {
                v
            };
            set(sheet, r, it.col(4).unwrap(), v);
        }
        wb
    })
}

/// The figures read: task → (status, result), indicator → value.
type Figures = (
    BTreeMap<String, (Option<Status>, String)>,
    BTreeMap<String, Option<f64>>,
);

fn figures(s: &Submission) -> Figures {
    (
        s.tasks
            .iter()
            .map(|t| (t.task_id.clone(), (t.status, t.result.clone())))
            .collect(),
        s.indicators
            .iter()
            .map(|i| (i.id.clone(), i.value))
            .collect(),
    )
}

#[derive(Clone, Debug)]
enum Reshape {
    /// Task rows permuted by this seed (refused, as by Excel, once cells are merged down).
    Sort(u64),
    /// Blank rows inserted at the top of the report sheet (past row 50 too).
    InsertRows(u32),
    /// A blank column inserted at this fraction of the report sheet's width.
    InsertColumn(f64),
    /// An empty column labelled like the status (0) or result (1) column, just before it.
    DuplicateColumn(usize),
    /// The status (0) or result (1) cell of a task row merged down over the next row's, when
    /// equal (the covered cell then blank, as Excel leaves it).
    MergeDown(usize, f64),
    /// A blank copy of the report sheet, named as the template's, beside the filled one.
    BlankCopy,
}

fn reshape() -> impl Strategy<Value = Reshape> {
    prop_oneof![
        any::<u64>().prop_map(Reshape::Sort),
        (1u32..80).prop_map(Reshape::InsertRows),
        (0.0..1.0).prop_map(Reshape::InsertColumn),
        (0usize..2).prop_map(Reshape::DuplicateColumn),
        ((0usize..2), (0.0..1.0)).prop_map(|(c, at)| Reshape::MergeDown(c, at)),
        Just(Reshape::BlankCopy),
    ]
}

fn shift_cols(sheet: &mut Sheet, at: u32) {
    for row in &mut sheet.rows {
        if row.len() > at as usize {
            row.insert(at as usize, Value::Empty);
        }
    }
    for (a, b) in &mut sheet.merged {
        for c in [a, b] {
            if c.col >= at {
                c.col += 1;
            }
        }
    }
}

fn apply(wb: &mut Workbook, r: &Reshape) {
    let t = task_table(wb);
    let label_col = |i: usize| t.col(if i == 0 { 4 } else { 6 }).unwrap();
    let id_col = t.col(1).unwrap();
    let sheet = &mut wb.sheets[t.sheet];
    let first = t.header_row as usize + 1;
    let last = (first..sheet.rows.len())
        .take_while(|&r| !sheet.get(r as u32, id_col).is_blank())
        .last()
        .unwrap_or(first);
    match r {
        // Excel and LibreOffice refuse to sort rows holding cells merged over several rows.
        Reshape::Sort(_) if sheet.merged.iter().any(|(a, b)| a.row != b.row) => {}
        Reshape::Sort(seed) => {
            let mut rows: Vec<Vec<Value>> = sheet.rows.drain(first..=last).collect();
            let n = rows.len();
            for i in (1..n).rev() {
                let j = (seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(i as u64)
                    >> 33) as usize
                    % (i + 1);
                rows.swap(i, j);
            }
            sheet.rows.splice(first..first, rows);
        }
        Reshape::InsertRows(n) => {
            sheet
                .rows
                .splice(0..0, std::iter::repeat_n(Vec::new(), *n as usize));
            for (a, b) in &mut sheet.merged {
                a.row += n;
                b.row += n;
            }
        }
        Reshape::InsertColumn(at) => {
            let width = sheet.width(t.header_row);
            shift_cols(sheet, (f64::from(width) * at) as u32);
        }
        Reshape::DuplicateColumn(i) => {
            let c = label_col(*i);
            shift_cols(sheet, c);
            let label = sheet.get(t.header_row, c + 1).clone();
            set(sheet, t.header_row, c, label);
        }
        Reshape::MergeDown(i, at) => {
            let c = label_col(*i);
            let r = first + ((last - first) as f64 * at) as usize;
            let (r, c32) = (r as u32, c);
            if (r as usize) < last
                && sheet.get(r, c32) == sheet.get(r + 1, c32)
                // Merged ranges never overlap.
                && !sheet.merged.iter().any(|(a, b)| {
                    a.col <= c32 && c32 <= b.col && a.row <= r + 1 && r <= b.row
                })
            {
                set(sheet, r + 1, c32, Value::Empty);
                sheet
                    .merged
                    .push((CellRef::new(r, c32), CellRef::new(r + 1, c32)));
            }
        }
        Reshape::BlankCopy => {
            let mut copy = sheet.clone();
            for r in first..=last {
                for i in [4usize, 5, 6] {
                    if let Some(c) = t.col(i) {
                        set(&mut copy, r as u32, c, Value::Empty);
                    }
                }
            }
            copy.merged.clear();
            sheet.name = format!("{} (2)", sheet.name);
            let at = t.sheet;
            wb.sheets.insert(at, copy);
        }
    }
}

/// The findings a reshaping may add, each at the cell it is about.
const SAID: [Code; 3] = [
    Code::TableCopyNotRead,
    Code::MergedAcrossRows,
    Code::ColumnDuplicate,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn reshaped_submissions_read_the_same_or_say_why(
        steps in proptest::collection::vec(reshape(), 1..5)
    ) {
        let base = check_workbook(filled(), "SCT-2025.xlsx", &options());
        prop_assert!(!base.has_errors(), "{:#?}", base.findings);
        let mut wb = filled().clone();
        for s in &steps {
            apply(&mut wb, s);
        }
        let sub = check_workbook(&wb, "SCT-2025.xlsx", &options());
        // Every finding of the reshaped file is one the original had, or one saying at its
        // cell how a reshaped cell was read.
        let code_count = |s: &Submission, code: Code| s.findings.iter().filter(|f| f.code == code).count();
        for f in &sub.findings {
            if SAID.contains(&f.code) {
                prop_assert!(f.location.is_some(), "{f:?}");
                prop_assert!(f.severity == Severity::Warning, "{f:?}");
            } else {
                prop_assert!(code_count(&base, f.code) >= code_count(&sub, f.code), "{:#?}", sub.findings);
            }
        }
        // The same figures, task by task and indicator by indicator.
        prop_assert_eq!(figures(&sub), figures(&base), "{:?}\n{:#?}", steps, sub.findings);
        // A merge or duplicate column that changed a reading is said.
        if steps.iter().any(|s| matches!(s, Reshape::DuplicateColumn(_))) {
            prop_assert!(code_count(&sub, Code::ColumnDuplicate) > 0);
        }
        if steps.iter().any(|s| matches!(s, Reshape::BlankCopy)) {
            prop_assert!(code_count(&sub, Code::TableCopyNotRead) > 0);
        }
        if !wb.sheets.iter().all(|s| s.merged.iter().all(|(a, b)| a.row == b.row)) {
            prop_assert!(code_count(&sub, Code::MergedAcrossRows) > 0);
        }
    }
}
