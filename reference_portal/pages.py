"""The public web pages of what is LIVE: one site per locale (`/en/`, `/zh/`, `/ar/`...), like the real portal.

`/{site}/` lists the six sections with the documents live in that locale; `/{site}/{section}/{slug}` shows one,
its title and every field under the field's label in that locale, the language-neutral facts (links, phones,
amounts, dates) taken from the live core. A document without a live variant in a locale does not exist on that
site. Staged content never shows: pages read only the `live_*` columns.

Everything that came from a client is escaped, except rich text, which arrives as HTML and is cut down by nh3
to the portal's small set of tags (p, a[href], strong, em, ul, ol, li, br); scripts and their content go.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import nh3
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from reference_portal import labels
from reference_portal.documents import LiveDocument, live_document, live_documents
from reference_portal.locales import ENDONYMS, SITE_OF, SITES, direction
from reference_portal.storage import Database

router = APIRouter()

RICH_TEXT_TAGS = frozenset({"p", "a", "strong", "em", "ul", "ol", "li", "br"})
NEUTRAL_KINDS = frozenset({"url", "phone", "date", "money", "reference", "geo"})

_CSS = """
body { margin: 0; font: 17px/1.6 system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif;
       color: #1d1d1f; background: #fafafa; }
header { background: #a4161a; color: #fff; padding: .6rem 1.2rem; }
header a { color: #fff; text-decoration: none; }
header .site { font-weight: 700; font-size: 1.2rem; }
nav.languages { font-size: .85rem; margin-top: .3rem; }
nav.languages a { margin-inline-end: .8rem; opacity: .85; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; background: #fff; }
h1 { font-size: 1.7rem; line-height: 1.3; }
h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 1.8rem; }
h3 { font-size: 1rem; margin: .6rem 0 .2rem; }
.kind, .crumbs, footer { color: #666; font-size: .9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: #f3f3f3;
           padding: .8rem 1rem; border-radius: 4px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
a { color: #a4161a; }
"""


def sanitize(markup: str) -> str:
    """Rich text cut down to the portal's tags; every other tag removed (scripts with their content)."""
    return nh3.clean(markup, tags=set(RICH_TEXT_TAGS), attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel=None)


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class _Site:
    """The site a page belongs to, and how it finds the documents a reference names."""

    db: Database
    site: str
    locale: str

    def reference_html(self, slug: Any) -> str:
        target = live_document(self.db, self.locale, str(slug))
        if target is None:
            return f'<span dir="ltr">{_escape(slug)}</span>'
        href = f"/{self.site}/{target.core.get('section')}/{target.core.get('slug')}"
        return f'<a href="{_escape(href)}">{_escape(target.variant.get("title", slug))}</a>'


def merge_fields(core: Any, variant: Any) -> Any:
    """The fields of a page: the core's neutral values and the variant's translations, merged item by item
    (a list of records such as fees holds the amount in the core and the explanation in the variant)."""
    if isinstance(core, dict) and isinstance(variant, dict):
        return {**core, **{k: merge_fields(core[k], v) if k in core else v for k, v in variant.items()}}
    if isinstance(core, list) and isinstance(variant, list):
        length = max(len(core), len(variant))
        return [merge_fields(core[i], variant[i]) if i < len(core) and i < len(variant)
                else (variant[i] if i < len(variant) else core[i]) for i in range(length)]
    return variant


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text_html(value: Any) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return "".join(f"<p>{_escape(p.strip()).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _generic_html(value: Any) -> str:
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{_generic_html(v)}</li>" for v in value) + "</ul>"
    if isinstance(value, dict):
        return "<dl>" + "".join(f"<dt>{_escape(k)}</dt><dd>{_generic_html(v)}</dd>" for k, v in value.items()) + "</dl>"
    return _text_html(value)


def value_html(kind: str, value: Any, site: _Site) -> str:
    """One value of a field of `kind` on a page."""
    if kind == "rich_text":
        return sanitize(str(value))
    if kind == "url":
        if re.match(r"https?://", str(value), re.IGNORECASE):
            return f'<a href="{_escape(value)}" dir="ltr">{_escape(value)}</a>'
        return f'<span dir="ltr">{_escape(value)}</span>'
    if kind == "phone":
        dial = re.sub(r"[^0-9+]", "", str(value))
        return f'<a href="tel:{dial}" dir="ltr">{_escape(value)}</a>'
    if kind == "money" and isinstance(value, Mapping):
        return f'<span dir="ltr">{_escape(value.get("amount", ""))} {_escape(value.get("currency", "CNY"))}</span>'
    if kind == "reference":
        return site.reference_html(value)
    if kind in NEUTRAL_KINDS:
        return f'<span dir="ltr">{_escape(value)}</span>'
    if kind == "text" and isinstance(value, str):
        return _text_html(value)
    return _generic_html(value)


def _list_html(spec: labels.FieldSpec, value: Any, site: _Site) -> str:
    items = value if isinstance(value, list) else [value]
    rows = []
    for n, item in enumerate(items, 1):
        if spec.items and isinstance(item, Mapping):
            parts = "".join(f"<dt>{_escape(sub.label(site.locale))}</dt>"
                            f"<dd>{value_html(sub.kind, item[sub.name], site)}</dd>"
                            for sub in spec.items if not _empty(item.get(sub.name)))
            rows.append(f"<li><h3>{_escape(spec.item_label(site.locale, n))}</h3><dl>{parts}</dl></li>")
        else:
            rows.append(f"<li>{value_html(spec.item_kind or 'text', item, site)}</li>")
    return "<ol>" + "".join(rows) + "</ol>"


def document_html(document: LiveDocument, site: _Site) -> str:
    """The article of one live document in the site's locale: title, facts box, then every field in type order."""
    locale = site.locale
    ctype = labels.content_types().get(str(document.core.get("type")))
    fields = merge_fields(document.core.get("fields") or {}, document.variant.get("fields") or {})
    specs = list(ctype.fields) if ctype else []
    known = {spec.name for spec in specs}
    specs += [labels.FieldSpec(name, "unknown") for name in fields if name not in known]
    title_field = ctype.title_field if ctype else "title"
    facts, sections = [], []
    for spec in specs:
        value = fields.get(spec.name)
        if spec.name == title_field or _empty(value):
            continue
        label = _escape(spec.label(locale))
        if spec.kind in NEUTRAL_KINDS:
            facts.append(f"<dt>{label}</dt><dd>{value_html(spec.kind, value, site)}</dd>")
        elif spec.kind == "list":
            sections.append(f'<section class="field" id="{_escape(spec.name)}"><h2>{label}</h2>'
                            f"{_list_html(spec, value, site)}</section>")
        else:
            sections.append(f'<section class="field" id="{_escape(spec.name)}"><h2>{label}</h2>'
                            f"{value_html(spec.kind, value, site)}</section>")
    kind = f'<p class="kind">{_escape(ctype.label(locale))}</p>' if ctype else ""
    facts_html = f'<dl class="facts">{"".join(facts)}</dl>' if facts else ""
    return (f"<article><h1>{_escape(document.variant.get('title', ''))}</h1>{kind}{facts_html}"
            f"{''.join(sections)}<footer><time datetime=\"{_escape(document.published_at)}\">"
            f"{_escape(document.published_at[:10])}</time></footer></article>")


def page_html(locale: str, title: str, main: str) -> str:
    """A whole page of the site of `locale`: language, direction, header with the language switcher."""
    site = SITE_OF[locale]
    switcher = "".join(f'<a href="/{s}/" lang="{code}" dir="{direction(code)}">{_escape(ENDONYMS[code])}</a>'
                       for s, code in SITES.items())
    return (f'<!DOCTYPE html>\n<html lang="{locale}" dir="{direction(locale)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_escape(title)}</title>'
            f'<style>{_CSS}</style></head><body><header><a class="site" href="/{site}/">'
            f'{_escape(ENDONYMS[locale])}</a><nav class="languages" dir="ltr">{switcher}</nav></header>'
            f"<main>{main}</main></body></html>")


def _not_found(locale: str = "en") -> HTMLResponse:
    return HTMLResponse(page_html(locale, "404", "<h1>404</h1>"), status_code=404)


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


@router.get("/", response_class=HTMLResponse)
def sites() -> HTMLResponse:
    links = "".join(f'<li><a href="/{s}/" lang="{code}" dir="{direction(code)}">{_escape(ENDONYMS[code])}</a></li>'
                    for s, code in SITES.items())
    return HTMLResponse(page_html("en", "Reference portal", f"<h1>Reference portal</h1><ul>{links}</ul>"))


@router.get("/{site}/", response_class=HTMLResponse)
def site_index(request: Request, site: str) -> HTMLResponse:
    locale = SITES.get(site)
    if locale is None:
        return _not_found()
    by_section: dict[str, list[LiveDocument]] = {}
    for document in live_documents(_db(request), locale):
        by_section.setdefault(str(document.core.get("section")), []).append(document)
    parts = []
    for key, titles in labels.sections():
        found = sorted(by_section.get(key, []), key=lambda d: str(d.variant.get("title", "")).casefold())
        items = "".join(f'<li><a href="/{site}/{_escape(key)}/{_escape(d.core.get("slug"))}">'
                        f'{_escape(d.variant.get("title", ""))}</a></li>' for d in found)
        parts.append(f'<section class="section" id="{_escape(key)}"><h2>{_escape(titles.get(locale, key))}</h2>'
                     f"<ul>{items}</ul></section>")
    return HTMLResponse(page_html(locale, ENDONYMS[locale], f"<h1>{_escape(ENDONYMS[locale])}</h1>{''.join(parts)}"))


@router.get("/{site}/{section}/{slug}", response_class=HTMLResponse)
def document_page(request: Request, site: str, section: str, slug: str) -> HTMLResponse:
    locale = SITES.get(site)
    if locale is None:
        return _not_found()
    document = live_document(_db(request), locale, slug, section)
    if document is None:
        return _not_found(locale)
    section_title = dict(labels.sections()).get(section, {}).get(locale, section)
    crumbs = f'<p class="crumbs"><a href="/{site}/#{_escape(section)}">{_escape(section_title)}</a></p>'
    here = _Site(_db(request), site, locale)
    return HTMLResponse(page_html(locale, str(document.variant.get("title", "")),
                                  crumbs + document_html(document, here)))
