"""Numbers as values, read the way each locale writes them.

"1,000" (English), "1.000" (German, Spanish), "1 000" (French, Russian), "１，０００" (full width) and "1000" are
one value; "1.000,5" is one thousand and a half in German and "1,000.5" in English. A text's numbers are compared
as values, never as strings, so a translation that writes a number its locale's way is right.

Times are values too: "17:00", "5 pm", "17 Uhr", "17 h" and German "8.30" are read as times, so "8:30-17:00" and
"8:30 am to 5 pm" agree. So are the words that multiply a number: "1.5万" is the 15,000 of "15,000", "1万5000"
and "1만 5천", "1.2亿" the 120,000,000 of "120 million", "120 Mio." and "1,2 Mrd." the 1,200,000,000 of "12亿".
A month written as a number ("3月", "2024-03-01", "31.12.") is optional: a translation may name it.

Chinese numerals count only where they are surely numbers (before a measure word, after 第, in 百分之…):
"三个工作日" holds 3, "两千元" 2,000, "一百多个" 100, "二〇二四年" 2024; "统一", "一般" and "十分" (very) hold
nothing. Small numbers a translation may spell out ("three", "drei", "trois", "twenty-nine") are read too, so
"3 working days" and "three working days" both keep the 3 of "三个工作日".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# Full-width and Arabic-Indic digits become ASCII ones before anything is read; so do their separators.
_DIGITS = {
    **{0xFF10 + i: str(i) for i in range(10)},
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0xFF0E: ".",
    0xFF1A: ":",
    0x066B: ".",
    0x066C: ",",
}  # ．：٫ (Arabic decimal) ٬ (Arabic thousands)


def ascii_digits(text: str) -> str:
    """`text` with full-width and Arabic-Indic digits (and their decimal and group marks) as ASCII ones."""
    return text.translate(_DIGITS)


# Decimal mark and group separators per locale. The portal writes Arabic with Western digits, grouped as English.
_COMMA_DECIMAL = frozenset({"de", "fr", "es", "ru"})
_GROUP_SPACES = "\u00a0\u202f\u2009 "
_FRENCH_TIME = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\s?h\s?([0-5]\d)?(?![\w])")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,'\u00a0\u202f\u2009 ]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:([.,'\u00a0\u202f\u2009 ])\d{3})(?:\1\d{3})*")

# Times. "17:00" anywhere; "5 pm", "8.30 am", "17 Uhr" where a word says it is a time, and the bare first hour of
# a range ending in one ("9 to 5 pm", "von 9 bis 17 Uhr"). German writes "8.30", which is no number there.
_CLOCK = re.compile(
    r"(?<![\d.,])(?:([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s?(?:-|–|—|~|～|to|bis|until|till)\s?)?"
    r"([01]?\d|2[0-3])(?:([.:])([0-5]\d))?(?!\d)"
    r"(?:\s?([aApP])\.?\s?[mM]\.?(?!\w)|\s?(Uhr)(?!\w))?"
)
_GERMAN_DATE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4})?")  # "31.12." and "31.12.2024"
_ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])")  # "2024-03-01", "2024/3/1"
_NOON = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number as written (`text`) and as a value (`value`: a canonical string, "1000", "1000.5", "9:00").
    `digits` is how many digits its integer part has: long numbers (years, amounts, hotlines) are facts no
    translation may change, small ones may be spelled out."""

    text: str
    value: str
    digits: int
    optional: bool = False  # a month written as a number in Chinese ("3月"): a translation names the month
    in_digits: bool = True  # False for a small Chinese numeral ("三"): a translation may write it in words


def _canonical_decimal(value: Decimal) -> str:
    integer, _, fraction = f"{value:f}".partition(".")
    return _canonical(integer, fraction)


