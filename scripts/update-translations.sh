#!/usr/bin/env bash
# Refresh the Simplified Chinese catalogue of the interface from the Python sources under studio/ui, keeping the
# translations already made, then compile it to the .qm file Studio loads.
# After running: translate the new <message> entries of resources/i18n/studio_zh_CN.ts (fill <translation>,
# drop type="unfinished"; or use .venv/bin/pyside6-linguist), then run this script again to compile them.
set -euo pipefail
cd "$(dirname "$0")/.."

ts=resources/i18n/studio_zh_CN.ts
qm=resources/i18n/studio_zh_CN.qm
mkdir -p resources/i18n

mapfile -t sources < <(find studio/ui -name '*.py' | sort)
# Labels of content types and fields come from TOML data: name them in a temporary file lupdate can read.
data=$(mktemp --suffix=.py)
trap 'rm -f "$data"' EXIT
.venv/bin/python scripts/data_strings.py > "$data"
sources+=("$data")
# Relative locations keep line-number churn out of the diffs while still pointing translators at the code.
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -source-language en -target-language zh_CN \
    "${sources[@]}" -ts "$ts"
.venv/bin/pyside6-lrelease "$ts" -qm "$qm"

unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
if [ "$unfinished" -gt 0 ]; then
    echo "$ts: $unfinished message(s) still to translate" >&2
fi
