"""The demo workspace: three users and the city's content from resources/demo, with translations in every state.

The content is imported through the same path as `studio import`, by the demo editor, and then a few source
edits are applied as an editor would make them, so some translations are honestly `outdated`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio.changes import Changes
from studio.content.importers import ImportOptions, read_document_file
from studio.errors import StudioError
from studio.jobs import Job, Progress
from studio.resources import RESOURCES
from studio.workflow.permissions import require
from studio.workspace import Workspace

DEMO_DIR = RESOURCES / "demo"


@dataclass(frozen=True)
class DemoUser:
    name: str
    display_name: str
    roles: tuple[str, ...]
    review_locales: tuple[str, ...]
    password: str


# Demo passwords are printed by `studio demo` and written in the README: this is a showcase, not a vault.
DEMO_USERS = (
    DemoUser("supervisor", "Wang Jun", ("supervisor",), (), "supervisor-demo"),
    DemoUser("editor", "Li Mei", ("editor",), (), "editor-demo"),
    DemoUser("reviewer", "Claire Martin", ("reviewer",), ("fr", "de"), "reviewer-demo"),
)


def demo_files() -> list[Path]:
    return sorted((DEMO_DIR / "documents").glob("*.json"))


def fill_demo(workspace: Workspace, force: bool = False) -> Job[Changes]:
    """Fill `workspace` with the demo users and content.

    A workspace that already has documents or users is refused unless `force`; then a signed-in supervisor
    replaces its documents (users other than the demo ones are kept).
    """
    has_users = bool(workspace.users())
    if has_users or not workspace.is_empty():
        if not force:
            raise StudioError(f"{workspace.location} already has content; use --force to replace it")
        if has_users:
            require(workspace.actor, "replace_content")
    signed_in = workspace.actor
    try:
        yield Progress(0, 0, "creating the demo users")
        _ensure_demo_users(workspace)
        _sign_in_as(workspace, "supervisor")
        if not workspace.is_empty():
            workspace.replace_content()
        inputs = [doc for path in demo_files() for doc in read_document_file(path, ImportOptions())]
        _sign_in_as(workspace, "editor")
        changes = yield from workspace.import_documents(inputs, action="demo")
        edits = json.loads((DEMO_DIR / "edits.json").read_text(encoding="utf-8"))
        outdated: set[int] = set()
        for i, edit in enumerate(edits):
            yield Progress(i, len(edits), f"editing {edit['slug']}")
            outdated |= workspace.edit_source(edit["slug"], edit["fields"]).cells
    finally:
        workspace.actor = signed_in
    return Changes(documents=changes.documents, cells=frozenset(outdated), users=True, sections=True,
                   summary=f"demo: {len(changes.documents)} documents, {len(outdated)} outdated cells")


def _sign_in_as(workspace: Workspace, name: str) -> None:
    user = next(u for u in DEMO_USERS if u.name == name)
    workspace.sign_in(user.name, user.password)


def _ensure_demo_users(workspace: Workspace) -> None:
    existing = {u.name for u in workspace.users()}
    for user in DEMO_USERS:
        if user.name in existing:
            workspace.set_password(user.name, user.password)
        else:
            workspace.add_user(user.name, user.roles, user.password, user.review_locales, user.display_name)
        if workspace.actor is None and "supervisor" in user.roles:
            # The first account is the supervisor; it adds the others, as a person would.
            workspace.sign_in(user.name, user.password)


def describe_users(users: Sequence[DemoUser] = DEMO_USERS) -> str:
    lines = ["Demo users (name / password / roles):"]
    for u in users:
        locales = f" for {', '.join(u.review_locales)}" if u.review_locales else ""
        lines.append(f"  {u.name:<11} {u.password:<16} {', '.join(u.roles)}{locales}")
    return "\n".join(lines)
