"""Pre-translation: fill the missing and outdated cells of chosen documents and locales with machine drafts.

A job (`studio.jobs`): it reads what to fill in one short read, then for each locale sends the sentences to the
locale's engines in batches, `Limits.concurrency` requests at once on a pool of its own, and writes each answered
batch as drafts in a short transaction of its own, so an editor typing meanwhile never waits on it. It never
replaces text a person wrote (the write re-checks every cell: `workflow.cells.machine_drafts`), and replaces
earlier machine drafts only when asked.

Every answer is cached in the workspace (`mt_cache`, by engine and settings, language pair and source text): a second
run sends nothing, and a run killed midway asks no engine again for what it already had. When an engine cannot
be reached the job says "waiting for network" and tries again by itself, backing off up to half a minute; an
engine that refuses (a wrong key, a pair it lacks) or answers nonsense hands its sentences to the next engine of
the locale's route.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from studio.changes import Changes
from studio.errors import StudioError
from studio.jobs import Job, Progress
from studio.locales import LOCALE_CODES
from studio.memory.glossary import Glossary, load_glossary
from studio.models import Cell, Document, MTCache, Segment, table_of, utcnow
from studio.mt.catalogue import spec
from studio.mt.config import PIVOT_LOCALE, MTSettings
from studio.mt.engine import Deadline, Engine, EngineError, EngineRefused, EngineUnreachable, Request
from studio.mt.masking import Masked, mask, unmask
from studio.permissions import Actor, require
from studio.states import CellState
from studio.workflow.cells import MachineDraft, machine_drafts

Transaction = Callable[[], AbstractContextManager[Session]]

BATCH_DEADLINE = 120.0  # seconds a batch may take, retries included, before it counts as unanswered
WAITING_BACKOFF = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds between tries while an engine cannot be reached
_POLL = 0.2  # seconds between two looks at the requests in flight: a cancel and progress point


@dataclass(frozen=True)
class Scope:
    """What to pre-translate: these documents (None: every live document)."""

    documents: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One cell to fill: where, what to send, and the cell's version when it was read (None: no cell row)."""

    segment_id: int
    locale: str
    document_id: str
    source_locale: str
    request: Request
    version: int | None
    pivot: bool = False
    term_spans: tuple[tuple[int, int, str], ...] = ()  # where the glossary's terms stand: `Glossary.mt_spans`

    @property
    def sent_from(self) -> str:
        """The locale of the text sent: the approved English for a pivot, else the document's source."""
        return PIVOT_LOCALE if self.pivot else self.source_locale

    def origin(self, engine: str) -> str:
        """The origin of the draft `engine` makes of it: `mt:<engine>`, `mt:<engine>:pivot-en`."""
        return f"mt:{engine}:pivot-{PIVOT_LOCALE}" if self.pivot else f"mt:{engine}"


@dataclass
class Report:
    """What a pre-translation did, per locale: drafts written, from the cache, sentences no engine translated
    (with why), and cells left alone because someone wrote them meanwhile."""

    drafted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    cached: int = 0
    requests: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # "segment/locale" -> why
    skipped: int = 0
    damaged: int = 0
    documents: set[str] = field(default_factory=set)
    cells: set[tuple[int, str]] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.drafted.values())

    @property
    def changes(self) -> Changes:
        return Changes(cells=frozenset(self.cells), translated=frozenset(self.documents), summary=self.summary)

    @property
    def summary(self) -> str:
        parts = [f"{self.total} machine draft(s)"]
        if self.cached:
            parts.append(f"{self.cached} from the cache")
        if self.damaged:
            parts.append(f"{self.damaged} flagged: placeholders came back damaged")
        if self.failed:
            parts.append(f"{len(self.failed)} not translated ({next(iter(self.failed.values()))})")
        if self.skipped:
            parts.append(f"{self.skipped} left alone: written meanwhile")
        return "; ".join(parts)


@dataclass
class _Run:
    """What every step of one pre-translation needs."""

    reading: Transaction
    writing: Transaction
    actor: Actor
    replace_machine: bool
    sleep: Callable[[float], None]
    report: Report = field(default_factory=Report)
    total: int = 0  # sentences to fill
    done: int = 0  # of those, written, left alone or given up

    def progress(self, what: str) -> Progress:
        return Progress(self.done, self.total, what)


