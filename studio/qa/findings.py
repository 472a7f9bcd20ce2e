"""The catalogue of quality checks and what a check finds.

Each check has a stable id (stored with acknowledgements and printed by `studio qa --json`, so never renamed), a
severity and a title. An **error** blocks approval and release: it is a fact the portal must not publish wrong (a
placeholder, a link, a phone number, a long number, a forbidden term, the field's length). A **warning** is
probably wrong and may be right (a spelled-out number, Chinese words left on purpose for a taxi driver): a person
acknowledges it with a note, and the note holds while the text stays the same.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Check:
    """One kind of check: `id` is stable; `severity` is the most it reports (a check reporting a small number as a
    warning and a long one as an error says `error` here); `group` sorts the quality view's filter."""

    id: str
    severity: str
    title: str
    group: str


CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        Check("empty", ERROR, "Empty translation", "accuracy"),
        Check("same_as_source", WARNING, "Same as the source", "accuracy"),
        Check("placeholders", ERROR, "Placeholders or markup", "accuracy"),
        Check("numbers", ERROR, "Numbers", "accuracy"),
        Check("urls", ERROR, "Links", "accuracy"),
        Check("emails", ERROR, "E-mail addresses", "accuracy"),
        Check("phones", ERROR, "Phone numbers", "accuracy"),
        Check("max_length", ERROR, "Longer than the field allows", "accuracy"),
        Check("glossary_required", WARNING, "Glossary term missing", "terminology"),
        Check("glossary_forbidden", ERROR, "Forbidden term", "terminology"),
        Check("untranslated_chinese", WARNING, "Chinese characters left", "accuracy"),
        Check("spaces", WARNING, "Leading, trailing or double spaces", "typography"),
        Check("ending_punctuation", WARNING, "Ending punctuation", "typography"),
        Check("punctuation_style", WARNING, "Punctuation of another script", "typography"),
        Check("brackets", WARNING, "Brackets and quotes in pairs", "typography"),
        Check("repeated_word", WARNING, "Repeated word", "fluency"),
        Check("french_typography", WARNING, "French spacing", "typography"),
        Check("cross_numbers", WARNING, "Numbers differ between translations", "consistency"),
        Check("cross_urls", WARNING, "Links differ between translations", "consistency"),
        Check("cross_phones", WARNING, "Phone numbers differ between translations", "consistency"),
        Check("list_items", WARNING, "Steps or documents missing in one language", "consistency"),
        Check("long_sentence", WARNING, "Long sentence", "readability"),
        Check("long_word", WARNING, "Long word", "readability"),
        Check("discouraged_term", WARNING, "Bureaucratic term", "readability"),
    )
}


def text_hash(text: str) -> str:
    """A text's digest (a finding's `text_hash`)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def ack_digest(source: str, translation_hash: str) -> str:
    """What an acknowledgement is tied to: the translation (by its `text_hash`) of this source. Editing either
    re-opens the warning; putting the same text back brings the acknowledgement back."""
    return hashlib.sha1(f"{source}\0{translation_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    """One thing a check found in one translation (`segment_id`, `locale`) of a document. `acknowledged` (with
    the `note`) only ever for a warning whose text has not changed since."""

    document_id: str
    segment_id: int
    locale: str
    check: str
    severity: str
    message: str
    field_path: str = ""
    text_hash: str = ""
    acknowledged: bool = False
    note: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def title(self) -> str:
        return CHECKS[self.check].title
