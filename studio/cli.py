"""The command line: `studio [--workspace DIR] [--database-url URL] [--user NAME] COMMAND`.

It calls workspace operations and prints; it holds no logic of its own and never starts Qt except for
`gui`. Exit codes: 0 success, 1 a user error (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO, TypeVar

from studio import __version__, db
from studio.errors import OutdatedSchema, StudioError
from studio.jobs import Cancelled, Job, JobControl, Progress, run_job
from studio.locales import LOCALE_CODES, SOURCE_DEFAULT
from studio.memory.glossary import PARTS_OF_SPEECH
from studio.models import ROLES
from studio.permissions import require
from studio.states import CellState
from studio.unsafe_characters import UNSAFE_IN_JSON, UNSAFE_ON_TERMINAL, UNSAFE_ON_TERMINAL_IN_LINES


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1440x900") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height go from 200 to 8000")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studio", description="Studio: editorial and translation workstation of the international portal of the "
                                "People's Government of Beijing Municipality (english.beijing.gov.cn).",
        epilog="Environment: STUDIO_WORKSPACE, STUDIO_DATABASE_URL, STUDIO_USER, STUDIO_PASSWORD "
               "(the signed-in user's), STUDIO_NEW_PASSWORD (for user add / user passwd), STUDIO_PORTAL_URL and "
               "STUDIO_PORTAL_TOKEN (the portal releases go to).")
    parser.add_argument("--version", action="version", version=f"studio {__version__}")
    parser.add_argument("--workspace", metavar="DIR", help="workspace folder (embedded SQLite)")
    parser.add_argument("--database-url", metavar="URL", help="database URL, e.g. postgresql+psycopg://...")
    parser.add_argument("--user", metavar="NAME", help="act as this user (password: STUDIO_PASSWORD or prompt)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the main window (the default command)")
    gui.add_argument("--screenshot", metavar="FILE", type=Path, help="render the window offscreen to FILE and exit")
    gui.add_argument("--size", default="1440x900", type=_size, help="window size for --screenshot (default 1440x900)")
    gui.add_argument("--document", metavar="ID", help="open this document (id or slug)")
    gui.add_argument("--locales", default="", help="target columns to show, e.g. en,ar (default: as last time)")
    gui.add_argument("--edit", metavar="LOCALE[:FIELD[#N]]",
                     help="with --screenshot: open the editor on the first cell of LOCALE (or on sentence N of "
                          "FIELD, e.g. ar:answer#2)")
    gui.add_argument("--preview", metavar="LOCALES", default="",
                     help="with --screenshot: render the preview in these one or two locales, e.g. zh-Hans,ar")

    init = sub.add_parser("init", help="create an empty workspace with the six sections")
    init.add_argument("--admin", metavar="NAME", help="also create this first account (all three roles)")

    demo = sub.add_parser("demo", help="fill the workspace with the demo content (and users, if it has none)")
    demo.add_argument("--force", action="store_true",
                      help="replace the documents of a non-empty workspace (as a signed-in supervisor); "
                           "its accounts are kept as they are")

    sub.add_parser("upgrade", help="bring a workspace made by an older Studio up to date (after a backup)")

    backup = sub.add_parser("backup", help="copy the workspace into a new file (embedded workspaces)")
    backup.add_argument("file", type=Path, metavar="FILE")
    restore = sub.add_parser("restore", help="put a backup in place of the workspace, keeping the replaced file")
    restore.add_argument("file", type=Path, metavar="FILE")

    status = sub.add_parser("status", help="documents by type; cells by section, locale and state")
    status.add_argument("--json", action="store_true", help="print JSON (see the README for its shape)")

    imp = sub.add_parser("import", help="import documents from JSON, Markdown or HTML files or folders")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--type", required=True, help="content type, e.g. procedure_guide, article, faq")
    imp.add_argument("--section", help="section key: invest, work, study, live, visit, shop")
    imp.add_argument("--source-locale", choices=LOCALE_CODES, help=f"source language (default {SOURCE_DEFAULT})")

    docs = sub.add_parser("documents", help="list documents or show one")
    docs_sub = docs.add_subparsers(dest="action", metavar="ACTION", required=True)
    docs_list = docs_sub.add_parser("list", help="every document")
    docs_list.add_argument("--json", action="store_true")
    docs_show = docs_sub.add_parser("show", help="one document with its segments and translations")
    docs_show.add_argument("id", metavar="ID", help="document id or slug")
    docs_show.add_argument("--locale", choices=LOCALE_CODES, help="show only this locale's translations")
    docs_show.add_argument("--json", action="store_true")

    user = sub.add_parser("user", help="manage accounts")
    user_sub = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    user_add = user_sub.add_parser("add", help="add an account (password: STUDIO_NEW_PASSWORD or prompt)")
    user_add.add_argument("name")
    user_add.add_argument("--role", action="append", choices=ROLES, required=True, dest="roles")
    user_add.add_argument("--locales", default="", help="locales a reviewer reviews, e.g. fr,de")
    user_add.add_argument("--display-name", default="")
    user_list = user_sub.add_parser("list", help="every account with its roles")
    user_list.add_argument("--json", action="store_true")
    user_pw = user_sub.add_parser("passwd", help="change a password (STUDIO_NEW_PASSWORD or prompt)")
    user_pw.add_argument("name")
    _mt_parser(sub)
    _qa_parser(sub)
    _tm_parser(sub)
    _review_parser(sub)
    _publishing_parsers(sub)
    _glossary_parser(sub)
    _exchange_parsers(sub)
    return parser


def _cell_key(text: str) -> tuple[int, str]:
    """`SEGMENT_ID:LOCALE` (as `review list` prints it) as (segment id, locale)."""
    segment, _, locale = text.partition(":")
    if not segment.isdigit() or locale not in LOCALE_CODES:
        raise argparse.ArgumentTypeError(f"{text!r} is not SEGMENT_ID:LOCALE, e.g. 1234:fr (see 'studio review list')")
    return int(segment), locale


def _tm_parser(sub: Any) -> None:
    tm = sub.add_parser("tm", help="the translation memory: import and export TMX, look up, pre-translate")
    tm_sub = tm.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = tm_sub.add_parser("import", help="add the units of TMX files (any tool's, TMX 1.1 to 1.4b) to the memory")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    exp = tm_sub.add_parser("export", help="write the memory (confirmed and approved translations, imported units) "
                                           "as TMX 1.4b")
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    exp.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                     help="only translations into this locale (repeatable)")
    lookup = tm_sub.add_parser("lookup", help="the memory's matches for a source text")
    lookup.add_argument("text")
    lookup.add_argument("--source-locale", choices=LOCALE_CODES, default=SOURCE_DEFAULT)
    lookup.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                        help="only matches in this locale (repeatable)")
    lookup.add_argument("--min-score", type=int, default=None, metavar="N", help="the lowest score shown (default 50)")
    lookup.add_argument("--json", action="store_true")
    pre = tm_sub.add_parser("pretranslate", help="draft missing and outdated cells from memory matches of at least "
                                                 "a score (origin tm:<score>)")
    which = pre.add_mutually_exclusive_group(required=True)
    which.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                       help="this locale (repeatable)")
    which.add_argument("--all-locales", action="store_true", help="every target locale")
    pre.add_argument("--min-score", type=int, required=True, metavar="N", help="the lowest match score used, 50-101")
    scope = pre.add_mutually_exclusive_group()
    scope.add_argument("--document", action="append", metavar="ID_OR_SLUG", dest="documents",
                       help="this document (repeatable)")
    scope.add_argument("--all", action="store_true", help="every live document (the default)")


def cmd_tm(args: argparse.Namespace) -> int:
    if args.action == "import":
        with _open(args, write=True) as workspace:
            report = workspace.import_tmx(args.paths)
        print(visible(report.summary))
        return 0
    if args.action == "export":
        with _open(args, write=False) as workspace:
            count = workspace.export_tmx(args.output, locales=args.locales)
        print(f"wrote {count} unit(s) to {visible(str(args.output))}")
        return 0
    if args.action == "lookup":
        with _open(args, write=False) as workspace:
            found = workspace.memory_lookup_text(args.text, args.source_locale, min_score=args.min_score)
        matches = [m for m in found.matches if not args.locales or m.locale in args.locales]
        if args.json:
            _print_json([{"score": m.score, "locale": m.locale, "source": m.source, "target": m.target,
                          "kind": m.kind, "origin": m.origin, "document_type": m.document_type} for m in matches])
            return 0
        for m in matches:
            print(f"{m.score:>3}  {m.locale:<3} {visible(m.target)}  ({m.kind}, {visible(m.origin)})")
        print(f"{len(matches)} match(es)")
        return 0
    if not 50 <= args.min_score <= 101:  # below 50 a match is no help (the memory's floor)
        raise StudioError(f"--min-score {args.min_score}: give a score from 50 to 101")
    locales = list(args.locales or LOCALE_CODES)  # each document skips its own source locale
    with _open(args, write=True) as workspace:
        report = _run(workspace.memory_pretranslate_job(locales, min_score=args.min_score, documents=args.documents))
    print(visible(report.summary))
    return 0


def _review_parser(sub: Any) -> None:
    review = sub.add_parser("review", help="translations waiting for review: list, approve, reject; the four-eyes "
                                           "rule")
    review_sub = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = review_sub.add_parser("list", help="the translations waiting for review in your locales")
    listing.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                         help="this locale's queue (repeatable; default: the locales you review)")
    listing.add_argument("--document", metavar="ID_OR_SLUG", help="only this document")
    listing.add_argument("--json", action="store_true")
    approve = review_sub.add_parser("approve", help="approve translations waiting for review")
    scope = approve.add_mutually_exclusive_group(required=True)
    scope.add_argument("--cell", action="append", type=_cell_key, metavar="SEGMENT_ID:LOCALE", dest="cells",
                       help="this translation (repeatable), as 'review list' names it")
    scope.add_argument("--document", metavar="ID_OR_SLUG", help="every translation of this document waiting for you")
    scope.add_argument("--all", action="store_true", help="every translation waiting for you")
    approve.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                         help="with --document or --all: only this locale (repeatable; default: those you review)")
    approve.add_argument("--json", action="store_true")
    reject = review_sub.add_parser("reject", help="reject translations back to their translators, with a reason")
    reject.add_argument("--cell", action="append", type=_cell_key, metavar="SEGMENT_ID:LOCALE", dest="cells",
                        required=True, help="this translation (repeatable), as 'review list' names it")
    reject.add_argument("--comment", required=True, help="why: the translators read it")
    reject.add_argument("--json", action="store_true")
    four_eyes = review_sub.add_parser("four-eyes", help="whether a reviewer may approve a text they wrote "
                                                        "(on: not; set by a supervisor)")
    four_eyes.add_argument("state", choices=["on", "off", "status"])
    four_eyes.add_argument("--json", action="store_true")


def _glossary_parser(sub: Any) -> None:
    glossary = sub.add_parser("glossary", help="the glossary: import and export TBX or CSV, add and list terms")
    glossary_sub = glossary.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = glossary_sub.add_parser("import", help="merge TBX (v3 or v2 martif) or CSV (.csv) files into the glossary")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    exp = glossary_sub.add_parser("export", help="write the glossary as TBX v3 (TBX-Basic) or CSV")
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    exp.add_argument("--format", choices=("tbx", "csv"), help="default: from the file name's suffix, else tbx")
    exp.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                     help="only this locale's terms, with the source's (repeatable)")
    add = glossary_sub.add_parser("add", help="add an entry: a source term and its approved translation")
    add.add_argument("source", help="the source term, e.g. 北京")
    add.add_argument("--source-locale", choices=LOCALE_CODES, default=SOURCE_DEFAULT)
    add.add_argument("--locale", required=True, choices=LOCALE_CODES, help="the translation's locale")
    add.add_argument("--target", required=True, help="the approved translation, e.g. Beijing")
    add.add_argument("--forbidden", action="append", default=[], metavar="TERM",
                     help="a variant that must not be used in that locale (repeatable)")
    add.add_argument("--discouraged", action="append", default=[], metavar="TERM",
                     help="a wordy variant the readability checks warn about (repeatable)")
    add.add_argument("--note", default="", help="a note on the concept: meaning, where it is used")
    add.add_argument("--pos", default="", choices=[p for p in PARTS_OF_SPEECH if p], help="part of speech")
    listing = glossary_sub.add_parser("list", help="every entry with its terms")
    listing.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                         help="only entries with terms in this locale (repeatable)")
    listing.add_argument("--json", action="store_true")


def cmd_glossary(args: argparse.Namespace) -> int:
    from studio.memory.glossary import Term, TermStatus
    from studio.memory.glossary_store import merge_terms

    if args.action == "list":
        with _open(args, write=False) as workspace:
            entries = workspace.glossary().entries
        if args.locales:
            entries = tuple(e for e in entries if any(t.locale in args.locales for t in e.terms))
        if args.json:
            _print_json([{"id": e.id, "note": e.note,
                          "terms": [{"locale": t.locale, "text": t.text, "status": str(t.status),
                                     "part_of_speech": t.part_of_speech, "note": t.note} for t in e.terms]}
                         for e in entries])
            return 0
        marks = {TermStatus.PREFERRED: "", TermStatus.ADMITTED: " (admitted)", TermStatus.FORBIDDEN: " (forbidden)",
                 TermStatus.DISCOURAGED: " (discouraged)"}
        for e in entries:
            shown = "; ".join(f"{t.locale}: {t.text}{marks[t.status]}" for t in e.terms
                              if not args.locales or t.locale in args.locales or t.locale == SOURCE_DEFAULT)
            print(visible(f"{e.id}. {shown}" + (f"  — {e.note}" if e.note else "")))
        print(f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}")
        return 0
    if args.action == "export":
        fmt = args.format or ("csv" if args.output.suffix.lower() == ".csv" else "tbx")
        with _open(args, write=False) as workspace:
            count = workspace.export_glossary(args.output, format=fmt, locales=args.locales)
        print(f"wrote {count} entr{'y' if count == 1 else 'ies'} to {args.output}")
        return 0
    with _open(args, write=True) as workspace:
        if args.action == "import":
            report = workspace.import_glossary(args.paths)
            print(visible(report.describe()))
            return 0
        terms = [Term(args.source_locale, args.source, TermStatus.PREFERRED, args.pos),
                 Term(args.locale, args.target, TermStatus.PREFERRED, args.pos)]
        terms += [Term(args.locale, t, TermStatus.FORBIDDEN) for t in args.forbidden]
        terms += [Term(args.locale, t, TermStatus.DISCOURAGED) for t in args.discouraged]
        # The source term's concept, if the glossary has it, gains the new translation instead of a twin.
        existing = workspace.glossary().concept_of(args.source, args.source_locale)
        if existing is None:
            saved = workspace.add_glossary_entry(terms, args.note)
            print(f"added glossary entry {saved.entry_id}")
        else:
            merged = merge_terms(existing.terms, terms)
            workspace.edit_glossary_entry(existing.id, merged, args.note or existing.note, version=existing.version)
            print(f"added to glossary entry {existing.id}")
    return 0


def _publishing_parsers(sub: Any) -> None:
    scopes = ("content:read", "content:write", "release:create")
    portal = sub.add_parser("portal", help="the portal Studio publishes to: connect, and the reference portal",
                            epilog="Environment: STUDIO_PORTAL_URL and STUDIO_PORTAL_TOKEN override the stored address "
                                   "and token; STUDIO_PORTAL_CA_BUNDLE the CA bundle; STUDIO_PORTAL_CONFIG names the "
                                   "settings file.")
    portal_sub = portal.add_subparsers(dest="action", metavar="ACTION", required=True)
    connect = portal_sub.add_parser("connect", help="remember the portal's address and ask for its token (kept in "
                                                    "the keyring), then check both")
    connect.add_argument("url", metavar="URL", help="e.g. https://portal.example.gov.cn or http://127.0.0.1:8765")
    connect.add_argument("--ca-bundle", metavar="FILE", help="trust the portal's certificate through this CA bundle")
    status = portal_sub.add_parser("status", help="the portal set up here, and whether it answers")
    status.add_argument("--json", action="store_true")
    data_help = "the reference portal's data folder (default: 'portal' in Studio's data folder)"
    serve = portal_sub.add_parser("serve", help="run the reference portal (python -m reference_portal serve)")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--data", type=Path, metavar="DIR", help=data_help)
    serve.add_argument("--faults", action="store_true", help="enable its fault injection (for tests)")
    serve.add_argument("--background", action="store_true",
                       help="start it in the background, print its address and return (studio portal stop ends it)")
    stop = portal_sub.add_parser("stop", help="stop a reference portal started with --background")
    stop.add_argument("--data", type=Path, metavar="DIR", help=data_help)
    token = portal_sub.add_parser("token", help="make a token on the reference portal and print it")
    token.add_argument("--data", type=Path, metavar="DIR", help=data_help)
    token.add_argument("--scope", action="append", choices=scopes, required=True, dest="scopes",
                       help="a scope the token holds (repeatable)")
    token.add_argument("--name", default="studio", help="the client's name (idempotency keys are per client)")
    token.add_argument("--expires-in", type=float, metavar="SECONDS", help="default: never")

    sync = sub.add_parser("sync", help="what the portal holds: pull its change feed")
    sync_sub = sync.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = sync_sub.add_parser("pull", help="read the portal's change feed into what Studio knows of it")
    pull.add_argument("--json", action="store_true")
    changes = sync_sub.add_parser("changes", help="what someone else changed on the portal, not resolved yet")
    changes.add_argument("--json", action="store_true")
    resolve = sync_sub.add_parser("resolve", help="keep Studio's text over a change made on the portal, or take the "
                                                  "portal's")
    resolve.add_argument("document", metavar="ID_OR_SLUG")
    resolve.add_argument("locale", metavar="LOCALE", help="a locale, or 'core' for the neutral facts")
    resolve.add_argument("--keep", choices=["ours", "theirs"], required=True)

    release = sub.add_parser("release", help="compose, push, follow and roll back releases to the portal")
    release_sub = release.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = release_sub.add_parser("create", help="compose a release of what passes the gates (nothing is sent)")
    scope = create.add_mutually_exclusive_group(required=True)
    scope.add_argument("--all-ready", action="store_true",
                       help="every document and locale that passes the gates and differs from what is live")
    scope.add_argument("--document", action="append", metavar="ID", dest="documents", help="id or slug (repeatable)")
    scope.add_argument("--section", action="append", metavar="KEY", dest="sections", help="a section (repeatable)")
    create.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                        help="only these locales (repeatable; default: all nine)")
    create.add_argument("--title", required=True)
    create.add_argument("--channel", action="append", dest="channels", metavar="NAME",
                        help="publish to this channel of the portal (repeatable; default: portal)")
    create.add_argument("--json", action="store_true")
    push = release_sub.add_parser("push", help="send a release to the portal and publish it (resumes a push that "
                                               "stopped)")
    push.add_argument("id", metavar="ID", help="the release's id, or its first 8 characters")
    push.add_argument("--leave-out-failed", action="store_true",
                      help="first take the items the portal refused (a deleted document) out of the release")
    push.add_argument("--json", action="store_true")
    status_r = release_sub.add_parser("status", help="a release and the state of each of its items")
    status_r.add_argument("id", metavar="ID")
    status_r.add_argument("--json", action="store_true")
    listing = release_sub.add_parser("list", help="every release, newest first")
    listing.add_argument("--json", action="store_true")
    rollback = release_sub.add_parser("rollback", help="compose a release of the versions live before this one")
    rollback.add_argument("id", metavar="ID")
    rollback.add_argument("--title")
    rollback.add_argument("--json", action="store_true")
    discard = release_sub.add_parser("discard", help="give up an unpublished release (its outbox is emptied)")
    discard.add_argument("id", metavar="ID")


def _qa_parser(sub: Any) -> None:
    qa = sub.add_parser("qa", help="quality checks of the translations (exit 0 whatever they find)")
    qa.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                    help="only this locale (repeatable; default: every target)")
    qa.add_argument("--document", action="append", metavar="ID_OR_SLUG", dest="documents",
                    help="only this document (repeatable; default: every live document)")
    qa.add_argument("--json", action="store_true", help="every finding as JSON")


def cmd_qa(args: argparse.Namespace) -> int:
    with _open(args, write=False) as workspace:
        report = _run(workspace.qa_job(args.locales, args.documents))
    docs = report.documents
    if args.json:
        _print_json({"checked": report.checked, "errors": report.errors, "open_warnings": report.open_warnings,
                     "findings": [{"document": docs[f.document_id].slug, "document_id": f.document_id,
                                   "segment": f.segment_id, "field": f.field_path, "locale": f.locale,
                                   "check": f.check, "severity": f.severity, "message": f.message,
                                   "acknowledged": f.acknowledged, **({"note": f.note} if f.acknowledged else {})}
                                  for f in report.findings],
                     "readability": [{"document": docs[r.document_id].slug, "locale": r.locale,
                                      "sentences": r.sentences, "average_length": r.average_length, "unit": r.unit,
                                      "long_sentences": r.long_sentences, "long_words": r.long_words,
                                      "discouraged_terms": r.discouraged_terms} for r in report.readability]})
        return 0
    by_document: dict[str, list[Any]] = {}
    for f in report.findings:
        by_document.setdefault(f.document_id, []).append(f)
    for doc_id in sorted(by_document, key=lambda d: docs[d].slug):
        print(visible(docs[doc_id].slug))
        _table([["cell", "field", "severity", "check", "message"]]
               + [[f"{f.segment_id}:{f.locale}", f.field_path,
                   f.severity + (" (acknowledged)" if f.acknowledged else ""), f.check, _clipped(f.message, 80)]
                  for f in sorted(by_document[doc_id], key=lambda f: (f.field_path, f.locale, f.check))], sys.stdout)
        print()
    print(visible(report.summary))
    return 0


def _mt_parser(sub: Any) -> None:
    targets = [c for c in LOCALE_CODES if c != SOURCE_DEFAULT]
    mt = sub.add_parser("mt", help="machine translation: engines, settings, models, pre-translation",
                        epilog="Environment: STUDIO_MT_<ENGINE>_<OPTION> (e.g. STUDIO_MT_LIBRETRANSLATE_URL) "
                               "overrides the settings; STUDIO_MT_CONFIG names the settings file.")
    mt_sub = mt.add_subparsers(dest="action", metavar="ACTION", required=True)
    engines = mt_sub.add_parser("engines", help="the engines, whether each is set up, and its options")
    engines.add_argument("--json", action="store_true")
    pre = mt_sub.add_parser("pretranslate", help="fill missing and outdated cells with machine drafts")
    pre.add_argument("--locale", action="append", choices=targets, required=True, dest="locales")
    pre.add_argument("--engine", help="this engine only (default: each locale's route)")
    scope = pre.add_mutually_exclusive_group(required=True)
    scope.add_argument("--document", action="append", metavar="ID", dest="documents", help="id or slug")
    scope.add_argument("--section", metavar="KEY", help="invest, work, study, live, visit or shop")
    scope.add_argument("--all", action="store_true", help="every document")
    pre.add_argument("--replace-machine", action="store_true", help="replace earlier machine drafts too")
    pre.add_argument("--json", action="store_true")
    configure = mt_sub.add_parser("configure", help="set an engine's options (keys go to the keyring), its "
                                                    "place in a locale's route, or a locale's pivot")
    configure.add_argument("engine", help="engine name, from 'studio mt engines'")
    configure.add_argument("--route", metavar="LOCALES", default="",
                           help="put this engine first in the routes of these locales, e.g. fr,de")
    configure.add_argument("options", nargs=argparse.REMAINDER,
                           help="--OPTION VALUE ... (a key given as '-' is asked for at a prompt)")
    pivot = mt_sub.add_parser("pivot", help="translate a locale from the approved English, or not")
    pivot.add_argument("locale", choices=[c for c in targets if c != "en"])
    pivot.add_argument("state", choices=["on", "off"])
    install = mt_sub.add_parser("install-model", help="install an offline model: an Argos .argosmodel package, "
                                                      "or a CTranslate2 (OPUS-MT) folder")
    install.add_argument("path", type=Path)
    install.add_argument("--pair", metavar="FROM-TO", help="e.g. zh-Hans:en, when the folder does not say")


# --- exchange with outside translators ------------------------------------------------------------------------

EXPORT_FORMATS = ("po", "xliff", "xliff12", "tmx", "tbx", "csv")


def _exchange_parsers(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="export translations for outside translators (PO, XLIFF 2.1, XLIFF 1.2, CSV), the memory "
                       "(TMX) or the glossary (TBX)",
        description="One file per target language; several go into the folder PATH, or into one archive when PATH "
                    "ends in .zip. Units keep their segment ids, so `studio import-translations` puts the returned "
                    "files back in the right cells.")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--locale", action="append", choices=LOCALE_CODES, dest="locales",
                        help="a target language (repeat for more; default: every target language)")
    scope = export.add_mutually_exclusive_group()
    scope.add_argument("--document", action="append", metavar="ID", dest="documents", help="id or slug (repeatable)")
    scope.add_argument("--section", metavar="KEY", help="invest, work, study, live, visit or shop")
    scope.add_argument("--all", action="store_true", help="every document (the default)")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH",
                        help="a file (a name with an extension such as .po or .xlf: one language), an archive "
                             "ending in .zip, or a folder (an existing one, or a name without extension)")
    export.add_argument("--json", action="store_true")
    back = sub.add_parser("import-translations", help="bring translated PO, XLIFF or CSV files back: applied, "
                                                      "skipped and conflicting units are listed",
                          description="Exit status 0 when every unit was applied or skipped, 3 when some are in "
                                      "conflict with a newer change in Studio (nothing is overwritten).")
    back.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    back.add_argument("--json", action="store_true")


def cmd_export(args: argparse.Namespace) -> int:
    with _open(args, write=False) as workspace:
        if args.format in ("tmx", "tbx"):
            if args.documents or args.section:
                raise StudioError(f"the {'memory' if args.format == 'tmx' else 'glossary'} is exported whole: "
                                  "leave out --document and --section")
            count = (workspace.export_tmx(args.output, locales=args.locales) if args.format == "tmx" else
                     workspace.export_glossary(args.output, format="tbx", locales=args.locales))
            if args.json:
                _print_json({"path": str(args.output), "format": args.format, "units": count})
            else:
                print(f"exported {count} {'unit(s)' if args.format == 'tmx' else 'term(s)'} to "
                      f"{visible(str(args.output))}")
            return 0
        result = _run(workspace.export_translations_job(args.output, args.format, locales=args.locales,
                                                        documents=args.documents, section=args.section))
    if args.json:
        _print_json({"path": str(result.path), "format": args.format,
                     "files": [{"name": f.name, "source_locale": f.source_locale, "locale": f.locale,
                                "documents": f.documents, "units": f.units} for f in result.files]})
        return 0
    print(visible(result.summary))
    for f in result.files:
        print(f"  {visible(f.name)}  {f.documents} document(s), {f.units} unit(s)")
    return 0


def cmd_import_translations(args: argparse.Namespace) -> int:
    with _open(args, write=True) as workspace:
        report = _run(workspace.import_translations_job(args.paths))
    if args.json:
        _print_json({"summary": report.summary, **report.to_json()})
        return 3 if report.conflicts else 0
    print(visible(report.summary))
    reasons: dict[str, list[Any]] = {}
    for unit in report.skipped:
        reasons.setdefault(unit.reason, []).append(unit)
    for reason, units in reasons.items():
        print(f"  skipped {len(units)}: {visible(reason)}")
        if not reason.startswith(("the target is empty", "unchanged")):  # the routine ones are only counted
            for unit in units[:20]:
                print(f"    {_unit_place(unit)}")
    for unit in report.conflicts:
        print(f"  in conflict: {_unit_place(unit)}: {visible(unit.reason)}\n"
              f"      file:   {visible(_clipped(unit.text, 70))}\n"
              f"      Studio: {visible(_clipped(unit.studio_text, 70))}"
              + (f" ({visible(unit.studio_author)})" if unit.studio_author else ""))
    return 3 if report.conflicts else 0


def _unit_place(unit: Any) -> str:
    where = f"{unit.file}:{unit.line}" if unit.line else unit.file
    place = f"{unit.document} {unit.field}".strip() or f"unit {unit.unit}"
    return f"{visible(where)} {visible(place)} ({unit.locale})"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "gui"
    try:
        return COMMANDS[command](args)
    except StudioError as exc:
        print(f"studio: {visible(str(exc))}", file=sys.stderr)
        return 1
    except Cancelled:
        # A job is cancelled only at a yield, and every job writes after its last one: nothing was stored.
        print("studio: cancelled; nothing was changed", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("studio: interrupted; a change that was being stored is either complete or entirely rolled back",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: not an error of ours; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# --- helpers ------------------------------------------------------------------------------------------------

def _location(args: argparse.Namespace) -> tuple[Path | None, str | None]:
    url = args.database_url or os.environ.get("STUDIO_DATABASE_URL") or None
    folder = Path(args.workspace) if args.workspace else None
    return folder, url


def _open(args: argparse.Namespace, *, write: bool, sign_in: bool = True, check_in_background: bool = False) -> Any:
    """The workspace, for writing or only for reading (which needs no write access to its folder)."""
    from studio.workspace import Workspace

    folder, url = _location(args)
    workspace = Workspace.open(folder, url, write=write, check_in_background=check_in_background)
    for notice in workspace.notices:
        print(f"studio: warning: {visible(notice)}", file=sys.stderr)
    name = args.user or os.environ.get("STUDIO_USER")
    if sign_in and name:
        try:
            workspace.sign_in(name, _secret("STUDIO_PASSWORD", f"Password for {name}: "))
        except BaseException:
            workspace.close()
            raise
    return workspace


def _secret(env: str, prompt: str, confirm: bool = False) -> str:
    """A password from the environment, or typed at a terminal; never from a pipe by surprise."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise StudioError(f"{prompt.rstrip(': ').lower()} is needed: set {env} or run in a terminal")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != value:
        raise StudioError("the two passwords differ")
    return value


