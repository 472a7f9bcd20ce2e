"""Studio: the editorial and translation workstation of the international portal of the People's Government of
Beijing Municipality (english.beijing.gov.cn)."""

from __future__ import annotations

__version__ = "0.1.0"
