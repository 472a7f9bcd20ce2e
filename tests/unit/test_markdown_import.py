"""Markdown as the portal takes it: CommonMark (markdown-it-py, linear time) cut down to the subset the README
promises, with the unpaired markers a writer would want to hear about reported on their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.content.importers import parse_markdown
from studio.errors import InputFileError

PATH = Path("news.md")


def body(text: str) -> str:
    return parse_markdown(PATH, text)[1]


def test_the_subset_becomes_portal_html() -> None:
    title, html = parse_markdown(PATH, "# 地铁 **延长** 运营\n\n第一段**加粗**、*强调*、`代码`和[链接](https://x.cn/a)。\n"
                                       "同一段。\n\n## 小标题\n\n- 一\n- 二\n\n1. 甲\n2. 乙\n\n> 引用。\n")
    assert title == "地铁 **延长** 运营"  # a title is plain text, as it always was
    assert html == ('<p>第一段<strong>加粗</strong>、<em>强调</em>、<code>代码</code>和<a href="https://x.cn/a">链接</a>。\n'
                    "同一段。</p>\n<h2>小标题</h2>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n<ol>\n<li>甲</li>\n"
                    "<li>乙</li>\n</ol>\n<blockquote>引用。</blockquote>")


def test_raw_html_is_text_and_small_headings_stay_in_the_subset() -> None:
    assert body("# t\n\n<script>alert(1)</script>\n\n##### 五级\n") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<h4>五级</h4>")


def test_escaped_markers_and_words_with_underscores_are_text() -> None:
    assert body("# t\n\n\\*\\* not bold, snake_case_name, 2 * 3\n") == (
        "<p>** not bold, snake_case_name, 2 * 3</p>")


@pytest.mark.parametrize("text, line, message", [
    ("# t\n\n正文\n**加粗。\n", 4, "unclosed bold marker"),
    ("# t\n\n`代码\n", 3, "unclosed code marker"),
    ("# t\n\n见[官网](javascript:alert(1))。\n", 3, "unclosed link"),
    ("# t\n\n正文。\n\n# 又一个标题\n", 5, "a second '# title'"),
    ("\n\n正文。\n", 3, "a Markdown document starts with '# title'"),
    ("# 只有标题\n", 1, "the document has a title but no body"),
    ("# t\n\n" + "".join("  " * i + "- x\n" for i in range(10)), 8, "nested too deeply"),
    ("# t\n\n" + ">" * 30 + " 深\n", 3, "nested too deeply"),
])
def test_what_a_writer_must_fix_is_named_on_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputFileError, match=message) as caught:
        parse_markdown(PATH, text)
    assert caught.value.line == line
