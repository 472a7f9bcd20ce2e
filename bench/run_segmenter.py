"""Sentence segmentation: Studio's segmenter beside pysbd, for speed on the portal's news and for accuracy on
hard cases.

    python bench/run_segmenter.py [--scale 0.2] [--repeat 5] [--cases FILE.json]

pysbd is measured only when it can be imported; it is no dependency of Studio. To include it without
touching the project's environment, install it into a throwaway one and put that on the path:

    python -m venv /tmp/pysbd && /tmp/pysbd/bin/pip install pysbd
    PYTHONPATH=/tmp/pysbd/lib/python3.11/site-packages .venv/bin/python bench/run_segmenter.py

Measures:
- speed on the news articles (type "article") of resources/demo/documents, source and translations, and on the
  articles of the portal-scale corpus generator (bench/generate_corpus.py, synthetic text): for each locale,
  the best of `--repeat` passes over every paragraph (title, summary and each block of the body, markup
  removed), and how many times faster Studio is;
- accuracy on HARD_CASES below: how many texts each segmenter cuts exactly as a translator expects; and on
  another set of cases if `--cases` names a JSON file of [locale, text, [expected segments]] (a public set
  of hard cases, kept outside the repository);
- Studio on hostile paragraphs of 40,000 repetitions (to show the time stays linear; no pysbd here).

pysbd has no Korean rules; Korean is given to its English ones.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate_corpus import generate  # noqa: E402
from studio.content.rich_text import PLACEHOLDER, html_to_blocks  # noqa: E402
from studio.content.segmenter import split_sentences  # noqa: E402
from studio.resources import RESOURCES  # noqa: E402

LOCALES = ("zh-Hans", "en", "ko", "ja", "de", "fr", "es", "ru", "ar")
PYSBD_LANGUAGE = {"zh-Hans": "zh", "ko": "en"}  # others by their own code

# Texts and the segments a translator expects. Written for this benchmark (the cases of issue 7, item 13
# quoted from it), one or more per kind of difficulty and language.
HARD_CASES: list[tuple[str, str, list[str]]] = [
    # titles, quotations and brackets
    ("zh-Hans", "我们明天一起去看《摔跤吧！爸爸》好吗？好！", ["我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"]),
    ("zh-Hans", "请阅读《外国人来华工作许可服务指南（试行）》。材料齐全的，当场受理！",
     ["请阅读《外国人来华工作许可服务指南（试行）》。", "材料齐全的，当场受理！"]),
    ("zh-Hans", "他说：“请排队。我们马上叫号。”然后离开了。", ["他说：“请排队。我们马上叫号。”", "然后离开了。"]),
    ("zh-Hans", "活动主题为“你好！北京”。欢迎参加。", ["活动主题为“你好！北京”。", "欢迎参加。"]),
    # a terminator right after closing marks ends their sentence
    ("zh-Hans", "活动名为“欢迎！”。请参加。", ["活动名为“欢迎！”。", "请参加。"]),
    ("zh-Hans", "请参阅《北京市外国人管理条例！》。然后再来。", ["请参阅《北京市外国人管理条例！》。", "然后再来。"]),
    ("ja", "活動名は「ようこそ！」。参加してください。", ["活動名は「ようこそ！」。", "参加してください。"]),
    ("ja", "職員は「はい。こちらへどうぞ。」と言いました。次の方どうぞ。",
     ["職員は「はい。こちらへどうぞ。」と言いました。", "次の方どうぞ。"]),
    ("ja", "映画『なぜ？東京』は満席です！明日また来てください。", ["映画『なぜ？東京』は満席です！", "明日また来てください。"]),
    ("ko", "전시회 《안녕! 베이징》은 무료입니다. 예약하세요.", ["전시회 《안녕! 베이징》은 무료입니다.", "예약하세요."]),
    ("en", "The exhibition (open daily! free entry) starts on Monday. Book online.",
     ["The exhibition (open daily! free entry) starts on Monday.", "Book online."]),
    ("de", "Die Ausstellung „Hallo! Peking“ ist kostenlos. Bitte melden Sie sich an.",
     ["Die Ausstellung „Hallo! Peking“ ist kostenlos.", "Bitte melden Sie sich an."]),
    ("fr", "L'exposition « Bonjour ! Pékin » est gratuite. Réservez en ligne.",
     ["L'exposition « Bonjour ! Pékin » est gratuite.", "Réservez en ligne."]),
    ("es", "La exposición «¡Hola! Pekín» es gratuita. Reserve en línea.",
     ["La exposición «¡Hola! Pekín» es gratuita.", "Reserve en línea."]),
    ("ru", "Выставка «Привет! Пекин» бесплатная. Запишитесь на сайте.",
     ["Выставка «Привет! Пекин» бесплатная.", "Запишитесь на сайте."]),
    ("ar", "معرض «مرحبًا! بكين» مجاني للجميع. احجز موعدك عبر الإنترنت.",
     ["معرض «مرحبًا! بكين» مجاني للجميع.", "احجز موعدك عبر الإنترنت."]),
    # ellipses
    ("en", "The queue was long . . . but it moved. I waited an hour. . . . Then my number came.",
     ["The queue was long . . . but it moved.", "I waited an hour. . . .", "Then my number came."]),
    ("en", "Look at this...see? It works.", ["Look at this...see?", "It works."]),
    ("en", "The form asks for . . . your address . . . and phone number. Fill it in.",
     ["The form asks for . . . your address . . . and phone number.", "Fill it in."]),
    ("de", "Ich wartete eine Stunde. . . . Dann kam ich dran.", ["Ich wartete eine Stunde. . . .", "Dann kam ich dran."]),
    ("fr", "J'ai attendu une heure. . . . Puis mon tour est venu.",
     ["J'ai attendu une heure. . . .", "Puis mon tour est venu."]),
    ("es", "Esperé una hora. . . . Luego me llamaron.", ["Esperé una hora. . . .", "Luego me llamaron."]),
    ("ru", "Я ждал час. . . . Потом меня вызвали.", ["Я ждал час. . . .", "Потом меня вызвали."]),
    # a spaced ellipsis after a stop stays with the sentence before it (pysbd's golden rules)
    ("en", "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting "
     "compounds. . . . The practice was not abandoned. . . .",
     ["One further habit which was somewhat weakened . . . was that of combining words into self-interpreting "
      "compounds. . . .", "The practice was not abandoned. . . ."]),
    ("en", "He said. . . and left. She stayed.", ["He said. . . and left.", "She stayed."]),
    ("de", "He said. . . and left.", ["He said. . . and left."]),
    ("fr", "He said. . . and left.", ["He said. . . and left."]),
    ("zh-Hans", "我们等了很久……最后终于轮到了。请稍候…… 工作人员马上回来。",
     ["我们等了很久……最后终于轮到了。", "请稍候……", "工作人员马上回来。"]),
    # initials
    ("en", "Jonas E. Smith and Albert I. Jones run the centre. Please go to Hall B. The staff will help.",
     ["Jonas E. Smith and Albert I. Jones run the centre.", "Please go to Hall B.", "The staff will help."]),
    ("de", "Die Beratung leitet Anna M. Keller. Sie spricht Englisch.",
     ["Die Beratung leitet Anna M. Keller.", "Sie spricht Englisch."]),
    ("fr", "Le service est dirigé par Jean P. Martin. Il parle chinois.",
     ["Le service est dirigé par Jean P. Martin.", "Il parle chinois."]),
    ("es", "El centro lo dirige Ana M. Ruiz. Habla chino.", ["El centro lo dirige Ana M. Ruiz.", "Habla chino."]),
    ("ru", "А. С. Пушкин жил в Москве, т. е. в столице. Музей открыт.",
     ["А. С. Пушкин жил в Москве, т. е. в столице.", "Музей открыт."]),
    # abbreviated months, days, number signs
    ("es", "La oficina abrió el Mar. 23 de Nov. de 2014. Está en el centro.",
     ["La oficina abrió el Mar. 23 de Nov. de 2014.", "Está en el centro."]),
    ("es", "Su director nació el 30 Ago. 1984 en Pekín. Habla tres idiomas.",
     ["Su director nació el 30 Ago. 1984 en Pekín.", "Habla tres idiomas."]),
    ("es", "Expediente N°. 1026.253.553. Se ha aprobado.", ["Expediente N°. 1026.253.553.", "Se ha aprobado."]),
    ("en", "The office opened on Mar. 23, 2014. It moved in 2020.",
     ["The office opened on Mar. 23, 2014.", "It moved in 2020."]),
    ("ru", "Центр открылся 23 нояб. 2014 г. и работает без выходных. Запись обязательна.",
     ["Центр открылся 23 нояб. 2014 г. и работает без выходных.", "Запись обязательна."]),
    ("ru", "Декларацию подают до 30 апреля 2025 г. После этого срока начисляется штраф.",
     ["Декларацию подают до 30 апреля 2025 г.", "После этого срока начисляется штраф."]),
    ("ru", "В 2014 г. Пекин открыл центр для иностранцев. Он работает без выходных.",
     ["В 2014 г. Пекин открыл центр для иностранцев.", "Он работает без выходных."]),
    # elisions
    ("en", '"The centre [...] serves foreign residents [...]" (Annual report, p. 4). It opened in 2014.',
     ['"The centre [...] serves foreign residents [...]" (Annual report, p. 4).', "It opened in 2014."]),
    ("fr", "« Le centre [...] accueille les étrangers [...] » (Rapport annuel). Il a ouvert en 2014.",
     ["« Le centre [...] accueille les étrangers [...] » (Rapport annuel).", "Il a ouvert en 2014."]),
    ("ru", "«Центр […] обслуживает иностранцев […]» (Годовой отчёт). Он открылся в 2014 году.",
     ["«Центр […] обслуживает иностранцев […]» (Годовой отчёт).", "Он открылся в 2014 году."]),
    # inline lists
    ("en", "Steps: 1. Bring your passport. 2. Fill in the form.",
     ["Steps:", "1. Bring your passport.", "2. Fill in the form."]),
    ("en", "a. Bring your passport. b. Fill in the form. c. Pay the fee.",
     ["a. Bring your passport.", "b. Fill in the form.", "c. Pay the fee."]),
    ("en", "• 9. Bring your passport. • 10. Fill in the form.",
     ["• 9. Bring your passport.", "• 10. Fill in the form."]),
    ("en", "Documents: 1) passport 2) two photos 3) the form", ["Documents:", "1) passport", "2) two photos",
                                                              "3) the form"]),
    ("de", "Unterlagen: a. Reisepass b. zwei Fotos c. Antrag", ["Unterlagen:", "a. Reisepass", "b. zwei Fotos",
                                                               "c. Antrag"]),
    ("de", "Die Fristen sind der 1. Januar und der 2. Februar. Bitte beachten Sie das.",
     ["Die Fristen sind der 1. Januar und der 2. Februar.", "Bitte beachten Sie das."]),
    ("ru", "Документы: а) паспорт; б) две фотографии; в) анкета.",
     ["Документы:", "а) паспорт;", "б) две фотографии;", "в) анкета."]),
    ("ar", "الخطوات: 1. أحضر جواز السفر. 2. املأ الاستمارة.", ["الخطوات:", "1. أحضر جواز السفر.", "2. املأ الاستمارة."]),
    ("ko", "절차: 가. 여권을 준비하세요. 나. 신청서를 작성하세요.", ["절차:", "가. 여권을 준비하세요.", "나. 신청서를 작성하세요."]),
    ("zh-Hans", "所需材料：1. 护照 2. 照片 3. 申请表", ["所需材料：", "1. 护照", "2. 照片", "3. 申请表"]),
    # the classics: abbreviations, numbers, addresses, quotations, mixed scripts
    ("en", "Mr. Wang and Dr. Li work at No. 2 Hospital. It is open daily.",
     ["Mr. Wang and Dr. Li work at No. 2 Hospital.", "It is open daily."]),
    ("en", "The fee rose from 3.5 to 4.0 yuan. Pay at the desk.", ["The fee rose from 3.5 to 4.0 yuan.", "Pay at the desk."]),
    ("en", "See https://www.example.gov.cn/a.html?x=1. Or write to x@y.cn. We reply in 2 days.",
     ["See https://www.example.gov.cn/a.html?x=1.", "Or write to x@y.cn.", "We reply in 2 days."]),
    ("en", 'She turned to him, "Take a number." she said. Then she left.',
     ['She turned to him, "Take a number." she said.', "Then she left."]),
    ("en", "Is an appointment required?! Yes!! Bring photos, copies, etc. and the form.",
     ["Is an appointment required?!", "Yes!!", "Bring photos, copies, etc. and the form."]),
    ("de", "Bitte bringen Sie z. B. Ihren Pass mit. Der Termin ist am 3. Oktober im 2. Stock.",
     ["Bitte bringen Sie z. B. Ihren Pass mit.", "Der Termin ist am 3. Oktober im 2. Stock."]),
    ("fr", "M. Dupont explique la procédure. Le guichet est-il ouvert ? Oui !",
     ["M. Dupont explique la procédure.", "Le guichet est-il ouvert ?", "Oui !"]),
    ("fr", "Il a dit : « Attendez ici. » Puis il est parti.", ["Il a dit : « Attendez ici. »", "Puis il est parti."]),
    ("es", "¿Dónde se presenta la solicitud? El Sr. García atiende en la ventanilla No. 2.",
     ["¿Dónde se presenta la solicitud?", "El Sr. García atiende en la ventanilla No. 2."]),
    ("ru", "Документы принимают на ул. Ленина, д. 5. Нужна ли запись? Да!",
     ["Документы принимают на ул. Ленина, д. 5.", "Нужна ли запись?", "Да!"]),
    ("ar", "هل تحتاج إلى تأشيرة؟ نعم، تحتاج إلى تأشيرة عمل، وتصريح إقامة.",
     ["هل تحتاج إلى تأشيرة؟", "نعم، تحتاج إلى تأشيرة عمل، وتصريح إقامة."]),
    ("ar", "يستقبل د. وانغ المرضى يوميًا. تبلغ الرسوم 3.5 يوان.", ["يستقبل د. وانغ المرضى يوميًا.", "تبلغ الرسوم 3.5 يوان."]),
    ("ar", "يفتح المركز يوميًا، من التاسعة صباحًا۔ هل تحتاج إلى موعد؟",
     ["يفتح المركز يوميًا، من التاسعة صباحًا۔", "هل تحتاج إلى موعد؟"]),
    ("ko", '담당자는 "번호표를 뽑으세요."라고 말했습니다. 수수료는 3.5만 원입니다.',
     ['담당자는 "번호표를 뽑으세요."라고 말했습니다.', "수수료는 3.5만 원입니다."]),
    ("ja", "手数料は3.5万円ですか？地下鉄は午前5時から運行しています！", ["手数料は3.5万円ですか？", "地下鉄は午前5時から運行しています！"]),
    ("zh-Hans", "请登录 www.example.gov.cn 办理。审批时限为3.5个工作日！", ["请登录 www.example.gov.cn 办理。", "审批时限为3.5个工作日！"]),
]

# Hostile paragraphs: each is repeated 40,000 times (Studio only; a quadratic step would take minutes).
HOSTILE = [
    ("en", "a run of dots", lambda n: "1. a" + "." * n + " 2. b"),
    ("en", "stops and quotes", lambda n: 'a." b.' * n),
    ("en", "elisions", lambda n: "x [...] " * n),
    ("en", "e-mail addresses", lambda n: "a@b.cc. " * n),
    ("zh-Hans", "titles left open", lambda n: "《a！“b（" * n),
    ("en", "an inline list", lambda n: " ".join(f"{i % 900 + 1}. item" for i in range(n))),
    ("ru", "initials", lambda n: "А. " * n),
    ("en", "spaced ellipses", lambda n: "Wait. . . " * n),
    ("zh-Hans", "stops after closers", lambda n: "“好！”。" * n),
    ("en", "marks between sentences", lambda n: "A. ! " * n),
]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def paragraphs(doc: dict[str, Any]) -> dict[str, list[str]]:
    """The plain paragraphs of an article's translatable fields, per locale (source and translations)."""
    out: dict[str, list[str]] = {}
    versions = {doc.get("source_locale", "zh-Hans"): doc["fields"]}
    versions.update({loc: t["fields"] for loc, t in doc.get("translations", {}).items()})
    for loc, fields in versions.items():
        texts = [fields.get("title", ""), fields.get("summary", "")]
        texts += [PLACEHOLDER.sub("", block.text) for block in html_to_blocks(fields.get("body", ""))]
        out[loc] = [t for t in texts if t.strip()]
    return out


