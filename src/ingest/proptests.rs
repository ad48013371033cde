//! Property tests run in CI: a valid submission (a real template), damaged byte by byte or
//! edited cell by cell, always gives a workbook or one well-formed finding, and checking or
//! annotating whatever was read never panics. A modest number of cases keeps CI fast; the
//! fuzz targets in `fuzz/` explore much further (docs/robustness.md).

use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;

use super::{Limits, Value, Workbook, open_bytes};
use crate::check::{self, Options};
use crate::i18n::Lang;
use crate::plan::{Plan, PlanSource};

const SHOWN: &str = "bao-cao.xlsx";

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| crate::plan::load_or_fail(&PlanSource::embedded(), Lang::Vi).unwrap())
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 20).unwrap()
}

/// STTTT's 2025 template, as `baocao template` writes it.
fn template() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let plan = plan();
        let period = plan.period("2025").unwrap();
        let agency = plan.agency("STTTT").unwrap();
        crate::report::build_template(plan, agency, &period, as_of()).unwrap()
    })
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

/// One change to a file's bytes; positions are fractions of the length, so every change
/// lands inside the file whatever its size.
#[derive(Clone, Debug)]
enum ByteEdit {
    Flip { at: f64, bit: u8 },
    Truncate { keep: f64 },
    Insert { at: f64, bytes: Vec<u8> },
    Overwrite { at: f64, bytes: Vec<u8> },
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (0.0..1.0, 0u8..8).prop_map(|(at, bit)| ByteEdit::Flip { at, bit }),
        (0.0..1.0).prop_map(|keep| ByteEdit::Truncate { keep }),
        (0.0..1.0, vec(any::<u8>(), 1..64)).prop_map(|(at, bytes)| ByteEdit::Insert { at, bytes }),
        (0.0..1.0, vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| ByteEdit::Overwrite { at, bytes }),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let at = |f: f64| ((bytes.len() as f64 * f) as usize).min(bytes.len().saturating_sub(1));
    match edit {
        ByteEdit::Flip { at: f, bit } => {
            let i = at(*f);
            if let Some(b) = bytes.get_mut(i) {
                *b ^= 1 << bit;
            }
        }
        ByteEdit::Truncate { keep } => {
            let n = at(*keep);
            bytes.truncate(n);
        }
        ByteEdit::Insert { at: f, bytes: new } => {
            let i = at(*f);
            bytes.splice(i..i, new.iter().copied());
        }
        ByteEdit::Overwrite { at: f, bytes: new } => {
            let i = at(*f);
            for (k, b) in new.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(i + k) {
                    *slot = *b;
                }
            }
        }
    }
}

/// Values a person or another program might put in a cell, odd ones included.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Empty),
        "\\PC{0,40}".prop_map(Value::Text),
        prop::sample::select(vec![
            "Đã hoàn thành",
            "đang  thực hiện",
            "Chua thuc hien",
            "III.3.1",
            "III.99.99",
            "2025-H1",
            "STTTT",
            "SCT",
            "=1+1",
            "@SUM(A1)",
            "31/02/2025",
            "18/12/2025",
            "Mã nhiệm vụ",
            "Tình trạng",
            "Kỳ báo cáo",
            "Mã cơ quan",
            "Số liệu",
            "Mã chỉ tiêu",
            "Có",
            "1.234,5",
            "Taøi lieäu",
        ])
        .prop_map(|s| Value::Text(s.to_string())),
        any::<f64>().prop_map(Value::Number),
        any::<bool>().prop_map(Value::Bool),
        (-200_000i32..200_000).prop_map(|d| {
            Value::Date(NaiveDate::from_num_days_from_ce_opt(739_000 + d).unwrap_or_default())
        }),
        Just(Value::Error("#REF!".into())),
    ]
}

/// One change to a read workbook: a cell set, a row dropped, a sheet renamed or dropped.
#[derive(Clone, Debug)]
enum CellEdit {
    Set {
        sheet: usize,
        row: u32,
        col: u32,
        value: Value,
    },
    DropRow {
        sheet: usize,
        row: usize,
    },
    RenameSheet {
        sheet: usize,
        name: String,
    },
    DropSheet {
        sheet: usize,
    },
}

