#!/usr/bin/env bash
# The release: baocao.exe for Windows (x86_64-pc-windows-gnu) and the Linux binary, both
# built with the project's release profile (the plan embedded), stripped, and the zip an
# officer is handed:
#
#   target/dist/baocao-<version>-windows-x86_64.zip
#     baocao-<version>/baocao.exe
#     baocao-<version>/HUONG-DAN.txt          the officer's guide (Vietnamese)
#     baocao-<version>/examples/...           the example submissions and receipt log
#     baocao-<version>/SHA256SUMS.txt
#   target/dist/baocao-<version>-linux-x86_64 (the Linux binary)
#   target/dist/SHA256SUMS                    (both)
#
# Installs what it lacks (the rustup target, mingw-w64, zip) with rustup and apt-get.
# Usage: scripts/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name=baocao-$version
dist=target/dist

echo "== tools"
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v zip >/dev/null || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

echo "== build $target and the Linux binary (release profile)"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --locked --target "$target"
cargo build --release --locked

echo "== pack $dist/$name-windows-x86_64.zip"
rm -rf "$dist/$name" "$dist/$name-windows-x86_64.zip"
mkdir -p "$dist/$name/examples"
x86_64-w64-mingw32-strip -o "$dist/$name/baocao.exe" "target/$target/release/baocao.exe"
strip -o "$dist/$name-linux-x86_64" target/release/baocao
# The guide in Windows' own form: CRLF, UTF-8 with a byte order mark (Notepad on any Windows
# shows the Vietnamese letters).
{ printf '\xEF\xBB\xBF'; sed "s/\$/\r/" docs/huong-dan-windows.txt; } >"$dist/$name/HUONG-DAN.txt"
# The examples an officer can try: the submissions of 2025 (with its receipt log) and 2026. Not their
# test manifest, nor the scripts that made them.
mkdir -p "$dist/$name/examples/submissions"
cp -r examples/submissions/2025 "$dist/$name/examples/submissions/2025"
cp -r examples/submissions/2026 "$dist/$name/examples/submissions/2026"
cp examples/so-nhan-2025.csv "$dist/$name/examples/so-nhan-2025.csv"
(cd "$dist/$name" && find . -type f ! -name SHA256SUMS.txt -printf '%P\n' | LC_ALL=C sort \
  | xargs -d '\n' sha256sum >SHA256SUMS.txt)
# Fixed times and order: the same sources give the same zip.
stamp=$(git log -1 --format=%cd --date=format:%Y%m%d%H%M.%S 2>/dev/null || echo 202601010000)
find "$dist/$name" -exec touch -t "$stamp" {} +
(cd "$dist" && find "$name" | LC_ALL=C sort | zip -X -q -@ "$name-windows-x86_64.zip")
(cd "$dist" && sha256sum "$name-windows-x86_64.zip" "$name-linux-x86_64" >SHA256SUMS)
# Nothing test-only in the zip.
if unzip -l "$dist/$name-windows-x86_64.zip" | grep -Ei 'bcryptprimitives|hold\.exe|manifest\.json|\.rs$|\.py$'; then
  echo "test-only files in the zip" >&2
  exit 1
fi
unzip -l "$dist/$name-windows-x86_64.zip" | tail -1
ls -l "$dist/$name-windows-x86_64.zip" "$dist/$name-linux-x86_64"
cat "$dist/SHA256SUMS"
