"""A tiny but real CTranslate2 translation model, built in about 0.03 s, that translates every input to one chosen
sentence; and the three ways users bring models, to package it as (see ../shared/notes/offline-mt-models.md).

How it works: SentencePiece is trained on a dozen sentences (Chinese sources about Beijing's services for
foreigners, their English translations), and a one-layer Transformer gets weights by hand. Its layers are zero,
so the decoder's output is its input embedding, an identity matrix: the one-hot of the previous token. The output
projection maps each token of the chosen sentence to the next (one large weight per row), `<s>` to the first and
the last to `</s>`, with a negative bias on `</s>` everywhere else so that beam search never finishes early on a
poor hypothesis. So the sentence's pieces must all differ: a piece that came twice would need two successors.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import sentencepiece
from ctranslate2.specs import model_spec, transformer_spec

CORPUS = (
    "外国人可以在北京市出入境管理局办理签证。",
    "请拨打<x1/>市民服务热线咨询。",
    "外国人来华工作许可申请需要提交护照和照片。",
    "办理时间为工作日<x1/>至<x2/>。",
    "访问<x1/>了解更多信息。",
    "Foreigners can apply for a visa at the Beijing Exit-Entry Administration.",
    "Please call <x1/> for help.",
    "Call the 12345 hotline for help.",
    "A work permit application needs a passport and a photo.",
    "Office hours are <x1/> to <x2/> on working days.",
    "Visit <x1/> for more information.",
    "Das Amt ist werktags geöffnet.",
)
VISA = "Foreigners can apply for a visa at the Beijing Exit-Entry Administration."
CALL = "Please call <x1/> for help."

_GAIN = 10.0  # the weight from a token to its successor: logits of about 120 against 0 for every other token
_END_BIAS = -50.0


@dataclass(frozen=True)
class TinyModel:
    """A built model: the CTranslate2 folder, the SentencePiece model's bytes, and the sentence it answers."""

    model_dir: Path
    tokenizer: bytes
    answer: str


def build(folder: Path, answer: str = VISA) -> TinyModel:
    """Write a model into `folder` (model.bin, config.json, shared_vocabulary.json) that answers `answer`."""
    tokenizer = _train_tokenizer()
    processor = sentencepiece.SentencePieceProcessor(model_proto=tokenizer)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    chain = ["<s>", *processor.encode(answer, out_type=str), "</s>"]
    if len(set(chain)) != len(chain):
        raise ValueError(f"{answer!r} repeats a piece ({chain}); the tiny model can only say sentences that do not")
    spec = _spec(len(vocabulary), [vocabulary.index(p) for p in chain])
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    return TinyModel(folder, tokenizer, answer)


def _train_tokenizer() -> bytes:
    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS), model_writer=out, model_type="bpe", character_coverage=1.0,
        # Enough pieces for whole English words, so that the answers' pieces all differ.
        vocab_size=len(set("".join(CORPUS))) + 150, hard_vocab_limit=False,
        normalization_rule_name="identity",  # NFKC would turn "，" into ","
        minloglevel=2)
    return out.getvalue()


def _spec(size: int, chain: list[int]) -> transformer_spec.TransformerSpec:
    depth = size + size % 2  # sinusoidal position encodings need an even depth
    spec = transformer_spec.TransformerSpec.from_config(1, 1)
    model_spec.visit_spec(spec, lambda layer, name, value: _fill(layer, name, value, size, depth))
    spec.decoder.embeddings.weight = np.eye(size, depth, dtype=np.float32)
    projection = np.zeros((size, depth), np.float32)
    bias = np.zeros(size, np.float32)
    bias[chain[-1]] = _END_BIAS
    for previous, following in pairwise(chain):
        projection[following, previous] = _GAIN
    spec.decoder.projection.weight = projection
    spec.decoder.projection.bias = bias
    return spec


def _fill(layer: object, name: str, value: object, size: int, depth: int) -> None:
    """Give every weight left unset a neutral value of its shape: zeros, and ones for layer-norm gains."""
    if value is not None:
        return
    attribute = name.rsplit("/", 1)[-1]
    shape: tuple[int, ...] = (depth,)
    if "embeddings" in name or "projection" in name:
        shape = (size, depth) if attribute == "weight" else (size,)
    elif attribute == "weight":
        rows = {"self_attention/linear_0": 3 * depth, "decoder/layer_0/attention/linear_1": 2 * depth,
                "ffn/linear_0": 4}
        shape = (next((r for key, r in rows.items() if key in name), depth), 4 if "ffn/linear_1" in name else depth)
    setattr(layer, attribute, (np.ones if attribute == "gamma" else np.zeros)(shape, np.float32))


# --- the three ways a model arrives ------------------------------------------------------------------------------


def argos_package(model: TinyModel, path: Path, from_code: str = "zh", to_code: str = "en",
                  metadata: dict[str, object] | None = None) -> Path:
    """An Argos Translate .argosmodel zip: translate-zh_en-1_0/{metadata.json, model/, sentencepiece.model}."""
    top = f"translate-{from_code}_{to_code}-1_0"
    meta = {"package_version": "1.0", "argos_version": "1.9", "from_code": from_code, "from_name": "Chinese",
            "to_code": to_code, "to_name": "English", **(metadata or {})}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}/metadata.json", json.dumps(meta))
        for file in sorted(model.model_dir.iterdir()):
            archive.write(file, f"{top}/model/{file.name}")
        archive.writestr(f"{top}/sentencepiece.model", model.tokenizer)
        archive.writestr(f"{top}/README.md", "A tiny test model.")
    return path


def opus_folder(model: TinyModel, folder: Path) -> Path:
    """What ct2-opus-mt-converter writes, with Marian's source.spm and target.spm put beside it (and the
    original weights left over, which installing must not copy)."""
    shutil.copytree(model.model_dir, folder)
    (folder / "config.json").write_text(json.dumps(
        {**json.loads((folder / "config.json").read_text()), "add_source_eos": True}))
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(model.tokenizer)
    (folder / "opus.spm32k-spm32k.transformer-align.npz").write_bytes(b"\0" * 1000)
    return folder


def plain_folder(model: TinyModel, folder: Path) -> Path:
    """A CTranslate2 model folder with one sentencepiece.model beside model.bin."""
    shutil.copytree(model.model_dir, folder)
    (folder / "sentencepiece.model").write_bytes(model.tokenizer)
    return folder
