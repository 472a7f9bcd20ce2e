"""Studio: the editorial and translation workstation of the city's international portal."""

from __future__ import annotations

__version__ = "0.1.0"
