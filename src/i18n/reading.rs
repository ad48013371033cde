//! Catalogue entries for reading a cell the way a person sees it (issue 17): numbers typed as
//! text, percentages, identity values, tables on other sheets, duplicate and hidden columns,
//! merged cells, look-alike characters and near misses.

use super::Lang;

catalogue! {
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
}
