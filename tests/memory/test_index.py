"""The memory's n-gram index on its own: the grams of Chinese, Latin and mixed text, and candidates found in both
the compact posting lists and the texts added since."""

from __future__ import annotations

from studio.memory.index import MemoryIndex, SourceIndex, grams


def test_chinese_gives_bigrams_and_other_scripts_padded_trigrams():
    assert grams("北京市") == {"北京", "京市"}
    assert grams("京") == {"京"}
    assert grams("Visa") == {" vi", "vis", "isa", "sa "}
    # Full-width letters and case are folded; a CJK run beside Latin words gives both kinds.
    assert grams("ＶＩＳＡ") == grams("visa")
    assert grams("办理 visa") == {"办理", " vi", "vis", "isa", "sa "}


def test_candidates_come_from_the_compact_lists_and_from_texts_added_since():
    index = SourceIndex()
    for i, text in enumerate(["外国人须办理工作许可。", "外国人须办理居留许可。", "北京市地铁运营时间。"]):
        index.add(text, i + 1)
    index.settle()  # the first texts are merged into the compact lists
    index.add("外国人须办理工作签证。", 10)  # this one stays among the texts added since
    index.add("外国人须办理工作许可。", 11)  # a second unit of a known text: one more ref, no new text
    assert len(index) == 4 and index.refs[0] == [1, 11]
    found = [index.texts[i] for i in index.candidates("外国人须办理工作许可证。", 50, 10)]
    assert found[0] == "外国人须办理工作许可。"
    assert set(found[1:3]) == {"外国人须办理居留许可。", "外国人须办理工作签证。"}
    assert "北京市地铁运营时间。" not in found
    # A text far longer or shorter than the query cannot reach the score: never a candidate.
    assert index.candidates("外国人", 90, 10) == []


def test_a_memory_index_keeps_one_source_index_per_locale_and_forgets_cached_results_on_news():
    index = MemoryIndex()
    index.remember("query", "result", index.generation)
    assert index.cached("query") == "result"
    index.remember("stale", "result", index.generation - 1)  # computed before a change: not kept
    assert index.cached("stale") is None
    assert index.add_all([("zh-Hans", "北京", 1), ("en", "Beijing", -2)]) == 2
    assert set(index.by_locale) == {"zh-Hans", "en"}
    assert index.cached("query") is None