def pretranslate(reading: Transaction, writing: Transaction, actor: Actor | None, settings: MTSettings,
                 locales: Sequence[str], scope: Scope = Scope(), *, engine: str | None = None,
                 replace_machine: bool = False, sleep: Callable[[float], None] = time.sleep) -> Job[Report]:
    """The pre-translation job (see the module's docstring); `reading` and `writing` open a session each.

    Every locale goes at once, each on the first engine of its route that takes its sentences, so a locale
    waiting for its engine's network never holds back another (the offline engine keeps working). An engine
    shared by several locales has `Limits.concurrency` requests in flight in all."""
    checked = require(actor, "translate")
    wanted = [loc for loc in LOCALE_CODES if loc in set(locales)]
    run = _Run(reading, writing, checked, replace_machine, sleep)
    yield Progress(0, 0, "reading what to pre-translate")
    with reading() as session:
        sentences = plan(session, wanted, scope, replace_machine, {loc for loc in wanted if settings.pivot(loc)})
    run.total = len(sentences)
    engines = _Engines(settings)
    routes = [_Route(loc, [engine] if engine else settings.route(loc), [s for s in sentences if s.locale == loc])
              for loc in wanted]
    lanes: list[_Lane] = []
    for route in routes:
        lane = yield from _next_lane(run, engines, route)
        if lane is not None:
            lanes.append(lane)
    if lanes:
        yield from _send(run, engines, lanes)
    yield Progress(run.total, run.total, run.report.summary)
    return run.report


@dataclass(eq=False)
class _Route:
    """One locale's sentences on their way along its route of engines."""

    locale: str
    engines: list[str]
    todo: list[Sentence]  # not yet given to an engine, or given back by one
    position: int = 0  # the next engine of `engines` to try
    why: dict[int, str] = field(default_factory=dict)  # the latest reason, per sentence no engine translated yet


@dataclass(eq=False)
class _Lane:
    """A locale's sentences on one engine: the batches still to send, and how sending goes."""

    route: _Route
    engine: Engine
    cache: str
    masked: _Masks
    batches: list[_Batch]
    last: bool  # no later engine of the route takes these sentences: out of reach, it waits for the network
    left: list[tuple[Sentence, str]] = field(default_factory=list)  # given up, with why
    in_flight: int = 0
    waiting: int = 0  # times in a row the engine could not be reached
    resume_at: float = 0.0
    news: str = ""  # what the user should read while it waits

    @property
    def done(self) -> bool:
        return not self.batches and not self.in_flight


class _Engines:
    """The engines of this run, each made once; one that cannot be made says why instead."""

    def __init__(self, settings: MTSettings) -> None:
        self.settings = settings
        self._made: dict[str, Engine | StudioError] = {}
        self.busy: dict[str, int] = defaultdict(int)  # requests in flight per engine, all locales together
        self.refused: dict[str, str] = {}  # engines that refuse every request (a key refused), with why

    def usable(self, name: str) -> Engine | None:
        if name not in self._made:
            try:
                self._made[name] = self.settings.engine(name)
            except StudioError as exc:  # not set up: the next engine of the route tries
                self._made[name] = exc
        made = self._made[name]
        return None if isinstance(made, StudioError) else made

    def why_not(self, name: str) -> str:
        return str(self._made[name])


def _next_lane(run: _Run, engines: _Engines, route: _Route) -> Job[_Lane | None]:
    """The lane of the next engine of the route that takes some of its sentences (what the cache has written at
    once); None when the route is at its end, its last sentences given up with the last reason."""
    locale = route.locale
    while route.todo and route.position < len(route.engines):
        name = route.engines[route.position]
        route.position += 1
        made = engines.usable(name)
        if made is None:
            route.why.update(dict.fromkeys(map(id, route.todo), engines.why_not(name)))
            continue
        pairs = {pair: made.supports(*pair) for pair in {(s.sent_from, locale) for s in route.todo}}
        usable = [s for s in route.todo if pairs[(s.sent_from, locale)]]
        route.todo = [s for s in route.todo if not pairs[(s.sent_from, locale)]]
        for s in route.todo:  # an earlier engine's reason says more than "does not translate"
            route.why.setdefault(id(s), f"{made.name} does not translate {s.sent_from} to {locale}")
        if not usable:
            continue
        # The last engine that can take these sentences waits for the network rather than give them up.
        later = [e for e in map(engines.usable, route.engines[route.position:]) if e is not None]
        last = not any(e.supports(*pair) for e in later for pair in pairs if pairs[pair])
        lane = yield from _from_cache(run, made, cache_name(engines.settings, name), route, usable, last)
        if not lane.done:
            return lane
    for s in route.todo:
        run.report.failed[f"{s.segment_id}/{s.locale}"] = route.why.get(id(s)) or f"no engine is set up for {locale}"
    run.done += len(route.todo)
    route.todo = []
    return None


