"""The `offline` engine: CTranslate2 models with SentencePiece tokenizers, one per language pair, on this computer.

Models are installed from a file or folder the user picked (`install_model`, `studio mt install-model PATH`) into
`mt-models/<from>-<to>/` of Studio's user data folder (`STUDIO_MT_MODELS` overrides it), in one layout whatever
they came as:

    model/            the CTranslate2 model: model.bin, config.json, its vocabularies
    source.spm        the SentencePiece model of the source language
    target.spm        ... and of the target (the same file for an Argos package)
    studio-model.json the pair, what it came as and from where, and an id that changes with every install

Three things can be installed: an Argos Translate `.argosmodel` package (a zip with metadata.json, model/ and
sentencepiece.model), an OPUS-MT model converted by `ct2-opus-mt-converter` (model.bin and its vocabulary, with
the Marian source.spm and target.spm put beside it; the pair from a name like `opus-mt-zh-en` or given), or any
folder holding a CTranslate2 model and its SentencePiece model(s) (pair given or in its name). Everything is
checked before anything is installed: the zip (members escaping the folder, links, size), the files, the language
codes, and that the model loads and translates. The model is built in a hidden folder beside the others and
renamed into place, so a failed or killed install leaves nothing half made.

Translating reads models through `ctranslate2` and `sentencepiece` directly (Argos's own package wants stanza
and torch; Studio cuts sentences itself): loaded once per pair and kept (the two last used), beam 4 and the
length penalty Argos uses, unknown pieces copied from the source, the decoding length bounded by the input.
It runs on whichever thread calls it (a job's worker) and never imports Qt. Where no model translates a pair
directly, a zh-Hans -> en and an en -> X model make a pivot through English; the cell's origin stays
`mt:offline` (the `:pivot-en` origins are for translating from a cell's approved English, a different thing).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import threading
import time
import uuid
import zipfile
from collections import Counter, OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path, PurePosixPath
from typing import IO, Any

from platformdirs import user_data_dir

from studio.errors import StudioError
from studio.locales import LOCALE_CODES
from studio.mt.engine import Deadline, EngineRefused, EngineSpec, Limits, Option, Request
from studio.mt.masking import TOKEN, token, tokens

NAME = "offline"
MODELS_ENV = "STUDIO_MT_MODELS"
MANIFEST = "studio-model.json"
PIVOT = "en"
INSTALL_HINT = ("install one with `studio mt install-model PATH` (an Argos Translate .argosmodel package, or an "
                "OPUS-MT model converted with ct2-opus-mt-converter)")

MAX_PACKAGE_BYTES = 3 * 2**30
"""The most a model may take once unpacked: the largest Argos and OPUS-MT models are well under a gigabyte."""
MAX_MEMBERS = 10_000
MAX_JSON_BYTES = 2**20
MAX_INPUT_PIECES = 1024  # CTranslate2 would cut a longer input silently: refuse it instead
MIN_KNOWN_PIECES = 0.5
"""The share of a tokenizer's pieces the model's vocabulary must know; less means the tokenizer is another model's."""

# The files of a CTranslate2 model folder worth copying (not the .npz an OPUS-MT folder may still hold).
_MODEL_FILES = ("model.bin", "config.json", "vmap.txt", *(
    f"{side}_vocabulary.{ext}" for side in ("shared", "source", "target") for ext in ("json", "txt")))
_SOURCE_TOKENIZERS = ("source.spm", "sentencepiece.model", "spm.model", "source.model")
_TARGET_TOKENIZERS = ("target.spm", "sentencepiece.model", "spm.model", "target.model")

# Language codes models use -> Studio's locale codes. Traditional Chinese (Argos's zt) is not one of the nine.
_CODES: Mapping[str, str] = {
    **{code.lower(): code for code in LOCALE_CODES},
    **dict.fromkeys(("zh", "zho", "chi", "cmn", "zh-cn", "zh-sg", "zho-hans", "cmn-hans"), "zh-Hans"),
    "eng": "en", "kor": "ko", "jpn": "ja", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
    "rus": "ru", "ara": "ar",
}
_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?(.+)", re.IGNORECASE)
_ARGOS_NAME = re.compile(r"translate-([a-z]{2,3})_([a-z]{2,3})(?:-.*)?", re.IGNORECASE)


