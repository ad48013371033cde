//! Catalogue entries for the plan through time: amendments, their lints, `plan history`,
//! `plan diff`, `plan import` and crediting a predecessor's report to its successor.

use super::Lang;

catalogue! {
    // ---- amendments: shape and lint (P008–P014) --------------------------------------------
    tl_cite(number: &str, date: &str, issuer: &str) => "{number} ngày {date} của {issuer}", "{number} of {date} by {issuer}";
    tl_cite_unnumbered(date: &str, issuer: &str) => "văn bản ngày {date} của {issuer} (chưa rõ số)", "document of {date} by {issuer} (number unknown)";
    tl_source_unnumbered(url: &str) => "văn bản căn cứ chưa có số; đang dẫn theo tin đăng tại {url}; bổ sung `number` khi có văn bản", "the source has no document number; it is cited from the report at {url}; add `number` once the document is found";
    tl_dup_amendment(id: &str) => "mã văn bản sửa đổi `{id}` bị trùng", "duplicate amendment id `{id}`";
    tl_no_source(id: &str) => "sửa đổi `{id}` không ghi văn bản làm căn cứ (`source: {{number, date, issuer, title}}`)", "amendment `{id}` names no legal source (`source: {{number, date, issuer, title}}`)";
    tl_source_field_empty(field: &str) => "văn bản căn cứ thiếu `{field}`", "the source lacks `{field}`";
    tl_reassign_shape() => "`task_reassign` cần đúng một trong hai: `task` (một nhiệm vụ) hoặc `from` (mọi nhiệm vụ của một cơ quan, nhóm)", "`task_reassign` needs exactly one of `task` (one task) or `from` (every task an agency or group leads)";
    tl_outside_span(date: &str, from: &str, to: &str) => "ngày hiệu lực {date} nằm ngoài thời gian của kế hoạch ({from}–{to})", "effective date {date} is outside the plan's span ({from}–{to})";
    tl_source_after_effective(source: &str, effective: &str) => "văn bản căn cứ ký ngày {source}, sau ngày hiệu lực {effective}: kiểm tra lại ngày", "the source is dated {source}, after the effective date {effective}: check the dates";
    tl_file_date(file: &str, effective: &str) => "tên tệp ghi ngày {file} nhưng ngày hiệu lực là {effective}", "the file name says {file} but the effective date is {effective}";
    tl_cycle(path: &str) => "sáp nhập, chia tách vòng tròn: {path}", "merges and splits form a cycle: {path}";
    tl_task_orphan(id: &str, lead: &str, date: &str) => "từ {date}, nhiệm vụ `{id}` (giao `{lead}`) không còn cơ quan nào thực hiện; giao lại (`task_reassign`), hoặc ghi `tasks_to` khi giải thể", "from {date}, task `{id}` (led by `{lead}`) has no body in force to carry it; reassign it (`task_reassign`), or name `tasks_to` when dissolving";
    tl_consolidator_gone(code: &str, date: &str) => "từ {date}, cơ quan tổng hợp `{code}` không còn; ghi `consolidator: <MÃ>`", "from {date}, the consolidator `{code}` no longer exists; write `consolidator: <CODE>`";
    tl_gone(code: &str, date: &str, when: &str, now: &str) => "ngày {date}, `{code}` không còn (đã thay đổi từ {when}); nay là: {now}", "on {date}, `{code}` no longer exists (changed on {when}); it is now: {now}";
    tl_unknown_agency(code: &str, date: &str) => "ngày {date} không có cơ quan mã `{code}`", "on {date} there is no agency `{code}`";
    tl_unknown_agency_or_group(code: &str, date: &str) => "ngày {date} không có cơ quan hoặc nhóm mã `{code}`", "on {date} there is no agency or group `{code}`";
    tl_unknown_task(id: &str, date: &str) => "ngày {date} không có nhiệm vụ `{id}`", "on {date} there is no task `{id}`";
    tl_unknown_indicator(id: &str, date: &str) => "ngày {date} không có chỉ tiêu `{id}`", "on {date} there is no indicator `{id}`";
    tl_unknown_group(code: &str) => "không có nhóm mã `{code}`", "there is no group `{code}`";
    tl_found_exists(code: &str) => "mã `{code}` đang được dùng; không thành lập lại được", "code `{code}` is in use; it cannot be founded again";
    tl_split_target(to: &str, from: &str) => "`{to}` không nằm trong danh sách `into` của việc chia tách `{from}`", "`{to}` is not one of the `into` codes of the split of `{from}`";
    tl_split_not_held(task: &str, from: &str) => "nhiệm vụ `{task}` không do `{from}` chủ trì", "task `{task}` is not led by `{from}`";
    tl_task_exists(id: &str) => "nhiệm vụ `{id}` đã có", "task `{id}` already exists";
    tl_group_needs_name(code: &str) => "nhóm mới `{code}` cần có `name`", "new group `{code}` needs a `name`";
    tl_not_member(code: &str, group: &str) => "`{code}` không phải thành viên nhóm `{group}`", "`{code}` is not a member of group `{group}`";

    // ---- plan show / history / diff -------------------------------------------------------
    tl_show_as_of(date: &str) => "Tổ chức bộ máy áp dụng: tại ngày {date} (ngày cuối của thời gian chốt số liệu)", "Organisation used: as in force on {date} (the last day of the data window)";
    tl_show_amendments(list: &str) => "Sửa đổi đang áp dụng: {list}", "Amendments in force: {list}";
    tl_inherited(origin: &str) => "kế thừa từ {origin}", "inherited from {origin}";
    tl_history_header(what: &str) => "Lịch sử thay đổi: {what}", "Change history: {what}";
    tl_history_plan() => "toàn bộ kế hoạch", "the whole plan";
    tl_history_signed(version: &str) => "Kế hoạch ban hành (phiên bản {version})", "The plan as signed (version {version})";
    tl_history_none(code: &str) => "`{code}` không thay đổi kể từ khi ban hành kế hoạch", "`{code}` has not changed since the plan was signed";
    tl_history_effective(date: &str, id: &str) => "Từ {date} — {id}", "From {date} — {id}";
    tl_history_source(cite: &str) => "Căn cứ: {cite}", "Source: {cite}";
    tl_history_no_source() => "Căn cứ: (không ghi)", "Source: (none given)";
    tl_history_now(code: &str, now: &str) => "Hiện nay `{code}` do {now} kế nhiệm", "`{code}` is now succeeded by {now}";
    tl_history_dissolved(code: &str) => "Hiện nay `{code}` đã giải thể, không có cơ quan kế nhiệm", "`{code}` is now dissolved, with no successor";
    tl_ch_found(code: &str, name: &str) => "thành lập `{code}` — {name}", "founded `{code}` — {name}";
    tl_ch_rename(code: &str, name: &str) => "`{code}` đổi tên thành {name}", "`{code}` renamed {name}";
    tl_ch_merge(from: &str, into: &str) => "{from} sáp nhập vào `{into}`", "{from} merged into `{into}`";
    tl_ch_split(from: &str, into: &str) => "`{from}` chia tách thành {into}", "`{from}` split into {into}";
    tl_ch_dissolve(code: &str) => "giải thể `{code}`", "dissolved `{code}`";
    tl_ch_dissolve_to(code: &str, to: &str) => "giải thể `{code}`; nhiệm vụ chuyển cho `{to}`", "dissolved `{code}`; its tasks pass to `{to}`";
    tl_ch_task_add(id: &str, lead: &str) => "thêm nhiệm vụ `{id}` giao `{lead}`", "task `{id}` added, led by `{lead}`";
    tl_ch_task_retire(id: &str) => "bãi bỏ nhiệm vụ `{id}`", "task `{id}` retired";
    tl_ch_task_reassign(what: &str, to: &str) => "giao lại {what} cho `{to}`", "{what} reassigned to `{to}`";
    tl_ch_task_deadline(id: &str, deadline: &str) => "thời hạn nhiệm vụ `{id}`: {deadline}", "deadline of task `{id}`: {deadline}";
    tl_ch_tasks_of(code: &str) => "mọi nhiệm vụ của `{code}`", "every task of `{code}`";
    tl_ch_indicator_reassign(id: &str, from: &str, to: &str) => "chỉ tiêu {id}: `{from}` → `{to}`", "indicator {id}: `{from}` → `{to}`";
    tl_no_indicator_of(what: &str, from: &str, date: &str) => "ngày {date} không có chỉ tiêu nào (`{what}`) giao trực tiếp cho `{from}`", "on {date} no indicator (`{what}`) is assigned to `{from}` by name";
    tl_no_task_of(code: &str) => "`{code}` không trực tiếp chủ trì nhiệm vụ nào (nhiệm vụ giao qua nhóm đi theo nhóm: sửa thành viên nhóm bằng `group`)", "`{code}` leads no task by name (tasks given through a group follow the group: change its members with `group`)";
    tl_ch_consolidator(code: &str) => "cơ quan tổng hợp: `{code}`", "consolidator: `{code}`";
    tl_ch_recipient(name: &str) => "nơi nhận báo cáo: {name}", "report recipient: {name}";
    tl_ch_group(code: &str, add: &str, remove: &str) => "nhóm `{code}`: thêm [{add}], bớt [{remove}]", "group `{code}`: added [{add}], removed [{remove}]";
    tl_diff_header(p1: &str, d1: &str, p2: &str, d2: &str) => "So sánh kỳ {p1} (tổ chức tại {d1}) với kỳ {p2} (tổ chức tại {d2})", "Period {p1} (organisation of {d1}) compared with period {p2} (organisation of {d2})";
    tl_diff_none() => "Không có thay đổi về cơ quan báo cáo và nhiệm vụ", "No change in who reports what";
    tl_diff_consolidator(old: &str, new: &str) => "Cơ quan tổng hợp: `{old}` → `{new}`", "Consolidator: `{old}` → `{new}`";
    tl_diff_recipient(old: &str, new: &str) => "Nơi nhận: {old} → {new}", "Recipient: {old} → {new}";
    tl_diff_gone(code: &str, name: &str) => "− `{code}` {name}: không còn báo cáo", "− `{code}` {name}: no longer reports";
    tl_diff_new(code: &str, name: &str) => "+ `{code}` {name}: báo cáo mới", "+ `{code}` {name}: newly reports";
    tl_diff_renamed(code: &str, old: &str, new: &str) => "~ `{code}`: {old} → {new}", "~ `{code}`: {old} → {new}";
    tl_diff_task(id: &str, old: &str, new: &str) => "  nhiệm vụ `{id}`: {old} → {new}", "  task `{id}`: {old} → {new}";
    tl_diff_reporters(old: usize, new: usize) => "Số cơ quan báo cáo: {old} → {new}", "Reporting agencies: {old} → {new}";
    tl_import_header(file: &str) => "`{file}`: dòng đầu cần có tiêu đề cột `code` (hoặc `mã`) và `name` (hoặc `tên`); có thể thêm `group`, `kind`", "`{file}`: the first row must hold the column headers `code` and `name`; `group` and `kind` are optional";
    tl_import_empty() => "danh sách không có dòng nào", "the list has no rows";
    tl_import_kind(kind: &str) => "loại cơ quan `{kind}` không có; dùng: party, department, police, armed_forces, district, commune, front, mass_org, association, press, central_press, other", "unknown agency kind `{kind}`; use: party, department, police, armed_forces, district, commune, front, mass_org, association, press, central_press, other";
    tl_import_comment(file: &str, n: usize) => "Lập bằng `baocao plan import` từ {file} ({n} cơ quan). Kiểm tra bằng `baocao plan check`.", "Made by `baocao plan import` from {file} ({n} agencies). Check it with `baocao plan check`.";
    tl_imported(n: usize, path: &str) => "đã ghi {path}: thành lập {n} cơ quan; chạy `baocao plan check` để kiểm tra", "wrote {path}: {n} agencies founded; run `baocao plan check` to check it";
    tl_nobody() => "(không ai)", "(nobody)";

    // ---- crediting a predecessor's report (I010–I012) -------------------------------------
    tl_credited(old: &str, how: &str, date: &str, new: &str, source: &str) => "báo cáo lập trên biểu mẫu của `{old}`, cơ quan đã {how} từ {date} ({source}); được tính cho cơ quan kế nhiệm `{new}`", "the report is on the template of `{old}`, which was {how} on {date} ({source}); it is credited to the successor `{new}`";
    tl_credited_help(new: &str) => "lần sau dùng biểu mẫu mới của `{new}` (`baocao template --period <KỲ> --agency {new}`)", "next time use `{new}`'s new template (`baocao template --period <PERIOD> --agency {new}`)";
    tl_credited_split(old: &str, new: &str, others: &str) => "`{old}` đã chia tách; báo cáo được tính cho `{new}` (cơ quan kế nhiệm đầu tiên); các cơ quan kế nhiệm khác: {others}", "`{old}` was split; the report is credited to `{new}` (the first successor); the other successors: {others}";
    tl_no_successor(old: &str, date: &str, source: &str) => "báo cáo của `{old}`, cơ quan đã giải thể từ {date} ({source}) mà không có một cơ quan kế nhiệm; không tính cho cơ quan nào", "the report is from `{old}`, dissolved on {date} ({source}) with no single successor; it is credited to no one";
    tl_no_successor_help() => "các nhiệm vụ của cơ quan này nay do cơ quan, nhóm khác thực hiện (xem `baocao plan history <MÃ>`); đề nghị các cơ quan đó báo cáo trên biểu mẫu mới", "its tasks are now carried by other bodies (see `baocao plan history <CODE>`); ask them to report on new templates";
    tl_merged(old: &str, into: &str, kept: &str) => "báo cáo này (của `{old}`) được gộp vào báo cáo `{into}` của cơ quan kế nhiệm: nhiệm vụ, chỉ tiêu `{into}` chưa có được lấy từ tệp này; trùng (giữ theo `{into}`): [{kept}]", "this report (from `{old}`) is merged into the successor's report `{into}`: the tasks and indicators `{into}` lacks are taken from this file; both have (kept as in `{into}`): [{kept}]";
    tl_how_merge() => "sáp nhập", "merged";
    tl_how_split() => "chia tách", "split";
    tl_how_dissolve() => "giải thể", "dissolved";
    tl_no_source_short() => "không ghi căn cứ", "no source given";
}
