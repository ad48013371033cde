//! Catalogue entries for the submission checks (`check`), validate and consolidate.

use super::{Lang, Num};

catalogue! {
    // ---- checks: structure and identity ---------------------------------------------------
    cells_ignored(sheet: &str, count: Num, area: &str, first: &str) => "sheet `{sheet}` có {count:#} ô dữ liệu nằm ngoài vùng baocao đọc ({area}), ô đầu tiên là {first}; các ô này bị bỏ qua, không được kiểm tra và không vào tổng hợp", "sheet `{sheet}` has {count} cell(s) of data outside the area baocao reads ({area}), the first at {first}; they are left out: not checked and not consolidated";
    cells_ignored_help(area: &str) => "chuyển dữ liệu vào trong vùng {area} (bảng nhiệm vụ và bảng chỉ tiêu của biểu mẫu), hoặc xóa các ô đó nếu nhập nhầm", "move the data into {area} (the template's task and indicator tables), or clear those cells if typed by mistake";
    sheet_missing(sheets: &str) => "không tìm thấy bảng nhiệm vụ: không sheet nào có dòng tiêu đề chứa `Mã nhiệm vụ` (các sheet có: {sheets})", "no task table: no sheet has a header row containing `Mã nhiệm vụ` (sheets found: {sheets})";
    sheet_missing_help() => "dùng biểu mẫu do `baocao template` tạo, hoặc giữ nguyên dòng tiêu đề của bảng nhiệm vụ (xem docs/report-format.md)", "use the template made by `baocao template`, or keep the task table's header row (see docs/report-format.md)";
    indicator_sheet_missing(sheets: &str) => "không tìm thấy bảng chỉ tiêu: không sheet nào có dòng tiêu đề chứa `Mã chỉ tiêu` (các sheet có: {sheets})", "no indicator table: no sheet has a header row containing `Mã chỉ tiêu` (sheets found: {sheets})";
    column_missing(label: &str, found: &str) => "bảng thiếu cột `{label}`; dòng tiêu đề có: {found}", "the table lacks the column `{label}`; its header row has: {found}";
    column_missing_help() => "thêm lại cột với đúng tên tiêu đề (thứ tự cột không quan trọng)", "add the column back with exactly this header label (column order does not matter)";
    agency_missing() => "không xác định được cơ quan báo cáo: ô `Mã cơ quan` trống và tên cơ quan không khớp cơ quan nào", "cannot tell which agency reports: `Mã cơ quan` is blank and the agency name matches no agency";
    agency_missing_help() => "ghi mã cơ quan (ví dụ `STTTT`) vào ô bên phải nhãn `Mã cơ quan`", "write the agency code (e.g. `STTTT`) in the cell right of the `Mã cơ quan` label";
    agency_unknown(code: &str) => "mã cơ quan `{code}` không có trong kế hoạch", "agency code `{code}` is not in the plan";
    agency_mismatch(found: &str, expected: &str) => "tệp ghi cơ quan `{found}` nhưng cần báo cáo của `{expected}`", "the file names agency `{found}` but a report from `{expected}` was expected";
    agency_mismatch_meta(found: &str, meta: &str) => "ô `Mã cơ quan` ghi `{found}` nhưng biểu mẫu được lập cho `{meta}`", "`Mã cơ quan` says `{found}` but the template was made for `{meta}`";
    agency_mismatch_help() => "kiểm tra lại đã gửi đúng tệp của đúng cơ quan chưa", "check that this is the right agency's file";
    agency_name_mismatch(found: &str, code: &str, name: &str) => "tên cơ quan `{found}` không khớp mã `{code}` ({name})", "agency name `{found}` does not match code `{code}` ({name})";
    period_missing() => "không xác định được kỳ báo cáo: ô `Kỳ báo cáo` trống", "cannot tell the reporting period: `Kỳ báo cáo` is blank";
    period_missing_help() => "ghi mã kỳ (ví dụ `2025`) vào ô bên phải nhãn `Kỳ báo cáo`", "write the period id (e.g. `2025`) right of the `Kỳ báo cáo` label";
    period_mismatch(found: &str, expected: &str) => "tệp ghi kỳ báo cáo `{found}` nhưng đang kiểm tra kỳ `{expected}`", "the file says period `{found}` but period `{expected}` is being checked";
    period_unknown(found: &str) => "kỳ báo cáo `{found}` không có trong kế hoạch", "period `{found}` is not defined by the plan";
    plan_version_differs(found: &str, current: &str) => "biểu mẫu lập từ kế hoạch phiên bản `{found}`, kế hoạch hiện hành là `{current}`", "the template was made from plan version `{found}`; the current plan is `{current}`";
    plan_version_help() => "nhiệm vụ hoặc chỉ tiêu có thể đã thay đổi; nên dùng biểu mẫu mới", "tasks or indicators may have changed; prefer a fresh template";
    report_date_missing() => "thiếu ngày báo cáo", "the report date is missing";
    report_date_invalid(value: &str) => "ngày báo cáo `{value}` không đọc được; cần ngày dạng dd/mm/yyyy", "report date `{value}` is not a date; expected dd/mm/yyyy";
    report_date_future(value: &str, as_of: &str) => "ngày báo cáo {value} sau ngày đối chiếu {as_of}", "report date {value} is after the as-of date {as_of}";
    report_date_help() => "ghi ngày ký báo cáo vào ô bên phải nhãn `Ngày báo cáo`, dạng dd/mm/yyyy", "write the signing date right of the `Ngày báo cáo` label, as dd/mm/yyyy";

    // ---- checks: tasks --------------------------------------------------------------------
    task_missing(id: &str) => "thiếu nhiệm vụ `{id}` được giao cho cơ quan", "assigned task `{id}` is missing";
    task_missing_help(text: &str) => "thêm một dòng cho nhiệm vụ này: {text}", "add a row for this task: {text}";
    task_not_assigned(id: &str, code: &str) => "nhiệm vụ `{id}` không giao cho `{code}`", "task `{id}` is not assigned to `{code}`";
    task_not_assigned_help() => "xóa dòng này hoặc chuyển nội dung vào nhiệm vụ được giao", "delete this row or move its content to an assigned task";
    task_unknown(id: &str) => "mã nhiệm vụ `{id}` không có trong kế hoạch", "task id `{id}` is not in the plan";
    task_unknown_help() => "mã nhiệm vụ có dạng `III.3.2`; xem `baocao plan show --agency <MÃ>`", "task ids look like `III.3.2`; see `baocao plan show --agency <CODE>`";
    task_duplicate(id: &str, first: &str) => "nhiệm vụ `{id}` đã kê khai ở ô {first}", "task `{id}` is already reported in cell {first}";
    task_duplicate_help() => "gộp hai dòng thành một", "merge the two rows into one";
    status_blank(id: &str) => "nhiệm vụ `{id}` chưa chọn tình trạng", "task `{id}` has no status";
    status_invalid(value: &str) => "tình trạng `{value}` không hợp lệ", "status `{value}` is not valid";
    status_help() => "chọn một trong: `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`", "choose one of: `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`";
    result_missing(id: &str, status: &str) => "nhiệm vụ `{id}` ở tình trạng `{status}` nhưng chưa ghi kết quả thực hiện", "task `{id}` is `{status}` but no result is written";
    result_missing_help() => "tóm tắt việc đã làm, sản phẩm, số liệu chính", "summarise what was done, outputs and key figures";
    done_date_missing(id: &str) => "nhiệm vụ `{id}` đã hoàn thành nhưng thiếu ngày hoàn thành", "task `{id}` is done but has no completion date";
    done_date_help() => "ghi ngày hoàn thành dạng dd/mm/yyyy", "write the completion date as dd/mm/yyyy";
    date_invalid(value: &str) => "`{value}` không phải ngày hợp lệ; cần dạng dd/mm/yyyy", "`{value}` is not a valid date; expected dd/mm/yyyy";
    date_future(value: &str, as_of: &str) => "ngày {value} ở sau ngày đối chiếu {as_of}", "date {value} is after the as-of date {as_of}";
    date_outside_window(value: &str, start: &str, end: &str) => "ngày {value} nằm ngoài thời gian chốt số liệu của kỳ ({start} – {end})", "date {value} is outside the period's data window ({start} – {end})";
    date_outside_help() => "kiểm tra lại năm; việc hoàn thành ở kỳ trước thì ghi vào báo cáo kỳ trước", "check the year; work finished in an earlier period belongs in that period's report";
    completed_late(id: &str, done: &str, due: &str) => "nhiệm vụ `{id}` hoàn thành trễ hạn: ngày {done}, hạn {due}", "task `{id}` was completed late: on {done}, due {due}";
    overdue(id: &str, due: &str) => "nhiệm vụ `{id}` quá hạn ({due}) mà chưa hoàn thành", "task `{id}` is overdue (due {due}) and not done";
    overdue_help() => "nêu khó khăn, vướng mắc và thời gian dự kiến hoàn thành", "state the difficulties and the expected completion date";
    date_without_done(id: &str, status: &str) => "nhiệm vụ `{id}` có ngày hoàn thành nhưng tình trạng là `{status}`", "task `{id}` has a completion date but its status is `{status}`";
    date_without_done_help() => "chọn `Đã hoàn thành` hoặc xóa ngày hoàn thành", "choose `Đã hoàn thành` or clear the completion date";
    cell_error(value: &str) => "ô chứa lỗi công thức `{value}`", "the cell holds the formula error `{value}`";
    cell_error_help() => "sửa công thức hoặc nhập giá trị trực tiếp", "fix the formula or type the value";
    legacy_text(kind: &str, value: &str) => "văn bản gõ bằng bảng mã cũ {kind}: `{value}`", "text typed in the legacy {kind} encoding: `{value}`";
    legacy_help(fixed: &str) => "chuyển sang Unicode (Unikey: Công cụ chuyển mã, bảng mã nguồn {fixed}) và dùng phông Times New Roman", "convert to Unicode (Unikey's converter, source {fixed}) and use Times New Roman";

    // ---- checks: indicators ---------------------------------------------------------------
    indicator_missing(id: &str, name: &str) => "thiếu chỉ tiêu `{id}` ({name})", "indicator `{id}` ({name}) is missing";
    indicator_missing_help() => "thêm dòng cho chỉ tiêu này; để trống `Số liệu` nếu chưa có số liệu", "add a row for it; leave `Số liệu` blank if there is no figure yet";
    indicator_unknown(id: &str) => "chỉ tiêu `{id}` không có trong kế hoạch hoặc không giao cho cơ quan này", "indicator `{id}` is not in the plan or not assigned to this agency";
    indicator_duplicate(id: &str, first: &str) => "chỉ tiêu `{id}` đã kê khai ở ô {first}", "indicator `{id}` is already reported in cell {first}";
    indicator_not_number(id: &str, value: &str) => "số liệu chỉ tiêu `{id}` là `{value}`, không phải số", "indicator `{id}` value `{value}` is not a number";
    indicator_negative(id: &str, value: &str) => "số liệu chỉ tiêu `{id}` là `{value}`, không được âm", "indicator `{id}` value `{value}` must not be negative";
    indicator_not_whole(id: &str, value: &str) => "số liệu chỉ tiêu `{id}` là `{value}`, phải là số nguyên", "indicator `{id}` value `{value}` must be a whole number";
    indicator_percent(id: &str, value: &str) => "tỷ lệ chỉ tiêu `{id}` là `{value}`, phải từ 0 đến 100", "indicator `{id}` percentage `{value}` must be between 0 and 100";
    indicator_not_bool(id: &str, value: &str) => "chỉ tiêu `{id}` ghi `{value}`; cần `Có` hoặc `Không`", "indicator `{id}` says `{value}`; expected `Có` or `Không`";
    indicator_blank(id: &str) => "chỉ tiêu `{id}` chưa có số liệu", "indicator `{id}` has no figure";
    indicator_blank_help() => "ghi số liệu; nếu bằng không thì ghi 0 (ô trống không được tính là 0)", "write the figure; write 0 if it is zero (a blank is never counted as 0)";
    indicator_value_help(unit: &str) => "ghi một số (đơn vị: {unit}), không kèm chữ", "write a number (unit: {unit}) without words";
}

