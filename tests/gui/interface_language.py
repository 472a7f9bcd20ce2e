"""The interface language as Studio installs it at start, for GUI tests that read interface texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from studio.ui.translations import install_translator


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    """English, with its catalogue of plural forms ("1 document", "2 documents")."""
    assert install_translator(qapp, "en") == "en"
    yield qapp


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QApplication]:
    """Simplified Chinese, back to English afterwards."""
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield qapp
    install_translator(qapp, "en")
