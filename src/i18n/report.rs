//! Catalogue entries for reading a consolidated workbook back and for `baocao report`.

use super::{Lang, Num};

catalogue! {
    // ---- the data sheet of a consolidated workbook ----------------------------------------
    data_sheet_unreadable(file: &str, reason: &str) => "không mở được `{file}` như một bản tổng hợp (workbook Excel): {reason}", "cannot open `{file}` as a consolidated workbook: {reason}";
    data_sheet_missing(file: &str, sheet: &str) => "`{file}` không phải bản tổng hợp do `baocao consolidate` ghi ra (hoặc do phiên bản cũ ghi): không có sheet dữ liệu ẩn `{sheet}`; hãy chạy lại `baocao consolidate` cho kỳ này và dùng tệp mới", "`{file}` is not a consolidated workbook written by `baocao consolidate` (or was written by an older version): it has no hidden data sheet `{sheet}`; run `baocao consolidate` for the period again and use the new file";
    data_sheet_version(file: &str, found: &str, expected: &str) => "sheet dữ liệu của `{file}` có phiên bản `{found}`, phiên bản baocao này chỉ đọc được `{expected}`; hãy dùng phiên bản baocao đã ghi tệp, hoặc chạy lại `baocao consolidate`", "the data sheet of `{file}` is version `{found}`; this baocao reads only `{expected}`; use the baocao version that wrote it, or run `baocao consolidate` again";
    data_sheet_damaged(file: &str, reason: &str) => "sheet dữ liệu của `{file}` bị hỏng hoặc đã bị sửa tay ({reason}); hãy chạy lại `baocao consolidate`", "the data sheet of `{file}` is damaged or was edited by hand ({reason}); run `baocao consolidate` again";
    data_sheet_parts_missing() => "thiếu phần dữ liệu", "parts of the data are missing";
    data_sheet_other_plan(file: &str, found: &str, expected: &str) => "`{file}` là bản tổng hợp của kế hoạch `{found}`, không phải kế hoạch `{expected}` đang dùng; chọn đúng kế hoạch bằng --plan", "`{file}` is a consolidation of plan `{found}`, not of plan `{expected}` in use; choose the right plan with --plan";

    // ---- baocao report --------------------------------------------------------------------
    report_previous_same_period(file: &str, period: &str) => "`{file}` là bản tổng hợp của cùng kỳ `{period}`; --previous cần bản tổng hợp của kỳ trước", "`{file}` consolidates the same period `{period}`; --previous needs an earlier period's consolidation";
    report_written(path: &str, period: &str, agencies: Num, texts: Num) => "đã ghi dự thảo báo cáo kỳ {period} vào `{path}`: {agencies:#} cơ quan, {texts:#} nội dung kết quả của các cơ quan", "wrote the draft report for period {period} to `{path}`: {agencies} agencies, {texts} result texts from the agencies";
    report_written_final(path: &str, period: &str, agencies: Num, texts: Num) => "đã ghi báo cáo kỳ {period} (không đánh dấu DỰ THẢO) vào `{path}`: {agencies:#} cơ quan, {texts:#} nội dung kết quả của các cơ quan", "wrote the report for period {period} (no DỰ THẢO mark) to `{path}`: {agencies} agencies, {texts} result texts from the agencies";
    report_placeholders(n: Num) => "còn {n:#} chỗ được tô vàng để cán bộ tổng hợp viết hoặc kiểm tra trước khi trình ký", "{n} places are highlighted in yellow for the officer to write or check before signing";
}
