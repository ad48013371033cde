#!/usr/bin/env python3
"""Fill a baocao template for the `validate` fixtures, the way an officer would, with openpyxl.

Usage: fill_submission.py TEMPLATE.xlsx OUT.xlsx [--mistakes | --percent]

A variant of fill_template.py (left untouched) that answers every task of the SCT 2025
template with a mix of statuses whose dates fall inside the period's data window
(15/12/2024 – 14/12/2025) and before each task's deadline, so a correct fill gives no finding
at all with `--as-of 2025-12-20`. Every cell is found by its label (docs/report-format.md).

With --mistakes it writes the typical slips instead (tests/data/validate/README.md lists them):
completion dates typed as text, a status typed in decomposed Unicode and upper case, a number
stored as text (all three accepted), one invalid status and one negative figure (two errors).

With --percent it fills in correctly but types CT16 (a percentage, 0–100) the way Excel
stores `85%` typed into a cell: the number 0.85 in a cell formatted `0%`.
"""

import datetime
import sys
import unicodedata

import openpyxl

DONE = "Đã hoàn thành"
DOING = "Đang thực hiện"
NOT_STARTED = "Chưa thực hiện"

# Task ID -> (status, completion date, result, difficulty). III.12.1 is due 31/12/2024.
CORRECT = {
    "III.5.1": (DONE, datetime.date(2025, 6, 15), "Tổ chức 3 hội chợ xúc tiến thương mại.", None),
    "III.5.2": (DOING, None, "Đã tập huấn 2/4 lớp thương mại điện tử.", None),
    "III.5.3": (NOT_STARTED, None, None, "Chưa bố trí được kinh phí liên kết vùng."),
    "III.12.1": (DONE, datetime.date(2024, 12, 20), "Ban hành Kế hoạch số 12/KH-SCT.", None),
    "III.12.2": (DONE, datetime.date(2025, 11, 30), "Đã phối hợp 5 hoạt động quảng bá.", None),
}
# Indicator ID -> value (CT13 is Có/Không, CT15 decimal, CT16 percent).
INDICATORS = {"CT08": 4, "CT13": "Có", "CT14": 2, "CT15": 12.5, "CT16": 85}

MISTAKES = dict(CORRECT)
# A date typed as text (accepted) and a status typed decomposed and in capitals (accepted).
MISTAKES["III.5.1"] = (
    unicodedata.normalize("NFD", DONE.upper()),
    "15/06/2025",
    "Tổ chức 3 hội chợ xúc tiến thương mại.",
    None,
)
# Another date typed as text, with dots (accepted).
MISTAKES["III.12.2"] = (DONE, "30.11.2025", "Đã phối hợp 5 hoạt động quảng bá.", None)
# A status that is not one of the three (error T006 at Báo cáo!E16).
MISTAKES["III.5.2"] = ("Đang làm", None, "Đã tập huấn 2/4 lớp thương mại điện tử.", None)
MISTAKES_INDICATORS = dict(INDICATORS)
MISTAKES_INDICATORS["CT14"] = "2"  # a number stored as text (accepted)
MISTAKES_INDICATORS["CT15"] = -3  # negative (error N003 at Chỉ tiêu!E9)


def find(ws, text, max_row=50):
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == text:
                return cell
    raise SystemExit(f"{text!r} not found in {ws.title!r}")


def right_of(ws, label):
    """The answer cell of a label: the first cell right of the label's (merged) cell."""
    cell = find(ws, label)
    col = cell.column + 1
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= cell.row <= rng.max_row and rng.min_col <= cell.column <= rng.max_col:
            col = rng.max_col + 1
    return ws.cell(row=cell.row, column=col)


def table(ws, key):
    head = find(ws, key)
    cols = {c.value: c.column for c in ws[head.row] if c.value}
    rows = {}
    r = head.row + 1
    while ws.cell(row=r, column=cols[key]).value:
        rows[ws.cell(row=r, column=cols[key]).value] = r
        r += 1
    return cols, rows


def main(src, dst, mistakes, percent=False):
    tasks = MISTAKES if mistakes else CORRECT
    indicators = MISTAKES_INDICATORS if mistakes else INDICATORS
    wb = openpyxl.load_workbook(src)
    ws = wb["Báo cáo"]
    right_of(ws, "Ngày báo cáo").value = datetime.date(2025, 12, 18)
    right_of(ws, "Người lập").value = "Nguyễn Văn An"
    right_of(ws, "Điện thoại").value = "0262 3812 345"
    cols, rows = table(ws, "Mã nhiệm vụ")
    if set(rows) != set(tasks):
        raise SystemExit(f"template tasks {sorted(rows)} are not {sorted(tasks)}")
    for task, (status, date, result, difficulty) in tasks.items():
        r = rows[task]
        ws.cell(row=r, column=cols["Tình trạng"]).value = status
        ws.cell(row=r, column=cols["Ngày hoàn thành"]).value = date
        ws.cell(row=r, column=cols["Kết quả thực hiện"]).value = result
        ws.cell(row=r, column=cols["Khó khăn, vướng mắc"]).value = difficulty

    wi = wb["Chỉ tiêu"]
    icols, irows = table(wi, "Mã chỉ tiêu")
    if set(irows) != set(indicators):
        raise SystemExit(f"template indicators {sorted(irows)} are not {sorted(indicators)}")
    for ind, value in indicators.items():
        wi.cell(row=irows[ind], column=icols["Số liệu"]).value = value
    if percent:
        cell = wi.cell(row=irows["CT16"], column=icols["Số liệu"])
        cell.value = 0.85
        cell.number_format = "0%"
    wb.save(dst)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--mistakes", "--percent")]
    if len(args) != 2:
        raise SystemExit(__doc__)
    main(args[0], args[1], "--mistakes" in sys.argv[1:], "--percent" in sys.argv[1:])