fn cell_edit() -> impl Strategy<Value = CellEdit> {
    prop_oneof![
        6 => (0usize..4, 0u32..80, 0u32..14, value())
            .prop_map(|(sheet, row, col, value)| CellEdit::Set { sheet, row, col, value }),
        1 => (0usize..4, 0usize..80).prop_map(|(sheet, row)| CellEdit::DropRow { sheet, row }),
        1 => (0usize..4, "\\PC{0,12}")
            .prop_map(|(sheet, name)| CellEdit::RenameSheet { sheet, name }),
        1 => (0usize..4).prop_map(|sheet| CellEdit::DropSheet { sheet }),
    ]
}

fn edit(wb: &mut Workbook, edit: &CellEdit) {
    match edit {
        CellEdit::Set {
            sheet,
            row,
            col,
            value,
        } => {
            if let Some(s) = wb.sheets.get_mut(*sheet) {
                let (r, c) = (*row as usize, *col as usize);
                if s.rows.len() <= r {
                    s.rows.resize_with(r + 1, Vec::new);
                }
                if s.rows[r].len() <= c {
                    s.rows[r].resize(c + 1, Value::Empty);
                }
                s.rows[r][c] = value.clone();
            }
        }
        CellEdit::DropRow { sheet, row } => {
            if let Some(s) = wb.sheets.get_mut(*sheet)
                && *row < s.rows.len()
            {
                s.rows.remove(*row);
            }
        }
        CellEdit::RenameSheet { sheet, name } => {
            if let Some(s) = wb.sheets.get_mut(*sheet) {
                s.name.clone_from(name);
            }
        }
        CellEdit::DropSheet { sheet } => {
            if *sheet < wb.sheets.len() {
                wb.sheets.remove(*sheet);
            }
        }
    }
}

/// Checks a workbook and writes its annotated copy; every finding must name the file and say
/// something.
fn check_and_annotate(wb: &Workbook) {
    let sub = check::check_workbook(wb, SHOWN, &options());
    for f in &sub.findings {
        assert_eq!(f.file, SHOWN);
        assert!(!f.message.is_empty(), "{f:?}");
    }
    // Writing may refuse a value (an error is fine); it must not panic.
    let _ = crate::report::annotate::build(Some(wb), &sub.findings, Lang::Vi, as_of());
    // The copy on a fresh template, when the edits left the agency and period readable.
    let agency = sub.agency.as_deref().and_then(|a| plan().agency(a));
    let period = sub.period.as_deref().and_then(|p| plan().period(p).ok());
    if let (Some(a), Some(p)) = (agency, period) {
        let _ = crate::report::annotate::build_on_template(
            plan(),
            a,
            &p,
            as_of(),
            wb,
            &sub.findings,
            Lang::Vi,
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn damaged_bytes_give_a_workbook_or_one_finding(edits in vec(byte_edit(), 1..5)) {
        let mut bytes = template().to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        match open_bytes(&bytes, SHOWN, Lang::Vi, &Limits::default()) {
            Ok(wb) => check_and_annotate(&wb),
            Err(f) => {
                prop_assert_eq!(f.file.as_str(), SHOWN);
                prop_assert!(f.code.as_str().starts_with('F'), "{:?}", f);
                prop_assert!(!f.message.is_empty() && !f.help.is_empty(), "{:?}", f);
            }
        }
    }

    #[test]
    fn edited_cells_are_checked_without_panicking(edits in vec(cell_edit(), 1..24)) {
        let mut wb = open_bytes(template(), SHOWN, Lang::Vi, &Limits::default()).unwrap();
        for e in &edits {
            edit(&mut wb, e);
        }
        check_and_annotate(&wb);
    }
}

/// The unedited template reads, and checks with findings only for what is still blank.
#[test]
fn the_template_itself_reads_and_checks() {
    let wb = open_bytes(template(), SHOWN, Lang::Vi, &Limits::default()).unwrap();
    assert!(wb.sheets.len() >= 2);
    check_and_annotate(&wb);
}