class ModelPackageError(StudioError):
    """A model that cannot be installed; the message names the file or folder and what is wrong with it."""

    def __init__(self, where: str | Path, detail: str) -> None:
        self.where = str(where)
        self.detail = detail
        super().__init__(f"{where}: {detail}")


@dataclass(frozen=True)
class InstalledModel:
    """A model in the models folder: the pair it translates, where it is, what it came as (`argos`, `opus-mt`,
    `ctranslate2`) under what `name` and `version`, and the `id` of this install."""

    source: str
    target: str
    path: Path
    kind: str
    name: str
    version: str
    id: str
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return self.source, self.target


def models_root() -> Path:
    """Where models are installed: `STUDIO_MT_MODELS`, or `mt-models` in Studio's user data folder."""
    env = os.environ.get(MODELS_ENV)
    return Path(env) if env else Path(user_data_dir("Studio", appauthor=False)) / "mt-models"


def studio_code(code: str) -> str | None:
    """The Studio locale a model's language code means (`zh` -> `zh-Hans`, `fra` -> `fr`), or None."""
    return _CODES.get(code.strip().replace("_", "-").lower())


def parse_pair(value: str | Sequence[str]) -> tuple[str, str]:
    """A language pair from `zh-en`, `zh-Hans-en`, `zh-Hans:en` or (`zh-Hans`, `en`), as Studio codes."""
    if not isinstance(value, str):
        parts = list(value)
        if len(parts) == 1:
            return parse_pair(parts[0])
        if len(parts) == 2 and (pair := _known_pair(*parts)):
            return pair
        raise ModelPackageError(" ".join(parts), _pair_help())
    for separator in (":", "→", ">"):
        if separator in value:
            pair = _known_pair(*value.split(separator, 1))
            break
    else:
        words = re.split(r"[-_]", value)
        pair = next(filter(None, (_known_pair("-".join(words[:i]), "-".join(words[i:]))
                                  for i in range(1, len(words)))), None)
    if pair is None:
        raise ModelPackageError(value, _pair_help())
    return pair


def _known_pair(source: str, target: str) -> tuple[str, str] | None:
    pair = studio_code(source), studio_code(target)
    return (pair[0], pair[1]) if pair[0] and pair[1] and pair[0] != pair[1] else None


def _pair_help() -> str:
    return (f"not a pair of two different languages Studio translates; write it as FROM-TO (e.g. zh-Hans-en or "
            f"zh-Hans:en) with codes from {', '.join(LOCALE_CODES)}")


# --- reading a package: a zip or a folder, as a set of relative paths -----------------------------------------


class _Package:
    """The files of what the user picked, by relative POSIX path, readable one by one."""

    label: str
    names: frozenset[str]

    def size(self, name: str) -> int:
        raise NotImplementedError

    def open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def read_json(self, name: str) -> Any:
        if self.size(name) > MAX_JSON_BYTES:
            raise ModelPackageError(self.label, f"{name} is too large to be a model's metadata")
        with self.open(name) as f:
            raw = f.read()
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelPackageError(self.label, f"{name} is not valid JSON ({exc})") from None


class _FolderPackage(_Package):
    def __init__(self, folder: Path) -> None:
        self.label = str(folder)
        self.root = folder
        names: list[str] = []
        for file in (p for p in folder.rglob("*") if p.is_file()):
            if len(names) == MAX_MEMBERS:  # someone picked their home folder
                raise ModelPackageError(folder, f"holds more than {MAX_MEMBERS} files; a model folder has a handful")
            names.append(file.relative_to(folder).as_posix())
        self.names = frozenset(names)

    def size(self, name: str) -> int:
        return (self.root / name).stat().st_size

    def open(self, name: str) -> IO[bytes]:
        return (self.root / name).open("rb")


class _ZipPackage(_Package):
    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.label = str(path)
        self.archive = archive
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ModelPackageError(path, f"holds {len(members)} files; a model package has a handful")
        for member in members:
            if not _stays_inside(member):
                raise ModelPackageError(path, f"refused: the member {member.filename!r} would be written outside "
                                              "the model folder (or is a link)")
        if sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
            raise ModelPackageError(path, f"unpacks to more than {_gigabytes(MAX_PACKAGE_BYTES)}: too large")
        self.names = frozenset(m.filename for m in members if not m.is_dir())

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size

    def open(self, name: str) -> IO[bytes]:
        return self.archive.open(name)


