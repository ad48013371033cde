#!/usr/bin/env python3
"""Read a workbook with openpyxl and print every cell as JSON, for tests to compare with
calamine.

Usage: dump_workbook.py BOOK.xlsx

Output: {"sheets": [names in order], "cells": {sheet: {"A1": value}}, "formulas": ["Sheet!A1"],
"merged": {sheet: ["A1:C1"]}, "print_titles": {sheet: "..."}, "freeze": {sheet: "A2"},
"grids": {sheet: ["A2:M40"]}} where a grid is a conditional format that is always true
(formula TRUE) and draws thin borders on all four sides.
Values: strings as is, numbers as numbers, dates as "YYYY-MM-DD", booleans as booleans; empty
cells are left out. Loading fails loudly (exit 1) if openpyxl cannot read the file.
"""

import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "cells": {}, "formulas": [], "merged": {},
           "print_titles": {}, "freeze": {}, "grids": {},
           "states": {ws.title: ws.sheet_state for ws in wb.worksheets}}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None or c.value == "":
                    continue
                if c.data_type == "f":
                    out["formulas"].append(f"{ws.title}!{c.coordinate}")
                cells[c.coordinate] = value(c.value)
        out["cells"][ws.title] = cells
        out["merged"][ws.title] = sorted(str(r) for r in ws.merged_cells.ranges)
        out["print_titles"][ws.title] = ws.print_title_rows or ""
        out["freeze"][ws.title] = ws.freeze_panes or ""
        grids = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                b = rule.dxf.border if rule.dxf is not None else None
                sides = [b.left, b.right, b.top, b.bottom] if b is not None else []
                if rule.type == "expression" and rule.formula == ["TRUE"] and sides and all(
                    s is not None and s.style == "thin" for s in sides
                ):
                    grids.append(str(cf.sqref))
        out["grids"][ws.title] = sorted(grids)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
