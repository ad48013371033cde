//! Catalogue entries for periods over time: `consolidate --previous` and the plan's
//! `consistency:` settings.

use super::Lang;

catalogue! {
    plan_bad_consistency(key: &str, value: &str, range: &str) => "`consistency.{key}` là `{value}`, phải {range}; dùng giá trị mặc định", "`consistency.{key}` is `{value}`; it must be {range}; the default is used";
    previous_same_period(period: &str, first: &str, second: &str) => "`{first}` và `{second}` cùng là bản tổng hợp kỳ `{period}`; mỗi kỳ trước chỉ đưa một bản vào --previous", "`{first}` and `{second}` both consolidate period `{period}`; give --previous one consolidation per earlier period";
    previous_not_earlier(file: &str, period: &str, current: &str) => "`{file}` là bản tổng hợp kỳ `{period}`, không phải một kỳ trước kỳ `{current}`; --previous cần bản tổng hợp của các kỳ trước", "`{file}` consolidates period `{period}`, not a period before `{current}`; --previous needs consolidations of earlier periods";
    previous_folder_empty(dir: &str) => "thư mục `{dir}` (--previous) không có bản tổng hợp nào (.xlsx)", "folder `{dir}` (--previous) holds no consolidated workbook (.xlsx)";
    consolidate_compared(periods: &str, jumps: usize, newly_done: usize, better: usize, worse: usize) => "So sánh với kỳ {periods}: {better} cơ quan nộp tốt hơn, {worse} kém hơn · {newly_done} nhiệm vụ mới hoàn thành · {jumps} số liệu thay đổi bất thường (C001–C003)", "Compared with period {periods}: {better} agencies reported better, {worse} worse · {newly_done} tasks newly completed · {jumps} values moved unusually (C001–C003)";
    jump_what(indicator: &str, agency: &str) => "chỉ tiêu `{indicator}` của `{agency}`", "indicator `{indicator}` of `{agency}`";
    jump_up(what: &str, period: &str, now: &str, factor: &str, previous: &str, then: &str) => "{what} kỳ {period} là {now}, gấp {factor} lần kỳ {previous}: {then}", "{what} is {now} in period {period}, {factor} times period {previous}: {then}";
    jump_up_help() => "kiểm tra số liệu với cơ quan: có thể gõ thừa chữ số 0 hoặc sai đơn vị; nếu đúng, ghi lý do vào cột Ghi chú", "check the figure with the agency: an extra zero or a wrong unit is common; if it is right, say why in the Ghi chú column";
    jump_down(what: &str, period: &str, now: &str, percent: &str, previous: &str, then: &str) => "{what} kỳ {period} là {now}, giảm {percent}% so với kỳ {previous}: {then}", "{what} is {now} in period {period}, down {percent}% from period {previous}: {then}";
    jump_down_help() => "kiểm tra số liệu với cơ quan: có thể thiếu chữ số, chỉ tính một phần kỳ, hoặc sai đơn vị", "check the figure with the agency: a missing digit, part of the period only, or a wrong unit is common";
    jump_from_zero(what: &str, period: &str, now: &str, previous: &str, then: &str) => "{what} kỳ {period} là {now}, kỳ {previous} là {then}", "{what} is {now} in period {period}; it was {then} in period {previous}";
    jump_from_zero_help() => "kiểm tra số liệu với cơ quan: một số lớn sau một kỳ bằng 0 thường là nhầm ô hoặc nhầm kỳ", "check the figure with the agency: a large figure after a period of 0 is often the wrong cell or period";
}