def _from_cache(run: _Run, engine: Engine, cache: str, route: _Route, sentences: list[Sentence],
                last: bool) -> Job[_Lane]:
    """A lane for `sentences` on `engine`, with what the cache holds written as drafts already."""
    masked = _Masks(sentences)
    with run.reading() as session:
        cached = cached_translations(session, cache, sentences)
    from_cache = [s for s in sentences if id(s) in cached]
    for start in range(0, len(from_cache), 200):
        chunk = from_cache[start:start + 200]
        _write(run, engine, cache, chunk, [cached[id(s)] for s in chunk], masked, store=False)
        run.report.cached += len(chunk)
        run.done += len(chunk)
        yield run.progress(f"{route.locale}: {engine.name}, from the cache")
    size = max(1, engine.limits.batch_size)
    # One source language per request: pivot sentences (from English) and documents written in another
    # language go in batches of their own.
    by_source: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if id(s) not in cached:
            by_source[s.sent_from].append(s)
    batches = [_Batch(group[i:i + size]) for group in by_source.values() for i in range(0, len(group), size)]
    return _Lane(route, engine, cache, masked, batches, last)


@dataclass(frozen=True)
class _Batch:
    """Sentences sent in one request, and how many times the engine was out of reach for them."""

    sentences: list[Sentence]
    tries: int = 0


@dataclass(frozen=True)
class _Sent:
    """A request in flight: its lane, its batch, whether it only asks if the engine answers at all (`_answers`),
    and its deadline (cancelled with the job)."""

    lane: _Lane
    batch: _Batch
    probe: bool
    deadline: Deadline


MAX_TRIES = 3
"""Sends of one batch that found the engine out of reach before the route's next engine takes it over. The last
engine of a route then asks itself something small (`_answers`): no answer, and it waits for the network as long
as it takes; an answer, and the batch is what it cannot answer (a request the server always drops)."""
PROBE = {"en": "Beijing"}  # by source locale; anything else: the source's own word
PROBE_DEADLINE = 15.0


def _answers(engine: Engine, source: str, target: str, deadline: Deadline) -> bool:
    """Whether the engine answers at all now: a refusal is an answer too."""
    try:
        engine.translate([Request(PROBE.get(source, "北京"))], source, target, deadline)
    except EngineUnreachable:
        return False
    except EngineError:
        return True
    return True