def _stays_inside(member: zipfile.ZipInfo) -> bool:
    """Whether a zip member unpacks inside the folder it is unpacked in (no zip-slip) and is no symbolic link."""
    name = member.filename
    parts = PurePosixPath(name).parts
    return not (name.startswith(("/", "\\")) or "\\" in name or (parts and ":" in parts[0]) or ".." in parts
                or stat.S_ISLNK(member.external_attr >> 16))


@contextmanager
def _opened(path: Path) -> Iterator[_Package]:
    if path.is_dir():
        yield _FolderPackage(path)
        return
    if not path.is_file():
        raise ModelPackageError(path, "no such file or folder")
    if not zipfile.is_zipfile(path):
        raise ModelPackageError(path, "not a zip file (an Argos Translate .argosmodel package is one) nor a folder")
    try:
        with zipfile.ZipFile(path) as archive:
            yield _ZipPackage(path, archive)
    except zipfile.BadZipFile as exc:
        raise ModelPackageError(path, f"a damaged zip file ({exc})") from None


# --- what a package holds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Where the parts of a model are in a package, and what it translates."""

    kind: str
    name: str
    version: str
    pair: tuple[str, str]
    model_dir: str  # a prefix of package names, "" or ending in "/"
    model_files: tuple[str, ...]
    source_tokenizer: str
    target_tokenizer: str
    target_prefix: str


def _inspect(package: _Package, path: Path, pair: str | Sequence[str] | None) -> _Layout:
    top = _top(package)
    metadata = _metadata(package, top)
    model_dir = _model_dir(package, top)
    model_files = tuple(model_dir + f for f in _MODEL_FILES if model_dir + f in package.names)
    _check_vocabulary(package, model_dir, model_files)
    source_tokenizer = _tokenizer(package, (model_dir, top), _SOURCE_TOKENIZERS, "source")
    name = (top.rstrip("/") or path.name).removesuffix(".argosmodel")
    return _Layout(
        kind="argos" if metadata else "opus-mt" if source_tokenizer.endswith("source.spm") else "ctranslate2",
        name=name,
        version=str((metadata or {}).get("package_version", "")),
        pair=_pair(package, metadata, name, pair),
        model_dir=model_dir,
        model_files=model_files,
        source_tokenizer=source_tokenizer,
        target_tokenizer=_tokenizer(package, (model_dir, top), _TARGET_TOKENIZERS, "target"),
        target_prefix=str((metadata or {}).get("target_prefix") or ""),
    )


def _top(package: _Package) -> str:
    """The folder of the package that holds the model: its root, or the one folder everything is in (an Argos
    zip holds `translate-zh_en-1_9/...`)."""
    markers = ("metadata.json", "model.bin", "model/model.bin")
    if any(m in package.names for m in markers):
        return ""
    tops = {n.split("/", 1)[0] for n in package.names}
    if len(tops) == 1:
        top = f"{next(iter(tops))}/"
        if any(top + m in package.names for m in markers):
            return top
    raise ModelPackageError(package.label, "no model in it: expected metadata.json and model/ (an Argos Translate "
                                           "package) or model.bin (a CTranslate2 model)")


def _metadata(package: _Package, top: str) -> Mapping[str, Any] | None:
    if top + "metadata.json" not in package.names:
        return None
    metadata = package.read_json(top + "metadata.json")
    if not isinstance(metadata, dict):
        raise ModelPackageError(package.label, "metadata.json is not a JSON object")
    if metadata.get("type", "translate") != "translate":
        raise ModelPackageError(package.label, f"is an Argos package of type {metadata['type']!r}, not a "
                                               "translation model")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str):
            raise ModelPackageError(package.label, f"metadata.json has no {key}")
    return metadata


def _model_dir(package: _Package, top: str) -> str:
    for candidate in (top + "model/", top):
        if candidate + "model.bin" in package.names:
            return candidate
    raise ModelPackageError(package.label, f"missing model.bin (expected in {top or '.'}model/ of an Argos package, "
                                           "or beside the vocabulary of a CTranslate2 model)")


def _check_vocabulary(package: _Package, model_dir: str, files: Sequence[str]) -> None:
    have = {f.removeprefix(model_dir).split(".")[0] for f in files}
    if "shared_vocabulary" in have or {"source_vocabulary", "target_vocabulary"} <= have:
        return
    raise ModelPackageError(package.label, f"missing vocabulary: {model_dir or './'} needs shared_vocabulary.json "
                                           "(or .txt), or source_vocabulary and target_vocabulary, beside model.bin")


