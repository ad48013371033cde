//! Catalogue entries for reading a cell the way a person sees it (issue 17): numbers typed as
//! text, percentages, identity values, tables on other sheets, duplicate and hidden columns,
//! merged cells, look-alike characters and near misses.

use super::Lang;

catalogue! {
    row_hidden(row: u32, id: &str) => "dòng {row} (`{id}`) đang ẩn nên không được đọc: người xem báo cáo không thấy dòng này", "row {row} (`{id}`) is hidden, so it is not read: whoever reads the report does not see it";
    row_hidden_help() => "nếu dòng này đúng, bỏ ẩn (Unhide) rồi xóa dòng cũ trùng mã; nếu là dòng cũ, xóa hẳn dòng đó", "if this row is right, unhide it and delete the old row with the same code; if it is an old row, delete it";
    // ---- numbers typed as text ------------------------------------------------------------
    indicator_ambiguous(id: &str, value: &str, vi: &str, other: &str) => "số liệu chỉ tiêu `{id}` là `{value}`, đọc được hai cách: {vi} (cách viết Việt Nam, `.` phân cách hàng nghìn, `,` thập phân) hoặc {other} (cách viết tiếng Anh); baocao không tự chọn", "indicator `{id}` value `{value}` reads two ways: {vi} (Vietnamese style, `.` groups thousands, `,` marks decimals) or {other} (English style); baocao does not choose";
    indicator_ambiguous_help(vi: &str, other: &str) => "ghi lại số không có dấu phân cách hàng nghìn và dùng dấu phẩy cho phần thập phân: `{vi}` hoặc `{other}`, hoặc nhập vào ô dạng số", "write the number again without thousands separators, with a comma for decimals: `{vi}` or `{other}`, or type it in a number cell";
    indicator_percent_sign(id: &str, value: &str) => "số liệu chỉ tiêu `{id}` là `{value}`, có dấu `%` nhưng chỉ tiêu này không phải tỷ lệ phần trăm; không đọc", "indicator `{id}` value `{value}` carries `%` but the indicator is not a percentage; not read";
    indicator_percent_fraction(id: &str, value: &str, n: &str, pct: &str) => "tỷ lệ chỉ tiêu `{id}` là `{value}`: là {n} % hay {pct} %? Chỉ tiêu ghi theo thang 0–100 (85 nghĩa là 85 %); baocao không tự chọn", "indicator `{id}` percentage `{value}`: is it {n} % or {pct} %? The indicator is on a 0–100 scale (85 means 85 %); baocao does not choose";
    indicator_percent_fraction_help(pct: &str, n: &str) => "ghi `{pct}` nếu là {pct} %; nếu đúng là dưới 1 %, ghi kèm dấu: `{n}%`", "write `{pct}` for {pct} %; if it really is below 1 %, write it with the sign: `{n}%`";

    // ---- identity ------------------------------------------------------------------------
    identity_recovered(label: &str, meta: &str) => "ô `{label}` trống; theo mã nhận dạng máy của biểu mẫu, giá trị là `{meta}` và baocao dùng giá trị này", "`{label}` is blank; the template's machine identity says `{meta}`, and baocao uses it";
    identity_recovered_help(label: &str, meta: &str) => "ghi lại `{meta}` vào ô bên phải nhãn `{label}`", "write `{meta}` again right of the label `{label}`";
    period_mismatch_meta(found: &str, meta: &str) => "ô `Kỳ báo cáo` ghi `{found}` nhưng biểu mẫu được lập cho kỳ `{meta}`", "`Kỳ báo cáo` says `{found}` but the template was made for period `{meta}`";

    // ---- tables on other sheets ----------------------------------------------------------
    table_other_agency(sheet: &str, other: &str, read: &str, agency: &str) => "sheet `{sheet}` có bảng của cơ quan `{other}`, nhưng mỗi tệp là báo cáo của một cơ quan: baocao đọc bảng của `{agency}` ở sheet `{read}`, bảng ở sheet này không được đọc và không vào tổng hợp", "sheet `{sheet}` holds a table of agency `{other}`, but a file is one agency's report: baocao reads `{agency}`'s table on sheet `{read}`; this sheet's table is not read and not consolidated";
    table_other_agency_help(other: &str) => "gửi báo cáo của `{other}` thành một tệp riêng (sao chép sheet sang tệp mới)", "send `{other}`'s report as a file of its own (copy the sheet to a new file)";
    table_copy_not_read(sheet: &str, read: &str) => "sheet `{sheet}` có một bản khác của cùng bảng, ít dữ liệu hơn: baocao đọc bản ở sheet `{read}`, bản này không được đọc", "sheet `{sheet}` holds another copy of the same table, with less data: baocao reads the copy on sheet `{read}`; this one is not read";
    table_copy_not_read_help() => "xóa bản sao không dùng để tránh nhầm lẫn", "delete the unused copy to avoid confusion";

    // ---- files in a submissions folder ---------------------------------------------------
    file_not_read(name: &str, ext: &str) => "tệp `{name}` không phải bảng tính (đuôi `{ext}`): đã liệt kê ở sheet Nguồn, không đọc và không vào tổng hợp", "`{name}` is not a spreadsheet (extension `{ext}`): listed in the Nguồn sheet, not read and not consolidated";
    file_not_read_help() => "nếu đây là báo cáo của một cơ quan, đề nghị cơ quan gửi lại bằng biểu mẫu .xlsx đã điền; nếu không, chuyển tệp ra khỏi thư mục báo cáo", "if this is an agency's report, ask the agency to send the filled .xlsx template instead; otherwise move the file out of the submissions folder";

    // ---- merged cells ----------------------------------------------------------------------
    merged_read(cell: &str, range: &str, value: &str, top: &str, id: &str) => "ô {cell} nằm trong vùng gộp {range}: baocao đọc giá trị `{value}` của ô {top} cho cả nhiệm vụ `{id}` ở dòng này, như người xem thấy", "cell {cell} lies in the merged range {range}: baocao reads the value `{value}` of cell {top} for task `{id}` on this row too, as a reader sees it";
    merged_read_hidden(cell: &str, range: &str, value: &str, top: &str, id: &str, hidden: &str) => "ô {cell} nằm trong vùng gộp {range}: baocao đọc giá trị `{value}` của ô {top} cho cả nhiệm vụ `{id}` ở dòng này, như người xem thấy; giá trị `{hidden}` bị che dưới vùng gộp không được đọc", "cell {cell} lies in the merged range {range}: baocao reads the value `{value}` of cell {top} for task `{id}` on this row too, as a reader sees it; the value `{hidden}` hidden under the merge is not read";
    merged_help(range: &str) => "bỏ gộp vùng {range} và ghi riêng giá trị cho từng dòng", "unmerge {range} and write each row's own value";

    // ---- duplicate columns ---------------------------------------------------------------
    column_duplicate_empty(label: &str, at: &str, read: &str) => "nhãn cột `{label}` có hai lần: cột ở {at} trống nên không đọc; baocao đọc cột ở {read}", "the column label `{label}` appears twice: the column at {at} is empty and not read; baocao reads the column at {read}";
    column_duplicate_data(label: &str, at: &str, filled: usize, read: &str) => "nhãn cột `{label}` có hai lần và cả hai cột đều có dữ liệu: cột ở {at} ({filled} ô) không được đọc; baocao đọc cột ở {read}, cột có nhiều dữ liệu hơn", "the column label `{label}` appears twice and both columns hold data: the column at {at} ({filled} cell(s)) is not read; baocao reads the column at {read}, which holds more";
    column_duplicate_help(label: &str) => "giữ một cột `{label}` duy nhất: xóa cột thừa (kể cả cột ẩn) hoặc đổi nhãn của nó", "keep a single `{label}` column: delete the extra one (hidden columns included) or rename its label";

    // ---- look-alikes and near misses -----------------------------------------------------
    status_look_alike(shown: &str, odd: &str, meant: &str) => "tình trạng `{shown}` có ký tự không phải chữ Việt thông thường: {odd}; baocao đọc là `{meant}`", "status `{shown}` has characters that are not plain Vietnamese letters: {odd}; baocao reads it as `{meant}`";
    look_alike_help(meant: &str) => "chọn `{meant}` từ danh sách thả xuống (hoặc gõ lại) để bỏ ký tự lạ", "pick `{meant}` from the drop-down list (or type it again) to drop the odd characters";
    odd_look_alike(found: &str, code: &str, meant: &str, meant_code: &str, position: usize) => "`{found}` ({code}, trông giống `{meant}` {meant_code}) ở vị trí {position}", "`{found}` ({code}, looks like `{meant}` {meant_code}) at position {position}";
    odd_invisible(code: &str, position: usize) => "ký tự ẩn {code} ở vị trí {position}", "invisible character {code} at position {position}";
    odd_chars_note(odd: &str) => "; có ký tự lạ: {odd}", "; it has odd characters: {odd}";
    did_you_mean(s: &str) => " — có phải `{s}`?", " — did you mean `{s}`?";

    // ---- formulas --------------------------------------------------------------------------
    formula_no_value(formula: &str) => "ô có công thức `={formula}` nhưng tệp không lưu giá trị đã tính (tệp được lưu bởi một chương trình không tính công thức); baocao không tự tính, nên không đọc được giá trị", "the cell holds the formula `={formula}` but the file stores no calculated value (a program that does not calculate saved it); baocao does not calculate, so it cannot read a value";
    formula_no_value_help() => "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại (công thức sẽ được tính), hoặc nhập giá trị trực tiếp", "open the file in Excel or LibreOffice and save it again (the formula gets calculated), or type the value";
}
