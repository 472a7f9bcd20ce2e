"""Matching the segments of an edited source to the stored ones, so translations follow their sentences."""

from __future__ import annotations

from studio.content.segments import ExistingSegment, SegmentDraft, plan_sync, text_hash


def old(id_: int, path: str, text: str) -> ExistingSegment:
    return ExistingSegment(id_, path, text, text_hash(text))


def new(path: str, ordinal: int, text: str) -> SegmentDraft:
    return SegmentDraft(path, ordinal, text)


def test_unchanged_sentences_keep_their_ids_and_a_rewritten_one_is_changed():
    plan = plan_sync([old(1, "summary", "甲。"), old(2, "summary", "乙。")],
                     [new("summary", 0, "甲。"), new("summary", 1, "乙改。")])
    assert plan.kept == ((1, 0),)
    assert plan.changed == ((2, 1),)
    assert plan.added == () and plan.removed == ()


def test_a_sentence_moved_to_another_step_is_kept():
    plan = plan_sync([old(1, "steps[0].body", "先。"), old(2, "steps[1].body", "后。")],
                     [new("steps[0].body", 0, "后。"), new("steps[1].body", 0, "先。")])
    assert sorted(plan.kept) == [(1, 1), (2, 0)]


def test_inserted_and_deleted_sentences():
    plan = plan_sync([old(1, "notes", "一。"), old(2, "notes", "二。"), old(3, "title", "题")],
                     [new("notes", 0, "一。"), new("notes", 1, "新。"), new("notes", 2, "又新。")])
    assert plan.kept == ((1, 0),)
    assert plan.changed == ((2, 1),)
    assert plan.added == (2,)
    assert plan.removed == (3,)


def test_repeated_sentences_are_matched_one_to_one():
    plan = plan_sync([old(1, "a", "同。"), old(2, "a", "同。")], [new("a", 0, "同。")])
    assert plan.kept == ((1, 0),) and plan.removed == (2,)
