//! The consolidated workbook's contract: sheet names, headings, labels, column headers and
//! the values written for codes, as data. `baocao consolidate` writes them
//! (`report::consolidated`), the data sheet carries the same values (`crate::data_sheet`, read
//! back by `ingest::read_consolidated`), and docs/consolidated-format.md documents every one
//! (a test fails if one is missing). This is a public contract, as [`crate::format`] is for
//! the template: the next level reads the workbook by these names. Change it only with the
//! documentation.

use crate::consolidate::{ReceivedSource, Role, SubmitStatus};
use crate::plan::IndicatorType;

pub use crate::data_sheet::{SHEET as DATA_SHEET, VERSION as DATA_VERSION};

/// Sheet names (the contract).
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_TASKS: &str = "Nhiệm vụ";
pub const SHEET_BY_TASK: &str = "Theo nhiệm vụ";
pub const SHEET_INDICATORS: &str = "Chỉ tiêu";
pub const SHEET_CHASE: &str = "Chưa nộp, trễ hạn";
pub const SHEET_FINDINGS: &str = "Lỗi, cảnh báo";
pub const SHEET_SOURCES: &str = "Nguồn";
/// Every sheet, in workbook order.
pub const SHEETS: [&str; 7] = [
    SHEET_SUMMARY,
    SHEET_TASKS,
    SHEET_BY_TASK,
    SHEET_INDICATORS,
    SHEET_CHASE,
    SHEET_FINDINGS,
    SHEET_SOURCES,
];

/// Headings of the two parts of `Tổng hợp` (column A), so readers can find them.
pub const HEADING_FIGURES: &str = "I. SỐ LIỆU CHUNG";
pub const HEADING_AGENCIES: &str = "Phụ lục 2: Tình hình báo cáo theo cơ quan";

/// Labels of the overall figures in `Tổng hợp` (column B; the value is in column F).
pub const FIGURE_LABELS: [&str; 22] = [
    "Số cơ quan phải báo cáo",
    "Số báo cáo đã nhận",
    "Số báo cáo đúng hạn",
    "Số báo cáo trễ hạn",
    "Số cơ quan chưa nộp",
    "Số báo cáo không hợp lệ (có lỗi)",
    "Tỷ lệ báo cáo (%)",
    "Tỷ lệ đúng hạn (%)",
    "Nhiệm vụ đã hoàn thành",
    "Nhiệm vụ đang thực hiện",
    "Nhiệm vụ chưa thực hiện",
    "Nhiệm vụ quá hạn",
    "Nhiệm vụ chưa có báo cáo",
    "Số tệp đã đọc",
    "Số tệp không đọc được",
    "Số tệp bản cũ (đã có bản mới hơn)",
    "Số tệp kỳ báo cáo khác",
    "Số tệp không xác định được cơ quan",
    "Số tệp của cơ quan không phải báo cáo kỳ này",
    "Số tệp chưa tính là đã nhận (ngày sửa tệp sau ngày đối chiếu)",
    "Số lỗi",
    "Số cảnh báo",
];

/// Column labels of the per-agency table in `Tổng hợp`.
pub const SUMMARY_COLUMNS: [&str; 14] = [
    "STT",
    "Mã cơ quan",
    "Tên cơ quan",
    "Tình trạng nộp",
    "Ngày nhận",
    "Nguồn ngày nhận",
    "Số nhiệm vụ",
    "Đã hoàn thành",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Quá hạn",
    "Tỷ lệ hoàn thành (%)",
    "Số lỗi",
    "Số cảnh báo",
];

pub const TASK_COLUMNS: [&str; 13] = [
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Mã cơ quan",
    "Tên cơ quan",
    "Tình trạng",
    "Ngày hoàn thành",
    "Thời hạn",
    "Quá hạn",
    "Kết quả thực hiện",
    "Khó khăn, vướng mắc",
    "Ghi chú",
    "Nguồn",
    "Tệp",
];

pub const BY_TASK_COLUMNS: [&str; 9] = [
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Thời hạn",
    "Số cơ quan chủ trì",
    "Đã hoàn thành",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Chưa báo cáo",
    "Quá hạn",
];

/// The fixed columns of `Chỉ tiêu`; one column per expected agency (its code) follows.
pub const INDICATOR_FIXED_COLUMNS: [&str; 8] = [
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Loại",
    "Tổng toàn tỉnh",
    "Số cơ quan có số liệu",
    "Số ô trống",
    "Số liệu không hợp lệ hoặc chưa nộp",
];

pub const CHASE_COLUMNS: [&str; 9] = [
    "STT",
    "Mã cơ quan",
    "Tên cơ quan",
    "Tình trạng",
    "Số ngày trễ",
    "Ngày nhận",
    "Người lập",
    "Điện thoại",
    "Ghi chú",
];

pub const FINDING_COLUMNS: [&str; 8] = [
    "Tệp",
    "Mã cơ quan",
    "Mã",
    "Mức độ",
    "Sheet",
    "Ô",
    "Nội dung",
    "Cách khắc phục",
];

pub const SOURCE_COLUMNS: [&str; 10] = [
    "Tệp",
    "Định dạng",
    "Dung lượng (byte)",
    "SHA-256",
    "Ngày sửa tệp",
    "Mã cơ quan",
    "Kỳ báo cáo",
    "Ngày báo cáo",
    "Sử dụng",
    "Lý do",
];

/// Vietnamese label of a submission status (the contract values).
pub fn submit_label(s: SubmitStatus) -> &'static str {
    match s {
        SubmitStatus::OnTime => "Đúng hạn",
        SubmitStatus::Late => "Trễ hạn",
        SubmitStatus::Missing => "Chưa nộp",
        SubmitStatus::Invalid => "Không hợp lệ",
    }
}

/// Vietnamese label of where a received date came from (the contract values).
pub fn source_label(s: ReceivedSource) -> &'static str {
    match s {
        ReceivedSource::Log => "Sổ nhận",
        ReceivedSource::ReportDate => "Ngày báo cáo",
        ReceivedSource::FileTime => "Ngày sửa tệp",
    }
}

/// Vietnamese label of what became of a file (the contract values of `Nguồn`, `Sử dụng`).
pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Used => "Sử dụng",
        Role::Superseded => "Bản cũ, không dùng",
        Role::OtherPeriod => "Kỳ khác, không dùng",
        Role::Unreadable => "Không đọc được",
        Role::Unidentified => "Không xác định được cơ quan",
        Role::NotExpected => "Cơ quan không phải báo cáo kỳ này",
        Role::NotYetReceived => "Chưa tính là đã nhận (ngày sửa tệp sau ngày đối chiếu)",
    }
}

/// The chase list's `Tình trạng` values.
pub const CHASE_MISSING_OVERDUE: &str = "Chưa nộp (quá hạn)";
pub const CHASE_MISSING_NOT_DUE: &str = "Chưa nộp (chưa đến hạn)";
pub const CHASE_LATE: &str = "Trễ hạn";
pub const CHASE_INVALID: &str = "Không hợp lệ, cần gửi lại";

/// The `Loại` values of `Chỉ tiêu`: the type and how the province total is made.
pub fn type_label(t: IndicatorType) -> &'static str {
    match t {
        IndicatorType::Integer => "Số nguyên (tổng)",
        IndicatorType::Decimal => "Số thập phân (tổng)",
        IndicatorType::Percent => "Tỷ lệ % (bình quân)",
        IndicatorType::Boolean => "Có/Không (số cơ quan Có)",
    }
}
