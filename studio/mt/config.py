"""Which engines an editor has set up, with what options, and which engines translate into each locale.

Three places, the later overriding the earlier:
- a settings file (`mt.json` in the user's configuration folder, or `STUDIO_MT_CONFIG`): engine options that are
  not secret, the route of engines per target locale, the locales translated from the approved English (pivot);
- the system keyring for secrets (keys), or, on a machine without a keyring backend, this process's memory when
  the user chose "for this session only": a secret is never written to a file;
- environment variables `STUDIO_MT_<ENGINE>_<OPTION>` (e.g. `STUDIO_MT_LIBRETRANSLATE_URL`), for scripts and CI.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from studio.errors import StudioError
from studio.locales import LOCALE_CODES, SOURCE_DEFAULT
from studio.mt.catalogue import CATALOGUE, spec
from studio.mt.engine import Engine
from studio.settings_file import read_settings, write_settings

KEYRING_SERVICE = "studio-machine-translation"
ENV_PREFIX = "STUDIO_MT_"
PIVOT_LOCALE = "en"


class SecretStore:
    """Engine secrets in the system keyring when it has a backend, else (when allowed) in memory only."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}

    @property
    def has_keyring(self) -> bool:
        """Whether a real keyring backend is there (a headless machine often has none)."""
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0

    def get(self, engine: str, option: str) -> str | None:
        key = f"{engine}.{option}"
        if key in self._session:
            return self._session[key]
        if not self.has_keyring:
            return None
        import keyring

        return keyring.get_password(KEYRING_SERVICE, key)

    def in_session(self, engine: str, option: str) -> bool:
        return bool(self._session.get(f"{engine}.{option}"))

    def put(self, engine: str, option: str, value: str, *, session_only: bool = False) -> None:
        key = f"{engine}.{option}"
        if session_only:
            self._session[key] = value
            return
        if not self.has_keyring:
            raise StudioError("this machine has no keyring to keep the key in; keep it for this session only, "
                              f"or set {env_name(engine, option)} in the environment")
        import keyring

        self._session.pop(key, None)
        if value:
            keyring.set_password(KEYRING_SERVICE, key, value)
        elif keyring.get_password(KEYRING_SERVICE, key) is not None:
            keyring.delete_password(KEYRING_SERVICE, key)


# One engine object per engine and settings in the process: its concurrency limit and its HTTP connections are
# shared by every job and every Ctrl+M of the process. The window runs one pre-translation at a time, in a process
# of its own: beside it only Ctrl+M's one request per engine may be in flight.
_MADE: dict[tuple[str, tuple[tuple[str, str], ...]], Engine] = {}
_MADE_LOCK = threading.Lock()


def env_name(engine: str, option: str) -> str:
    return f"{ENV_PREFIX}{engine.upper()}_{option.upper()}"


@dataclass(frozen=True)
class EngineState:
    """An engine as set up here: `missing` names the required options it still lacks."""

    name: str
    label: str
    offline: bool
    missing: tuple[str, ...]

    @property
    def configured(self) -> bool:
        return not self.missing


