#!/usr/bin/env python3
"""An earlier period's consolidation for the `consolidate --previous` benchmark.

Usage: bench/previous_workbook.py IN.xlsx OUT.xlsx

`gen_bench` makes submissions for one period (2025) only. This takes the consolidation of
another generated data set (another seed: other statuses, other figures), reads its very hidden
`_baocao_data` sheet (docs/consolidated-format.md §15) and writes OUT.xlsx holding only that
sheet, relabelled as period 2024 (data 15/12/2023–14/12/2024, due 19/12/2024). The reader of
`--previous` reads nothing else, so the comparison costs what a real 2024 consolidation of the
same size would.
"""
import json
import sys

import openpyxl

PART = 32_000


def main():
    src, dst = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(src, read_only=True)
    ws = wb["_baocao_data"]
    rows = [r[0] for r in ws.iter_rows(min_col=1, max_col=2, values_only=True)]
    version = rows[0]
    count = int(next(ws.iter_rows(min_row=1, max_row=1, min_col=2, max_col=2, values_only=True))[0])
    data = json.loads("".join(rows[1 : 1 + count]))
    data["period"].update(id="2024", name="năm 2024", start="2023-12-15", end="2024-12-14", due="2024-12-19")
    data["as_of"] = "2024-12-31"
    text = json.dumps(data, ensure_ascii=False)
    # Parts by UTF-16 units (Excel's count), as baocao writes them.
    parts, cur, units = [], [], 0
    for ch in text:
        n = 2 if ord(ch) > 0xFFFF else 1
        if units + n > PART:
            parts.append("".join(cur))
            cur, units = [], 0
        cur.append(ch)
        units += n
    parts.append("".join(cur))
    out = openpyxl.Workbook(write_only=True)
    sheet = out.create_sheet("_baocao_data")
    sheet.append([version, len(parts)])
    for p in parts:
        sheet.append([p])
    out.save(dst)


if __name__ == "__main__":
    main()