catalogue! {
    // ---- validate -------------------------------------------------------------------------
    annotate_one_file() => "--annotate chỉ dùng với một tệp", "--annotate takes exactly one file";
    period_word(id: &str) => "kỳ {id}", "period {id}";
    total_word() => "Tổng:", "Total:";
}

catalogue! {
    // ---- annotated copy -------------------------------------------------------------------
    annotate_sheet() => "Lỗi, cảnh báo", "Findings";
}

impl Lang {
    /// Column headers of the findings sheet in annotated copies and the consolidated workbook.
    pub fn annotate_headers(self) -> [&'static str; 6] {
        match self {
            Lang::Vi => ["Mã", "Mức độ", "Sheet", "Ô", "Nội dung", "Cách khắc phục"],
            Lang::En => ["Code", "Severity", "Sheet", "Cell", "Message", "How to fix"],
        }
    }
}

catalogue! {
    // ---- consolidate ----------------------------------------------------------------------
    received_bad_date(file: &str, line: usize, value: &str) => "`{file}` dòng {line}: ngày nhận `{value}` không hợp lệ (cần dd/mm/yyyy hoặc YYYY-MM-DD)", "`{file}` line {line}: received date `{value}` is invalid (expected dd/mm/yyyy or YYYY-MM-DD)";
    other_period(found: &str, wanted: &str) => "tệp là báo cáo kỳ `{found}`, không thuộc kỳ `{wanted}` đang tổng hợp; không đưa vào tổng hợp", "the file reports period `{found}`, not `{wanted}` being consolidated; left out";
    received_after_as_of(modified: &str, as_of: &str) => "tệp không có ngày báo cáo và không có trong sổ nhận; ngày sửa tệp {modified} sau ngày đối chiếu {as_of}, nên chưa tính là đã nhận tính đến ngày đó", "the file has no report date and is not in the receipt log; its modification date {modified} is after the as-of date {as_of}, so it is not counted as received by then";
    received_after_as_of_help() => "nếu tệp đã nhận trước ngày đối chiếu, ghi ngày nhận vào sổ nhận (--received); tệp chép lại (sao lưu, tải về) mang ngày chép chứ không phải ngày nhận", "if the file was received before the as-of date, enter its date in the receipt log (--received); a copied file (backup, download) carries the copy's date, not the day it was received";
    superseded(agency: &str, newer: &str) => "`{agency}` đã gửi bản mới hơn (`{newer}`); bản này không dùng", "`{agency}` sent a newer report (`{newer}`); this one is not used";
    no_inputs(dirs: &str) => "không có bảng tính nào trong {dirs}", "no spreadsheet found in {dirs}";
}

