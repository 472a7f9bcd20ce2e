"""The characters Studio never stores or never prints raw: one home for the sets the validator and the terminal use.

Stored text may hold the Unicode isolates (LRI, RLI, FSI, PDI): a translator wraps a Latin name in them inside
Arabic so that it does not reorder the sentence, and they end at the end of their paragraph. The older embeddings
and overrides (U+202A-U+202E) are refused: an override can make a slug, an address or a number read backwards,
and it leaks into whatever follows it. A terminal is stricter still: anything that reorders or rewrites the
line is shown escaped.
"""

from __future__ import annotations

import re

C0_BUT_TAB_AND_LINES = "\x00-\x08\x0b\x0c\x0e-\x1f"
C0 = "\x00-\x1f"
DEL_AND_C1 = "\x7f-\x9f"
BIDI_OVERRIDES = "\u202a-\u202e"
BIDI_ISOLATES = "\u2066-\u2069"
LINE_SEPARATORS = "\u2028\u2029"
SURROGATES = "\ud800-\udfff"

# In any stored text: never text at all, or text that reorders what readers see.
NEVER_STORED = re.compile(f"[{C0_BUT_TAB_AND_LINES}{DEL_AND_C1}{BIDI_OVERRIDES}{SURROGATES}]")

# On a terminal: ESC starts sequences that rewrite the screen or the title, BEL rings, 0x9b is a one-byte
# escape on some terminals, bidi controls reorder the rest of the line. Tab and line feed only where a text
# may have lines; JSON escapes C0 itself but leaves the rest raw with ensure_ascii=False.
_ON_TERMINAL = f"{DEL_AND_C1}{LINE_SEPARATORS}{BIDI_OVERRIDES}{BIDI_ISOLATES}"
UNSAFE_ON_TERMINAL = re.compile(f"[{C0}{_ON_TERMINAL}]")
UNSAFE_ON_TERMINAL_IN_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_ON_TERMINAL}]")
UNSAFE_IN_JSON = re.compile(f"[{_ON_TERMINAL}]")
