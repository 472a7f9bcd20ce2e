"""Every kind of engine Studio knows, by name: the catalogue that settings, routes and the command line read."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from studio.errors import StudioError
from studio.mt import offline, pseudo
from studio.mt.engine import EngineSpec
from studio.mt.engines import baidu, deepl, google, libretranslate, llm, microsoft, mymemory, papago, yandex

# Online first (the order `studio mt engines` lists them in), then those that work without a network.
_SPECS = (
    libretranslate.SPEC, deepl.SPEC, google.SPEC, microsoft.SPEC, mymemory.SPEC, baidu.SPEC, papago.SPEC,
    yandex.SPEC, llm.SPEC, offline.SPEC, pseudo.SPEC,
)

CATALOGUE: Mapping[str, EngineSpec] = MappingProxyType({s.name: s for s in _SPECS})


def spec(name: str) -> EngineSpec:
    """The catalogue entry `name`; a clear error naming the known engines otherwise."""
    try:
        return CATALOGUE[name]
    except KeyError:
        raise StudioError(f"unknown engine {name!r}; the engines are {', '.join(CATALOGUE)}") from None
