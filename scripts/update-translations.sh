#!/usr/bin/env bash
# Refresh the interface catalogues from the Python sources under studio/ui, keeping the translations already
# made, then compile them to the .qm files Studio loads:
#  - studio_zh_CN.ts, Simplified Chinese: every message;
#  - studio_en.ts, English: only the messages with a count (tr("%n document(s)", "", n)), whose singular and
#    plural forms Qt reads from a catalogue even in the source language. Forms written "word(s)" are filled in
#    here ("1 document", "2 documents"); any other unfinished English form is named below, to write by hand.
# After running: translate the new <message> entries of resources/i18n/studio_zh_CN.ts (fill <translation>,
# or <numerusform> for a message with a count, and drop type="unfinished"; or use .venv/bin/pyside6-linguist),
# then run this script again to compile them.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p resources/i18n

mapfile -t sources < <(find studio/ui -name '*.py' | sort)
# The field kinds' hints for the source form live with the kinds, outside the UI.
sources+=(studio/content/field_kinds.py)
# Labels of content types and fields come from TOML data: name them in a temporary file lupdate can read.
data=$(mktemp --suffix=.py)
trap 'rm -f "$data"' EXIT
.venv/bin/python scripts/data_strings.py > "$data"
sources+=("$data")
# Relative locations keep line-number churn out of the diffs while still pointing translators at the code.
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -source-language en -target-language zh_CN \
    "${sources[@]}" -ts resources/i18n/studio_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -pluralonly -source-language en -target-language en \
    "${sources[@]}" -ts resources/i18n/studio_en.ts
.venv/bin/python scripts/english_plurals.py resources/i18n/studio_en.ts

for language in zh_CN en; do
    ts=resources/i18n/studio_$language.ts
    .venv/bin/pyside6-lrelease "$ts" -qm "resources/i18n/studio_$language.qm"
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    if [ "$unfinished" -gt 0 ]; then
        echo "$ts: $unfinished message(s) still to translate" >&2
    fi
done
