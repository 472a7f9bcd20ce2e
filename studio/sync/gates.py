"""What may be published: the gates every document and locale must pass, and how each differs from what the portal
has live.

A variant passes when every sentence of the document has an approved translation in its locale that keeps the
source's placeholders and markup (`workflow.cells.translation_problems`), is no pseudo text and has no quality
error (`qa.runner.release_errors`: a changed number, link or phone number, a forbidden term); its source locale is
live on the portal or goes in the same release; the document is not deleted on the portal, and the portal's copy has
not been changed by someone else since Studio last pushed (as far as the last pull knows). A core goes along with
its document's first variant, or alone when the document is live and only its neutral facts changed.

"Everything ready" is every document and locale that passes and differs from what the portal has live.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.content import queries
from studio.locales import LOCALE_CODES
from studio.memory.glossary import load_glossary
from studio.models import RemoteState
from studio.models.publishing import CORE
from studio.qa.runner import release_errors
from studio.sync.canonical import content_hash
from studio.sync.payload import Cuts, core_body, variant_body

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class Candidate:
    """One document's core (`locale` None) or variant, checked: `reasons` say why it may not be published (empty:
    it may), `difference` how it compares with what the portal has live (new, changed, unchanged), `included`
    whether the release would carry it."""

    document_id: str
    slug: str
    title: str
    section: str
    locale: str | None
    content_hash: str
    difference: str
    reasons: tuple[str, ...] = ()
    included: bool = False
    body: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ready(self) -> bool:
        return not self.reasons

    @property
    def key(self) -> tuple[str, str | None]:
        return self.document_id, self.locale


@dataclass(frozen=True)
class ReleasePlan:
    """Every candidate considered, in document order (core first, then the locales in the portal's order)."""

    target: str
    candidates: tuple[Candidate, ...]

    @property
    def included(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.included)

    @property
    def held_back(self) -> tuple[Candidate, ...]:
        """Candidates that fail a gate (unchanged ones that pass are simply not needed)."""
        return tuple(c for c in self.candidates if not c.ready)


def remote_states(session: Session, target: str, documents: Iterable[str] | None = None
                  ) -> dict[tuple[str, str], RemoteState]:
    """What Studio knows `target` holds, by (document id, locale; "" for the core)."""
    stmt = select(RemoteState).where(RemoteState.target == target)
    wanted = None if documents is None else set(documents)
    return {(r.document_id, r.locale): r for r in session.scalars(stmt)
            if wanted is None or r.document_id in wanted}


def _difference(digest: str, remote: RemoteState | None) -> str:
    if remote is None or remote.live_hash is None:
        return NEW
    return UNCHANGED if remote.live_hash == digest else CHANGED


def plan(session: Session, target: str, document_ids: Sequence[str], locales: Sequence[str] | None = None
         ) -> ReleasePlan:
    """Check `document_ids` (live documents, in order) in `locales` (default: all nine) against `target`."""
    wanted = [c for c in LOCALE_CODES if locales is None or c in locales]
    remote = remote_states(session, target, document_ids)
    glossary = load_glossary(session)  # read once: the quality gate checks every document's approved texts
    out: list[Candidate] = []
    for document_id in document_ids:
        view = queries.document_view(session, document_id)
        out.extend(_document_candidates(view, wanted, remote, release_errors(view, glossary)))
    return ReleasePlan(target, tuple(out))


def _document_candidates(view: queries.DocumentView, locales: Sequence[str],
                         remote: Mapping[tuple[str, str], RemoteState],
                         quality: Mapping[str, Sequence[str]] | None = None) -> list[Candidate]:
    row = view.row
    core_remote = remote.get((row.id, CORE))
    common: list[str] = []
    if core_remote is not None and core_remote.deleted:
        common.append("deleted on the portal (as of the last pull): it cannot be published again")

    def candidate(locale: str | None, body: Mapping[str, Any], reasons: list[str]) -> Candidate:
        state = remote.get((row.id, CORE if locale is None else locale))
        if state is not None and state.changed_on_portal:
            reasons.append("changed on the portal since Studio last pushed it: keep Studio's text or take the "
                           "portal's first (three-way view)")
        digest = content_hash(body)
        return Candidate(row.id, row.slug, row.title, row.section, locale, digest, _difference(digest, state),
                         tuple(common + reasons), body=body)

    variants: dict[str, Candidate] = {}
    cuts = Cuts(view)
    for locale in locales:
        built = variant_body(view, locale, cuts)
        reasons: list[str] = []
        if built.missing:
            shown = ", ".join(built.missing[:4]) + (", …" if len(built.missing) > 4 else "")
            reasons.append(f"not approved in {locale}: {len(built.missing)} text(s) ({shown})")
        reasons.extend(built.problems[:5])
        reasons.extend((quality or {}).get(locale, ())[:3])  # a quality error (a changed number, a forbidden term)
        variants[locale] = candidate(locale, built.body, reasons)

    core = candidate(None, core_body(view), [])
    core_live = core_remote is not None and core_remote.live_hash is not None
    # The source locale must be live, or go in this release: the portal shows no translation of a document whose
    # source it does not show, and Studio's rule is that the source goes first. A variant needs its core too.
    source = row.source_locale
    source_remote = remote.get((row.id, source))
    source_live = source_remote is not None and source_remote.live_hash is not None
    source_going = source in variants and variants[source].ready and variants[source].difference != UNCHANGED
    included: dict[str, Candidate] = {}
    for locale, cand in variants.items():
        if cand.ready and locale != source and not (source_live or source_going):
            cand = replace(cand, reasons=(f"its source ({source}) is neither live on the portal nor in this release",))
        if cand.ready and not core_live and not core.ready:
            cand = replace(cand, reasons=(f"the document's core cannot go: {core.reasons[0]}",))
        included[locale] = replace(cand, included=cand.ready and cand.difference != UNCHANGED)
    core_wanted = core.ready and core.difference != UNCHANGED and (
        any(c.included for c in included.values()) or core_live)
    return [replace(core, included=core_wanted), *included.values()]