class ProgressBar:
    """A one-line text progress bar on a terminal, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and progress.done != progress.total:
            return
        self.last = now
        if progress.total:
            filled = int(30 * progress.done / progress.total)
            bar = f"[{'#' * filled}{'.' * (30 - filled)}] {progress.done}/{progress.total}"
        else:
            bar = "[working]"
        self.stream.write(f"\r{bar} {visible(progress.message[:60]):<60}")
        self.stream.flush()

    def close(self) -> None:
        if self.last:
            self.stream.write("\r" + " " * 110 + "\r")
            self.stream.flush()


class _Summarised(Protocol):
    @property
    def summary(self) -> str: ...


Done = TypeVar("Done", bound=_Summarised)


def _run(job: Job[Done]) -> Done:
    """Run a writing job with a progress bar. Ctrl+C cancels it at its next yield, before it writes anything.

    A job stores its change after its last yield, in one transaction that Ctrl+C does not break into: pressed
    then, it comes too late, and the user is told what was stored. A second Ctrl+C interrupts at once (the
    transaction then either completes or is rolled back entirely)."""
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    control = JobControl()
    try:
        with _ctrl_c_cancels(control):
            result = run_job(job, bar, control)
    finally:
        if bar:
            bar.close()
    if control.cancelled:
        print(f"studio: Ctrl+C came too late to cancel; the change was already stored: {visible(result.summary)}",
              file=sys.stderr)
    return result


@contextmanager
def _ctrl_c_cancels(control: JobControl) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; elsewhere Ctrl+C keeps its default
        return

    def on_ctrl_c(signum: int, frame: object) -> None:
        if control.cancelled:
            raise KeyboardInterrupt
        control.cancel()

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def visible(text: str, *, lines: bool = False) -> str:
    """`text` safe to print on a terminal: control and bidi-override characters shown as escapes (\\x1b,
    \\u202e). With `lines`, tabs and line breaks are kept."""
    return (UNSAFE_ON_TERMINAL_IN_LINES if lines else UNSAFE_ON_TERMINAL).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ESCAPED_IN_JSON = re.compile(f"{UNSAFE_IN_JSON.pattern}|[\ud800-\udfff]")


def _print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)
    # \uXXXX is the same string to every JSON reader, and harmless on a terminal; a lone surrogate (from a
    # file read, never stored) could not even be encoded for printing.
    print(_ESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def _table(rows: list[list[str]], out: TextIO = sys.stdout) -> None:
    rows = [[visible(cell) for cell in row] for row in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")


# --- commands -----------------------------------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace) -> int:
    from studio.workspace import Workspace

    folder, url = _location(args)
    if folder is None and url is None and not Workspace.exists():
        _first_run()
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                   or os.environ.get("QT_QPA_PLATFORM")):
        # Qt would abort the process with a core dump; say what is wrong instead.
        raise StudioError("no display to open the window on (DISPLAY is not set); "
                          "use 'studio gui --screenshot FILE' or QT_QPA_PLATFORM=offscreen")
    from studio.ui.app import Screenshot, run_gui

    # The window paints while a large workspace is checked (its first write waits); a screenshot writes nothing
    # and stays a check of the workspace as the other commands are.
    workspace = _open_upgrading(args, check_in_background=not args.screenshot)
    locales = tuple(code for code in args.locales.split(",") if code)
    preview = tuple(code for code in args.preview.split(",") if code)
    edit_locale = args.edit.partition(":")[0] if args.edit else None
    unknown = [c for c in (*locales, *preview, *([edit_locale] if edit_locale else [])) if c not in LOCALE_CODES]
    if unknown:
        raise StudioError(f"unknown locale {unknown[0]!r}; use one of {', '.join(LOCALE_CODES)}")
    shot = Screenshot(args.screenshot, args.size, args.document, locales, args.edit, preview) \
        if args.screenshot else None
    if args.document:
        workspace.document(args.document)  # an unknown document is refused before any window opens
    return run_gui(workspace, shot)


def _open_upgrading(args: argparse.Namespace, *, check_in_background: bool = False) -> Any:
    """Open for writing; the window (what `make run` starts) upgrades an older embedded workspace first (after a
    backup), and says so. A shared database is not: the first person with a newer Studio would lock everyone
    else out, so that stays an explicit `studio upgrade`, agreed with the team."""
    from studio.workspace import Workspace

    try:
        return _open(args, write=True, check_in_background=check_in_background)
    except OutdatedSchema as outdated:
        url = _location(args)[1]
        if url is not None and db.parse_url(url).get_backend_name() != "sqlite":
            raise
        print(f"Upgrading the workspace from schema {outdated.found} to {outdated.head} ...", file=sys.stderr)
        Workspace.upgrade(*_location(args))
        return _open(args, write=True, check_in_background=check_in_background)


def _first_run() -> None:
    """The default workspace does not exist yet: create it with the demo content, as the README promises."""
    from studio.workspace import default_workspace_dir

    print(f"Creating the demo workspace in {visible(str(default_workspace_dir()))} ...")
    _fill_with_demo(None, None, force=False, user=None)


def cmd_init(args: argparse.Namespace) -> int:
    from studio.workspace import NewAccount, Workspace

    folder, url = _location(args)
    admin = None
    if args.admin:
        # Everything is asked and checked before the workspace is made: a refusal leaves nothing behind.
        password = _secret("STUDIO_NEW_PASSWORD", f"Password for {args.admin}: ", confirm=True)
        admin = NewAccount(args.admin, ROLES, password, LOCALE_CODES, args.admin)
    with Workspace.create(folder, url, admin=admin) as workspace:
        print(f"Created a workspace at {visible(workspace.location)}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    folder, url = _location(args)
    _fill_with_demo(folder, url, force=args.force, user=args)
    return 0


def _fill_with_demo(folder: Path | None, url: str | None, *, force: bool, user: argparse.Namespace | None) -> None:
    """Create the workspace if there is none (a folder, or an empty database behind a URL), then fill it."""
    from studio.demo import describe_users, fill_demo
    from studio.workspace import Workspace

    if not Workspace.exists(folder, url):
        Workspace.create(folder, url).close()
    with (_open(user, write=True) if user is not None else Workspace.open(folder, url)) as workspace:
        changes = _run(fill_demo(workspace, force=force))
        print(f"Filled {visible(workspace.location)}: {changes.summary}")
    if changes.users:
        print(describe_users())
    else:
        print("The workspace's own accounts are unchanged: no demo account was added.")


def cmd_upgrade(args: argparse.Namespace) -> int:
    from studio.workspace import Workspace

    before, after = Workspace.upgrade(*_location(args))
    if before == after:
        print(f"The workspace is up to date (schema {after}).")
    else:
        print(f"Upgraded the workspace from schema {before} to {after}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from studio.backup import backup_workspace
    from studio.workspace import embedded_database

    target = backup_workspace(embedded_database(*_location(args)), args.file)
    print(f"Backed up the workspace to {visible(str(target))}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from studio.backup import restore_workspace
    from studio.workspace import embedded_database

    database = embedded_database(*_location(args))
    kept = restore_workspace(database, args.file, db.known_revisions())
    print(f"Restored {visible(str(database))} from {visible(str(args.file))}")
    if kept is not None:
        print(f"The database it replaced is kept as {visible(str(kept))}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args, write=False, sign_in=False) as workspace:
        report = workspace.status()
    if args.json:
        _print_json({"workspace": workspace.location, **report.to_json()})
        return 0
    total = sum(report.documents_by_type.values())
    kinds = ", ".join(f"{t} {n}" for t, n in sorted(report.documents_by_type.items()))
    print(f"Workspace {visible(workspace.location)}\n{total} documents ({kinds or 'none'})\n")
    rows = [["section", "locale", *CellState]]
    for section in report.sections:
        for locale, counts in section.locales.items():
            rows.append([section.key, locale, *(str(counts[s]) for s in CellState)])
    _table(rows)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from studio.content.importers import ImportOptions

    with _open(args, write=True) as workspace:
        options = ImportOptions(type=args.type, section=args.section, source_locale=args.source_locale)
        changes = _run(workspace.import_files(args.paths, options))
    print(visible(changes.summary))
    return 0


def cmd_documents(args: argparse.Namespace) -> int:
    with _open(args, write=False, sign_in=False) as workspace:
        if args.action == "list":
            rows = workspace.documents()
            if args.json:
                _print_json([r.to_json() for r in rows])
            elif rows:
                _table([["id", "type", "section", "slug", "title"]]
                       + [[r.id, r.type, r.section, r.slug, r.title] for r in rows])
            return 0
        view = workspace.document(args.id)
    if args.json:
        _print_json(view.to_json([args.locale] if args.locale else None))
        return 0
    r = view.row
    print(f"{visible(r.title)}\n{r.type} in {r.section} · slug {visible(r.slug)} · source {r.source_locale} · "
          f"version {r.version}\nid {r.id}\n")
    for seg in view.segments:
        print(f"[{visible(seg.field_path)} #{seg.ordinal + 1}] {visible(seg.text, lines=True)}")
        for locale, cell in sorted(seg.cells.items()):
            if args.locale in (None, locale):
                print(f"    {locale:<7} {cell.state:<10} {visible(cell.text, lines=True)}")
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    with _open(args, write=args.action != "list") as workspace:
        if args.action == "list":
            users = workspace.users()
            names = workspace.display_names()
            if args.json:
                _print_json([{"name": u.name, "display_name": names.get(u.name, ""), "roles": sorted(u.roles),
                              "review_locales": sorted(u.review_locales)} for u in users])
            else:
                _table([["name", "display name", "roles", "reviews"]]
                       + [[u.name, names.get(u.name, ""), ", ".join(sorted(u.roles)),
                           ", ".join(sorted(u.review_locales))] for u in users])
            return 0
        if args.action == "add":
            locales = [loc.strip() for loc in args.locales.split(",") if loc.strip()]
            password = _secret("STUDIO_NEW_PASSWORD", f"Password for {args.name}: ", confirm=True)
            changes = workspace.add_user(args.name, args.roles, password, locales, args.display_name)
        else:
            own = workspace.actor is not None and workspace.actor.name == args.name
            old = _secret("STUDIO_PASSWORD", "Current password: ") if own else None
            password = _secret("STUDIO_NEW_PASSWORD", f"New password for {args.name}: ", confirm=True)
            changes = workspace.set_password(args.name, password, old)
    print(visible(changes.summary))
    return 0


def cmd_mt(args: argparse.Namespace) -> int:
    from studio.mt.catalogue import spec
    from studio.mt.config import MTSettings, env_name

    settings = MTSettings()
    if args.action == "engines":
        return _mt_engines(settings, as_json=args.json)
    if args.action == "configure":
        values = _option_values(args.options)
        route = values.pop("route", args.route)  # after an engine option, argparse leaves --route in the rest
        for option in spec(args.engine).options:
            if option.secret and values.get(option.name) == "-":  # typed at a prompt: not in the shell's history
                values[option.name] = _secret(env_name(args.engine, option.name), f"{option.name} for {args.engine}: ")
        settings.configure(args.engine, values)
        for locale in filter(None, route.split(",")):
            settings.set_route(locale, [args.engine, *(e for e in settings.route(locale) if e != args.engine)])
        state = settings.state(args.engine)
        print(f"{args.engine}: " + ("set up" if state.configured else f"still needs {', '.join(state.missing)}"))
        return 0
    if args.action == "pivot":
        settings.set_pivot(args.locale, args.state == "on")
        print(f"{args.locale} is translated from the " + ("approved English" if args.state == "on" else "source"))
        return 0
    if args.action == "install-model":
        from studio.mt.offline import install_model

        pair = tuple(args.pair.split(":", 1)) if args.pair else None
        model = install_model(args.path, pair)
        print(f"installed the offline model {model.source} → {model.target} in {visible(str(model.path))}")
        return 0
    with _open(args, write=True) as workspace:
        report = _run(workspace.pretranslate_job(
            args.locales, documents=args.documents, section=args.section, engine=args.engine,
            replace_machine=args.replace_machine, settings=settings))
    if args.json:
        _print_json({"drafted": dict(report.drafted), "from_cache": report.cached, "requests": report.requests,
                     "damaged": report.damaged, "left_alone": report.skipped,
                     "not_translated": [{"cell": k, "why": v} for k, v in sorted(report.failed.items())]})
    else:
        print(visible(report.summary))
    return 0 if not report.failed else 3


def cmd_review(args: argparse.Namespace) -> int:
    if args.action == "four-eyes":
        return _four_eyes(args)
    if args.action == "list":
        with _open(args, write=False) as workspace:
            rows = _review_queue(workspace, args.locales, args.document)
        if args.json:
            _print_json([row.to_json() for row in rows])
            return 0
        if rows:
            _table([["cell", "document", "field", "by", "confirmed", "source", "translation"]]
                   + [[f"{r.segment_id}:{r.locale}" + (" *" if r.yours else "") + (" !" if r.rejected_before else ""),
                       r.slug, r.field_path, r.confirmed_by, r.confirmed_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                       _clipped(r.source), _clipped(r.translation)] for r in rows])
        print(f"{len(rows)} translation(s) waiting for review"
              + ("; * you wrote it, ! rejected before" if any(r.yours or r.rejected_before for r in rows) else ""))
        return 0
    with _open(args, write=True) as workspace:
        require(workspace.actor, "review")  # before reading a queue: who may not review is told so first
        if args.cells:
            items = [(seg, loc, _version(workspace, seg, loc)) for seg, loc in args.cells]
        else:
            items = [(r.segment_id, r.locale, r.version)
                     for r in _review_queue(workspace, args.locales, args.document)]
            if not items:
                print("Nothing is waiting for review there.")
                return 0
        approve = args.action == "approve"
        result = _run(workspace.review_cells_job(items, approve, "" if approve else args.comment))
    if args.json:
        _print_json({"decided": [{"cell": f"{seg}:{loc}", "version": version}
                                 for (seg, loc), version in result.decided.items()],
                     "skipped": [{"cell": f"{s.segment_id}:{s.locale}", "where": s.where, "why": s.reason}
                                 for s in result.skipped]})
    else:
        print(visible(result.changes.summary))
        for s in result.skipped:
            print(f"  skipped {s.segment_id}:{s.locale} {visible(s.where)}: {visible(s.reason)}")
    return 3 if result.skipped else 0


def _review_queue(workspace: Any, locales: Sequence[str] | None, document: str | None) -> list[Any]:
    actor = workspace.actor
    if not locales and actor is None:
        raise StudioError("name the locales (--locale fr) or sign in as a reviewer (--user NAME) to see a queue")
    if not locales and not actor.review_locales:
        print(f"studio: {visible(actor.name)} reviews no locale: name one with --locale to see its queue",
              file=sys.stderr)
    return list(workspace.review_queue(locales or None, document=document))


def _version(workspace: Any, segment_id: int, locale: str) -> int:
    # The version now: a cell asked for by name is decided as it is (another writer meanwhile: skipped, said why).
    cell = workspace.cell(segment_id, locale)
    return cell.version if cell is not None else 0


def _clipped(text: str, width: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "…"


def _four_eyes(args: argparse.Namespace) -> int:
    if args.state == "status":
        with _open(args, write=False, sign_in=False) as workspace:
            on = workspace.four_eyes
    else:
        with _open(args, write=True) as workspace:
            changes = workspace.set_four_eyes(args.state == "on")
            on = workspace.four_eyes
        if not args.json:
            print(visible(changes.summary))
            return 0
    if args.json:
        _print_json({"four_eyes": on})
    else:
        print("the four-eyes rule is " + ("on: a reviewer may not approve a text they wrote" if on
                                         else "off: a reviewer may approve their own text"))
    return 0


# --- publishing ---------------------------------------------------------------------------------------------

def _portal_data(args: argparse.Namespace) -> Path:
    from platformdirs import user_data_dir

    return Path(args.data) if getattr(args, "data", None) else Path(user_data_dir("Studio", appauthor=False)) / "portal"


def _reference_portal(*args: str) -> list[str]:
    # A child process: Studio never imports the reference portal (an import-linter contract says so).
    return [sys.executable, "-m", "reference_portal", *args]


def cmd_portal(args: argparse.Namespace) -> int:
    from studio.sync.config import PortalSettings

    if args.action == "serve":
        return _portal_serve(args)
    if args.action == "stop":
        return _portal_stop(_portal_data(args))
    if args.action == "token":
        import subprocess

        command = ["token", "--data", str(_portal_data(args)), "--name", args.name]
        for scope in args.scopes:
            command += ["--scope", scope]
        if args.expires_in is not None:
            command += ["--expires-in", str(args.expires_in)]
        return subprocess.run(_reference_portal(*command), check=False).returncode
    settings = PortalSettings()
    if args.action == "connect":
        address = settings.connect(args.url, None, ca_bundle=args.ca_bundle)
        if settings.tokens.has_keyring:
            token = _secret("STUDIO_PORTAL_TOKEN", f"Token for {address}: ")
            settings.connect(address, token.strip())
        elif not os.environ.get("STUDIO_PORTAL_TOKEN"):
            print(f"Studio will publish to {address}. This computer has no keyring to keep the token in: give it in "
                  "STUDIO_PORTAL_TOKEN.")
            return 0
        _portal_check(settings)
        print(f"Studio will publish to {address}; the token is in " +
              ("the environment" if os.environ.get("STUDIO_PORTAL_TOKEN") else "the keyring") + ".")
        return 0
    url = settings.url
    answer: dict[str, Any] = {"url": url or None, "token": settings.has_token(), "reachable": False}
    if url and settings.has_token():
        capabilities = _portal_check(settings)
        answer.update(reachable=True, channels=capabilities.get("channels"), locales=capabilities.get("locales"))
    if args.json:
        _print_json(answer)
    else:
        print(f"portal: {visible(url) if url else 'none set up (studio portal connect URL)'}")
        print(f"token: {'set up' if answer['token'] else 'none (studio portal connect URL, or STUDIO_PORTAL_TOKEN)'}")
        if answer["reachable"]:
            print(f"answers: yes; channels {', '.join(answer['channels'] or [])}")
    return 0


def _portal_check(settings: Any) -> dict[str, Any]:
    from studio.sync.target import open_portal

    target = open_portal(settings.connection(), concurrency=1)
    try:
        checked: dict[str, Any] = target.check()
        return checked
    finally:
        target.close()


def _portal_serve(args: argparse.Namespace) -> int:
    import subprocess

    data = _portal_data(args)
    command = ["serve", "--port", str(args.port), "--data", str(data)] + (["--faults"] if args.faults else [])
    if not args.background:
        try:
            return subprocess.run(_reference_portal(*command), check=False).returncode
        except KeyboardInterrupt:
            return 0
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    running = _running_portal(data)
    if running is not None:
        print(running)
        return 0
    log = open(data / "portal.log", "ab")  # noqa: SIM115 - the server's stderr, kept open by the child
    child = subprocess.Popen(_reference_portal(*command), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=log, start_new_session=True, text=True)
    log.close()
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    child.stdout.close()
    if not first.startswith("http"):
        child.wait(10)
        raise StudioError(f"the reference portal did not start; see {data / 'portal.log'}")
    (data / "portal.pid").write_text(f"{child.pid}\n{first}\n", encoding="utf-8")
    print(first)
    return 0


def _running_portal(data: Path) -> str | None:
    """The address of the reference portal started in the background on `data`, if it still runs."""
    try:
        pid_text, url = (data / "portal.pid").read_text(encoding="utf-8").split()[:2]
        os.kill(int(pid_text), 0)
        # The file outlives a restart of the computer, and process numbers are given out again: the process
        # must be the portal (where the system says what a process runs), or it is not stopped nor used.
        command = Path(f"/proc/{int(pid_text)}/cmdline")
        if command.exists() and b"reference_portal" not in command.read_bytes():
            return None
    except (OSError, ValueError):
        return None
    return url


def _portal_stop(data: Path) -> int:
    if _running_portal(data) is None:
        print("No reference portal runs in the background on that folder.")
        return 0
    pid = int((data / "portal.pid").read_text(encoding="utf-8").split()[0])
    os.kill(pid, signal.SIGTERM)
    (data / "portal.pid").unlink(missing_ok=True)
    print(f"Stopped the reference portal (process {pid}).")
    return 0


def _connection() -> Any:
    from studio.sync.config import PortalSettings

    return PortalSettings().connection()


def _portal_url() -> str:
    from studio.sync.config import PortalSettings
    from studio.sync.errors import PortalNotConfigured

    url = PortalSettings().url
    if not url:
        raise PortalNotConfigured("no portal is set up: run 'studio portal connect URL', or set STUDIO_PORTAL_URL")
    return url


def cmd_sync(args: argparse.Namespace) -> int:
    if args.action == "changes":
        with _open(args, write=False) as workspace:
            rows = workspace.portal_changes(_portal_url())
        if args.json:
            _print_json([{"document_id": r.document_id, "slug": r.slug, "locale": r.locale, "deleted": r.deleted,
                          "portal_version": r.portal_version} for r in rows])
        elif rows:
            _table([["document", "locale", "on the portal"]] + [
                [r.slug, r.locale or "core", "deleted" if r.deleted else f"changed (version {r.portal_version})"]
                for r in rows])
        else:
            print("Nothing was changed on the portal by anyone else.")
        return 0
    with _open(args, write=True) as workspace:
        if args.action == "resolve":
            target = _portal_url()
            document = workspace.document(args.document).row.id
            locale = None if args.locale == "core" else args.locale
            keep = workspace.keep_ours if args.keep == "ours" else workspace.take_theirs
            print(visible(keep(target, document, locale).summary))
            return 0
        report = _run(workspace.pull_job(_connection()))
    if args.json:
        _print_json({"read": report.read, "changed_on_portal": list(report.changed), "deleted": list(report.deleted),
                     "published_by_others": report.releases_elsewhere})
    else:
        print(visible(report.summary))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    if args.action in ("list", "status"):
        with _open(args, write=False) as workspace:
            if args.action == "list":
                rows = workspace.releases()
                if args.json:
                    _print_json([r.to_json() for r in rows])
                elif rows:
                    _table([["id", "state", "items", "created", "published", "title"]] + [
                        [r.id[:8], r.state, str(r.items), _when(r.created_at), _when(r.published_at), r.title]
                        for r in rows])
                else:
                    print("No release yet (studio release create).")
                return 0
            view = workspace.release(args.id)
        if args.json:
            _print_json(view.to_json())
            return 0
        r = view.row
        print(f"{visible(r.title)}\nrelease {r.id} · {r.state} · channels {', '.join(r.channels)}"
              + (f" · portal release {r.remote_id}" if r.remote_id else "")
              + (f"\n{visible(r.error)}" if r.error else "") + f"\n{r.waiting} write(s) in the outbox\n")
        _table([["document", "locale", "state", "version", "note"]] + [
            [i.slug, i.locale or "core", i.state, str(i.staged_version or ""), i.error or ""] for i in view.items])
        return 0
    with _open(args, write=True) as workspace:
        if args.action == "discard":
            print(visible(workspace.discard_release(args.id).summary))
            return 0
        if args.action in ("create", "rollback"):
            if args.action == "create":
                composed = workspace.compose_release(
                    _portal_url(), args.title, documents=args.documents, sections=args.sections,
                    locales=args.locales, channels=args.channels or ("portal",))
            else:
                composed = workspace.rollback_release(args.id, args.title)
            if args.json:
                _print_json({"id": composed.release_id, "items": composed.items, "documents": composed.documents,
                             "held_back": [{"document_id": c.document_id, "slug": c.slug, "locale": c.locale,
                                            "reasons": list(c.reasons)} for c in composed.held_back],
                             "skipped": list(composed.skipped)})
                return 0
            print(f"release {composed.release_id[:8]}: {visible(composed.changes.summary)}")
            # Untranslated locales are the usual case, counted; anything else held back is named.
            named = [c for c in composed.held_back if not c.reasons[0].startswith("not approved in")]
            for c in named[:20]:
                print(f"  held back {visible(c.slug)} ({c.locale or 'core'}): {visible(c.reasons[0])}")
            rest = len(composed.held_back) - min(len(named), 20)
            if rest:
                print(f"  {rest} more held back, most not approved yet (studio release create --json lists them)")
            for line in composed.skipped:
                print(f"  not rolled back: {visible(line)}")
            print(f"Push it with: studio release push {composed.release_id[:8]}")
            return 0
        if args.leave_out_failed:
            print(visible(workspace.leave_out_failed(args.id).summary))
        report = _run(workspace.push_release_job(args.id, _connection()))
    if args.json:
        _print_json({"id": report.release_id, "state": report.state, "published": report.published,
                     "replayed": report.replayed, "portal_release": report.remote_id, "staged": report.staged,
                     "found_done": report.adopted, "conflicts": list(report.conflicts), "refused": list(report.failed)})
    else:
        print(visible(report.summary))
        for line in report.conflicts:
            print(f"  changed on the portal: {visible(line)} (studio sync resolve DOCUMENT LOCALE --keep ours|theirs)")
        for line in report.failed:
            print(f"  refused: {visible(line)}")
    return 0 if report.published else 3


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def _mt_engines(settings: Any, *, as_json: bool) -> int:
    from studio.mt.catalogue import spec

    states = settings.states()
    targets = [loc for loc in LOCALE_CODES if loc != SOURCE_DEFAULT]
    routes = {loc: settings.route(loc) for loc in targets}
    rows = []
    for state in states:
        found = spec(state.name)
        rows.append({"name": state.name, "label": state.label, "offline": state.offline,
                     "set_up": state.configured, "missing": list(state.missing),
                     "translates": _pairs(settings, state.name, targets) if state.configured else [],
                     "options": [{"name": o.name, "secret": o.secret, "required": o.required, "help": o.help}
                                 for o in found.options],
                     "routes": [loc for loc, names in routes.items() if state.name in names]})
    if as_json:
        _print_json({"engines": rows, "routes": routes, "keyring": settings.secrets.has_keyring})
        return 0
    _table([["engine", "set up", f"translates {SOURCE_DEFAULT} into", "in the routes of", "options"]]
           + [[r["name"], "yes" if r["set_up"] else f"needs {', '.join(r['missing'])}", ",".join(r["translates"]),
               ",".join(r["routes"]),
               " ".join(f"--{o['name'].replace('_', '-')}" for o in r["options"])] for r in rows])
    if not settings.secrets.has_keyring:
        print("\nThis machine has no keyring: give keys in the environment (STUDIO_MT_<ENGINE>_<OPTION>).")
    return 0


def _pairs(settings: Any, name: str, targets: Sequence[str]) -> list[str]:
    """The target locales `name` translates the source locale into (an offline engine: its installed models)."""
    try:
        engine = settings.engine(name)
    except StudioError:
        return []
    return [t for t in targets if engine.supports(SOURCE_DEFAULT, t)]


def _option_values(words: Sequence[str]) -> dict[str, str]:
    """`--api-key VALUE --url VALUE` as {"api_key": VALUE, "url": VALUE}; `--key=VALUE` too."""
    values: dict[str, str] = {}
    items = list(words)
    while items:
        word = items.pop(0)
        if not word.startswith("--") or len(word) < 3:
            raise StudioError(f"expected --OPTION VALUE, found {word!r}")
        name, has_value, value = word[2:].partition("=")
        if not has_value:
            if not items:
                raise StudioError(f"--{name} needs a value (an empty one, '', removes it)")
            value = items.pop(0)
        values[name.replace("-", "_")] = value
    return values


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "qa": cmd_qa,
    "gui": cmd_gui, "init": cmd_init, "demo": cmd_demo, "upgrade": cmd_upgrade, "status": cmd_status,
    "import": cmd_import, "documents": cmd_documents, "user": cmd_user, "backup": cmd_backup, "restore": cmd_restore,
    "mt": cmd_mt, "review": cmd_review, "portal": cmd_portal, "sync": cmd_sync, "release": cmd_release,
    "glossary": cmd_glossary, "tm": cmd_tm,
    "export": cmd_export, "import-translations": cmd_import_translations,
}