catalogue! {
    consolidate_title(period: &str, as_of: &str) => "Tổng hợp báo cáo kỳ {period} (tính đến {as_of})", "Consolidated reports for {period} (as of {as_of})";
    consolidate_counts(expected: usize, received: usize, on_time: usize, late: usize, missing: usize, invalid: usize) => "Phải báo cáo: {expected} · Đã nhận: {received} · Đúng hạn: {on_time} · Trễ hạn: {late} · Chưa nộp: {missing} · Không hợp lệ: {invalid}", "Expected: {expected} · Received: {received} · On time: {on_time} · Late: {late} · Missing: {missing} · Invalid: {invalid}";
    consolidate_rates(reporting: &str, on_time: &str) => "Tỷ lệ báo cáo: {reporting}% · Tỷ lệ đúng hạn: {on_time}%", "Reporting rate: {reporting}% · On-time rate: {on_time}%";
    consolidate_tasks(done: usize, doing: usize, not_started: usize, overdue: usize) => "Nhiệm vụ: {done} đã hoàn thành · {doing} đang thực hiện · {not_started} chưa thực hiện · {overdue} quá hạn", "Tasks: {done} done · {doing} in progress · {not_started} not started · {overdue} overdue";
    consolidate_files(files: usize, errors: usize, warnings: usize) => "Đã đọc {files} tệp: {errors} lỗi, {warnings} cảnh báo", "Read {files} file(s): {errors} error(s), {warnings} warning(s)";
}

