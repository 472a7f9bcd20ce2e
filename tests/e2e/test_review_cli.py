"""`studio review` as a user runs it, in child processes on the demo workspace: the queue, approving and rejecting
from the command line with --json and exit codes (0 all decided, 1 an error, 2 bad usage, 3 some skipped), and the
four-eyes rule set by a supervisor and obeyed here too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.workspace import Workspace
from tests.e2e.test_cli import studio

REVIEWER = {"STUDIO_USER": "reviewer", "STUDIO_PASSWORD": "reviewer-demo"}  # reviews fr and de
SUPERVISOR = {"STUDIO_USER": "supervisor", "STUDIO_PASSWORD": "supervisor-demo"}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    made = studio("--workspace", str(folder), "demo")
    assert made.returncode == 0, made.stderr
    return folder


def review(folder: Path, *args: str, env: dict[str, str] | None = None):
    return studio("--workspace", str(folder), "review", *args, env=env)


def queue(folder: Path, user: str, password: str, locales: list[str] | None = None):
    with Workspace.open(folder, write=False) as ws:
        ws.sign_in(user, password)
        return ws.review_queue(locales)


def states(folder: Path, keys) -> dict[tuple[int, str], tuple[str, bool]]:
    with Workspace.open(folder, write=False) as ws:
        return {key: ((c := ws.cell(*key)).state, c.flagged) for key in keys}


def test_list_shows_the_reviewers_queue_and_approve_decides_a_document_and_named_cells(demo):
    listed = review(demo, "list", "--json", env=REVIEWER)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    expected = queue(demo, "reviewer", "reviewer-demo")
    assert [row["cell"] for row in rows] == [f"{r.segment_id}:{r.locale}" for r in expected] and rows
    assert {row["locale"] for row in rows} <= {"fr", "de"}
    assert {"segment", "version", "document", "field", "source", "translation", "confirmed_by", "confirmed_at",
            "rejected_before", "yours"} <= set(rows[0])
    text = review(demo, "list", env=REVIEWER)
    assert text.stdout.strip().endswith(f"{len(rows)} translation(s) waiting for review")

    slug = rows[0]["document"]["slug"]
    in_document = [row["cell"] for row in rows if row["document"]["slug"] == slug and row["locale"] == "fr"]
    approved = review(demo, "approve", "--document", slug, "--locale", "fr", "--json", env=REVIEWER)
    assert approved.returncode == 0, approved.stderr
    result = json.loads(approved.stdout)
    assert [d["cell"] for d in result["decided"]] == in_document and result["skipped"] == []
    keys = [(int(c.split(":")[0]), "fr") for c in in_document]
    assert set(states(demo, keys).values()) == {("approved", False)}
    left = [f"{r.segment_id}:{r.locale}" for r in queue(demo, "reviewer", "reviewer-demo")]
    assert not set(in_document) & set(left)

    # A cell waiting in French, and one in Arabic that this reviewer does not review: 3, saying which and why.
    french = left[0] if left[0].endswith(":fr") else next(c for c in left if c.endswith(":fr"))
    arabic = f"{queue(demo, 'lead', 'lead-demo', ['ar'])[0].segment_id}:ar"
    mixed = review(demo, "approve", "--cell", french, "--cell", arabic, env=REVIEWER)
    assert mixed.returncode == 3, mixed.stderr
    assert mixed.stdout.splitlines()[0] == "approved 1 translation(s); 1 skipped"
    assert f"skipped {arabic} " in mixed.stdout and "reviewer does not review ar (reviews de, fr)" in mixed.stdout


def test_reject_needs_a_comment_and_sends_the_translations_back(demo):
    first, second = queue(demo, "reviewer", "reviewer-demo", ["de"])[:2]
    cells = [f"{first.segment_id}:de", f"{second.segment_id}:de"]
    no_reason = review(demo, "reject", "--cell", cells[0], env=REVIEWER)
    assert no_reason.returncode == 2 and "--comment" in no_reason.stderr
    blank = review(demo, "reject", "--cell", cells[0], "--comment", " ", env=REVIEWER)
    assert blank.returncode == 1 and blank.stderr.startswith("studio: say why the translations are rejected")

    rejected = review(demo, "reject", "--cell", cells[0], "--cell", cells[1], "--comment",
                      "Bitte die Terminologie des Glossars verwenden.", "--json", env=REVIEWER)

    assert rejected.returncode == 0, rejected.stderr
    assert [d["cell"] for d in json.loads(rejected.stdout)["decided"]] == cells
    assert set(states(demo, [first.key, second.key]).values()) == {("draft", True)}


def test_usage_and_errors(demo):
    nobody = review(demo, "approve", "--all")
    assert nobody.returncode == 1 and nobody.stderr.count("\n") == 1
    assert "you must sign in as a user with the reviewer role" in nobody.stderr
    assert review(demo, "approve", "--cell", "twelve:fr", env=REVIEWER).returncode == 2
    assert review(demo, "approve", "--all", "--document", "x", env=REVIEWER).returncode == 2
    unknown = review(demo, "approve", "--document", "no-such-guide", env=REVIEWER)
    assert unknown.returncode == 1 and "no document with id or slug 'no-such-guide'" in unknown.stderr
    anonymous_list = review(demo, "list")
    assert anonymous_list.returncode == 1 and "name the locales (--locale fr)" in anonymous_list.stderr
    by_locale = review(demo, "list", "--locale", "ar", "--json")  # anyone may read a named queue
    assert by_locale.returncode == 0 and {r["locale"] for r in json.loads(by_locale.stdout)} == {"ar"}
    supervisor = review(demo, "list", env=SUPERVISOR)  # a supervisor who reviews nothing sees nothing
    assert supervisor.returncode == 0 and "reviews no locale" in supervisor.stderr
    assert supervisor.stdout.strip() == "0 translation(s) waiting for review"


def test_the_four_eyes_rule_is_set_by_a_supervisor_and_obeyed_on_the_command_line(demo):
    refused = review(demo, "four-eyes", "on", env=REVIEWER)
    assert refused.returncode == 1
    assert refused.stderr == "studio: only a supervisor turns the four-eyes rule on or off (reviewer is reviewer)\n"
    assert json.loads(review(demo, "four-eyes", "status", "--json").stdout) == {"four_eyes": False}
    added = studio("--workspace", str(demo), "user", "add", "paul", "--role", "editor", "--role", "reviewer",
                   "--locales", "fr", env={**SUPERVISOR, "STUDIO_NEW_PASSWORD": "paul-password"})
    assert added.returncode == 0, added.stderr
    turned = review(demo, "four-eyes", "on", env=SUPERVISOR)
    assert (turned.returncode, turned.stdout) == (0, "the four-eyes rule is on\n")
    assert review(demo, "four-eyes", "status").stdout.startswith("the four-eyes rule is on")

    # Paul confirms a French translation (in the window, say); approving it himself is refused here too.
    with Workspace.open(demo) as ws:
        ws.sign_in("paul", "paul-password")
        row = ws.review_queue()[0]
        ws.save_cell(row.segment_id, "fr", row.translation + " ", row.version, confirm=True)
    paul = {"STUDIO_USER": "paul", "STUDIO_PASSWORD": "paul-password"}
    own = review(demo, "approve", "--cell", f"{row.segment_id}:fr", "--json", env=paul)
    assert own.returncode == 3
    [skipped] = json.loads(own.stdout)["skipped"]
    assert skipped["why"] == (f"four-eyes rule: {row.slug} {row.field_path} (fr) was confirmed by you; another "
                              "reviewer of fr must approve it")
    assert states(demo, [row.key])[row.key] == ("translated", False)

    everything = review(demo, "approve", "--all", env=REVIEWER)  # another reviewer approves it, and the rest
    assert everything.returncode == 0, everything.stdout + everything.stderr
    assert states(demo, [row.key])[row.key] == ("approved", False)
    assert queue(demo, "reviewer", "reviewer-demo") == []
    again = review(demo, "approve", "--all", env=REVIEWER)
    assert (again.returncode, again.stdout) == (0, "Nothing is waiting for review there.\n")