def _canonical(integer: str, fraction: str = "") -> str:
    integer = integer.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _read(token: str, locale: str) -> list[Number]:
    """One written number (or several run together by spaces and commas) as values, by `locale`'s conventions."""
    token = token.strip(_GROUP_SPACES)
    decimal, groups = (",", "." + _GROUP_SPACES + "'") if locale in _COMMA_DECIMAL else (".", "," + _GROUP_SPACES + "'")
    integer, mark, fraction = token.rpartition(decimal)
    if not mark:
        integer, fraction = token, ""
    grouped = _GROUPED.fullmatch(integer)
    if (fraction.isdigit() or not fraction) and (
        integer.isdigit() or (grouped is not None and grouped.group(1) in groups)
    ):
        digits = re.sub(r"\D", "", integer)
        return [Number(token, _canonical(digits, fraction), len(digits))]
    # Not one number in this locale's writing ("6466 4646", "1,2"): every run of digits on its own.
    return [Number(part, _canonical(part), len(part)) for part in re.findall(r"\d+", token)]


def _hour(hour: int, meridiem: str) -> int:
    """A 12-hour clock's hour on the 24-hour clock: 5 pm is 17, 12 am is 0."""
    if meridiem == "p":
        return hour if hour >= 12 else hour + 12
    return 0 if hour == 12 else hour


def _times(text: str, locale: str, found: list[Number]) -> str:
    """Take the times out of `text` into `found` (as "17:00"); `text` with each replaced by a space."""

    def clock(m: re.Match[str]) -> str:
        first, first_min, hour, sep, minutes, meridiem, uhr = m.groups()
        if not (sep == ":" or meridiem or uhr or (sep == "." and locale == "de")):
            return m.group()  # a plain number ("5-7", "3.5"): not a time
        pm = (meridiem or "").lower()
        end = int(hour) if not pm else _hour(int(hour), pm)
        if first is not None:
            start = int(first)
            if pm:  # "9 to 5 pm" is 9 am; "1 to 5 pm" is 1 pm
                start = _hour(start, pm if start <= int(hour) and int(hour) != 12 else ("a" if pm == "p" else "p"))
            found.append(Number(m.group(1) + (f":{first_min}" if first_min else ""), f"{start}:{first_min or '00'}", 4))
        found.append(Number(m.group()[m.start(3) - m.start() :].strip(), f"{end}:{minutes or '00'}", 4))
        return " "

    if locale == "de":  # "31.12." is a date, "8.30" a time: dates first; the month a translation may name
        text = _GERMAN_DATE.sub(lambda m: _german_date(m, found), text)
    text = _CLOCK.sub(clock, text)
    if locale == "en" and ("noon" in text or "night" in text or "day" in text):
        for m in _NOON.finditer(text):
            found.append(Number(m.group(), "0:00" if m.group().lower() == "midnight" else "12:00", 4))
    if locale == "fr":  # "9 h 00", "17h"
        for m in _FRENCH_TIME.finditer(text):
            found.append(Number(m.group(), f"{int(m.group(1))}:{m.group(2) or '00'}", 4))
        text = _FRENCH_TIME.sub(" ", text)
    return text


def _german_date(m: re.Match[str], found: list[Number]) -> str:
    day, month, year = m.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return m.group()
    found.append(Number(day, str(int(day)), len(day)))
    found.append(Number(month, str(int(month)), len(month), optional=True))
    if year:
        found.append(Number(year, year, 4))
    return " "


def _iso_date(m: re.Match[str], found: list[Number]) -> str:
    """The year and the day of "2024-03-01"; the month is one a translation may name ("1 March 2024")."""
    year, _, month, day = m.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return m.group()
    found.append(Number(year, year, 4))
    found.append(Number(month, str(int(month)), len(month), optional=True))
    found.append(Number(day, str(int(day)), len(day)))
    return " "


