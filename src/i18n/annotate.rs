//! Messages of the annotated copy built on a fresh template (`validate --annotate`).

use super::Lang;

catalogue! {
    annotate_title(agency: &str, period: &str) => "Ý kiến rà soát báo cáo của {agency}, kỳ {period}", "Review of the report of {agency}, period {period}";
    annotate_what(date: &str) => "Tệp này do cơ quan tổng hợp lập bằng baocao ngày {date}: báo cáo của quý cơ quan đã được chép sang biểu mẫu mới của kỳ (giữ danh sách chọn, kiểm tra dữ liệu và mã nhận dạng). Ô tô đỏ có lỗi phải sửa, ô tô vàng cần xem lại; mỗi ô có ghi chú nói rõ vấn đề.", "Made by the consolidating agency with baocao on {date}: your report copied onto a fresh template of the period (dropdowns, data validation and identity kept). Red cells have errors to fix, yellow cells need a look; each carries a note saying what is wrong.";
    annotate_todo() => "Cách làm: sửa trực tiếp các ô được tô màu ở sheet `Báo cáo` và `Chỉ tiêu` của chính tệp này (không cần sửa tệp gốc), lưu lại và gửi lại tệp này. Bảng dưới liệt kê mọi điểm cần sửa; bấm vào ô ở cột \"Ô trên bản này\" để đến đúng chỗ.", "What to do: correct the coloured cells on the `Báo cáo` and `Chỉ tiêu` sheets of this very file (the original need not be changed), save it and send this file back. The table below lists every point; click a cell in the \"Cell in this copy\" column to go there.";
    annotate_leftovers_line(sheet: &str, n: usize) => "{n} giá trị trong tệp gốc không có chỗ trên biểu mẫu (dòng nhiệm vụ không giao, cột thêm, ghi chú bên lề…); chúng được chép sang sheet `{sheet}` để không bị mất: chuyển nội dung cần thiết vào đúng ô, rồi có thể xóa sheet đó.", "{n} value(s) of the original have no place on the template (rows of tasks not assigned, extra columns, notes in the margin…); they are copied to the `{sheet}` sheet so nothing is lost: move what is needed into the right cells, then that sheet may be deleted.";
    annotate_row_added_task(id: &str) => "Báo cáo gửi về không có dòng nhiệm vụ {id}; dòng này được thêm lại theo biểu mẫu: chọn Tình trạng và ghi kết quả thực hiện.", "The report sent had no row for task {id}; the row was put back from the template: choose the status and write the result.";
    annotate_row_added_indicator(id: &str) => "Báo cáo gửi về không có dòng chỉ tiêu {id}; dòng này được thêm lại theo biểu mẫu: ghi số liệu theo hướng dẫn của ô.", "The report sent had no row for indicator {id}; the row was put back from the template: enter the value as the cell's input message says.";
    annotate_no_cell() => "(không có ô tương ứng trên biểu mẫu)", "(no matching cell on the template)";
    annotate_leftover_sheet() => "Ngoài biểu mẫu", "Not on template";
    annotate_leftover_title() => "Các giá trị trong tệp gốc không có chỗ trên biểu mẫu — chép lại để không bị mất", "Values of the original with no place on the template — copied so that nothing is lost";
    annotate_leftovers_capped(n: usize) => "… và {n} ô khác (xem tệp gốc)", "… and {n} more cell(s) (see the original)";
}

impl Lang {
    /// Column headers of the findings sheet of an annotated copy made on a template.
    pub fn annotate_template_headers(self) -> [&'static str; 6] {
        match self {
            Lang::Vi => [
                "Mã",
                "Mức độ",
                "Ô trên bản này",
                "Vị trí trong tệp gốc",
                "Nội dung",
                "Cách khắc phục",
            ],
            Lang::En => [
                "Code",
                "Severity",
                "Cell in this copy",
                "Where in the original",
                "Message",
                "How to fix",
            ],
        }
    }

    /// Column headers of the leftovers sheet.
    pub fn annotate_leftover_headers(self) -> [&'static str; 3] {
        match self {
            Lang::Vi => ["Sheet gốc", "Ô gốc", "Giá trị"],
            Lang::En => ["Original sheet", "Original cell", "Value"],
        }
    }
}
