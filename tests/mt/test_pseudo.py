"""The pseudo engine: accented, 30% longer, bracketed, tokens untouched, always the same, never publishable."""

from __future__ import annotations

import pytest

from studio.mt.engine import Deadline, Request
from studio.mt.masking import mask, tokens, unmask
from studio.mt.pseudo import CLOSE, OPEN, ORIGIN, SPEC, PseudoEngine, pseudo_localize
from studio.states import is_valid_origin

SENTENCE = "Foreigners apply for a work permit at the Beijing Foreign Talent Service Center."


def _inside(text: str) -> str:
    assert text.startswith(OPEN) and text.endswith(CLOSE)
    return text[len(OPEN):-len(CLOSE)]


def test_letters_are_accented_and_the_text_bracketed() -> None:
    out = pseudo_localize("Call the hotline")
    assert out.startswith("[!! Ćà") and out.endswith(" !!]")
    assert not any(c.isascii() and c.isalpha() for c in _inside(out))


@pytest.mark.parametrize("text", [SENTENCE, "外国人可以在北京市出入境管理局办理签证。", "Rhythm myths", "0123456789"])
def test_the_text_grows_by_about_thirty_percent(text: str) -> None:
    grown = len(_inside(pseudo_localize(text)))
    assert grown == len(text) + -(-len(text) * 3 // 10)  # 30%, rounded up
    assert 1.3 <= grown / len(text) < 1.4


def test_tokens_and_placeholders_pass_untouched() -> None:
    text = "Call <x1/> or see {1}the guide{/1}{2/} at <x2/>."
    out = pseudo_localize(text)
    assert tokens(out) == ["<x1/>", "<x2/>"]
    assert "{1}" in out and "{/1}" in out and "{2/}" in out


def test_a_masked_sentence_comes_back_whole_through_the_engine() -> None:
    masked = mask("请于2026-11-26前拨打+86 10 8402 0101或访问https://english.beijing.gov.cn。")
    [answer] = PseudoEngine().translate([Request(masked.text)], "zh-Hans", "fr", Deadline(1))
    restored = unmask(masked, answer)
    assert not restored.damaged
    assert "+86 10 8402 0101" in restored.text and "https://english.beijing.gov.cn" in restored.text


def test_it_is_deterministic_and_answers_each_request_in_order() -> None:
    engine = PseudoEngine()
    batch = [Request("one"), Request(""), Request("two")]
    first = engine.translate(batch, "en", "de", Deadline(1))
    assert first == engine.translate(batch, "en", "de", Deadline(1))
    assert first == [pseudo_localize("one"), "", pseudo_localize("two")]


def test_spec_and_origin_say_what_it_is() -> None:
    assert SPEC.name == "pseudo" and SPEC.offline and SPEC.options == ()
    assert "never publishable" in SPEC.about
    engine = SPEC.make({})
    assert engine.name == "pseudo" and engine.supports("zh-Hans", "ar") and not engine.supports("en", "en")
    assert ORIGIN == "mt:pseudo" and is_valid_origin(ORIGIN)