def _tokenizer(package: _Package, folders: Sequence[str], names: Sequence[str], side: str) -> str:
    for folder in dict.fromkeys(folders):
        for name in names:
            if folder + name in package.names:
                return folder + name
    if any(n.endswith("bpe.model") for n in package.names):
        raise ModelPackageError(package.label, "uses a BPE tokenizer (bpe.model) that Studio cannot read; install a "
                                               "package with a SentencePiece model")
    raise ModelPackageError(package.label, f"missing the {side} tokenizer: expected sentencepiece.model (Argos) or "
                                           "source.spm and target.spm (OPUS-MT) beside the model")


def _pair(package: _Package, metadata: Mapping[str, Any] | None, name: str,
          given: str | Sequence[str] | None) -> tuple[str, str]:
    """The pair: from Argos metadata, else as given, else from the name (opus-mt-zh-en, zh-en)."""
    if metadata is not None:
        codes = metadata["from_code"], metadata["to_code"]
        unknown = [c for c in codes if studio_code(c) is None]
        if unknown:
            raise ModelPackageError(package.label, f"metadata.json names the language {unknown[0]!r}, which Studio "
                                                   f"does not translate (it translates {', '.join(LOCALE_CODES)})")
        pair = _known_pair(*codes)
        if pair is None:
            raise ModelPackageError(package.label, f"metadata.json translates {codes[0]!r} into itself")
        if given is not None and parse_pair(given) != pair:
            raise ModelPackageError(package.label, f"metadata.json says {pair[0]} → {pair[1]}, not "
                                                   f"{' → '.join(parse_pair(given))}")
        return pair
    if given is not None:
        return parse_pair(given)
    for pattern in (_OPUS_NAME, _ARGOS_NAME):
        if (m := pattern.fullmatch(name)) and (pair := _pair_in(m.groups())):
            return pair
    if pair := _pair_in((name,)):
        return pair
    raise ModelPackageError(package.label, "cannot tell which languages it translates: name the pair "
                                           "(`studio mt install-model PATH --pair zh-Hans:en`)")


def _pair_in(parts: Sequence[str]) -> tuple[str, str] | None:
    try:
        return parse_pair(parts)
    except ModelPackageError:
        return None


# --- installing ----------------------------------------------------------------------------------------------------

_INSTALLING = threading.Lock()


def install_model(path: str | Path, pair: str | Sequence[str] | None = None, *,
                  root: Path | None = None) -> InstalledModel:
    """Install the model at `path` (an .argosmodel file or a folder) for its pair, replacing an earlier one.
    `pair` names the pair where the package does not (`zh-Hans:en`). Raises ModelPackageError, saying what is
    wrong, and then leaves nothing behind."""
    path = Path(path)
    root = root or models_root()
    with _opened(path) as package:
        layout = _inspect(package, path, pair)
        root.mkdir(parents=True, exist_ok=True)
        _sweep(root)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
        try:
            model = _stage(package, layout, path, staging)
            _verify(staging, path)
            with _INSTALLING:
                return _put_in_place(staging, root / f"{layout.pair[0]}-{layout.pair[1]}", model)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _sweep(root: Path) -> None:
    """Remove what installs killed midway left (their hidden folders), once it is a day old: an install still
    running in another process is never that old."""
    day_ago = time.time() - 86_400
    for folder in root.glob(".*-*"):
        if folder.name.startswith((".installing-", ".replaced-")) and folder.stat().st_mtime < day_ago:
            shutil.rmtree(folder, ignore_errors=True)


def installed_models(root: Path | None = None) -> list[InstalledModel]:
    """The models installed, by pair; folders without a readable manifest (not installed by Studio) are skipped."""
    root = root or models_root()
    if not root.is_dir():
        return []
    found = (_read_manifest(d) for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith("."))
    return [m for m in found if m is not None]


def installed_model(source: str, target: str, root: Path | None = None) -> InstalledModel | None:
    """The model installed for `source` -> `target`, if any."""
    model = _read_manifest((root or models_root()) / f"{source}-{target}")
    return model if model is not None and model.pair == (source, target) else None


