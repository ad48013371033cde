#!/usr/bin/env python3
"""Open a baocao template with openpyxl and print what a third-party reader sees, as JSON.

Usage: check_template.py FILE.xlsx

Printed: sheet names and states, data validations per sheet, sheet protection, the identity
sheet and custom document properties, frozen panes, print setup, whether key cells are locked,
and every font used. tests/cli/template.rs asserts on this output.
"""

import json
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

REPORT = "Báo cáo"
INDICATORS = "Chỉ tiêu"
IDENTITY = "_baocao"


def header_row(ws, key):
    for row in ws.iter_rows(min_row=1, max_row=50):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == key:
                return cell.row, {c.value: c.column for c in row if c.value}
    raise SystemExit(f"no header row with {key!r} in {ws.title!r}")


def custom_properties(path):
    ns = {"cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"}
    with zipfile.ZipFile(path) as z:
        try:
            root = ET.fromstring(z.read("docProps/custom.xml"))
        except KeyError:
            return {}
    return {p.get("name"): "".join(p.itertext()) for p in root.findall("cp:property", ns)}


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {
        "sheets": wb.sheetnames,
        "states": {ws.title: ws.sheet_state for ws in wb.worksheets},
        "validations": {},
        "protection": {},
        "freeze_panes": {},
        "header_row_below": {},
        "print": {},
    }
    fonts = set()
    for ws in wb.worksheets:
        out["validations"][ws.title] = [
            {
                "type": dv.type,
                "operator": dv.operator,
                "formula1": dv.formula1,
                "formula2": dv.formula2,
                "sqref": str(dv.sqref),
                "promptTitle": dv.promptTitle,
                "prompt": dv.prompt,
                "errorTitle": dv.errorTitle,
                "errorStyle": dv.errorStyle,
            }
            for dv in ws.data_validations.dataValidation
        ]
        p = ws.protection
        out["protection"][ws.title] = {
            "sheet": bool(p.sheet),
            "password": p.password,
            "formatRows": bool(p.formatRows),
            "formatColumns": bool(p.formatColumns),
        }
        out["freeze_panes"][ws.title] = ws.freeze_panes
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out["print"][ws.title] = {
            "orientation": ps.orientation,
            "paperSize": int(ps.paperSize) if ps.paperSize is not None else None,
            "fitToPage": bool(fit and fit.fitToPage),
            # OOXML default: 1 page wide when fitting.
            "fitToWidth": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,
            "fitToHeight": int(ps.fitToHeight) if ps.fitToHeight is not None else 1,
            "print_title_rows": ws.print_title_rows,
        }
        if ws.sheet_state == "visible":
            for row in ws.iter_rows():
                for cell in row:
                    if cell.font is not None and cell.font.name:
                        fonts.add(cell.font.name)

    report = wb[REPORT]
    hr, cols = header_row(report, "Mã nhiệm vụ")
    out["header_row_below"][REPORT] = f"A{hr + 1}"
    first = hr + 1
    cell = lambda label: report.cell(row=first, column=cols[label])
    out["locked"] = {
        "task_id": cell("Mã nhiệm vụ").protection.locked,
        "task_text": cell("Nội dung nhiệm vụ").protection.locked,
        "status": cell("Tình trạng").protection.locked,
        "done_date": cell("Ngày hoàn thành").protection.locked,
        "result": cell("Kết quả thực hiện").protection.locked,
    }
    out["number_format"] = {"done_date": cell("Ngày hoàn thành").number_format}
    ind = wb[INDICATORS]
    ihr, icols = header_row(ind, "Mã chỉ tiêu")
    out["header_row_below"][INDICATORS] = f"A{ihr + 1}"

    ident = wb[IDENTITY]
    out["identity"] = {
        r[0].value: r[1].value for r in ident.iter_rows(min_row=1, max_col=2) if r[0].value
    }
    out["custom_properties"] = custom_properties(path)
    out["fonts"] = sorted(fonts)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
