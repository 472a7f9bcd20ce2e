"""The demo workspace: four users and content about Beijing's services for foreigners from resources/demo, with
translations in every state.

The content is imported through the same checks as `studio import`, and then a few source edits are applied as
an editor would make them, so some translations are honestly `outdated`. All of it is one transaction: a
failure, a full disk or a kill leaves the workspace as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from studio.changes import Changes
from studio.content.importers import DocumentInput, ImportOptions, read_document_file
from studio.errors import StudioError
from studio.jobs import Job
from studio.locales import LOCALE_CODES
from studio.resources import RESOURCES
from studio.workspace import NewAccount, SourceChange, Workspace

DEMO_DIR = RESOURCES / "demo"

# Demo passwords are printed by `studio demo` and written in the README: this is a showcase, not a vault.
# So they are only ever given to accounts the demo creates, in a workspace that had none.
DEMO_USERS = (
    NewAccount("supervisor", ("supervisor",), "supervisor-demo", (), "Wang Jun"),
    NewAccount("editor", ("editor",), "editor-demo", (), "Li Mei"),
    NewAccount("reviewer", ("reviewer",), "reviewer-demo", ("fr", "de"), "Claire Martin"),
    # The demo's approved translations in the other languages were reviewed too: only a reviewer approves.
    NewAccount("lead", ("reviewer",), "lead-demo", tuple(c for c in LOCALE_CODES if c not in ("fr", "de")), "Zhao Lin"),
)
DEMO_AUTHOR = "editor"


def demo_files() -> list[Path]:
    return sorted((DEMO_DIR / "documents").glob("*.json"))


def demo_documents() -> list[DocumentInput]:
    return [doc for path in demo_files() for doc in read_document_file(path, ImportOptions())]


def demo_edits() -> list[SourceChange]:
    raw = json.loads((DEMO_DIR / "edits.json").read_text(encoding="utf-8"))
    return [SourceChange(edit["slug"], edit["fields"]) for edit in raw]


def fill_demo(workspace: Workspace, force: bool = False) -> Job[Changes]:
    """Fill `workspace` with the demo content, in one transaction.

    A workspace without accounts also gets the demo accounts (`Changes.users` is then true), and the content is
    the demo editor's work, its approvals the demo reviewers'. A workspace that has documents is refused unless
    `force`. In a workspace that has accounts, a signed-in supervisor fills it (replacing its documents) and is
    recorded as the author: no account is added, no password changes (the demo's are published), and approved
    translations land as approved only in the languages that supervisor reviews.
    """
    has_accounts = bool(workspace.users())
    if not force and not workspace.is_empty():
        raise StudioError(f"{workspace.location} already has content; use --force to replace it")
    documents, edits = demo_documents(), demo_edits()
    if has_accounts:
        changes = yield from workspace.replace_content(documents, edits, action="demo")
    else:
        changes = yield from workspace.set_up(DEMO_USERS, DEMO_AUTHOR, documents, edits, action="demo")
    # The demo glossary (TBX) joins a workspace whose glossary is empty, as the content's author's work. A
    # transaction of its own: the content above is complete without it.
    fill_glossary = not workspace.glossary()
    if fill_glossary:
        author = workspace.actor.name if has_accounts and workspace.actor else DEMO_AUTHOR
        workspace.import_glossary([DEMO_DIR / "glossary.tbx"], author=author)
    return Changes(documents=changes.documents, cells=changes.cells, users=changes.users, sections=True,
                   glossary=fill_glossary, summary=f"demo: {changes.summary}")


def describe_users(users: Sequence[NewAccount] = DEMO_USERS) -> str:
    lines = ["Demo users (name / password / roles):"]
    for u in users:
        locales = f" for {', '.join(u.review_locales)}" if u.review_locales else ""
        lines.append(f"  {u.name:<11} {u.password:<16} {', '.join(u.roles)}{locales}")
    return "\n".join(lines)
