"""A portal-scale corpus in Studio's JSON format: 300 guides, 100 pages, 500 news, 200 FAQ, 60 services,
40 offices by default, with translations into the eight targets in a realistic mix of states.

    python bench/generate_corpus.py OUT_DIR [--scale 1.0] [--seed 7]

The text is synthetic but shaped like the real thing: Chinese sentences of 15-40 characters ending in 。,
rich text with links and bold, and each translation sentence-aligned so the import accepts it.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

SIZES = {"office": 40, "procedure_guide": 300, "section_page": 100, "article": 500, "faq": 200, "service": 60}
SECTIONS = ["invest", "work", "study", "live", "visit", "shop"]
TARGETS = ["en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
# The share of documents translated into each locale, and how far along those translations are.
COVERAGE = {"en": 0.95, "ko": 0.7, "ja": 0.7, "de": 0.5, "fr": 0.6, "es": 0.45, "ru": 0.5, "ar": 0.4}
STATE_MIX = [("approved", 0.55), ("translated", 0.25), ("draft", 0.2)]

ZH = "外国人居留许可工作签证办理材料申请审核窗口预约服务中心社会保险公积金护照学历证明住宿登记出入境管理局" \
     "市场监督企业注册税务银行账户驾驶证体检医院学校入学子女教育交通地铁公交旅游景点购物退税消费者权益"
WORDS = {
    "en": "permit residence office apply online documents passport employer review service centre hours".split(),
    "de": "Antrag Aufenthalt Behörde Unterlagen Reisepass Arbeitgeber Prüfung Termin Gebühr Zentrum".split(),
    "fr": "demande séjour bureau documents passeport employeur examen rendez-vous frais centre".split(),
    "es": "solicitud residencia oficina documentos pasaporte empleador revisión cita tasa centro".split(),
    "ru": "заявление вид жительство документы паспорт работодатель проверка запись сбор центр".split(),
    "ko": "외국인 거주 허가 신청 서류 여권 고용주 심사 예약 센터".split(),
    "ar": "طلب إقامة مكتب وثائق جواز صاحب العمل مراجعة موعد رسوم مركز".split(),
    "ja": "外国人在留許可申請書類旅券雇用主審査予約窓口手数料",
}


class Writer:
    """Makes sentences in each language; `n` sentences of the source get `n` sentences in each target."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def zh(self, n: int, lo: int = 15, hi: int = 40) -> str:
        return "".join("".join(self.rng.choice(ZH) for _ in range(self.rng.randint(lo, hi))) + "。"
                       for _ in range(n))

    def title_zh(self) -> str:
        return "".join(self.rng.choice(ZH) for _ in range(self.rng.randint(6, 16)))

    def target(self, locale: str, n: int) -> str:
        if locale == "ja":
            return "".join("".join(self.rng.choice(WORDS["ja"]) for _ in range(self.rng.randint(15, 40))) + "。"
                           for _ in range(n))
        words = WORDS[locale]
        out = []
        for _ in range(n):
            sentence = " ".join(self.rng.choice(words) for _ in range(self.rng.randint(6, 16)))
            out.append(sentence[0].upper() + sentence[1:] + ".")
        return " ".join(out)

    def title(self, locale: str) -> str:
        return self.target(locale, 1).rstrip("。.")


