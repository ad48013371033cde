//! Catalogue entries for `baocao summary` (the summary over several periods).

use super::{Lang, Num};

catalogue! {
    summary_same_period(period: &str, first: &str, second: &str) => "`{first}` và `{second}` cùng là bản tổng hợp kỳ `{period}`; mỗi kỳ chỉ được có một bản tổng hợp trong bản tổng kết: bỏ một tệp", "`{first}` and `{second}` both consolidate period `{period}`; a summary takes one consolidation per period: leave one out";
    summary_folder_empty(folder: &str) => "thư mục `{folder}` không có bản tổng hợp nào (tệp .xlsx)", "folder `{folder}` holds no consolidated workbook (.xlsx file)";
    summary_nothing() => "không có bản tổng hợp nào để tổng kết", "no consolidated workbook to summarise";
    summary_written(path: &str, periods: &str, n: Num, agencies: Num) => "đã ghi bản tổng kết các kỳ {periods} ({n:#} kỳ, {agencies:#} cơ quan) vào `{path}`", "wrote the summary of periods {periods} ({n} periods, {agencies} agencies) to `{path}`";
    summary_lists(rarely: Num, undone: Num) => "{rarely:#} cơ quan ít khi báo cáo đúng hạn; {undone:#} nhiệm vụ của cơ quan chưa hoàn thành từ 2 kỳ trở lên", "{rarely} agencies rarely report on time; {undone} agency tasks undone in 2 periods or more";
}
