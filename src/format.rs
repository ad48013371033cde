//! The report format: sheet names, labels and allowed values that templates write and
//! validation reads. This is a public contract (docs/report-format.md); change it only with
//! the documentation. The consolidated workbook's contract is [`consolidated`].

pub mod consolidated;

/// The first sheet: identity cells and the task table.
pub const SHEET_REPORT: &str = "Báo cáo";
/// The indicator sheet.
pub const SHEET_INDICATORS: &str = "Chỉ tiêu";
/// The instructions sheet.
pub const SHEET_GUIDE: &str = "Hướng dẫn";
/// The very hidden sheet holding machine identity (key in column A, value in column B).
pub const SHEET_IDENTITY: &str = "_baocao";

/// Identity labels above the task table; each value is in the nearest non-empty cell to the
/// label's right.
pub const LABEL_AGENCY_NAME: &str = "Cơ quan báo cáo";
pub const LABEL_AGENCY_CODE: &str = "Mã cơ quan";
pub const LABEL_PERIOD: &str = "Kỳ báo cáo";
pub const LABEL_REPORT_DATE: &str = "Ngày báo cáo";
pub const LABEL_PREPARER: &str = "Người lập";
pub const LABEL_PHONE: &str = "Điện thoại";

/// In a template made by `baocao template`, each identity value sits this many columns right
/// of its label (a label spans two merged cells): a finding about a missing value points at
/// that input cell when the file carries the template's machine identity.
pub const TEMPLATE_VALUE_OFFSET: u32 = 2;

/// Task table header labels, in template order.
pub const COL_STT: &str = "STT";
pub const COL_TASK_ID: &str = "Mã nhiệm vụ";
pub const COL_TASK_TEXT: &str = "Nội dung nhiệm vụ";
pub const COL_DEADLINE: &str = "Thời hạn";
pub const COL_STATUS: &str = "Tình trạng";
pub const COL_DONE_DATE: &str = "Ngày hoàn thành";
pub const COL_RESULT: &str = "Kết quả thực hiện";
pub const COL_DIFFICULTY: &str = "Khó khăn, vướng mắc";
pub const COL_NOTE: &str = "Ghi chú";
pub const TASK_COLUMNS: [&str; 9] = [
    COL_STT,
    COL_TASK_ID,
    COL_TASK_TEXT,
    COL_DEADLINE,
    COL_STATUS,
    COL_DONE_DATE,
    COL_RESULT,
    COL_DIFFICULTY,
    COL_NOTE,
];
/// Positions in [`TASK_COLUMNS`]: the template's column of each label, and the index of each
/// label in the tables validation locates (one definition for the writer and the readers).
pub mod task_col {
    pub const STT: usize = 0;
    pub const ID: usize = 1;
    pub const TEXT: usize = 2;
    pub const DEADLINE: usize = 3;
    pub const STATUS: usize = 4;
    pub const DONE_DATE: usize = 5;
    pub const RESULT: usize = 6;
    pub const DIFFICULTY: usize = 7;
    pub const NOTE: usize = 8;
}
/// Columns a submission must have for validation to work.
pub const TASK_REQUIRED: [&str; 4] = [COL_TASK_ID, COL_STATUS, COL_DONE_DATE, COL_RESULT];

/// Indicator table header labels, in template order.
pub const COL_IND_ID: &str = "Mã chỉ tiêu";
pub const COL_IND_NAME: &str = "Tên chỉ tiêu";
pub const COL_IND_UNIT: &str = "Đơn vị tính";
pub const COL_IND_VALUE: &str = "Số liệu";
pub const INDICATOR_COLUMNS: [&str; 6] = [
    COL_STT,
    COL_IND_ID,
    COL_IND_NAME,
    COL_IND_UNIT,
    COL_IND_VALUE,
    COL_NOTE,
];
/// Positions in [`INDICATOR_COLUMNS`], as [`task_col`] for the task table.
pub mod ind_col {
    pub const STT: usize = 0;
    pub const ID: usize = 1;
    pub const NAME: usize = 2;
    pub const UNIT: usize = 3;
    pub const VALUE: usize = 4;
    pub const NOTE: usize = 5;
}
pub const INDICATOR_REQUIRED: [&str; 2] = [COL_IND_ID, COL_IND_VALUE];

/// The three statuses, as written in templates.
pub const STATUS_DONE: &str = "Đã hoàn thành";
pub const STATUS_IN_PROGRESS: &str = "Đang thực hiện";
pub const STATUS_NOT_STARTED: &str = "Chưa thực hiện";
pub const STATUSES: [&str; 3] = [STATUS_DONE, STATUS_IN_PROGRESS, STATUS_NOT_STARTED];

/// Yes/no values for boolean indicators.
pub const YES: &str = "Có";
pub const NO: &str = "Không";

/// Identity keys in the `_baocao` sheet and in the document's custom properties.
pub const ID_TEMPLATE: &str = "baocao_template";
pub const ID_PLAN_ID: &str = "baocao_plan_id";
pub const ID_PLAN_VERSION: &str = "baocao_plan_version";
pub const ID_PLAN_FINGERPRINT: &str = "baocao_plan_fingerprint";
pub const ID_AGENCY: &str = "baocao_agency";
pub const ID_PERIOD: &str = "baocao_period";
/// The template format version written in `baocao_template`.
pub const TEMPLATE_VERSION: &str = "baocao-template/1";

/// Rows from the top of a sheet where identity labels are looked for when no task table is
/// found, and where a quick look decides whether the instructions sheet must be read too.
/// Table header rows themselves are searched through the whole sheet (`ingest::table`).
pub const HEADER_SEARCH_ROWS: u32 = 50;
