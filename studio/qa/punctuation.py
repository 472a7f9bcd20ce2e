"""Punctuation per locale: how a sentence ends, which width of marks a script uses, brackets and quotes in pairs,
spaces, and French typography.

Full-width marks are right in Chinese and Japanese and wrong in a Latin, Cyrillic, Korean or Arabic text, where
each maps to its own mark (，-> "," and Arabic "،"; ？-> "?" and Arabic "؟"). A sentence's ending is compared by
kind (full stop, question, exclamation, colon), so "。" in the source and "." in English agree, and "。" stays
right in Japanese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studio.locales import LOCALES
from studio.qa.facts import without_placeholders

HAN_LOCALES = frozenset({"zh-Hans", "ja"})


def _name(locale: str) -> str:
    return LOCALES[locale].english_name if locale in LOCALES else locale
_CLOSERS = " \t\u00a0\u202f\"'”’」』）)】》»›〉\u3000"
_KINDS = {
    ".": "stop",
    "。": "stop",
    "．": "stop",
    "?": "question",
    "？": "question",
    "؟": "question",
    "!": "exclamation",
    "！": "exclamation",
    ":": "colon",
    "：": "colon",
    ";": "semicolon",
    "；": "semicolon",
    "؛": "semicolon",
    "…": "ellipsis",
}
_KIND_WORDS = {
    "stop": "a full stop",
    "question": "a question mark",
    "exclamation": "an exclamation mark",
    "colon": "a colon",
    "semicolon": "a semicolon",
    "ellipsis": "an ellipsis",
    "none": "no punctuation",
}
# The mark of each kind a locale uses (several: any is right).
_MARKS = {
    "zh-Hans": {"stop": "。", "question": "？", "exclamation": "！", "colon": "：", "semicolon": "；"},
    "ja": {"stop": "。", "question": "？?", "exclamation": "！!", "colon": "：:", "semicolon": "；"},
    "ar": {"stop": ".", "question": "؟", "exclamation": "!", "colon": ":", "semicolon": "؛"},
}
_LATIN_MARKS = {"stop": ".", "question": "?", "exclamation": "!", "colon": ":", "semicolon": ";"}


def ending(text: str) -> tuple[str, str]:
    """The kind of mark `text` ends with ("stop", "question", …, "none") and the mark itself (closing quotes,
    brackets and placeholders looked through)."""
    end = without_placeholders(text[-40:]).rstrip(_CLOSERS)
    if end.endswith("...") or end.endswith("…"):
        return "ellipsis", "…"
    if not end:
        return "none", ""
    return _KINDS.get(end[-1], "none"), end[-1]


_ENDS_IN_LINK_OR_MARKUP = re.compile(r"(?:(?:https?://|www\.)[^\s]+|\{(?:/\d+|\d+/?)\})\s*$", re.IGNORECASE)


def ending_problem(src_kind: str, source_locale: str, text: str, locale: str) -> str | None:
    """Why the translation's ending does not match the source's (which ends with a mark of `src_kind`, see
    `ending`), or is the wrong mark for `locale`."""
    kind, mark = ending(text)
    if kind == "none" and _ENDS_IN_LINK_OR_MARKUP.search(text[-300:]):
        return None  # "See https://www.gov.cn/zhengce/": a stop after a link or a closing tag is a matter of taste
    if src_kind != kind:
        if {src_kind, kind} <= {"stop", "ellipsis"}:
            return None
        if src_kind == "none" and kind == "stop" and locale not in HAN_LOCALES and source_locale in HAN_LOCALES:
            return None  # a Chinese list item or label without a stop may become a sentence with one
        return f"the source ends with {_KIND_WORDS[src_kind]}, the translation with {_KIND_WORDS[kind]}"
    marks = _MARKS.get(locale, _LATIN_MARKS).get(kind)
    if marks is not None and mark not in marks:
        return f"end with “{marks[0]}” in {_name(locale)}, not “{mark}”"
    return None


# --- marks of the other width ------------------------------------------------------------------------------------

_FULL_TO_LATIN = {
    "，": ",",
    "。": ".",
    "、": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "（": "(",
    "）": ")",
    "【": "[",
    "】": "]",
    "《": "“",
    "》": "”",
    "「": "“",
    "」": "”",
    "　": " ",
}
_FULL_TO_ARABIC = {**_FULL_TO_LATIN, "，": "،", "、": "،", "；": "؛", "？": "؟"}
_FULL = re.compile("[" + "".join(_FULL_TO_LATIN) + "]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]")
# Inside the text only: the last mark is the ending check's (one finding per mark).
_HALF_IN_HAN = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff])[,;:?!](?=[\u3400-\u9fff\u3040-\u30ff])")
_LATIN_IN_ARABIC = re.compile(r"(?<=[\u0600-\u06ff])\s?[,;?](?=\s|$)")
_ARABIC_MARK = {",": "،", ";": "؛", "?": "؟"}
_KOREAN_TITLE_MARKS = "「」『』"  # Korean quotes the titles of laws with them: 「출입국관리법」
_HALF_TO_FULL = {
    "zh-Hans": {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"},
    "ja": {",": "、", ";": "；", ":": "：", "?": "？", "!": "！"},
}


def width_problems(text: str, locale: str) -> list[str]:
    """Marks of the wrong width or script for `locale`: "，" left in an English text, "," in an Arabic one, ","
    between Chinese words."""
    if locale in HAN_LOCALES:
        found = sorted({m.group() for m in _HALF_IN_HAN.finditer(text)})
        return [f"use “{_HALF_TO_FULL[locale][m]}” instead of “{m}” in {_name(locale)} text" for m in found]
    table = _FULL_TO_ARABIC if locale == "ar" else _FULL_TO_LATIN
    kept = _KOREAN_TITLE_MARKS if locale == "ko" else ""
    out: list[str] = []
    seen: set[str] = set()
    for m in _FULL.finditer(text):
        mark = m.group()
        # After Chinese words left on purpose (an address to show a taxi driver) the Chinese mark is right.
        if mark in seen or mark in kept or (m.start() > 0 and _HAN.match(text, m.start() - 1)):
            continue
        seen.add(mark)
        shown = "full-width space" if mark == "　" else f"“{mark}”"
        out.append(f"Chinese {shown} left in the {_name(locale)} text: use “{table[mark]}”")
    if locale == "ar":
        last = len(text.rstrip(_CLOSERS)) - 1  # the last mark is the ending check's: one finding per mark
        for mark in sorted({m.group().strip() for m in _LATIN_IN_ARABIC.finditer(text) if m.end() - 1 < last}):
            out.append(f"use the Arabic “{_ARABIC_MARK[mark]}” instead of “{mark}”")
    return out


# --- brackets and quotes -----------------------------------------------------------------------------------------

_BRACKETS = {")": "(", "]": "[", "）": "（", "】": "【", "」": "「", "』": "『", "》": "《", "〉": "〈"}
_OPENERS = frozenset(_BRACKETS.values())
# Quotes that pair by count: German closes „ with “ and quotes »so«; everyone else opens with “ and «.
_QUOTES = {"de": (("„", "“"), ("»", "«")), "ru": (("«", "»"), ("„", "“"))}
_DEFAULT_QUOTES = (("“", "”"), ("«", "»"))
_PAIRED = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_OPENERS)) + "]")
_ANY_PAIRED = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_OPENERS) + "„“”«»") + "]")


@dataclass(frozen=True)
class Unbalanced:
    mark: str
    closing: bool  # a closing mark without its opening one (else an opening one never closed)


def unbalanced(text: str, locale: str) -> list[Unbalanced]:
    """Brackets and quotes of `text` that are not in pairs (placeholders aside)."""
    if _ANY_PAIRED.search(text) is None:
        return []
    stack: list[str] = []
    out: list[Unbalanced] = []
    for ch in _PAIRED.findall(without_placeholders(text)):
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _BRACKETS:
            if stack and stack[-1] == _BRACKETS[ch]:
                stack.pop()
            else:
                out.append(Unbalanced(ch, True))
    out.extend(Unbalanced(ch, False) for ch in stack)
    for opening, closing in _QUOTES.get(locale, _DEFAULT_QUOTES):
        opens, closes = text.count(opening), text.count(closing)
        if opens > closes:
            out.append(Unbalanced(opening, False))
        elif closes > opens:
            out.append(Unbalanced(closing, True))
    return out


def describe_unbalanced(found: list[Unbalanced]) -> str:
    parts = [f"“{u.mark}” is never {'opened' if u.closing else 'closed'}" for u in found[:3]]
    return "brackets or quotes not in pairs: " + "; ".join(parts)


# --- spaces ------------------------------------------------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")


def space_problems(source: str, text: str) -> list[str]:
    out = []
    if text[:1].isspace() and not source[:1].isspace():
        out.append("the translation starts with a space")
    if text[-1:].isspace() and not source[-1:].isspace():
        out.append("the translation ends with a space")
    if _DOUBLE_SPACE.search(text) and not _DOUBLE_SPACE.search(source):
        out.append("two spaces in a row")
    return out


# --- French typography -------------------------------------------------------------------------------------------

NO_BREAK = "\u00a0\u202f"
_FRENCH_BEFORE = re.compile(r"(?<![\s!?:;])([:;!?»])|( )([:;!?»])")
_FRENCH_AFTER = re.compile(r"«(?=[^\u00a0\u202f])")
_COLON_IN_NUMBER = re.compile(r"\d:\d")


def french_problems(text: str) -> list[str]:
    """French puts a (narrow) no-break space before : ; ! ? and » and after «: none, or a plain space that may
    break the line before the mark, is wrong."""
    plain = without_placeholders(text)
    out: list[str] = []
    for m in _FRENCH_BEFORE.finditer(plain):
        mark = m.group(1) or m.group(3)
        if mark == ":" and _COLON_IN_NUMBER.match(plain, max(0, m.start() - 1)):
            continue
        if m.group(1):
            if m.start() == 0:
                continue
            out.append(f"put a narrow no-break space before “{mark}”")
        else:
            out.append(f"the space before “{mark}” may break the line: use a (narrow) no-break space")
    if _FRENCH_AFTER.search(plain):
        out.append("put a no-break space after “«”")
    return list(dict.fromkeys(out))