def _send(run: _Run, engines: _Engines, lanes: list[_Lane]) -> Job[None]:
    """Send every lane's batches, each engine's requests on a pool of its own, and write the answers as they
    come; a lane whose engine gave sentences up hands them to the next engine of its route."""
    pools: dict[str, ThreadPoolExecutor] = {}
    in_flight: dict[Future[Any], _Sent] = {}

    def submit(lane: _Lane, batch: _Batch, *, probe: bool = False) -> None:
        engine = lane.engine
        if engine.name not in pools:
            pools[engine.name] = ThreadPoolExecutor(max_workers=max(1, engine.limits.concurrency),
                                                    thread_name_prefix=f"mt-{engine.name}")
        source = batch.sentences[0].sent_from
        future: Future[Any]
        if probe:
            deadline = Deadline(PROBE_DEADLINE)
            future = pools[engine.name].submit(_answers, engine, source, lane.route.locale, deadline)
        else:
            deadline = Deadline(BATCH_DEADLINE)
            requests = [replace(s.request, text=lane.masked[id(s)].text) for s in batch.sentences]
            future = pools[engine.name].submit(engine.translate, requests, source, lane.route.locale, deadline)
        in_flight[future] = _Sent(lane, batch, probe, deadline)
        lane.in_flight += 1
        engines.busy[engine.name] += 1
        run.report.requests += 1

    try:
        while lanes:
            now = time.monotonic()
            # A batch from each lane in turn while its engine has room: locales sharing an engine share it (a lane
            # served goes to the back of the line).
            ready = True
            while ready:
                ready = False
                for lane in list(lanes):
                    engine = lane.engine
                    if lane.batches and now >= lane.resume_at and \
                            engines.busy[engine.name] < max(1, engine.limits.concurrency):
                        submit(lane, lane.batches.pop(0))
                        lanes.remove(lane)
                        lanes.append(lane)
                        ready = True
            if in_flight:
                finished, _ = wait(in_flight, timeout=_POLL, return_when=FIRST_COMPLETED)
            else:  # every lane waits for its engine to be back
                run.sleep(min(_POLL, max(0.0, min(lane.resume_at for lane in lanes) - now)))
                finished = set()
            for future in finished:
                sent = in_flight.pop(future)
                sent.lane.in_flight -= 1
                engines.busy[sent.lane.engine.name] -= 1
                _answered(run, sent, future, submit, engines.refused)
            for lane in lanes:  # a key refused, a quota used up: the engine's other sentences are not sent
                if lane.engine.name in engines.refused and lane.batches:
                    why = engines.refused[lane.engine.name]
                    lane.left += [(s, why) for waiting in lane.batches for s in waiting.sentences]
                    lane.batches.clear()
            for lane in [lane for lane in lanes if lane.done]:
                lanes.remove(lane)
                route = lane.route
                route.why.update((id(s), reason) for s, reason in lane.left)  # newer than any earlier reason
                route.todo += [s for s, _ in lane.left]
                following = yield from _next_lane(run, engines, route)
                if following is not None:
                    lanes.append(following)
            yield run.progress(_saying(lanes))
    finally:
        # A cancel leaves at a yield. Requests in flight end on their own threads, at once if they were pausing
        # to ask again, else when their socket's timeout ends the read under way: they are not waited for here.
        for sent in in_flight.values():
            sent.deadline.cancel()
        for pool in pools.values():
            pool.shutdown(wait=False, cancel_futures=True)


def _answered(run: _Run, sent: _Sent, future: Future[Any], submit: Callable[..., None],
              refused: dict[str, str]) -> None:
    """Take in one request's answer: drafts written, a batch sent again later, halved, or given up."""
    lane, batch = sent.lane, sent.batch.sentences
    if sent.probe:
        if future.result():
            # The engine is there, yet not for these: halve them until the one it cannot answer is alone, and
            # give that one up; the others get their drafts.
            if len(batch) == 1:
                lane.left.append((batch[0], lane.news or f"{lane.engine.name} never answered it"))
            else:
                half = len(batch) // 2
                lane.batches[:0] = [_Batch(batch[:half]), _Batch(batch[half:])]
        else:
            _wait_for_network(lane, sent.batch, lane.news)
        return
    tries = sent.batch.tries + 1
    try:
        texts = future.result()
    except EngineUnreachable as exc:
        if tries >= MAX_TRIES and not lane.last:  # the route's next engine takes them over
            lane.left += [(s, str(exc)) for s in batch]
        elif tries >= MAX_TRIES:
            lane.news = str(exc)
            submit(lane, _Batch(batch, tries), probe=True)
        else:
            _wait_for_network(lane, _Batch(batch, tries), str(exc))
        return
    except EngineError as exc:
        lane.left += [(s, str(exc)) for s in batch]
        if isinstance(exc, EngineRefused) and exc.for_everything:  # every other request would be refused too
            refused[lane.engine.name] = str(exc)
        return
    lane.waiting, lane.news = 0, ""
    _write(run, lane.engine, lane.cache, batch, texts, lane.masked, store=True)
    run.done += len(batch)


def _wait_for_network(lane: _Lane, batch: _Batch, why: str) -> None:
    """Send `batch` again after a pause that grows while the engine stays out of reach."""
    lane.batches.insert(0, batch)
    pause = WAITING_BACKOFF[min(lane.waiting, len(WAITING_BACKOFF) - 1)]
    lane.waiting += 1
    lane.resume_at = time.monotonic() + pause
    lane.news = f"{why}; trying again in {pause:.0f} s"


