//! The message catalogue: every sentence a user reads, in Vietnamese (default) and English.
//!
//! Each message is one method on [`Lang`], declared once below with both texts side by side,
//! so a translation cannot go missing and a caller cannot misspell a key. Arguments are
//! formatted inline; values quoted from user input are wrapped in backticks.

use serde::Serialize;

/// The language of everything baocao prints or writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt (mặc định).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// A number with one decimal, written the way the language writes it: `83,3` in
    /// Vietnamese (comma decimal), `83.3` in English.
    #[must_use]
    pub fn decimal1(self, x: f64) -> String {
        let s = format!("{x:.1}");
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

impl Lang {
    /// A number quoted in a message as the language writes it, without grouping: `1,245` and
    /// `1245` in Vietnamese (comma decimal), `1.245` and `1245` in English.
    #[must_use]
    pub fn number(self, x: f64) -> String {
        let s = crate::ingest::Value::Number(x).display();
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

/// A whole number in a message, its digits grouped by thousands the way each language writes
/// them: `{n:#}` gives `4.194.304` (Vietnamese), `{n}` gives `4,194,304` (English).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Num(pub u64);

impl From<u64> for Num {
    fn from(n: u64) -> Num {
        Num(n)
    }
}

impl From<usize> for Num {
    fn from(n: usize) -> Num {
        Num(n as u64)
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sep = if f.alternate() { '.' } else { ',' };
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(d);
        }
        f.pad(&out)
    }
}

macro_rules! catalogue {
    ($( $(#[$meta:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $vi:literal , $en:literal ; )*) => {
        impl Lang {
            $(
                $(#[$meta])*
                #[must_use]
                pub fn $name(self, $($arg: $ty),*) -> String {
                    match self {
                        Lang::Vi => format!($vi),
                        Lang::En => format!($en),
                    }
                }
            )*
        }
    };
}

// Further entries, by area (declared after the macro so they can use it).
mod annotate;
mod checks;
mod history;
mod reading;
mod report;
mod summary;
mod timeline;
mod windows;

catalogue! {
    // ---- general -------------------------------------------------------------------------
    error_prefix() => "lỗi", "error";
    warning_prefix() => "cảnh báo", "warning";
    severity_error() => "Lỗi", "Error";
    severity_warning() => "Cảnh báo", "Warning";
    summary_counts(errors: usize, warnings: usize) => "{errors} lỗi, {warnings} cảnh báo", "{errors} error(s), {warnings} warning(s)";
    io_read(path: &str, reason: &str) => "không đọc được `{path}`: {reason}", "cannot read `{path}`: {reason}";
    io_write(path: &str, reason: &str) => "không ghi được `{path}`: {reason}", "cannot write `{path}`: {reason}";
    output_exists(path: &str) => "tệp `{path}` đã có; thêm --force để ghi đè", "`{path}` already exists; add --force to overwrite it";
    path_missing(path: &str) => "không tìm thấy `{path}`", "`{path}` does not exist";
    bad_date_arg(value: &str) => "ngày `{value}` không hợp lệ; dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy", "invalid date `{value}`; use YYYY-MM-DD or dd/mm/yyyy";
    date_impossible(value: &str, why: &str) => "ngày `{value}` không có thật: {why}", "`{value}` is not a real date: {why}";
    date_no_month(month: u32) => "không có tháng {month}", "there is no month {month}";
    date_no_day(month: u32, year: u32, days: u32) => "tháng {month}/{year} chỉ có {days} ngày", "month {month}/{year} has only {days} days";
    wrote_file(path: &str) => "đã ghi {path}", "wrote {path}";

    // ---- plan loading and lint -----------------------------------------------------------
    plan_dir_missing(path: &str) => "không tìm thấy thư mục kế hoạch `{path}` (cần có `plan.yaml`)", "plan folder `{path}` not found (it must contain `plan.yaml`)";
    plan_invalid(path: &str, n: usize, check: &str) => "kế hoạch `{path}` có {n} lỗi; chạy `{check}` để xem chi tiết", "plan `{path}` has {n} error(s); run `{check}` for details";
    plan_not_utf8() => "tệp không phải văn bản UTF-8", "file is not UTF-8 text";
    plan_too_large(size: Num, limit: Num) => "tệp quá lớn ({size:#} byte; giới hạn {limit:#} byte)", "file too large ({size} bytes; limit {limit} bytes)";
    plan_yaml(msg: &str) => "YAML không hợp lệ: {msg}", "invalid YAML: {msg}";
    plan_dup_agency(code: &str) => "mã cơ quan `{code}` bị trùng", "duplicate agency code `{code}`";
    plan_dup_group(code: &str) => "mã nhóm `{code}` bị trùng (với một nhóm hoặc cơ quan khác)", "duplicate group code `{code}` (clashes with another group or agency)";
    plan_bad_frequency(value: &str) => "tần suất báo cáo `{value}` không hợp lệ; dùng `each_period` (hằng kỳ), `yearly` (hằng năm) hoặc `once` (một lần)", "invalid reporting frequency `{value}`; use `each_period`, `yearly` or `once`";
    plan_dup_at(what: &str, first: &str) => "{what}: đã có ở {first}", "{what}: first defined at {first}";
    plan_dup_task(id: &str) => "mã nhiệm vụ `{id}` bị trùng", "duplicate task id `{id}`";
    plan_dup_theme(id: &str) => "mã nội dung `{id}` bị trùng", "duplicate theme id `{id}`";
    plan_dup_indicator(id: &str) => "mã chỉ tiêu `{id}` bị trùng", "duplicate indicator id `{id}`";
    plan_dup_period(id: &str) => "mã kỳ báo cáo `{id}` bị trùng", "duplicate period id `{id}`";
    plan_unknown_ref(what: &str, code: &str) => "tham chiếu tới {what} không có trong kế hoạch: `{code}`", "reference to an unknown {what}: `{code}`";
    plan_what_agency() => "cơ quan hoặc nhóm", "agency or group";
    plan_what_theme() => "nội dung (mục II)", "theme (section II)";
    plan_what_indicator() => "chỉ tiêu", "indicator";
    plan_group_cycle(path: &str) => "nhóm lồng vòng tròn: {path}", "group cycle: {path}";
    plan_task_no_agency(id: &str) => "nhiệm vụ `{id}` không giao cho cơ quan nào (nhóm rỗng)", "task `{id}` is assigned to no agency (empty group)";
    plan_agency_no_task(code: &str) => "cơ quan `{code}` không chủ trì, không phối hợp nhiệm vụ nào", "agency `{code}` neither leads nor co-operates on any task";
    plan_bad_task_id(id: &str) => "mã nhiệm vụ `{id}` không đúng dạng `III.<mục>.<gạch đầu dòng>`", "task id `{id}` is not of the form `III.<item>.<bullet>`";
    plan_bad_theme_id(id: &str) => "mã nội dung `{id}` không đúng dạng `II.<mục>.<gạch đầu dòng>`", "theme id `{id}` is not of the form `II.<item>.<bullet>`";
    plan_bad_code(code: &str) => "mã `{code}` chỉ được gồm chữ in hoa không dấu, chữ số và `_`", "code `{code}` may contain only upper-case ASCII letters, digits and `_`";
    plan_empty_text(what: &str) => "{what} để trống", "{what} is empty";
    plan_not_nfc(what: &str) => "{what} chưa chuẩn hóa Unicode NFC", "{what} is not in Unicode NFC";
    plan_unknown_consolidator(code: &str) => "cơ quan tổng hợp `{code}` không có trong danh sách cơ quan", "consolidating agency `{code}` is not a known agency";
    plan_bad_period(id: &str, why: &str) => "kỳ báo cáo `{id}` không hợp lệ: {why}", "period `{id}` is invalid: {why}";
    plan_period_end_before_start() => "ngày kết thúc trước ngày bắt đầu", "it ends before it starts";
    plan_period_due_before_end() => "hạn gửi trước ngày chốt số liệu", "it is due before its data cut-off";
    plan_too_many_files(dir: &str, limit: Num) => "thư mục kế hoạch `{dir}` có hơn {limit:#} tệp", "plan folder `{dir}` holds more than {limit} files";
    plan_bad_date(value: &str) => "ngày `{value}` không hợp lệ; trong tệp kế hoạch ngày viết dạng YYYY-MM-DD", "invalid date `{value}`; plan files write dates as YYYY-MM-DD";
    plan_bad_cutoff_day(day: u32) => "ngày chốt số liệu `{day}` phải từ 1 đến 28", "cut-off day `{day}` must be between 1 and 28";
    plan_no_periods() => "kế hoạch không bật kỳ báo cáo nào", "the plan enables no reporting period";
    plan_check_ok(agencies: usize, tasks: usize, indicators: usize) => "kế hoạch hợp lệ: {agencies} cơ quan, {tasks} nhiệm vụ, {indicators} chỉ tiêu", "plan is valid: {agencies} agencies, {tasks} tasks, {indicators} indicators";
    plan_check_summary(errors: usize, warnings: usize) => "kế hoạch có {errors} lỗi, {warnings} cảnh báo", "plan has {errors} error(s), {warnings} warning(s)";
    unknown_agency(code: &str) => "không có cơ quan mã `{code}` trong kế hoạch", "no agency with code `{code}` in the plan";
    unknown_agency_help(codes: &str) => "các mã hợp lệ: {codes}", "valid codes: {codes}";
    unknown_period(id: &str) => "kế hoạch không có kỳ báo cáo `{id}`", "the plan defines no reporting period `{id}`";
    period_disabled(id: &str, kind: &str, key: &str) => "kỳ `{id}` là kỳ {kind}, nhưng kế hoạch không bật loại kỳ này (`periods.{key}.enabled: false` trong plan.yaml)", "`{id}` is a {kind} period, but the plan does not enable that kind (`periods.{key}.enabled: false` in plan.yaml)";
    period_valid_ids(list: &str) => "kỳ dùng được với kế hoạch này, ví dụ: {list}", "periods this plan accepts, e.g.: {list}";
    period_kind_year() => "năm", "yearly";
    period_kind_half_year() => "6 tháng", "half-yearly";
    period_kind_quarter() => "quý", "quarterly";
    period_kind_month() => "tháng", "monthly";

    // ---- plan show -----------------------------------------------------------------------
    show_plan_header(title: &str, version: &str) => "{title} (phiên bản {version})", "{title} (version {version})";
    show_consolidator(name: &str) => "Cơ quan tổng hợp: {name}", "Consolidating agency: {name}";
    show_recipient(name: &str) => "Nơi nhận báo cáo tổng hợp: {name}", "Recipient of the consolidated report: {name}";
    show_deadline() => "Thời hạn", "Deadline";
    show_cooperating() => "Phối hợp", "Co-operating";
    show_indicators() => "Chỉ tiêu", "Indicators";
    show_no_tasks() => "(không chủ trì nhiệm vụ nào)", "(leads no task)";
    show_period(id: &str, start: &str, end: &str, due: &str) => "Kỳ {id}: số liệu từ {start} đến {end}, hạn gửi {due}", "Period {id}: data from {start} to {end}, due {due}";
    show_requested() => "đề nghị", "requested";
    deadline_ongoing() => "Thường xuyên", "Ongoing";
    deadline_each_period() => "Hằng kỳ báo cáo", "Every reporting period";

    // ---- template ------------------------------------------------------------------------
    template_wrote(path: &str, tasks: usize, indicators: usize) => "đã ghi {path} ({tasks} nhiệm vụ, {indicators} chỉ tiêu)", "wrote {path} ({tasks} tasks, {indicators} indicators)";
    template_build_failed(code: &str, reason: &str) => "không tạo được biểu mẫu cho cơ quan `{code}`: {reason}", "cannot build the template for agency `{code}`: {reason}";
    template_not_reporter(code: &str, period: &str) => "cơ quan `{code}` không thuộc danh sách phải báo cáo kỳ `{period}`; vẫn tạo biểu mẫu theo yêu cầu", "agency `{code}` is not expected to report for period `{period}`; writing its template as asked";
    template_no_reporters(period: &str) => "kế hoạch không có cơ quan nào phải báo cáo kỳ `{period}`; không có biểu mẫu nào được tạo", "no agency is expected to report for period `{period}`; no template written";

    // ---- ingest: opening a submission ----------------------------------------------------
    file_unreadable(reason: &str) => "không đọc được tệp: {reason}", "cannot read the file: {reason}";
    file_is_dir() => "đây là một thư mục, không phải tệp bảng tính", "this is a folder, not a spreadsheet file";
    file_not_regular() => "đây không phải tệp thông thường (thiết bị, ống dẫn FIFO hoặc socket)", "this is not a regular file (a device, a FIFO or a socket)";
    file_unreadable_help() => "kiểm tra đường dẫn và quyền đọc tệp", "check the path and the permission to read the file";
    file_empty() => "tệp rỗng (0 byte hoặc toàn byte trống); cần một bảng tính Excel (.xlsx)", "the file is empty (0 bytes or only blank bytes); expected an Excel workbook (.xlsx)";
    file_empty_help() => "tệp thường bị hỏng khi tải về hoặc sao chép; đề nghị cơ quan gửi lại tệp", "the file was probably cut short while downloading or copying; ask the agency to send it again";
    file_html() => "tệp là trang web (HTML) mang đuôi bảng tính, không phải bảng tính Excel", "the file is a web page (HTML) with a spreadsheet extension, not an Excel workbook";
    file_html_help() => "mở bằng Excel rồi Lưu thành (Save As) Excel Workbook .xlsx", "open it in Excel, then Save As Excel Workbook (.xlsx)";
    file_spreadsheet_xml() => "tệp là bảng tính XML 2003 (XML Spreadsheet), định dạng baocao không đọc được; cần bảng tính Excel (.xlsx)", "the file is an Excel 2003 XML Spreadsheet, a format baocao cannot read; expected an Excel workbook (.xlsx)";
    file_csv() => "tệp là văn bản thuần hoặc CSV mang đuôi bảng tính, không phải bảng tính Excel", "the file is plain text or CSV with a spreadsheet extension, not an Excel workbook";
    file_csv_help() => "điền số liệu vào biểu mẫu .xlsx do baocao lập; nếu chỉ có tệp CSV: mở bằng Excel rồi Lưu thành (Save As) Excel Workbook .xlsx", "fill in the .xlsx template made by baocao; if all you have is the CSV, open it in Excel and Save As Excel Workbook (.xlsx)";
    file_not_spreadsheet(what: &str) => "tệp là {what}, không phải bảng tính; cần bảng tính Excel (.xlsx)", "the file is {what}, not a spreadsheet; expected an Excel workbook (.xlsx)";
    file_unknown_format() => "tệp không phải bảng tính (không nhận ra định dạng); cần bảng tính Excel (.xlsx)", "the file is not a spreadsheet (unrecognised format); expected an Excel workbook (.xlsx)";
    file_what_zip() => "một tệp nén zip", "a zip archive";
    file_what_ole() => "một tài liệu Office 97–2003 không phải Excel", "an Office 97–2003 document other than Excel";
    file_not_spreadsheet_help() => "gửi đúng tệp báo cáo: biểu mẫu .xlsx đã điền", "send the right file: the filled-in .xlsx template";
    file_corrupt(detail: &str) => "bảng tính hỏng hoặc bị cắt cụt, không đọc được (chi tiết kỹ thuật từ bộ đọc: {detail})", "the workbook is damaged or truncated and cannot be read (reader detail: {detail})";
    file_corrupt_dimensions(sheet: &str) => "bảng tính hỏng: sheet `{sheet}` khai báo kích thước không thể có", "the workbook is damaged: sheet `{sheet}` declares an impossible size";
    file_corrupt_strings(count: Num) => "bảng tính hỏng: bảng chuỗi dùng chung khai báo {count:#} chuỗi, nhiều hơn dung lượng của nó", "the workbook is damaged: its shared-string table declares {count} strings, more than it can hold";
    file_corrupt_help() => "mở bằng Excel (Excel có thể đề nghị sửa tệp) rồi lưu lại dạng .xlsx; nếu không mở được, đề nghị cơ quan gửi lại tệp", "open it in Excel (Excel may offer to repair it) and save it as .xlsx; if it does not open, ask the agency to send it again";
    file_encrypted() => "bảng tính có mật khẩu mở tệp, baocao không đọc được nội dung", "the workbook is protected by a password to open; baocao cannot read it";
    file_encrypted_help() => "mở bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ Sổ làm việc › Mã hóa bằng Mật khẩu: xóa trống) rồi lưu lại dạng .xlsx", "open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password: clear it) and save it as .xlsx";
    file_too_large(size: Num, limit: Num) => "tệp quá lớn: {size:#} byte, giới hạn {limit:#} byte", "the file is too large: {size} bytes, the limit is {limit} bytes";
    file_zip_total(bytes: Num, limit: Num) => "giải nén ra hơn {bytes:#} byte, vượt giới hạn {limit:#} byte", "it would decompress to more than {bytes} bytes, over the limit of {limit} bytes";
    file_zip_part(part: &str, bytes: Num, limit: Num) => "phần `{part}` giải nén ra {bytes:#} byte, vượt giới hạn {limit:#} byte", "its part `{part}` decompresses to {bytes} bytes, over the limit of {limit} bytes";
    file_zip_ratio(part: &str, ratio: u64, limit: u64) => "phần `{part}` nén với tỷ lệ {ratio}:1, vượt giới hạn {limit}:1 (dấu hiệu “bom zip”)", "its part `{part}` is compressed {ratio}:1, over the limit of {limit}:1 (a zip bomb)";
    file_zip_entries(count: Num, limit: Num) => "tệp nén chứa {count:#} phần, vượt giới hạn {limit:#}", "the archive holds {count} parts, over the limit of {limit}";
    file_too_many_sheets(count: Num, limit: Num) => "bảng tính có {count:#} sheet, vượt giới hạn {limit:#} sheet", "the workbook has {count} sheets, over the limit of {limit}";
    file_sheet_too_big(sheet: &str, cells: Num, far: &str, limit: Num) => "sheet `{sheet}` chiếm {cells:#} ô (tới ô {far}), vượt giới hạn {limit:#} ô mỗi sheet", "sheet `{sheet}` spans {cells} cells (up to {far}), over the limit of {limit} cells per sheet";
    file_workbook_too_big(cells: Num, limit: Num) => "các sheet chiếm tổng cộng {cells:#} ô, vượt giới hạn {limit:#} ô", "the sheets span {cells} cells in all, over the limit of {limit}";
    file_space_run(count: Num, limit: Num) => "một ô chứa {count:#} dấu cách liên tiếp, vượt giới hạn {limit:#}", "a cell holds a run of {count} spaces, over the limit of {limit}";
    file_xml_too_deep(part: &str, limit: usize) => "phần `{part}` lồng các thẻ XML sâu hơn {limit} mức", "its part `{part}` nests XML elements deeper than {limit} levels";
    file_limit_help() => "xóa các sheet, hàng, cột thừa (kể cả ô có dữ liệu nằm rất xa bảng) rồi lưu lại; báo cáo chỉ cần biểu mẫu đã điền", "delete unneeded sheets, rows and columns (including any value typed far away from the tables) and save again; a report needs only the filled-in template";
    file_crash(detail: &str) => "bộ đọc bảng tính gặp sự cố nội bộ với tệp này (chi tiết kỹ thuật từ bộ đọc: {detail})", "the spreadsheet reader failed internally on this file (reader detail: {detail})";
    file_crash_help() => "đây là lỗi của phần mềm, không phải của cơ quan: mở bằng Excel, lưu lại dạng .xlsx rồi thử lại, và gửi tệp gốc cho người quản trị baocao", "this is a software fault, not the agency's: open the file in Excel, save it as .xlsx and try again, and send the original to baocao's maintainers";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_way_each_language_writes_them() {
        assert_eq!(format!("{:#}", Num(4_194_304)), "4.194.304");
        assert_eq!(format!("{}", Num(4_194_304)), "4,194,304");
        assert_eq!(format!("{:#}", Num(999)), "999");
        assert_eq!(format!("{:#}", Num(1000)), "1.000");
        assert_eq!(format!("{}", Num(0)), "0");
        assert_eq!(format!("{}", Num(u64::MAX)), "18,446,744,073,709,551,615");
        assert_eq!(
            Lang::Vi.file_too_large(Num(52_428_800), Num(20_971_520)),
            "tệp quá lớn: 52.428.800 byte, giới hạn 20.971.520 byte"
        );
        assert_eq!(
            Lang::En.file_too_large(Num(52_428_800), Num(20_971_520)),
            "the file is too large: 52,428,800 bytes, the limit is 20,971,520 bytes"
        );
    }
}
