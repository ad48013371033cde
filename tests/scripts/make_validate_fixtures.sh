#!/usr/bin/env bash
# Regenerates tests/data/validate/: the SCT 2025 template filled in with openpyxl
# (fill_submission.py), then opened and saved by LibreOffice headless as .xlsx, .xls and .ods.
# Usage: tests/scripts/make_validate_fixtures.sh   (from the repository root, after cargo build)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/data/validate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile, so a running LibreOffice (or another run) does not interfere.
profile="-env:UserInstallation=file://$work/profile"

target/debug/baocao template --period 2025 --agency SCT --as-of 2025-11-01 --out "$work" --force
mkdir -p "$work/filled" "$work/mistakes" "$work/percent"
python3 tests/scripts/fill_submission.py "$work/SCT-2025.xlsx" "$work/filled/SCT-2025.xlsx"
python3 tests/scripts/fill_submission.py "$work/SCT-2025.xlsx" "$work/mistakes/SCT-2025-loi.xlsx" --mistakes
python3 tests/scripts/fill_submission.py "$work/SCT-2025.xlsx" "$work/percent/SCT-2025-phan-tram.xlsx" --percent

mkdir -p "$out"
for kind in filled mistakes percent; do
  src=$(ls "$work/$kind"/*.xlsx)
  soffice "$profile" --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/$kind/lo" "$src" >/dev/null
  soffice "$profile" --headless --convert-to xls --outdir "$work/$kind/lo" "$src" >/dev/null
  soffice "$profile" --headless --convert-to ods --outdir "$work/$kind/lo" "$src" >/dev/null
  cp "$work/$kind/lo"/* "$out/"
done
ls -l "$out"