def _saying(lanes: Sequence[_Lane]) -> str:
    """What the job is doing: the first engine waiting for the network, else each locale's engine."""
    waiting = [lane for lane in lanes if lane.waiting]
    if waiting:
        return f"waiting for network: {waiting[0].route.locale}: {waiting[0].news}"
    return ", ".join(f"{lane.route.locale}: {lane.engine.name}" for lane in lanes)


def cache_name(settings: MTSettings, engine: str) -> str:
    """The name an engine's answers are cached under: its name and a fingerprint of its settings (another LLM
    model, another server: other answers), secrets left out."""
    options = settings.options(engine, secrets=False)
    public = {o.name: options[o.name] for o in spec(engine).options if not o.secret and options.get(o.name)}
    digest = hashlib.sha256(json.dumps(public, sort_keys=True).encode("utf-8")).hexdigest()[:10]
    return f"{engine}@{digest}"


def _write(run: _Run, engine: Engine, cache: str, batch: Sequence[Sentence], texts: Sequence[str],
           masked: _Masks, *, store: bool) -> None:
    """Unmask an answered batch and store it as drafts in a transaction of its own (with the answers cached)."""
    drafts = []
    for s, text in zip(batch, texts, strict=True):
        restored = unmask(masked[id(s)], text)
        issue = restored.problem if restored.damaged else None
        drafts.append(MachineDraft(s.segment_id, s.locale, restored.text, s.origin(engine.name), s.version, issue))
    with run.writing() as session:
        if store:
            remember(session, cache, batch, texts)
        written = machine_drafts(session, run.actor, drafts, replace_machine=run.replace_machine)
    report = run.report
    for d in written:
        report.drafted[d.locale] += 1
        report.cells.add((d.segment_id, d.locale))
        report.damaged += d.issue is not None
    report.documents.update(s.document_id for s in batch if (s.segment_id, s.locale) in report.cells)
    report.skipped += len(drafts) - len(written)


# --- what to fill ----------------------------------------------------------------------------------------------

def plan(session: Session, locales: Sequence[str], scope: Scope, replace_machine: bool,
         pivots: set[str], *, every_cell: bool = False, glossary: Glossary | None = None) -> list[Sentence]:
    """Every cell of the scope's live documents in `locales` that a machine draft may fill: missing, outdated,
    or (with `replace_machine`) a machine draft nobody touched since; in document order. With `every_cell`, every
    cell whatever it holds (suggestions for the cell an editor is at). `glossary`: the workspace's cached one
    (read here when not given; for one cell, reading and compiling the whole glossary would be most of the
    time)."""
    docs = select(Document.id, Document.type, Document.source_locale).where(Document.deleted_at.is_(None))
    if scope.documents is not None:
        docs = docs.where(Document.id.in_(scope.documents))
    documents = {d.id: d for d in session.execute(docs)}
    # Plain rows, not ORM objects: on the whole portal this read runs beside the window, and shares its interpreter.
    segments: dict[str, list[Any]] = defaultdict(list)
    for seg in session.execute(select(Segment.id, Segment.document_id, Segment.field_path, Segment.text)
                               .where(Segment.document_id.in_(documents))
                               .order_by(Segment.document_id, Segment.position)):
        segments[seg.document_id].append(seg)
    wanted = set(locales) | (set(LOCALE_CODES) if pivots else set())  # pivots: every approved translation
    cells: dict[tuple[int, str], Any] = {(c.segment_id, c.locale): c for c in session.execute(
        select(Cell.segment_id, Cell.locale, Cell.state, Cell.origin, Cell.version, Cell.text)
        .join(Segment, Segment.id == Cell.segment_id)
        .where(Segment.document_id.in_(documents), Cell.locale.in_(wanted)))}
    if glossary is None:  # its terms are masked, and come back as the locale's approved term
        glossary = load_glossary(session)
    out = []
    for doc_id, doc in documents.items():
        time.sleep(0)  # a moment for the window's thread to take the interpreter: this loop runs for a while
        fields: dict[str, list[str]] = defaultdict(list)
        for seg in segments[doc_id]:
            fields[seg.field_path].append(seg.text)
        places: dict[str, int] = defaultdict(int)
        for seg in segments[doc_id]:
            same_field, place = fields[seg.field_path], places[seg.field_path]
            places[seg.field_path] += 1
            for locale in locales:
                if locale == doc.source_locale:
                    continue
                cell = cells.get((seg.id, locale))
                if not every_cell and not _fillable(cell, replace_machine):
                    continue
                approved = {loc: c.text for loc in LOCALE_CODES if loc != locale and locale in pivots
                            and (c := cells.get((seg.id, loc))) is not None and c.state == CellState.APPROVED}
                pivot = PIVOT_LOCALE in approved
                # Sent from the approved English; an engine that reads context (the LLM) also gets the
                # approved translations in every other locale.
                text, text_locale = (approved[PIVOT_LOCALE], PIVOT_LOCALE) if pivot else (seg.text, doc.source_locale)
                spans = tuple(glossary.mt_spans(text, text_locale, locale)) if glossary else ()
                request = Request(text, doc.type, seg.field_path,
                                  tuple(same_field[max(0, place - 1):place]), tuple(same_field[place + 1:place + 2]),
                                  approved, {text[a:b]: target for a, b, target in reversed(spans)})
                out.append(Sentence(seg.id, locale, doc_id, doc.source_locale, request,
                                    cell.version if cell is not None else None, pivot, spans))
    return out


