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
from collections.abc import Callable
from dataclasses import dataclass
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
    "en": ["permit", "residence", "office", "apply", "online", "documents", "passport", "employer", "review", "service", "centre", "hours"],
    "de": ["Antrag", "Aufenthalt", "Behörde", "Unterlagen", "Reisepass", "Arbeitgeber", "Prüfung", "Termin", "Gebühr", "Zentrum"],
    "fr": ["demande", "séjour", "bureau", "documents", "passeport", "employeur", "examen", "rendez-vous", "frais", "centre"],
    "es": ["solicitud", "residencia", "oficina", "documentos", "pasaporte", "empleador", "revisión", "cita", "tasa", "centro"],
    "ru": ["заявление", "вид", "жительство", "документы", "паспорт", "работодатель", "проверка", "запись", "сбор", "центр"],
    "ko": ["외국인", "거주", "허가", "신청", "서류", "여권", "고용주", "심사", "예약", "센터"],
    "ar": ["طلب", "إقامة", "مكتب", "وثائق", "جواز", "صاحب", "العمل", "مراجعة", "موعد", "رسوم", "مركز"],
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
        if locale == "ja":
            return "".join(self.rng.choice(WORDS["ja"]) for _ in range(self.rng.randint(5, 12)))
        words = " ".join(self.rng.choice(WORDS[locale]) for _ in range(self.rng.randint(2, 6)))
        return words[0].upper() + words[1:]


@dataclass(frozen=True)
class Title:
    """A title or name: one segment."""


@dataclass(frozen=True)
class Sentences:
    count: int


@dataclass(frozen=True)
class Rich:
    blocks: tuple[tuple[str, int], ...]  # (tag, sentence count) per block


@dataclass(frozen=True)
class Neutral:
    """A language-neutral value: in the source only."""

    value: Any


def _shape(kind: str, rng: random.Random, office_slugs: list[str]) -> dict[str, Any]:
    """What a document of `kind` holds; rendering it in each language keeps the sentences aligned."""
    def rich(blocks: int) -> Rich:
        return Rich(tuple(("p" if rng.random() < 0.7 else "li", rng.randint(1, 3)) for _ in range(blocks)))

    t, s, n = Title(), Sentences, Neutral
    if kind == "office":
        return {"name": t, "address": t, "opening_hours": s(1), "transport": s(2),
                "phone": n(f"+86 10 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"),
                "coordinates": n(f"{39.6 + 0.6 * rng.random():.4f},{116.1 + 0.6 * rng.random():.4f}")}
    if kind == "procedure_guide":
        return {"title": t, "summary": s(2), "who_may_apply": s(2), "conditions": rich(3),
                "required_documents": [{"name": t, "note": s(1)} for _ in range(rng.randint(4, 6))],
                "steps": [{"title": t, "body": rich(1)} for _ in range(rng.randint(4, 6))],
                "fees": [{"explanation": s(1), "amount": n({"amount": str(rng.choice([0, 200, 400]))})}],
                "processing_time": s(1), "offices": n(rng.sample(office_slugs, 2)),
                "online_service_url": n(f"https://zwdt.example.gov.cn/item/{rng.randint(1, 99999)}"),
                "legal_basis": [s(1), s(1)], "contact_phone": n("12345"), "notes": rich(2)}
    if kind == "section_page":
        return {"title": t, "intro": s(2), "body": rich(8)}
    if kind == "article":
        return {"title": t, "summary": s(1), "body": rich(6),
                "published_on": n(f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")}
    if kind == "faq":
        return {"question": t, "answer": rich(2)}
    return {"title": t, "description": s(3), "eligibility": s(2), "how_to_book": [s(1), s(1), s(1)],
            "appointment_url": n(f"https://yuyue.example.gov.cn/s/{rng.randint(1, 9999)}"),
            "office": n(rng.choice(office_slugs))}


def _render(shape: Any, text: Callable[[int], str], title: Callable[[], str], source: bool) -> Any:
    """Values in one language; neutral values only in the source (None elsewhere, then dropped)."""
    if isinstance(shape, Title):
        return title()
    if isinstance(shape, Sentences):
        return text(shape.count)
    if isinstance(shape, Neutral):
        return shape.value if source else None
    if isinstance(shape, Rich):
        blocks = []
        for i, (tag, count) in enumerate(shape.blocks):
            body = text(count)
            if i == 0:  # inline markup at the start of the first block, in every language alike
                body = f"<strong>{title()}</strong>{'' if body.endswith('。') else ' '}{body}"
            blocks.append(f"<ul><li>{body}</li></ul>" if tag == "li" else f"<p>{body}</p>")
        return "".join(blocks)
    if isinstance(shape, list):
        return [_render(item, text, title, source) for item in shape]
    values = {k: _render(v, text, title, source) for k, v in shape.items()}
    return {k: v for k, v in values.items() if v is not None}


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
            shape = _shape(kind, rng, office_slugs)
            fields = _render(shape, w.zh, w.title_zh, source=True)
            doc: dict[str, Any] = {"type": kind, "section": rng.choice(SECTIONS), "slug": slug, "fields": fields}
            translations = {}
            for loc in TARGETS:
                if rng.random() > COVERAGE[loc]:
                    continue
                values = _render(shape, lambda k, loc=loc: w.target(loc, k), lambda loc=loc: w.title(loc),
                                 source=False)
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