def articles(docs: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    by_locale: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        if doc.get("type") == "article":
            for loc, texts in paragraphs(doc).items():
                by_locale[loc].extend(texts)
    return by_locale


def demo_articles() -> dict[str, list[str]]:
    files = sorted((RESOURCES / "demo" / "documents").glob("*.json"))
    return articles(json.loads(f.read_text(encoding="utf-8")) for f in files)


def generated_articles(scale: float) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), scale)
        docs = [d for f in sorted((Path(tmp) / "article").glob("*.json"))
                for d in json.loads(f.read_text(encoding="utf-8"))]
    return articles(docs)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def pysbd_segmenters() -> dict[str, Any] | None:
    try:
        import pysbd
    except ImportError:
        return None
    return {loc: pysbd.Segmenter(language=PYSBD_LANGUAGE.get(loc, loc), clean=False) for loc in LOCALES}


def studio_pass(texts: list[str], locale: str) -> Callable[[], object]:
    return lambda: [split_sentences(t, locale) for t in texts]


def pysbd_pass(texts: list[str], segmenter: Any) -> Callable[[], object]:
    return lambda: [segmenter.segment(t) for t in texts]


def studio_cut(text: str, locale: str) -> list[str]:
    return [s.text for s in split_sentences(text, locale)]


def speed(title: str, corpus: dict[str, list[str]], pysbd: dict[str, Any] | None, repeat: int) -> None:
    print(f"\n### Speed: {title}\n")
    print("| locale | paragraphs | characters | Studio | pysbd | Studio faster by |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total_studio = total_pysbd = 0.0
    for loc in LOCALES:
        texts = corpus.get(loc, [])
        if not texts:
            continue
        t_studio = best_of(repeat, studio_pass(texts, loc))
        total_studio += t_studio
        row = f"| {loc} | {len(texts)} | {sum(map(len, texts))} | {t_studio * 1000:.1f} ms |"
        if pysbd is None:
            print(row + " – | – |")
            continue
        t_pysbd = best_of(repeat, pysbd_pass(texts, pysbd[loc]))
        total_pysbd += t_pysbd
        print(row + f" {t_pysbd * 1000:.1f} ms | {t_pysbd / t_studio:.1f}× |")
    if pysbd is not None:
        print(f"| all | | | {total_studio * 1000:.1f} ms | {total_pysbd * 1000:.1f} ms | "
              f"{total_pysbd / total_studio:.1f}× |")


def accuracy(title: str, cases: list[tuple[str, str, list[str]]], pysbd: dict[str, Any] | None) -> None:
    print(f"\n### Accuracy on {len(cases)} {title} (exact segments)\n")
    right = {"Studio": 0, "pysbd": 0}
    misses: list[str] = []
    for loc, text, expected in cases:
        got = studio_cut(text, loc)
        right["Studio"] += got == expected
        if got != expected:
            misses.append(f"- Studio, {loc}: {got}")
        if pysbd is not None:
            cut = [s.strip() for s in pysbd[loc].segment(text) if s.strip()]
            right["pysbd"] += cut == expected
            if cut != expected:
                misses.append(f"- pysbd, {loc}: {cut}")
    print(f"Studio {right['Studio']}/{len(cases)}" +
          (f", pysbd {right['pysbd']}/{len(cases)}" if pysbd is not None else " (pysbd not installed)"))
    if misses:
        print("\nMissed:\n" + "\n".join(misses))


def hostile() -> None:
    print("\n### Studio on hostile paragraphs (40,000 repetitions each)\n")
    for loc, name, make in HOSTILE:
        text = make(40_000)
        took = best_of(1, studio_pass([text], loc))
        print(f"- {name} ({len(text):,} characters): {took:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.2, help="of the generated corpus (0.2: 100 articles)")
    parser.add_argument("--repeat", type=int, default=5, help="passes per measurement; the best counts")
    parser.add_argument("--cases", type=Path, help="a JSON file of more cases: [[locale, text, [segments]], ...]")
    args = parser.parse_args()
    pysbd = pysbd_segmenters()
    for loc in LOCALES:
        split_sentences("Warm up. 预热。", loc)  # rules are loaded once per locale, not measured
    print(f"Machine: {machine()}.  ")
    print("pysbd: " + ("installed" if pysbd is not None else "not installed, Studio only"))
    speed("the demo's news articles (resources/demo/documents)", demo_articles(), pysbd, args.repeat)
    speed(f"generated news articles (bench/generate_corpus.py, scale {args.scale})",
          generated_articles(args.scale), pysbd, args.repeat)
    accuracy("hard cases written for Studio", HARD_CASES, pysbd)
    if args.cases:
        more = [(loc, text, expected) for loc, text, expected in json.loads(args.cases.read_text("utf-8"))]
        accuracy(f"cases from {args.cases.name}", more, pysbd)
    hostile()


if __name__ == "__main__":
    main()