def _fillable(cell: Any, replace_machine: bool) -> bool:
    if cell is None:
        return True
    state, origin = cell.state, cell.origin
    if state in (CellState.MISSING, CellState.OUTDATED):
        return True
    return replace_machine and state == CellState.DRAFT and origin.startswith("mt:")


# --- the cache ---------------------------------------------------------------------------------------------------

class _Masks(dict[int, Masked]):
    """Each sentence's masked text (by `id(sentence)`), made when first needed: masking the whole portal at once
    would hold the interpreter for a while beside the window."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        super().__init__()
        self._sentences = {id(s): s for s in sentences}

    def __missing__(self, key: int) -> Masked:
        sentence = self._sentences[key]
        self[key] = made = mask(sentence.request.text, spans=sentence.term_spans)
        return made


def _key(s: Sentence) -> str:
    """The cache key of a sentence's text: masking is a function of the text and where the glossary's terms
    stand in it."""
    terms = json.dumps(s.term_spans, ensure_ascii=False)
    return hashlib.sha256(f"{s.request.text}\x00{terms}".encode()).hexdigest()


def cached_translations(session: Session, engine: str, sentences: Sequence[Sentence]) -> dict[int, str]:
    """The cached (masked) answers of `engine` for these sentences, by `id(sentence)`."""
    wanted: dict[tuple[str, str, str], list[Sentence]] = defaultdict(list)
    for s in sentences:
        wanted[(s.sent_from, s.locale, _key(s))].append(s)
    hashes = sorted({h for _, _, h in wanted})
    out: dict[int, str] = {}
    for start in range(0, len(hashes), 500):
        time.sleep(0)
        for row in session.execute(select(MTCache.source_locale, MTCache.target_locale, MTCache.source_hash,
                                          MTCache.translation)
                                   .where(MTCache.engine == engine,
                                          MTCache.source_hash.in_(hashes[start:start + 500]))):
            for s in wanted.get((row.source_locale, row.target_locale, row.source_hash), []):
                out[id(s)] = row.translation
    return out


def remember(session: Session, engine: str, batch: Sequence[Sentence], texts: Sequence[str]) -> None:
    """Cache an engine's (masked) answers, once per engine, pair and source text."""
    rows = {}
    for s, text in zip(batch, texts, strict=True):
        key = (s.sent_from, s.locale, _key(s))
        rows[key] = {"engine": engine, "source_locale": key[0], "target_locale": key[1], "source_hash": key[2],
                     "translation": text, "created_at": utcnow()}
    known = {tuple(row) for row in session.execute(
        select(MTCache.source_locale, MTCache.target_locale, MTCache.source_hash)
        .where(MTCache.engine == engine, MTCache.source_hash.in_([k[2] for k in rows])))}
    fresh = [row for key, row in rows.items() if key not in known]
    if fresh:
        session.execute(insert(table_of(MTCache)), fresh)