# Words multiplying the number before them: "1.5万", "1.2亿", "120 million", "1,5 Mio.", "1.5만", "5천".
_CJK_MULTIPLIERS = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10_000,
    "萬": 10_000,
    "亿": 10**8,
    "億": 10**8,
    "천": 1000,
    "만": 10_000,
    "억": 10**8,
    "백": 100,
}
_CJK_MULTIPLIER = re.compile(r"\s?([百千천백]?[万萬亿億만억]|[千천])(?![米克瓦])")  # not 千米 (km), 千克 (kg)
_SCALE_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "thousand": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "billion": 10**9,
        "billions": 10**9,
        "mn": 10**6,
        "bn": 10**9,
    },
    "de": {
        "tausend": 10**3,
        "mio.": 10**6,
        "mio": 10**6,
        "million": 10**6,
        "millionen": 10**6,
        "mrd.": 10**9,
        "mrd": 10**9,
        "milliarde": 10**9,
        "milliarden": 10**9,
    },
    "fr": {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9},
    "es": {"mil millones": 10**9, "mil": 10**3, "millón": 10**6, "millones": 10**6, "millardo": 10**9},
    "ru": {
        "тыс.": 10**3,
        "тысяч": 10**3,
        "тысячи": 10**3,
        "тысяча": 10**3,
        "млн": 10**6,
        "млн.": 10**6,
        "миллион": 10**6,
        "миллиона": 10**6,
        "миллионов": 10**6,
        "млрд": 10**9,
        "млрд.": 10**9,
        "миллиард": 10**9,
        "миллиарда": 10**9,
        "миллиардов": 10**9,
    },
    "ar": {"ألف": 10**3, "آلاف": 10**3, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9},
}
_SCALE = {
    loc: re.compile(
        r"\s?(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![^\W\d_])",
        re.IGNORECASE,
    )
    for loc, words in _SCALE_WORDS.items()
}
_MYRIAD_LOCALES = frozenset({"zh-Hans", "ja", "ko"})
_MONTH = {"zh-Hans": "月", "ja": "月", "ko": "월"}  # after a number of at most 2 digits: a month, maybe named


def _multiplier(unit: str) -> int:
    value = 1
    for ch in unit:
        value *= _CJK_MULTIPLIERS[ch]
    return value


def numbers_in(text: str, locale: str) -> list[Number]:
    """Every number in `text` (written in `locale`): times, dates, digits in the locale's grouping with the words
    that multiply them ("1.5万", "120 million"), Chinese numerals where they are surely numbers. URLs, e-mail
    addresses and phone numbers must be taken out first (`facts`)."""
    text = ascii_digits(text)
    found: list[Number] = []
    if "-" in text or "/" in text or "." in text:
        text = _ISO_DATE.sub(lambda m: _iso_date(m, found), text)
    text = _times(text, locale, found)
    scale = _SCALE.get(locale)
    pending: tuple[int, Number, int] | None = None  # (end, number, multiplier) of "1万" waiting for its "5000"
    for m in _NUMBER.finditer(text):
        read = _read(m.group(), locale)
        end = m.end()
        if len(read) == 1:
            number = read[0]
            unit = _CJK_MULTIPLIER if locale in _MYRIAD_LOCALES else scale
            u = unit.match(text, end) if unit is not None else None
            if pending is not None and m.start() - pending[0] <= 1 and not text[pending[0] : m.start()].strip():
                # "1万5000", "1만 5천": the second number adds to the first
                multiplier = _multiplier(u.group(1)) if u is not None and locale in _MYRIAD_LOCALES else 1
                if multiplier < pending[2]:
                    total = Decimal(pending[1].value) + Decimal(number.value) * multiplier
                    value = _canonical_decimal(total)
                    found[-1] = Number(pending[1].text + number.text, value, len(value.split(".")[0]))
                    pending = None
                    continue
            pending = None
            if u is not None:
                word = u.group(1)
                multiplier = _multiplier(word) if locale in _MYRIAD_LOCALES else _SCALE_WORDS[locale][word.lower()]
                value = _canonical_decimal(Decimal(number.value) * multiplier)
                number = Number(number.text + u.group(), value, len(value.split(".")[0]))
                if multiplier >= 10_000:
                    pending = (u.end(), number, multiplier)
            elif number.digits <= 2 and text.startswith(_MONTH.get(locale, "\0"), end):  # "3月", "3월"
                number = Number(number.text, number.value, number.digits, optional=True)
            read = [number]
        else:
            pending = None
        found.extend(read)
    if locale in _HAN_LOCALES:
        found.extend(chinese_numbers(text))
    return found


# --- Chinese numerals --------------------------------------------------------------------------------------------