catalogue! {
    // ---- checks: messages added with the validate tests -----------------------------------
    agency_label_missing() => "không xác định được cơ quan báo cáo: không thấy nhãn `Mã cơ quan` hay `Cơ quan báo cáo` phía trên bảng nhiệm vụ", "cannot tell which agency reports: no `Mã cơ quan` or `Cơ quan báo cáo` label above the task table";
    agency_label_missing_help() => "thêm một dòng phía trên bảng nhiệm vụ: ô `Mã cơ quan`, bên phải ghi mã cơ quan (ví dụ `STTTT`)", "add a row above the task table: a `Mã cơ quan` cell with the agency code (e.g. `STTTT`) to its right";
    period_label_missing() => "không xác định được kỳ báo cáo: không thấy nhãn `Kỳ báo cáo` phía trên bảng nhiệm vụ", "cannot tell the reporting period: no `Kỳ báo cáo` label above the task table";
    period_label_missing_help() => "thêm một dòng phía trên bảng nhiệm vụ: ô `Kỳ báo cáo`, bên phải ghi mã kỳ (ví dụ `2025`); hoặc kiểm tra với --period", "add a row above the task table: a `Kỳ báo cáo` cell with the period id (e.g. `2025`) to its right; or check with --period";
    status_invalid_expected(value: &str) => "tình trạng `{value}` không hợp lệ; cần một trong: `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`", "status `{value}` is not valid; expected one of: `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện`";
    status_invalid_help() => "chọn từ danh sách thả xuống của ô, hoặc gõ đúng một trong ba giá trị trên", "pick it from the cell's dropdown, or type exactly one of the three values";
    completed_late_help() => "ghi lý do trễ hạn ở cột `Khó khăn, vướng mắc`; nếu ghi nhầm ngày thì sửa lại", "give the reason for the delay under `Khó khăn, vướng mắc`; if the date is a typo, correct it";
    indicator_bool_help() => "ghi `Có` hoặc `Không` (chọn từ danh sách thả xuống của ô)", "write `Có` (yes) or `Không` (no), or pick it from the cell's dropdown";
    indicator_unknown_help() => "xóa dòng này; các chỉ tiêu giao cho cơ quan xem bằng `baocao plan show --agency <MÃ>`", "delete this row; list the agency's indicators with `baocao plan show --agency <CODE>`";
}