class MTSettings:
    """The machine-translation settings of this user on this machine (see the module's docstring)."""

    def __init__(self, path: Path | None = None, env: Mapping[str, str] | None = None,
                 secrets: SecretStore | None = None) -> None:
        self.env = os.environ if env is None else env
        configured = self.env.get("STUDIO_MT_CONFIG")
        self.path = path or (Path(configured) if configured else Path(user_config_dir("Studio")) / "mt.json")
        self.secrets = secrets or SecretStore()
        self._data = self._read()

    def __getstate__(self) -> dict[str, Any]:
        # To a job's own process (`studio.worker_process`): the machine-translation variables of the environment
        # as they are now, as plain values (not the rest of it: a password has no business there).
        return {**self.__dict__, "env": {k: v for k, v in self.env.items() if k.startswith("STUDIO_MT_")}}

    # --- the settings file ------------------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        return read_settings(self.path, "machine-translation settings")

    def _write(self) -> None:
        write_settings(self.path, self._data)

    # --- engines ----------------------------------------------------------------------------------------------

    def options(self, engine: str, *, secrets: bool = True) -> dict[str, str]:
        """The engine's option values: the file's, then the stored secrets, then the environment's. Without
        `secrets` the stored secrets are not read (a keyring may be slow, or ask to be unlocked: not on the
        window's thread); `has_secret` says whether there is one."""
        found = spec(engine)
        stored = self._data.get("engines", {}).get(engine, {})
        values = {o.name: o.default for o in found.options if o.default}
        for option in found.options:
            if option.secret and not secrets:
                value = None
            else:
                value = self.secrets.get(engine, option.name) if option.secret else stored.get(option.name)
            if value:
                values[option.name] = str(value)
            if self.env.get(env_name(engine, option.name)):
                values[option.name] = self.env[env_name(engine, option.name)]
        return values

    def configure(self, engine: str, values: Mapping[str, str], *, session_only: bool = False) -> None:
        """Set options of `engine` (an empty value removes one); secrets go to the keyring (or, with
        `session_only`, to this process's memory), the rest to the settings file."""
        found = spec(engine)
        known = {o.name: o for o in found.options}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise StudioError(f"{engine} has no option {unknown[0]!r}; its options are "
                              f"{', '.join(known) or 'none'}")
        stored = dict(self._data.get("engines", {}).get(engine, {}))
        in_keyring = set(self._in_keyring().get(engine, []))
        for name, value in values.items():
            if known[name].secret:
                self.secrets.put(engine, name, value, session_only=session_only)
                if not session_only:  # the file says which secrets the keyring holds, never their values
                    (in_keyring.add if value else in_keyring.discard)(name)
            elif value:
                stored[name] = value
            else:
                stored.pop(name, None)
        self._data.setdefault("engines", {})[engine] = stored
        self._data.setdefault("in_keyring", {})[engine] = sorted(in_keyring)
        self._write()

    def has_secret(self, engine: str, option: str) -> bool:
        """Whether the secret `option` of `engine` is set, without reading it from the keyring (but once, for a
        settings file written before the file said which secrets the keyring holds)."""
        return (bool(self.env.get(env_name(engine, option))) or self.secrets.in_session(engine, option)
                or option in self._in_keyring().get(engine, []))

    def _in_keyring(self) -> dict[str, list[str]]:
        if "in_keyring" not in self._data:  # an older file: ask the keyring once, and write it down next time
            self._data["in_keyring"] = {
                name: [o.name for o in spec(name).options if o.secret and self.secrets.get(name, o.name)]
                for name in CATALOGUE}
        kept: dict[str, list[str]] = self._data["in_keyring"]
        return kept

    def state(self, engine: str) -> EngineState:
        """What the engine still needs, read without the keyring (the window asks on its own thread)."""
        found = spec(engine)
        values = self.options(engine, secrets=False)
        missing = tuple(o.name for o in found.options if o.required and not (
            self.has_secret(engine, o.name) if o.secret else values.get(o.name)))
        return EngineState(found.name, found.label, found.offline, missing)

    def states(self) -> list[EngineState]:
        return [self.state(name) for name in CATALOGUE]

    def engine(self, name: str) -> Engine:
        """The engine, made from its options; a clear error when a required option is missing."""
        state = self.state(name)
        if state.missing:
            option = state.missing[0]
            raise StudioError(f"{name} is not set up: it needs {option} (studio mt configure {name} "
                              f"--{option.replace('_', '-')} VALUE, or {env_name(name, option)})")
        options = self.options(name)
        lost = [o.name for o in spec(name).options if o.required and not options.get(o.name)]
        if lost:  # recorded as kept in the keyring, and gone from it since
            raise StudioError(f"{name} is not set up: the keyring no longer holds its {lost[0]} (studio mt configure "
                              f"{name} --{lost[0].replace('_', '-')} VALUE, or {env_name(name, lost[0])})")
        key = (name, tuple(sorted(options.items())))
        with _MADE_LOCK:
            if key not in _MADE:
                _MADE[key] = spec(name).make(options)
            return _MADE[key]

    # --- routes -----------------------------------------------------------------------------------------------

    def route(self, target: str) -> list[str]:
        """The engines to try for `target`, in order: the chosen route, else every set-up engine that is not
        `pseudo` (pseudo-localisation is asked for by name only)."""
        chosen = self._data.get("routes", {}).get(target)
        if chosen:
            return [name for name in chosen if name in CATALOGUE]
        return [s.name for s in self.states() if s.configured and s.name != "pseudo" and self._chosen(s)]

    def _chosen(self, state: EngineState) -> bool:
        # An engine that needs nothing (Google's web page, MyMemory) is "set up" on every machine; a default
        # route of those would send the portal's texts to a free web service nobody chose. They join it only
        # once configured on purpose (`studio mt configure google`, or an environment variable).
        found = spec(state.name)
        if state.offline or any(o.required for o in found.options):
            return True
        return state.name in self._data.get("engines", {}) or any(
            env_name(state.name, o.name) in self.env for o in found.options)

    def set_route(self, target: str, engines: Sequence[str]) -> None:
        _check_locale(target)
        for name in engines:
            spec(name)
        self._data.setdefault("routes", {})[target] = list(engines)
        self._write()

    def pivot(self, target: str) -> bool:
        """Whether `target` is translated from the approved English rather than from the source."""
        return target in self._data.get("pivot", []) and target != PIVOT_LOCALE

    def set_pivot(self, target: str, on: bool) -> None:
        _check_locale(target)
        pivots = set(self._data.get("pivot", []))
        (pivots.add if on else pivots.discard)(target)
        self._data["pivot"] = sorted(pivots)
        self._write()


def _check_locale(code: str) -> None:
    if code not in LOCALE_CODES or code == SOURCE_DEFAULT:
        raise StudioError(f"{code!r} is not a target locale; use one of "
                          f"{', '.join(c for c in LOCALE_CODES if c != SOURCE_DEFAULT)}")
