"""Returned files are untrusted: a hostile or broken one ends in one InputFileError naming the file (and the line
where it is known) and writes nothing. Every reader is fuzzed: nothing else may escape."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.errors import InputFileError
from studio.exchange.returned import parse_returned, read_returned
from studio.workspace import Workspace
from tests.helpers import snapshot

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="fr">
<file id="f"><unit id="1"><segment><source>a</source><target>&lol4;</target></segment></unit></file></xliff>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="x" source-language="zh-Hans" target-language="fr" datatype="plaintext"><body>
<trans-unit id="1"><source>a</source><target>&secret;</target></trans-unit></body></file></xliff>
"""

UNDECLARED_ENTITY = b"""<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="fr">
<file id="f"><unit id="1"><segment><source>a</source>
<target>&nbsp;</target></segment></unit></file></xliff>
"""

CASES = {
    "billion-laughs.xlf": (BILLION_LAUGHS, "entities", 3),
    "external-entity.xlf": (EXTERNAL_ENTITY, "entities", 2),
    "undeclared.xlf": (UNDECLARED_ENTITY, "nbsp", 4),
    "not-xml.xlf": (b"<xliff><file></xliff>", "not well-formed", 1),
    "tmx.xml": (b'<tmx version="1.4"><header/><body/></tmx>', "not XLIFF", 1),
    "no-language.po": (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "Language", 1),
    "bad-quote.po": (b'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "a"b"\nmsgstr "c"\n', "quote", 4),
    "latin1.po": (b'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "\xe9t\xe9"\nmsgstr "x"\n', "UTF-8", 4),
    "plural.po": (b'msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n',
                  "plural", 4),
    "short-row.csv": (b"id,locale,source,target\r\n1,fr,a,b\r\n2,fr\r\n", "column", 3),
    "no-columns.csv": (b"id,source,target\r\n1,a,b\r\n", "locale", 1),
    "open-quote.csv": (b'id,locale,source,target\r\n1,fr,"a,b\r\n', "CSV", 2),
    "binary.po": (b"\x00\x01\x02msgid", "not a PO", None),
    "empty.csv": (b"", "not a PO, XLIFF or CSV", 1),
}


@pytest.mark.parametrize("name", CASES)
def test_a_bad_file_is_one_clear_error_and_changes_nothing(sqlite_workspace: Workspace, tmp_path: Path, name: str):
    data, words, line = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(sqlite_workspace)
    with pytest.raises(InputFileError) as caught:
        sqlite_workspace.import_translations([path])
    assert caught.value.path == str(path) and words in caught.value.detail
    if line is not None:
        assert caught.value.line == line
    assert snapshot(sqlite_workspace) == before


def test_a_billion_laughs_file_is_refused_quickly(tmp_path: Path):
    big = BILLION_LAUGHS.replace(b"&lol4;</target>", b"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;</target>")
    path = tmp_path / "laughs.xlf"
    path.write_bytes(big)
    with pytest.raises(InputFileError, match="entities"):
        read_returned(path)


def test_a_folder_or_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(InputFileError, match="not a file"):
        read_returned(tmp_path)
    with pytest.raises(InputFileError, match="no such file"):
        read_returned(tmp_path / "gone.po")


PO_HEAD = b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
XLIFF_HEAD = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="fr">'
              b'<file id="f"><unit id="1"><segment><source>')
XLIFF12_HEAD = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" '
                b'source-language="zh-Hans" target-language="fr" datatype="plaintext"><body><trans-unit id="1">'
                b'<source>')
CSV_HEAD = b"id,locale,source,target,state\r\n"
PIECES = st.sampled_from([b'msgctxt "', b'msgid "', b'msgstr "', b'"', b"\\", b"\n", b"#, fuzzy\n", b"#| msgid ",
                          b"#~ ", b"<", b">", b"</", b"/>", b"<pc id='1'>", b"<ph id='2'/>", b"<target>", b"</source>",
                          b"&amp;", b"&#0;", b"&#x10FFFF;", b"]]>", b"<![CDATA[", b",", b'"', b"\r\n", b"\xef\xbb\xbf",
                          "北京".encode(), "عربي".encode(), b"\xff", b"{1}", b"{/1}", b"\x00", b"\xe2\x80\xa8"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.sampled_from([PO_HEAD, XLIFF_HEAD, XLIFF12_HEAD, CSV_HEAD, b""]),
       body=st.lists(st.one_of(PIECES, st.binary(max_size=12)), max_size=30))
def test_nothing_but_input_file_error_escapes_a_reader(head: bytes, body: list[bytes]):
    try:
        parse_returned("fuzz", head + b"".join(body))
    except InputFileError as exc:
        assert exc.path == "fuzz"


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_in_a_po_file_is_read_or_refused_cleanly(text: str):
    from studio.exchange import po

    with contextlib.suppress(InputFileError):  # refused cleanly; anything else fails the test
        po.read("fuzz.po", PO_HEAD + text.encode("utf-8", "surrogatepass"))
