"""The checks of one translation against its source, and of the eight translations of a sentence with each other.

Everything here is pure: the caller reads the texts (`qa.runner`) and gets `Finding`s back. What depends only on
the source (its facts, placeholders, ending, whether its brackets pair, the glossary terms it holds) is worked out
once per sentence (`SourceSide`) and shared by its eight translations; every pattern is compiled once. That keeps
one cell under a millisecond as the user types, and the whole portal within seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from studio.content.rich_text import placeholder_tokens
from studio.locales import LOCALES
from studio.memory.glossary import Glossary, RequiredTerm
from studio.qa import punctuation as punct
from studio.qa.facts import URL, Facts, facts_of, without_placeholders
from studio.qa.findings import CHECKS, ERROR, WARNING, Finding, ack_digest, text_hash
from studio.qa.numerals import Number, spelled_numbers
from studio.qa.readability import (
    BY_CHARACTERS,
    ReadabilitySettings,
    SummaryCounter,
    long_words,
    sentence_length,
    sentences,
)

_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"(?=.*\d)[A-Z0-9][A-Z0-9 ./:-]*")
_REPEATED = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)", re.IGNORECASE)
_REPEATED_CASED = re.compile(r"(?<!\w)([^\W\d_]+)\s+\1(?!\w)")  # German: "zeigen Sie sie vor" is right
# Words a language repeats on purpose: German "die die" (article after a relative pronoun), French "nous nous".
_REPEAT_ALLOWED = {"de": {"die", "der", "das", "dass"}, "fr": {"nous", "vous"}, "en": {"had", "that"}, "es": {"que"}}


def _name(locale: str) -> str:
    return LOCALES[locale].english_name if locale in LOCALES else locale


class _Add(Protocol):
    def __call__(self, check: str, message: str, severity: str | None = None) -> None: ...


@dataclass(frozen=True)
class SourceSide:
    """What the checks need of one source sentence, worked out once for all its translations."""

    document_id: str
    segment_id: int
    field_path: str
    text: str
    locale: str
    max_length: int | None
    facts: Facts
    placeholders: tuple[str, ...]
    balanced: bool
    ending: str  # the kind of mark it ends with (`punctuation.ending`)
    item: tuple[str, int] | None = None  # (list field, item index) for "steps[2].body"
    required: dict[str, tuple[RequiredTerm, ...]] = field(default_factory=dict, compare=False)

    def required_terms(self, glossary: Glossary, locale: str) -> tuple[RequiredTerm, ...]:
        """The glossary terms of this sentence a translation into `locale` must use (cached per locale)."""
        found = self.required.get(locale)
        if found is None:
            found = tuple(glossary.required_in(self.text, self.locale, locale)) if glossary else ()
            self.required[locale] = found
        return found


_ITEM = re.compile(r"^(\w+)\[(\d+)\]\.")


def source_side(
    document_id: str, segment_id: int, field_path: str, text: str, locale: str, max_length: int | None
) -> SourceSide:
    m = _ITEM.match(field_path)
    return SourceSide(
        document_id,
        segment_id,
        field_path,
        text,
        locale,
        max_length,
        facts_of(text, locale),
        tuple(sorted(placeholder_tokens(text))),
        not punct.unbalanced(text, locale),
        punct.ending(text)[0],
        (m.group(1), int(m.group(2))) if m else None,
    )


@dataclass
class CellContext:
    """What a check of one translation may consult besides the two texts."""

    glossary: Glossary
    readability: ReadabilitySettings
    acknowledged: Mapping[tuple[int, str, str, str], str] = field(default_factory=dict)
    """(segment id, locale, check, `ack_digest`) -> note of the acknowledged warnings."""
    summaries: dict[tuple[str, str], SummaryCounter] | None = None


def _finding(
    src: SourceSide, locale: str, check: str, message: str, digest: str, ctx: CellContext, severity: str | None = None
) -> Finding:
    severity = severity or CHECKS[check].severity
    key = (src.segment_id, locale, check, ack_digest(src.text, digest))
    note = ctx.acknowledged.get(key) if severity == WARNING else None
    acknowledged = note is not None
    return Finding(
        src.document_id,
        src.segment_id,
        locale,
        check,
        severity,
        message,
        src.field_path,
        digest,
        acknowledged,
        note or "",
    )


def check_translation(
    src: SourceSide,
    locale: str,
    text: str,
    ctx: CellContext,
    *,
    field_length: int | None = None,
    facts: Facts | None = None,
    errors_only: bool = False,
) -> list[Finding]:
    """Every single-translation check of `text`, the translation of `src` into `locale`. `field_length` is the
    length of the whole field's translation with `text` in place (a field's limit is for all its sentences).
    `errors_only` runs only the checks that can find an error (what approval and release need: quicker)."""
    out: list[tuple[str, str, str | None]] = []  # (check, message, severity or the check's own)

    def add(check: str, message: str, severity: str | None = None) -> None:
        out.append((check, message, severity))

    if not text.strip():
        add("empty", "the translation is empty")
        return [_finding(src, locale, c, m, text_hash(text), ctx, s) for c, m, s in out]
    _placeholders(src, text, add)
    facts = facts if facts is not None else facts_of(text, locale)
    _facts(src, facts, locale, text, add)
    length = field_length if field_length is not None else len(text)
    if src.max_length is not None and length > src.max_length:
        add("max_length", f"{src.field_path} allows at most {src.max_length} characters; its translation has {length}")
    glossary = ctx.glossary
    if glossary:
        for use in glossary.forbidden_in(text, locale):
            add(
                "glossary_forbidden",
                f"“{use.found}” is forbidden in {_name(locale)}" + (f": use “{use.instead}”" if use.instead else ""),
            )
    if not errors_only:
        _warnings(src, locale, text, ctx, add)
    if not out:
        return []
    digest = text_hash(text)  # only for what was found: most translations have nothing
    return [_finding(src, locale, c, m, digest, ctx, s) for c, m, s in out]


def _warnings(src: SourceSide, locale: str, text: str, ctx: CellContext, add: _Add) -> None:
    """The checks that find only warnings: wording, typography, readability."""
    stripped = text.strip()
    # A short Japanese name may be written as in Chinese (北京, 东城区 -> 北京, but 東城区): not worth a warning.
    kanji_name = locale == "ja" and src.locale == "zh-Hans" and len(stripped) <= 6
    same = stripped == src.text.strip() and src.locale != locale
    # A code ("ISO 9001", "H1N1", "G20") is the same in every language.
    if same and _LETTER.search(stripped) and not kanji_name and not _CODE.fullmatch(stripped):
        add("same_as_source", "the translation is the same as the source: is it translated?")
    glossary = ctx.glossary
    if glossary:
        for term in src.required_terms(glossary, locale):
            if not any(_uses_term(glossary, text, t, locale) for t in term.targets):
                wanted = " or ".join(f"“{t}”" for t in term.targets[:3])
                add(
                    "glossary_required",
                    f"the glossary translates “{term.source}” as {wanted}" + (f" ({term.note})" if term.note else ""),
                )
    if locale not in punct.HAN_LOCALES:
        han = _HAN.findall(text)
        if han:
            add("untranslated_chinese", f"Chinese characters left in the {_name(locale)} text: {'、'.join(han[:3])}")
    for problem in punct.space_problems(src.text, text):
        add("spaces", problem)
    ending = punct.ending_problem(src.ending, src.locale, text, locale)
    if ending:
        add("ending_punctuation", ending)
    for problem in punct.width_problems(text, locale):
        add("punctuation_style", problem)
    if src.balanced:
        found = punct.unbalanced(text, locale)
        if found:
            add("brackets", punct.describe_unbalanced(found))
    if locale not in punct.HAN_LOCALES:
        allowed = _REPEAT_ALLOWED.get(locale, set())
        pattern = _REPEATED_CASED if locale == "de" else _REPEATED
        for m in pattern.finditer(without_placeholders(text, " ")):
            if m.group(1).lower() not in allowed:
                add("repeated_word", f"“{m.group(1)} {m.group(1)}”: a word repeated")
                break
    if locale == "fr":
        for problem in punct.french_problems(URL.sub(" ", text)):
            add("french_typography", problem)
    _readability(src, locale, text, ctx, add)


_UMLAUTS = str.maketrans("äöüß", "aous")


def _uses_term(glossary: Glossary, text: str, target: str, locale: str) -> bool:
    """`Glossary.has_target`, and in German also inside a compound ("Visum" in "Visumsverlängerung", "Pass" in
    "Reisepässe")."""
    if glossary.has_target(text, target, locale):
        return True
    return locale == "de" and target.lower().translate(_UMLAUTS) in text.lower().translate(_UMLAUTS)


def _placeholders(src: SourceSide, text: str, add: _Add) -> None:
    found = sorted(placeholder_tokens(text))
    if found != list(src.placeholders):
        lost = [t for t in src.placeholders if t not in found]
        extra = [t for t in found if t not in src.placeholders]
        parts = ([f"lacks {' '.join(lost)}"] if lost else []) + ([f"has unknown {' '.join(extra)}"] if extra else [])
        add("placeholders", f"the markup placeholders do not match the source: the translation {' and '.join(parts)}")
    tag = _RAW_TAG.search(text)
    if tag:
        add("placeholders", f"raw markup {tag.group()!r}: keep the source's placeholders instead")


def _shown(values: Iterable[str]) -> str:
    return ", ".join(sorted(values)[:4])


def _facts(src: SourceSide, facts: Facts, locale: str, text: str, add: _Add) -> None:
    want = src.facts
    lost_urls = want.urls - facts.urls
    if lost_urls:
        add("urls", f"link missing or changed: {_shown(lost_urls)}")
    lost_mail = want.emails - facts.emails
    if lost_mail:
        add("emails", f"e-mail address missing or changed: {_shown(lost_mail)}")
    lost_phones = set(want.phones) - set(facts.phones)
    if lost_phones:
        other = [facts.phones[k] for k in facts.phones.keys() - want.phones.keys()]
        add(
            "phones",
            f"phone number {_shown(want.phones[k] for k in lost_phones)} missing"
            + (f" (the translation has {_shown(other)})" if other else ""),
        )
    if not want.numbers and not facts.numbers:
        return
    have = facts.numbers.keys()
    missing = [n for v, n in want.numbers.items() if v not in have and v not in want.optional]
    known = want.numbers.keys()
    # "1" stands for "per", "each", "a" in many translations ("1件につき" for 每证): never reported as added.
    extra = [n for v, n in facts.numbers.items() if v not in known and v != "1"]
    # Spelled-out numbers ("three" for 三) are read only now: most translations need no such look.
    if missing:
        spelled = spelled_numbers(text, locale)
        missing = [n for n in missing if n.value not in spelled]
    if extra:
        spelled = spelled_numbers(src.text, src.locale)
        extra = [n for n in extra if n.value not in spelled]
    if not missing and not extra:
        return
    add("numbers", "numbers differ from the source: " + _number_parts(missing, extra), _number_severity(missing, extra))


def _number_parts(missing: list[Number], extra: list[Number]) -> str:
    parts = []
    if missing:
        parts.append(f"missing {', '.join(n.text for n in missing[:4])}")
    if extra:
        parts.append(f"not in the source: {', '.join(n.text for n in extra[:4])}")
    return "; ".join(parts)


def _number_severity(missing: list[Number], extra: list[Number]) -> str:
    """An error when a number surely changed: a long one (a year, an amount, a hotline, a time) missing or added,
    or a number written in digits replaced by another ("10个工作日" -> "20 jours"). A small number merely missing
    may be worded in ways no check knows ("around the clock" for 24小时): a warning. So is a time whose hour the
    translation writes in a way not read here ("17:00" as "5 o'clock")."""
    hours = {str(int(n.value.split(":")[0]) % 12 or 12) for n in missing if ":" in n.value} | {
        n.value.split(":")[0] for n in missing if ":" in n.value
    }
    if hours and all(":" in n.value for n in missing) and extra and all(n.value in hours for n in extra):
        return WARNING  # only times, written some other way: not sure enough to block anyone
    if any(n.digits >= 3 for n in (*missing, *extra)):
        return ERROR
    if any(n.in_digits for n in missing) and any(n.in_digits for n in extra):
        return ERROR
    return WARNING


def _readability(src: SourceSide, locale: str, text: str, ctx: CellContext, add: _Add) -> None:
    settings = ctx.readability
    limit = settings.sentence_limits.get(locale)
    word_limit = settings.long_word_limits.get(locale) if locale not in BY_CHARACTERS else None
    counter = ctx.summaries.get((src.document_id, locale)) if ctx.summaries is not None else None
    if counter is None and ctx.summaries is not None:
        counter = ctx.summaries[(src.document_id, locale)] = SummaryCounter(
            src.document_id, locale, settings.unit(locale)
        )
    unit = settings.unit(locale)
    for sentence in sentences(text):
        length = sentence_length(sentence, locale)
        over = limit is not None and length > limit
        if over:
            add("long_sentence", f"a sentence of {length} {unit} (the limit in {_name(locale)} is {limit}): split it")
        if counter is not None:
            counter.sentences += 1
            counter.total += length
            counter.long_sentences += over
    if word_limit is not None:
        found = long_words(text, word_limit)
        if found:
            add("long_word", f"long word{'s' if len(found) > 1 else ''}: {', '.join(found[:3])}")
            if counter is not None:
                counter.long_words += len(found)
    if ctx.glossary:
        uses = ctx.glossary.discouraged_in(text, locale)
        for use in uses:
            add(
                "discouraged_term",
                f"“{use.found}” is bureaucratic"
                + (f": prefer “{use.instead}”" if use.instead else "")
                + (f" ({use.note})" if use.note else ""),
            )
        if counter is not None:
            counter.discouraged += len(uses)


# --- the translations of one sentence with each other ------------------------------------------------------------

_CROSS = (("cross_numbers", "numbers"), ("cross_urls", "urls"), ("cross_phones", "phones"))


def _cross_values(facts: Facts, kind: str, optional: frozenset[str]) -> set[str]:
    if kind == "numbers":
        # Only numbers written in digits of two or more: small ones may be spelled out in some languages. Not the
        # values the source (or this text) writes as a month ("12月"): some translations name the month instead.
        return {
            v
            for v, n in facts.numbers.items()
            if (n.digits >= 2 or "." in v or ":" in v) and v not in optional and not n.optional
        }
    if kind == "urls":
        return set(facts.urls)
    return set(facts.phones)


def cross_locale(
    src: SourceSide,
    facts: Mapping[str, Facts],
    texts: Mapping[str, str],
    ctx: CellContext,
    reported: set[tuple[str, str]],
) -> list[Finding]:
    """The translations of one sentence must agree with each other on numbers, links and phone numbers. A value
    most other translations have that one lacks, or one no other translation has, is reported in that one (but
    not twice: `reported` holds the (locale, check) already reported against the source)."""
    if len(facts) < 3:
        return []
    out: list[Finding] = []
    for check, kind in _CROSS:
        values = {loc: _cross_values(f, kind, src.facts.optional) for loc, f in facts.items()}
        if not any(values.values()):
            continue
        counts = Counter(v for vs in values.values() for v in vs)
        for loc, vs in values.items():
            if (loc, kind) in reported:
                continue
            others = len(values) - 1
            lacking = sorted(v for v, n in counts.items() if v not in vs and n > others / 2)
            alone = sorted(v for v in vs if counts[v] == 1)
            if not lacking and not alone:
                continue
            parts = []
            if lacking:
                parts.append(f"the other translations have {', '.join(lacking[:3])}")
            if alone:
                parts.append(f"only the {_name(loc)} translation has {', '.join(alone[:3])}")
            out.append(_finding(src, loc, check, "; ".join(parts), text_hash(texts[loc]), ctx))
    return out


@dataclass(frozen=True)
class ListItems:
    """One list field of a document (steps, required documents): its label and, per item index, the segments."""

    field: str
    label: str  # "steps"
    item_label: str  # "Step {n}"
    items: Mapping[int, tuple[SourceSide, ...]]


def list_gaps(
    lists: Iterable[ListItems],
    translated: Mapping[str, set[int]],
    last_translated: Mapping[str, int],
    ctx: CellContext,
    positions: Mapping[int, int],
    texts: Mapping[tuple[int, str], str],
) -> list[Finding]:
    """Every locale of a guide must have the same count of steps and of required documents. An item a locale
    has not translated while it translated what comes after it (a later item, a later field) was skipped, not
    merely not reached yet: it is reported on the item's first sentence. `translated` is the segment ids with a
    translation per locale, `last_translated` the position of each locale's last translated segment."""
    out: list[Finding] = []
    for lst in lists:
        total = len(lst.items)
        for locale, done in translated.items():
            present = [i for i, segs in lst.items.items() if any(s.segment_id in done for s in segs)]
            if not present or len(present) == total:
                continue
            last = last_translated.get(locale, -1)
            for index, segs in sorted(lst.items.items()):
                if index in present:
                    continue
                if positions[segs[-1].segment_id] >= last:
                    continue
                first = segs[0]
                out.append(
                    _finding(
                        first,
                        locale,
                        "list_items",
                        f"the {_name(locale)} translation has {len(present)} of the {total} {lst.label}: "
                        f"{lst.item_label.replace('{n}', str(index + 1))} is not translated while later ones are",
                        text_hash(texts.get((first.segment_id, locale), "")),
                        ctx,
                    )
                )
    return out