catalogue! {
    // ---- consolidate: output checks and summary ------------------------------------------
    output_is_dir(path: &str) => "`{path}` là một thư mục; --out cần tên tệp, ví dụ `{path}/tong-hop.xlsx`", "`{path}` is a folder; --out needs a file name, e.g. `{path}/tong-hop.xlsx`";
    output_dir_missing(dir: &str, path: &str) => "không ghi được `{path}`: thư mục `{dir}` không tồn tại; tạo thư mục trước hoặc chọn nơi khác", "cannot write `{path}`: folder `{dir}` does not exist; create it first or choose another place";
    output_dir_not_dir(dir: &str, path: &str) => "không ghi được `{path}`: `{dir}` là một tệp, không phải thư mục", "cannot write `{path}`: `{dir}` is a file, not a folder";
    output_dir_unwritable(dir: &str, path: &str, reason: &str) => "không ghi được `{path}` vào thư mục `{dir}`: {reason}; chọn thư mục khác bằng --out", "cannot write `{path}` in folder `{dir}`: {reason}; choose another folder with --out";
    io_read_denied() => "không có quyền đọc", "permission denied";
    folder_unlisted(reason: &str) => "không mở được thư mục này để tìm báo cáo ({reason}); các tệp trong đó chưa được đọc", "cannot open this folder to look for reports ({reason}); the files in it were not read";
    folder_unlisted_help() => "cấp quyền đọc thư mục (hoặc chép các tệp ra một thư mục đọc được) rồi chạy lại lệnh tổng hợp", "give read permission on the folder (or copy the files to a readable folder), then consolidate again";
    consolidate_not_yet_received(n: usize) => "{n} tệp chưa tính là đã nhận: không có ngày báo cáo, không có trong sổ nhận, ngày sửa tệp sau ngày đối chiếu (xem sheet Nguồn)", "{n} file(s) not counted as received: no report date, not in the receipt log, modified after the as-of date (see the Nguồn sheet)";
    io_permission_denied() => "không có quyền ghi", "permission denied";
    io_read_only() => "ổ đĩa chỉ cho đọc", "the disk is read-only";
    io_disk_full() => "ổ đĩa đã đầy", "the disk is full";
    io_not_a_folder() => "một phần của đường dẫn là tệp, không phải thư mục", "part of the path is a file, not a folder";
    consolidate_unused_files(unused: usize, superseded: usize, other_period: usize, unreadable: usize, unidentified: usize) => "Không dùng {unused} tệp: {superseded} bản cũ · {other_period} kỳ khác · {unreadable} không đọc được · {unidentified} không rõ cơ quan (xem sheet Nguồn)", "{unused} file(s) not used: {superseded} superseded · {other_period} other period · {unreadable} unreadable · {unidentified} unknown agency (see the Nguồn sheet)";
}