_HAN_LOCALES = frozenset({"zh-Hans", "ja"})
_HAN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_MEASURE = (
    "个工作日",
    "个月",
    "个",
    "工作日",
    "日",
    "天",
    "年",
    "周",
    "次",
    "项",
    "份",
    "张",
    "名",
    "人",
    "条",
    "步",
    "小时",
    "分钟",
    "岁",
    "元",
    "页",
    "种",
    "类",
    "家",
    "所",
    "位",
    "套",
    "本",
    "件",
    "批",
    "层",
    "号",
    "点",
    "倍",
    "款",
    "节",
    "章",
    "カ月",
    "か月",
    "ヶ月",
    "つ",
    "回",
    "枚",
    "週間",
    "営業日",
    "時間",
    "分間",
    "歳",
    "円",
    "階",
    "番",
)
_HAN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_HAN_NUMERAL = re.compile(
    rf"(第)?([{_HAN_NUMERAL_CHARS}]{{1,12}})(?:多|余)?(?="
    + "|".join(sorted(map(re.escape, _MEASURE), key=len, reverse=True))
    + rf")|(第)([{_HAN_NUMERAL_CHARS}]{{1,12}})|百分之([{_HAN_NUMERAL_CHARS}]{{1,6}})"
)
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_MYRIADS = {"万": 10_000, "亿": 100_000_000}


def _han_value(numeral: str) -> int | None:
    """一 … 九十九, 五百, 两千, 三千五百万, and years digit by digit (二〇二四); None for what is no number ("一二",
    "十十", "万一")."""
    if not any(ch in _HAN_UNITS or ch in _HAN_MYRIADS for ch in numeral):
        if len(numeral) == 1:
            return _HAN_DIGIT.get(numeral)
        if len(numeral) >= 3 or "〇" in numeral or "零" in numeral:  # 二〇二四(年), 一九四九(年)
            return None if "两" in numeral else int("".join(str(_HAN_DIGIT[ch]) for ch in numeral))
        return None
    total = section = 0
    digit: int | None = None
    last_unit = 10**12
    for ch in numeral:
        if ch in _HAN_DIGIT:
            if digit is not None and _HAN_DIGIT[ch] != 0 and digit != 0:
                return None  # two digits in a row ("二三十")
            digit = _HAN_DIGIT[ch]
        elif ch in _HAN_UNITS:
            unit = _HAN_UNITS[ch]
            if unit >= last_unit:
                return None  # "十十", "十百"
            section += (1 if digit is None else digit) * unit
            last_unit, digit = unit, None
        else:
            multiplier = _HAN_MYRIADS[ch]
            section += digit or 0
            if section == 0 or (total and total < multiplier):
                return None  # "万一", "亿万"
            total = total + section * multiplier if total else section * multiplier
            section, digit, last_unit = 0, None, 10**12
    return total + section + (digit or 0)


def chinese_numbers(text: str) -> Iterator[Number]:
    """Chinese (and Japanese kanji) numerals where they are surely numbers: before a measure word ("三个工作日",
    "两千元", "一百多个"), after 第 ("第二十九条") or in 百分之三十. "一般", "统一", "之一", "十分" hold none."""
    for m in _HAN_NUMERAL.finditer(text):
        numeral = m.group(2) or m.group(4) or m.group(5)
        value = _han_value(numeral)
        if value is not None:
            # Soft: a translation may write it as a word ("three", "second"); a year (二〇二四年) is a fact.
            year = len(numeral) == 4 and not any(ch in _HAN_UNITS or ch in _HAN_MYRIADS for ch in numeral)
            yield Number(m.group(), str(value), 4 if year else 1, in_digits=value >= 100)


# --- small numbers written as words ------------------------------------------------------------------------------

