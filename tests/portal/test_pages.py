"""The public pages show what is live, per locale site, with the labels of that locale, and nothing staged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.portal.helpers import TIMEOUT, Api, Page, new_id, read_page
from tests.portal.server import Portal

HOSTILE_RICH = ('<p>Bring your <strong>passport</strong>.<script>alert(1)</script>'
                '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">here</a>'
                '<a href="https://example.org/help" onclick="alert(4)">help</a></p>')
HOSTILE_TEXT = "Work permits <script>alert(5)</script> & more"


def _guide(slug: str) -> dict[str, Any]:
    return {"type": "procedure_guide", "section": "work", "slug": slug, "source_locale": "zh-Hans", "fields": {
        "online_service_url": "https://fwp.safea.gov.cn/", "contact_phone": "+86 10 12345",
        "fees": [{"amount": {"amount": "0", "currency": "CNY"}}]}}


def _variant(title: str, summary: str, step: str, fee: str, body: str = "<p>Apply online.</p>") -> dict[str, Any]:
    return {"title": title, "fields": {"summary": summary, "steps": [{"title": step, "body": body}],
                                       "fees": [{"explanation": fee}]}}


VARIANTS = {
    "en": _variant("Work permit for foreigners", HOSTILE_TEXT, "Apply", "Free of charge", HOSTILE_RICH),
    "ar": _variant("تصريح عمل للأجانب", "خطوات الحصول على تصريح العمل", "التقديم", "مجانًا"),
    "zh-Hans": _variant("外国人来华工作许可", "办理外国人来华工作许可。", "网上申请", "不收费"),
}


def _get(portal: Portal, path: str) -> requests.Response:
    return requests.get(portal.url + path, timeout=TIMEOUT)


def _page(portal: Portal, path: str) -> Page:
    answer = _get(portal, path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    return read_page(answer.content.decode("utf-8"))


@pytest.fixture(scope="module")
def guide(api: Api) -> Iterator[str]:
    """A procedure guide live in English, Arabic and Chinese (and staged, not live, in French): its slug."""
    document_id, slug = new_id(), f"work-permit-{new_id()[:8]}"
    api.put_core(document_id, _guide(slug))
    for lang, body in VARIANTS.items():
        api.put_variant(document_id, lang, body)
    api.publish(document_id, *VARIANTS)
    api.put_variant(document_id, "fr", _variant("Permis de travail", "Résumé", "Demander", "Gratuit"))
    yield slug


def test_the_english_site_lists_the_live_document_in_its_section(portal: Portal, guide: str) -> None:
    page = _page(portal, "/en/")

    assert page.root().attrs == {"lang": "en", "dir": "ltr"}
    work = next(e for e in page.all("section") if e.attrs.get("id") == "work")
    assert "Work permit for foreigners" in work.text
    assert [s for s in page.texts("h2")] == ["Invest", "Work", "Study", "Live", "Visit", "Shop"]
    assert f"/en/work/{guide}" in [a.attrs.get("href") for a in page.all("a")]


def test_the_english_page_shows_every_field_under_its_english_label(portal: Portal, guide: str) -> None:
    page = _page(portal, f"/en/work/{guide}")

    assert page.texts("h1") == ["Work permit for foreigners"]
    assert {"Summary", "Steps", "Fees"} <= set(page.texts("h2"))
    assert page.texts("h3") == ["Step 1", "Fee 1"]
    assert {"Apply online", "Enquiries", "Title", "Details", "Description", "Amount"} <= set(page.texts("dt"))
    hrefs = [a.attrs.get("href") for a in page.all("a")]
    assert "https://fwp.safea.gov.cn/" in hrefs and "tel:+861012345" in hrefs  # neutral facts from the core
    assert "0 CNY" in page.text and "Free of charge" in page.text


def test_the_arabic_page_is_right_to_left_with_arabic_labels(portal: Portal, guide: str) -> None:
    page = _page(portal, f"/ar/work/{guide}")

    assert page.root().attrs == {"lang": "ar", "dir": "rtl"}
    assert page.texts("h1") == ["تصريح عمل للأجانب"]
    assert {"لمحة عامة", "خطوات الإجراء", "الرسوم"} <= set(page.texts("h2"))
    assert "الخطوة 1" in page.texts("h3")
    assert "التقديم الإلكتروني" in page.texts("dt")
    assert "https://fwp.safea.gov.cn/" in [a.attrs.get("href") for a in page.all("a")]
    index = _page(portal, "/ar/")
    assert index.root().attrs["dir"] == "rtl" and "تصريح عمل للأجانب" in index.text and "العمل" in index.texts("h2")


def test_the_chinese_site_is_zh_hans_in_chinese(portal: Portal, guide: str) -> None:
    page = _page(portal, f"/zh/work/{guide}")

    assert page.root().attrs == {"lang": "zh-Hans", "dir": "ltr"}
    assert page.texts("h1") == ["外国人来华工作许可"]
    assert {"概述", "办理流程", "收费标准"} <= set(page.texts("h2"))
    assert "第1步" in page.texts("h3")
    assert "外国人来华工作许可" in _page(portal, "/zh/").text
    assert "工作" in _page(portal, "/zh/").texts("h2")


def test_a_locale_without_a_live_variant_does_not_show_the_document(portal: Portal, guide: str) -> None:
    assert _get(portal, f"/fr/work/{guide}").status_code == 404  # staged in French, never released
    assert "Permis de travail" not in _page(portal, "/fr/").text
    assert _get(portal, f"/ko/work/{guide}").status_code == 404
    assert _get(portal, f"/en/live/{guide}").status_code == 404  # another section
    assert _get(portal, f"/xx/work/{guide}").status_code == 404


def test_a_staged_change_does_not_show_until_it_is_released(portal: Portal, api: Api) -> None:
    document_id, slug = new_id(), f"staged-{new_id()[:8]}"
    api.put_core(document_id, _guide(slug))
    api.put_variant(document_id, "en", _variant("Only staged", "s", "t", "f"))
    assert _get(portal, f"/en/work/{slug}").status_code == 404
    assert "Only staged" not in _page(portal, "/en/").text

    api.publish(document_id, "en")
    assert _page(portal, f"/en/work/{slug}").texts("h1") == ["Only staged"]

    etag = api.staged(document_id, "en")["etag"]
    api.put_variant(document_id, "en", _variant("Changed, not released", "s", "t", "f"), etag=etag)
    assert _page(portal, f"/en/work/{slug}").texts("h1") == ["Only staged"]
    assert "Changed, not released" not in _page(portal, "/en/").text

    api.publish(document_id, "en")
    assert _page(portal, f"/en/work/{slug}").texts("h1") == ["Changed, not released"]


def test_a_deleted_document_leaves_every_site(portal: Portal, api: Api) -> None:
    document_id, slug = new_id(), f"deleted-{new_id()[:8]}"
    api.put_core(document_id, _guide(slug))
    api.put_variant(document_id, "de", _variant("Arbeitserlaubnis", "s", "t", "f"))
    api.publish(document_id, "de")
    assert _get(portal, f"/de/work/{slug}").status_code == 200

    api.request("DELETE", f"/v1/documents/{document_id}", headers={"If-Match": "*"})

    assert _get(portal, f"/de/work/{slug}").status_code == 404
    assert "Arbeitserlaubnis" not in _page(portal, "/de/").text


def test_hostile_markup_is_escaped_or_removed(portal: Portal, guide: str) -> None:
    answer = _get(portal, f"/en/work/{guide}")
    page = read_page(answer.text)

    assert page.all("script") == [] and page.all("img") == []
    assert not any(name.startswith("on") for e in page.elements for name in e.attrs)
    assert not any(str(e.attrs.get("href", "")).lower().startswith("javascript:") for e in page.all("a"))
    assert "alert(1)" not in answer.text
    assert HOSTILE_TEXT in page.text  # a plain text field shows the characters, as text
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in answer.text
    assert "passport" in page.texts("strong")
    assert "https://example.org/help" in [a.attrs.get("href") for a in page.all("a")]


def test_the_root_lists_the_nine_sites(portal: Portal) -> None:
    page = _page(portal, "/")

    sites = [a.attrs["href"] for a in page.all("a")][-9:]  # the list in <main>, after the header's links
    assert sites == ["/zh/", "/en/", "/ko/", "/ja/", "/de/", "/fr/", "/es/", "/ru/", "/ar/"]