def _stage(package: _Package, layout: _Layout, path: Path, staging: Path) -> InstalledModel:
    """Copy what the model needs into `staging` in the installed layout, with its manifest."""
    copies = {f"model/{f.removeprefix(layout.model_dir)}": f for f in layout.model_files}
    copies |= {"source.spm": layout.source_tokenizer, "target.spm": layout.target_tokenizer}
    budget = MAX_PACKAGE_BYTES
    if sum(package.size(name) for name in copies.values()) > budget:
        raise ModelPackageError(package.label, f"the model takes more than {_gigabytes(budget)}: too large")
    (staging / "model").mkdir()
    for destination, name in copies.items():
        budget -= _copy(package, name, staging / destination, budget)
    model = InstalledModel(layout.pair[0], layout.pair[1], staging, layout.kind, layout.name, layout.version,
                           uuid.uuid4().hex, layout.target_prefix)
    manifest = {"format": 1, "source": model.source, "target": model.target, "kind": model.kind,
                "name": model.name, "version": model.version, "id": model.id, "target_prefix": model.target_prefix,
                "installed_from": str(path.resolve())}
    (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return model


def _copy(package: _Package, name: str, destination: Path, budget: int) -> int:
    """Copy one file, counting the bytes really read (a zip's sizes may lie); its size."""
    copied = 0
    try:
        with package.open(name) as source, destination.open("wb") as out:
            while chunk := source.read(1 << 20):
                copied += len(chunk)
                if copied > budget:
                    raise ModelPackageError(package.label, f"unpacks to more than "
                                                           f"{_gigabytes(MAX_PACKAGE_BYTES)}: too large")
                out.write(chunk)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:  # a bad CRC, an encrypted member
        raise ModelPackageError(package.label, f"cannot copy {name}: {exc}") from None
    return copied


def _verify(staging: Path, path: Path) -> None:
    """Load what was staged as translating will, and translate a word: any problem is the package's."""
    for file in sorted((staging / "model").glob("*.json")):  # CTranslate2 would only say "json.exception"
        try:
            json.loads(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelPackageError(path, f"its {file.name} is not valid JSON ({exc})") from None
    try:
        translator, source, target = _load_parts(staging)
    except _LoadProblem as exc:
        raise ModelPackageError(path, str(exc)) from None
    vocabulary = _vocabulary(staging / "model")
    for side, tokenizer in (("source", source), ("target", target)):
        pieces = [tokenizer.id_to_piece(i) for i in range(tokenizer.get_piece_size())]
        known = sum(p in vocabulary for p in pieces) / max(1, len(pieces))
        if known < MIN_KNOWN_PIECES:
            raise ModelPackageError(path, f"its {side} tokenizer does not belong to this model (the model knows only "
                                          f"{known:.0%} of its pieces)")
    try:
        translator.translate_batch([source.encode("1", out_type=str)], beam_size=1, max_decoding_length=4)
    except (RuntimeError, ValueError) as exc:
        raise ModelPackageError(path, f"the model does not translate: {exc}") from None


def _vocabulary(model_dir: Path) -> set[str]:
    pieces: set[str] = set()
    for file in sorted(model_dir.glob("*_vocabulary.*")):
        if file.suffix == ".json":
            pieces.update(json.loads(file.read_text(encoding="utf-8")))
        else:
            pieces.update(file.read_text(encoding="utf-8").splitlines())
    return pieces


def _put_in_place(staging: Path, final: Path, model: InstalledModel) -> InstalledModel:
    """Rename the staged model into place, the earlier model of the pair aside first and then deleted."""
    old = final.with_name(f".replaced-{uuid.uuid4().hex}") if final.exists() else None
    if old is not None:
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return replace(model, path=final)


def _read_manifest(folder: Path) -> InstalledModel | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return InstalledModel(data["source"], data["target"], folder, data["kind"], data["name"], data["version"],
                              data["id"], data.get("target_prefix", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _gigabytes(size: int) -> str:
    return f"{size / 2**30:g} GB"


# --- loading -------------------------------------------------------------------------------------------------------

# CTranslate2's messages for the usual ways a model folder is broken, and what they mean to a user.
_EXPLAINED = (
    ("Unsupported model binary version", "model.bin is damaged, or was made by a newer CTranslate2 than this one"),
    ("invalid payload size", "model.bin is cut short or damaged"),
    ("Unable to open file", "model.bin is missing"),
    ("Cannot load the source vocabulary", "the source vocabulary is missing"),
    ("Cannot load the target vocabulary", "the target vocabulary is missing"),
    ("json.exception", "its config.json is missing"),  # a config.json that is there was checked to be JSON
)


class _LoadProblem(Exception):
    """A model folder that does not load, explained."""


def _explained(exc: Exception) -> str:
    text = str(exc)
    meaning = next((m for needle, m in _EXPLAINED if needle in text), None)
    return f"{meaning} ({text})" if meaning else text


def _libraries_present() -> bool:
    return find_spec("ctranslate2") is not None and find_spec("sentencepiece") is not None


def compute_threads() -> int:
    """The threads one translation uses: every core but one, which stays for the window (CTranslate2's OpenMP
    threads spin while they wait, and a window starved of its core stutters), at most the four that help."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(4, cores - 1))


def _open_translator(model_dir: Path) -> Any:
    """A CTranslate2 translator on the CPU, in the fastest compute type this CPU has: `auto` picks it; int8 and
    float32 are what is left when it is refused (no CPU lacks both)."""
    import ctranslate2

    refused: ValueError | None = None
    for compute_type in ("auto", "int8", "float32"):
        try:
            return ctranslate2.Translator(str(model_dir), device="cpu", compute_type=compute_type,
                                          intra_threads=compute_threads())
        except ValueError as exc:  # a compute type this CPU lacks; a broken model is a RuntimeError
            refused = exc
    raise RuntimeError(str(refused))


def _load_parts(folder: Path) -> tuple[Any, Any, Any]:
    """The translator and the two SentencePiece processors of an installed (or staged) model folder."""
    import sentencepiece

    tokenizers = []
    for name in ("source.spm", "target.spm"):
        try:
            tokenizers.append(sentencepiece.SentencePieceProcessor(model_file=str(folder / name)))
        except (OSError, RuntimeError) as exc:
            raise _LoadProblem(f"its {name.split('.')[0]} tokenizer is not a SentencePiece model ({exc})") from None
    try:
        translator = _open_translator(folder / "model")
    except RuntimeError as exc:
        raise _LoadProblem(_explained(exc)) from None
    return translator, tokenizers[0], tokenizers[1]


@dataclass(frozen=True)
class _Loaded:
    id: str
    translator: Any
    source: Any
    target: Any
    target_prefix: str


class _Models:
    """Loaded models by folder, the most recently used kept (a real model takes a few hundred megabytes).
    One lock: a second thread asking for a model being loaded waits for it rather than loading it again."""

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._loaded: OrderedDict[Path, _Loaded] = OrderedDict()

    def get(self, model: InstalledModel) -> _Loaded:
        with self._lock:
            loaded = self._loaded.get(model.path)
            if loaded is None or loaded.id != model.id:  # a reinstall replaces the model under the same folder
                loaded = self._load(model)
                self._loaded[model.path] = loaded
            self._loaded.move_to_end(model.path)
            while len(self._loaded) > self.keep:
                self._loaded.popitem(last=False)
            return loaded

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()

    @staticmethod
    def _load(model: InstalledModel) -> _Loaded:
        try:
            translator, source, target = _load_parts(model.path)
        except _LoadProblem as exc:
            raise EngineRefused(NAME, f"the {model.source} → {model.target} model in {model.path} does not load: "
                                      f"{exc}; reinstall it with `studio mt install-model PATH`") from None
        return _Loaded(model.id, translator, source, target, model.target_prefix)


MODELS = _Models()


# --- translating ---------------------------------------------------------------------------------------------------


class OfflineEngine:
    """Translates with the installed models (directly, or through English); see the module's description."""

    name = NAME
    # One batch at a time: CTranslate2 already spreads one batch over the CPU's cores.
    limits = Limits(batch_size=16, concurrency=1, read_timeout=120.0)

    def __init__(self, root: Path | None = None, beam_size: int = 4) -> None:
        self._root = root
        self.beam_size = beam_size

    @property
    def root(self) -> Path:
        return self._root or models_root()

    def supports(self, source: str, target: str) -> bool:
        return _libraries_present() and self._route(source, target) is not None

    def translate(self, batch: Sequence[Request], source: str, target: str, deadline: Deadline) -> list[str]:
        if not _libraries_present():
            raise EngineRefused(NAME, "needs ctranslate2 and sentencepiece: pip install 'studio[offline]'")
        route = self._route(source, target)
        if route is None:
            raise EngineRefused(NAME, f"no model installed for {source} → {target}; {INSTALL_HINT}")
        texts = [r.text for r in batch]
        # Damaged tokens are not an error: like the online engines, every sentence's translation is returned and
        # the caller's unmask flags the one that lost, repeated or invented a token (a draft kept, flagged).
        lost: list[Counter[str]] = [Counter() for _ in batch]
        for number, model in enumerate(route, 1):
            if deadline.passed:
                raise EngineRefused(NAME, "the deadline passed before the model had translated the batch")
            before, texts = texts, self._step(model, texts)
            if number < len(route):  # through English: what this step lost, the next may only guess back
                lost = [gone | _lost(old, new) for gone, old, new in zip(lost, before, texts, strict=True)]
        return [_without(text, gone) for text, gone in zip(texts, lost, strict=True)]

    def _route(self, source: str, target: str) -> list[InstalledModel] | None:
        """The models to go through: the pair's own, or source -> English -> target."""
        if direct := installed_model(source, target, self.root):
            return [direct]
        if PIVOT not in (source, target):
            first, second = installed_model(source, PIVOT, self.root), installed_model(PIVOT, target, self.root)
            if first and second:
                return [first, second]
        return None

    def _step(self, model: InstalledModel, texts: Sequence[str]) -> list[str]:
        """`texts` through one model; blank texts come back as they are without bothering it."""
        loaded = MODELS.get(model)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        out = list(texts)
        for i, translated in zip(todo, _translate(loaded, [texts[i] for i in todo], self.beam_size), strict=True):
            out[i] = translated
        return out


def _translate(loaded: _Loaded, texts: Sequence[str], beam_size: int) -> list[str]:
    if not texts:
        return []
    pieces = loaded.source.encode(list(texts), out_type=str)
    longest = max(map(len, pieces))
    if longest > MAX_INPUT_PIECES:
        raise EngineRefused(NAME, f"a sentence of {longest} pieces is longer than the model reads "
                                  f"({MAX_INPUT_PIECES}); split it")
    prefix = [[loaded.target_prefix] for _ in pieces] if loaded.target_prefix else None
    try:
        results = loaded.translator.translate_batch(
            pieces, target_prefix=prefix, beam_size=beam_size, length_penalty=0.2, replace_unknowns=True,
            max_input_length=0, max_decoding_length=decoding_budget(longest))
    except (RuntimeError, ValueError) as exc:
        raise EngineRefused(NAME, f"the model failed: {exc}") from None
    return [_detokenize(r.hypotheses[0], loaded.target_prefix) for r in results]


def decoding_budget(input_pieces: int) -> int:
    """How many pieces a translation may take: twice the input and a little (translations from Chinese run up to
    about 1.5 times as many pieces), so a model that loops stops soon instead of at CTranslate2's 256."""
    return 2 * input_pieces + 16


def _detokenize(pieces: Sequence[str], target_prefix: str) -> str:
    """Pieces joined as Argos does: source pieces copied for unknown ones may not be in the target tokenizer, so
    they are joined as text rather than decoded by it."""
    if target_prefix and pieces and pieces[0] == target_prefix:
        pieces = pieces[1:]
    return "".join(pieces).replace("▁", " ").strip()


def _lost(before: str, after: str) -> Counter[str]:
    """The tokens `before` had that a model's `after` lost."""
    return Counter(tokens(before)) - Counter(tokens(after))


def _without(text: str, gone: Counter[str]) -> str:
    """`text` without the tokens a pivot's first step lost: the second step cannot know where they go, so one it
    writes is a guess; left out, the caller's unmask reports them lost and the draft is flagged."""
    if not gone:
        return text
    return _SPACED_TOKEN.sub(lambda m: "" if token(int(m.group(1))) in gone else m.group(), text).strip()


_SPACED_TOKEN = re.compile(r" ?" + TOKEN.pattern)


def _make(options: Mapping[str, str]) -> OfflineEngine:
    beam = options.get("beam_size") or "4"
    if not beam.isdigit() or not 1 <= int(beam) <= 8:
        raise EngineRefused(NAME, f"beam_size must be a whole number from 1 to 8, not {beam!r}")
    return OfflineEngine(beam_size=int(beam))


SPEC = EngineSpec(
    NAME, "Offline models (CTranslate2)",
    (Option("beam_size", "hypotheses searched per sentence: 4 as Argos Translate does; 1 is about twice as fast",
            default="4"),),
    _make, offline=True,
    about="Translates on this computer with installed Argos Translate or OPUS-MT models, one per language pair "
          "(`studio mt install-model PATH`); without a network.",
)
