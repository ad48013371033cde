#!/usr/bin/env python3
"""Fill a baocao template the way an officer would, with openpyxl, and save it elsewhere.

Usage: fill_template.py TEMPLATE.xlsx OUT.xlsx

Every cell is found by its label, as docs/report-format.md says a reader must: the report date,
preparer and phone right of their labels; every task row marked done on 30/11/2025 with a
result; every indicator given a valid value for its validation (Có for Có/Không lists, 5
otherwise). tests/cli/template.rs validates the result with `baocao validate`.
"""

import datetime
import sys

import openpyxl


def find(ws, text, max_row=50):
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell
    raise SystemExit(f"{text!r} not found in {ws.title!r}")


def right_of(ws, label):
    """The cell right after a label (after its merged area, if merged): the answer cell."""
    cell = find(ws, label)
    last = cell.column
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= cell.row <= rng.max_row and rng.min_col <= cell.column <= rng.max_col:
            last = rng.max_col
    return ws.cell(row=cell.row, column=last + 1)


def main(src, dst):
    wb = openpyxl.load_workbook(src)
    ws = wb["Báo cáo"]
    right_of(ws, "Ngày báo cáo").value = datetime.date(2025, 12, 18)
    right_of(ws, "Người lập").value = "Nguyễn Văn An"
    right_of(ws, "Điện thoại").value = "0262 3812 345"
    head = find(ws, "Mã nhiệm vụ")
    cols = {c.value: c.column for c in ws[head.row] if c.value}
    r = head.row + 1
    while ws.cell(row=r, column=cols["Mã nhiệm vụ"]).value:
        ws.cell(row=r, column=cols["Tình trạng"]).value = "Đã hoàn thành"
        ws.cell(row=r, column=cols["Ngày hoàn thành"]).value = datetime.date(2025, 11, 30)
        ws.cell(row=r, column=cols["Kết quả thực hiện"]).value = "Đã triển khai theo kế hoạch."
        r += 1

    wi = wb["Chỉ tiêu"]
    ihead = find(wi, "Mã chỉ tiêu")
    icols = {c.value: c.column for c in wi[ihead.row] if c.value}
    lists = {}
    for dv in wi.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                lists[row] = dv.type
    r = ihead.row + 1
    while wi.cell(row=r, column=icols["Mã chỉ tiêu"]).value:
        value = "Có" if lists.get(r) == "list" else 5
        wi.cell(row=r, column=icols["Số liệu"]).value = value
        r += 1
    wb.save(dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