def _shape(kind: str, w: Writer, rng: random.Random, office_slugs: list[str]) -> dict[str, Any]:
    """Source fields, each text value given as (sentences) so translations can mirror it."""
    def rich(blocks: int) -> list[tuple[str, int]]:
        return [("p" if rng.random() < 0.7 else "li", rng.randint(1, 3)) for _ in range(blocks)]

    if kind == "office":
        return {"name": ("title",), "address": ("title",), "opening_hours": 1, "transport": 2,
                "phone": f"+86 21 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                "coordinates": f"{31 + rng.random():.4f},{121 + rng.random():.4f}"}
    if kind == "procedure_guide":
        return {"title": ("title",), "summary": 2, "who_may_apply": 2, "conditions": rich(3),
                "required_documents": [{"name": ("title",), "note": 1} for _ in range(rng.randint(4, 6))],
                "steps": [{"title": ("title",), "body": rich(1)} for _ in range(rng.randint(4, 6))],
                "fees": [{"explanation": 1, "amount": {"amount": str(rng.choice([0, 200, 400])), "currency": "CNY"}}],
                "processing_time": 1, "offices": rng.sample(office_slugs, 2),
                "online_service_url": f"https://zwdt.example.gov.cn/item/{rng.randint(1, 99999)}",
                "legal_basis": [1, 1], "contact_phone": "12345", "notes": rich(2)}
    if kind == "section_page":
        return {"title": ("title",), "intro": 2, "body": rich(8)}
    if kind == "article":
        return {"title": ("title",), "summary": 1, "body": rich(6), "published_on": f"2026-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}"}
    if kind == "faq":
        return {"question": ("title",), "answer": rich(2)}
    return {"title": ("title",), "description": 3, "eligibility": 2, "how_to_book": [1, 1, 1],
            "appointment_url": f"https://yuyue.example.gov.cn/s/{rng.randint(1, 9999)}", "office": rng.choice(office_slugs)}


def _render(shape: Any, write_text: Any, write_title: Any, neutral: bool) -> Any:
    """Turn a shape into values: ints are sentence counts, ("title",) a title, lists of (tag, n) rich text."""
    if isinstance(shape, tuple):
        return write_title()
    if isinstance(shape, int) and not isinstance(shape, bool):
        return write_text(shape)
    if isinstance(shape, list) and shape and isinstance(shape[0], tuple) and isinstance(shape[0][0], str) \
            and shape[0][0] in ("p", "li"):
        parts = []
        for i, (tag, n) in enumerate(shape):
            text = write_text(n)
            if i == 0:  # inline markup on the first block, in the same place in every language
                text = f'<strong>{write_title()}</strong> {text}' if not text.endswith("。") else \
                    f"<strong>{write_title()}</strong>{text}"
            parts.append(f"<ul><li>{text}</li></ul>" if tag == "li" else f"<p>{text}</p>")
        return "".join(parts)
    if isinstance(shape, list):
        return [_render(item, write_text, write_title, neutral) for item in shape]
    if isinstance(shape, dict) and not ("amount" in shape):
        return {k: _render(v, write_text, write_title, neutral) for k, v in shape.items()}
    return shape if neutral else None


def _strip_neutral(values: Any) -> Any:
    if isinstance(values, dict):
        return {k: _strip_neutral(v) for k, v in values.items() if v is not None}
    if isinstance(values, list):
        return [_strip_neutral(v) for v in values]
    return values


TRANSLATABLE_NEUTRAL = {"phone", "coordinates", "amount", "offices", "online_service_url", "contact_phone",
                        "published_on", "appointment_url", "office"}


def generate(out: Path, scale: float = 1.0, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    w = Writer(rng)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    office_slugs = [f"office-{i}" for i in range(max(2, round(SIZES["office"] * scale)))]
    for kind, size in SIZES.items():
        n = len(office_slugs) if kind == "office" else max(1, round(size * scale))
        folder = out / kind
        folder.mkdir(exist_ok=True)
        docs = []
        for i in range(n):
            slug = office_slugs[i] if kind == "office" else f"{kind.replace('_', '-')}-{i}"
            shape = _shape(kind, w, rng, office_slugs)
            fields = _render(shape, w.zh, w.title_zh, neutral=True)
            doc: dict[str, Any] = {"type": kind, "section": rng.choice(SECTIONS), "slug": slug, "fields": fields}
            translations = {}
            for loc in TARGETS:
                if rng.random() > COVERAGE[loc]:
                    continue
                values = _render(shape, lambda k, loc=loc: w.target(loc, k), lambda loc=loc: w.title(loc),
                                 neutral=False)
                values = {k: v for k, v in _strip_neutral(values).items() if k not in TRANSLATABLE_NEUTRAL}
                state = rng.choices([s for s, _ in STATE_MIX], [p for _, p in STATE_MIX])[0]
                translations[loc] = {"state": state, "origin": rng.choice(["human", "mt:deepl", "tm:100"]),
                                     "fields": values}
            doc["translations"] = translations
            docs.append(doc)
        for start in range(0, len(docs), 50):  # files of 50 documents, as an export batch would be
            path = folder / f"{kind}-{start // 50:03d}.json"
            path.write_text(json.dumps(docs[start:start + 50], ensure_ascii=False), encoding="utf-8")
        counts[kind] = n
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    start = time.perf_counter()
    counts = generate(args.out, args.scale, args.seed)
    print(f"generated {sum(counts.values())} documents in {time.perf_counter() - start:.2f} s: {counts}")


if __name__ == "__main__":
    main()