_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1,
        "once": 1,
        "first": 1,
        "single": 1,
        "two": 2,
        "twice": 2,
        "second": 2,
        "both": 2,
        "three": 3,
        "third": 3,
        "four": 4,
        "fourth": 4,
        "five": 5,
        "fifth": 5,
        "six": 6,
        "sixth": 6,
        "seven": 7,
        "seventh": 7,
        "eight": 8,
        "eighth": 8,
        "nine": 9,
        "ninth": 9,
        "ten": 10,
        "tenth": 10,
        "a": 1,
        "an": 1,
    },
    "de": {
        "ein": 1,
        "eine": 1,
        "einen": 1,
        "einem": 1,
        "einer": 1,
        "eins": 1,
        "erste": 1,
        "ersten": 1,
        "einmal": 1,
        "zwei": 2,
        "zweite": 2,
        "zweiten": 2,
        "beide": 2,
        "beiden": 2,
        "drei": 3,
        "dritte": 3,
        "dritten": 3,
        "vier": 4,
        "vierte": 4,
        "fünf": 5,
        "fünfte": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "premier": 1,
        "première": 1,
        "deux": 2,
        "deuxième": 2,
        "second": 2,
        "seconde": 2,
        "trois": 3,
        "troisième": 3,
        "tiers": 3,
        "tierce": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
    },
    "es": {
        "un": 1,
        "uno": 1,
        "una": 1,
        "primer": 1,
        "primero": 1,
        "primera": 1,
        "dos": 2,
        "segundo": 2,
        "segunda": 2,
        "ambos": 2,
        "tres": 3,
        "tercer": 3,
        "tercero": 3,
        "tercera": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
    },
    "ru": {
        "один": 1,
        "одна": 1,
        "одно": 1,
        "одного": 1,
        "одной": 1,
        "первый": 1,
        "первая": 1,
        "два": 2,
        "две": 2,
        "двух": 2,
        "второй": 2,
        "оба": 2,
        "три": 3,
        "трёх": 3,
        "трех": 3,
        "третий": 3,
        "четыре": 4,
        "пять": 5,
        "пяти": 5,
        "шесть": 6,
        "семь": 7,
        "семи": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
        "десяти": 10,
    },
    "ar": {
        "واحد": 1,
        "واحدة": 1,
        "الأول": 1,
        "الأولى": 1,
        "اثنان": 2,
        "اثنين": 2,
        "اثنتين": 2,
        "ثلاثة": 3,
        "ثلاث": 3,
        "أربعة": 4,
        "أربع": 4,
        "خمسة": 5,
        "خمس": 5,
        "ستة": 6,
        "ست": 6,
        "سبعة": 7,
        "سبع": 7,
        "ثمانية": 8,
        "ثماني": 8,
        "تسعة": 9,
        "تسع": 9,
        "عشرة": 10,
        "عشر": 10,
    },
    "ko": {
        "하나": 1,
        "한": 1,
        "첫": 1,
        "둘": 2,
        "두": 2,
        "셋": 3,
        "세": 3,
        "넷": 4,
        "네": 4,
        "다섯": 5,
        "여섯": 6,
        "일곱": 7,
        "여덟": 8,
        "아홉": 9,
        "열": 10,
    },
}
_WORD = re.compile(r"[^\W\d_]+")


def spelled_numbers(text: str, locale: str) -> set[str]:
    """Values of the small numbers `text` spells out in `locale` ("three" -> "3"); Japanese kanji numerals
    count in any context, since a Japanese translation writes 三日 for "3 days"."""
    if locale in _HAN_LOCALES:
        return {str(v) for ch in text if (v := _HAN_DIGIT.get(ch)) is not None} | ({"10"} if "十" in text else set())
    words = _WORDS.get(locale)
    if not words:
        return set()
    lowered = text.lower()
    found = {str(words[w]) for w in _WORD.findall(lowered) if w in words}
    if locale == "en":  # "twenty-nine", "fifteen", "a quarter" (of a year: 3个月)
        for m in _ENGLISH_COMPOUND.finditer(lowered):
            found.add(
                str(
                    _ENGLISH_TENS.get(m.group(1), 0)
                    + _ENGLISH_TEENS.get(m.group(1), 0)
                    + (words.get(m.group(2), 0) if m.group(2) else 0)
                )
            )
        if "quarter" in lowered:
            found.add("3")
    return found


_ENGLISH_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ENGLISH_TEENS = {
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "hundred": 100,
}
_ENGLISH_COMPOUND = re.compile(
    r"\b(" + "|".join([*_ENGLISH_TENS, *_ENGLISH_TEENS]) + r")(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b"
)
