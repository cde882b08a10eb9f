#!/usr/bin/env bash
# Builds the self-contained Linux bundle (PyInstaller) and its .deb from this checkout, installs the .deb,
# runs the installed app's self-test, measures bundle size and start time, and removes the package again
# checking that nothing is left behind.  Run as root (it installs a package) on Debian/Ubuntu:
#
#     installer/build-linux.sh              # build, install, self-test, measure, remove
#     installer/build-linux.sh --keep       # … and leave the package installed
#     installer/build-linux.sh --build-only # only the bundle and the .deb
#
# Everything it makes goes to installer/out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/installer/out"
MODE=${1:-all}
case "$MODE" in all|--keep|--build-only) ;; *) echo "usage: $0 [--keep|--build-only]" >&2; exit 2 ;; esac

VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
DEB="$OUT/gpr-scorecard_${VERSION}_${ARCH}.deb"
say() { printf '\n== %s\n' "$*"; }
# run a noisy tool quietly, showing its output only when it fails
quiet() { "$@" >"$OUT/step.log" 2>&1 || { cat "$OUT/step.log"; echo "failed: $*" >&2; return 1; }; }

say "build tools"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # binutils: PyInstaller reads the libraries it bundles with objdump; desktop-file-utils checks the entry
  apt-get install -y -qq --no-install-recommends binutils dpkg-dev desktop-file-utils >/dev/null
fi
rm -rf "$OUT" && mkdir -p "$OUT"
python3 -m venv "$OUT/venv"
quiet "$OUT/venv/bin/pip" install --upgrade pip
# a regular (not editable) install: the bundle must not point back into this checkout
quiet "$OUT/venv/bin/pip" install "$ROOT" "pyinstaller>=6.10,<7"

say "bundle (PyInstaller)"
started=$(date +%s)
# run from an empty folder so the frozen app imports the installed packages, never this checkout's
(cd "$OUT" && "$OUT/venv/bin/pyinstaller" "$ROOT/installer/gpr-scorecard.spec" --noconfirm --log-level ERROR \
  --distpath "$OUT/dist" --workpath "$OUT/work")
BUNDLE="$OUT/dist/gpr-scorecard"
echo "built in $(( $(date +%s) - started )) s: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"
# the frozen app must run before it is packaged
QT_QPA_PLATFORM=offscreen "$BUNDLE/scorecard" --help >/dev/null

say ".deb (dpkg-deb)"
STAGE="$OUT/stage"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/icons/hicolor/256x256/apps" \
  "$STAGE/usr/share/icons/hicolor/48x48/apps" "$STAGE/usr/share/doc/gpr-scorecard"
cp -a "$BUNDLE" "$STAGE/opt/gpr-scorecard"
install -m 0755 installer/linux/scorecard installer/linux/scorecard-gui "$STAGE/usr/bin/"
install -m 0644 installer/linux/gpr-scorecard.desktop "$STAGE/usr/share/applications/"
install -m 0644 resources/icons/gpr-scorecard.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/"
install -m 0644 resources/icons/gpr-scorecard-256.png "$STAGE/usr/share/icons/hicolor/256x256/apps/gpr-scorecard.png"
install -m 0644 resources/icons/gpr-scorecard-48.png "$STAGE/usr/share/icons/hicolor/48x48/apps/gpr-scorecard.png"
install -m 0644 installer/linux/copyright "$STAGE/usr/share/doc/gpr-scorecard/copyright"
install -m 0755 installer/linux/postinst installer/linux/postrm "$STAGE/DEBIAN/"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" installer/linux/control.in \
  > "$STAGE/DEBIAN/control"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate installer/linux/gpr-scorecard.desktop; fi
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
echo "$DEB: $(du -h "$DEB" | cut -f1) (installed: $((SIZE / 1024)) MB)"
[ "$MODE" = --build-only ] && exit 0

say "install"
[ "$(id -u)" = 0 ] || { echo "installing needs root" >&2; exit 1; }
apt-get install -y -qq "$DEB" >/dev/null
dpkg -s gpr-scorecard | grep -E '^(Status|Version):'

say "self-test of the installed app"
scorecard-gui --self-test

say "start time of the installed app (demo database, to a usable main window: its first scorecard drawn)"
demo=$(mktemp -d)
QT_QPA_PLATFORM=offscreen scorecard init --demo --db "$demo/demo.sqlite" >/dev/null
for i in 0 1 2 3; do
  t0=$(date +%s%N)
  # the app prints "ready" once the first scorecard is on screen; the clock stops there
  QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$demo" XDG_STATE_HOME="$demo" \
    scorecard-gui --db "$demo/demo.sqlite" --period 2025-10 --exit-when-ready 2>/dev/null |
    { read -r line; t1=$(date +%s%N); cat >/dev/null
      [ "$line" = ready ] || { echo "the installed app never got ready" >&2; exit 1; }
      # run 0 opens the freshly built demo and fills its caches: not what a user waits for
      [ "$i" = 0 ] || echo "run $i: $(( (t1 - t0) / 1000000 )) ms"; }
done
rm -rf "$demo"
[ "$MODE" = --keep ] && exit 0

say "remove"
files=$(dpkg -L gpr-scorecard | grep -E '^/(opt/gpr-scorecard|usr/bin/scorecard|usr/share/(applications|icons|doc)/.*gpr-scorecard)')
apt-get remove -y -qq gpr-scorecard >/dev/null
left=$(for f in $files; do [ -e "$f" ] && echo "$f"; done || true)
[ -z "$left" ] || { echo "left behind after removal:"; echo "$left"; exit 1; }
[ ! -e /opt/gpr-scorecard ] || { echo "/opt/gpr-scorecard is still there"; exit 1; }
echo "removed cleanly"