catalogue! {
    // ---- checks: help lines fitted to each finding ----------------------------------------
    indicator_sheet_missing_help() => "dùng biểu mẫu do `baocao template` tạo, hoặc giữ nguyên dòng tiêu đề của bảng chỉ tiêu (`Mã chỉ tiêu`, `Số liệu`; xem docs/report-format.md)", "use the template made by `baocao template`, or keep the indicator table's header row (`Mã chỉ tiêu`, `Số liệu`; see docs/report-format.md)";
    period_mismatch_help() => "kiểm tra lại đã gửi đúng báo cáo của kỳ này chưa; nếu ô `Kỳ báo cáo` ghi nhầm thì sửa lại", "check that this is the report for this period; if the `Kỳ báo cáo` cell is a typo, correct it";
    date_future_help() => "kiểm tra lại ngày, tháng, năm; việc chưa xong thì chọn `Đang thực hiện` và xóa ngày hoàn thành", "check the day, month and year; if the work is not finished, choose `Đang thực hiện` and clear the date";
    indicator_negative_help(unit: &str) => "ghi số không âm (đơn vị: {unit}); nếu bằng không thì ghi 0", "write a figure of 0 or more (unit: {unit})";
    indicator_whole_help(unit: &str) => "ghi số nguyên, không có phần thập phân (đơn vị: {unit})", "write a whole number, without decimals (unit: {unit})";
    indicator_percent_help() => "ghi số từ 0 đến 100: `85` nghĩa là 85%; không dùng định dạng phần trăm của Excel", "write a number from 0 to 100: `85` means 85%; do not use Excel's percentage format";
}
