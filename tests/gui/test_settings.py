"""Preferences as a user keeps them between runs: typed settings in an INI file, the interface language, light and
dark themes, and the settings dialog."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox

from studio.ui.settings import TARGET_LOCALES, Settings
from studio.ui.settings_dialog import SettingsDialog
from studio.ui.theme import apply_theme, contrast_ratio, dark_palette, is_dark, light_palette, state_colors
from studio.ui.translations import install_translator, resolve_language

# QSettings caches a file's values per process, so only a new process proves what the file itself holds.
READ_IN_NEW_PROCESS = """
import json, sys
from studio.ui.settings import Settings
s = Settings(sys.argv[1])
print(json.dumps({o.key: (v.hex() if isinstance(v := o.__get__(s), bytes) else v) for o in Settings.options()}))
"""


def read_in_new_process(path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", READ_IN_NEW_PROCESS, str(path)], check=True,
                         capture_output=True, text=True, env={"QT_QPA_PLATFORM": "offscreen"})
    return json.loads(out.stdout)


def test_a_new_settings_file_reads_as_the_defaults(tmp_path):
    settings = Settings(tmp_path / "studio.ini")
    assert settings.interface_language == "system"
    assert settings.theme == "system"
    assert settings.visible_locales == ["en", "ko", "ja", "de", "fr", "es", "ru", "ar"]
    assert settings.last_user == ""
    assert settings.window_geometry == b""
    assert settings.grid_font_size == 11
    assert all(option.title and option.description for option in Settings.options())


def test_settings_written_by_one_run_are_read_by_the_next(tmp_path):
    path = tmp_path / "studio.ini"
    settings = Settings(path)
    settings.interface_language = "zh_CN"
    settings.theme = "dark"
    settings.visible_locales = ["ar"]
    settings.last_user = "王芳"
    settings.last_document = "0b5e2a64-6f8e-4c1e-9d57-3f6f1d1c2a10"
    settings.window_geometry = b"\x00\x01\xd9\xd0geometry"
    settings.window_state = b"\xff\x00"
    settings.grid_font_size = 14
    settings.preview_locales = ["zh-Hans", "ar"]
    settings.sync()

    assert read_in_new_process(path) == {
        "interface/language": "zh_CN", "interface/theme": "dark", "grid/visible_locales": ["ar"],
        "grid/font_size": 14, "session/last_user": "王芳",
        "session/last_document": "0b5e2a64-6f8e-4c1e-9d57-3f6f1d1c2a10", "window/geometry": b"\x00\x01\xd9\xd0geometry".hex(),
        "window/state": "ff00", "preview/locales": ["zh-Hans", "ar"]}


@pytest.mark.parametrize("locales", [[], ["ko"], ["ja", "ar"], list(TARGET_LOCALES)])
def test_any_number_of_visible_locales_survives_a_restart(tmp_path, locales):
    path = tmp_path / "studio.ini"
    settings = Settings(path)
    settings.visible_locales = locales
    settings.sync()
    assert read_in_new_process(path)["grid/visible_locales"] == locales


def test_a_hand_edited_file_gives_typed_values_and_defaults_for_nonsense(tmp_path):
    path = tmp_path / "studio.ini"
    path.write_text("[grid]\nvisible_locales=ko\nfont_size=99\n"
                    "[interface]\ntheme=purple\nlanguage=en\n"
                    "[window]\ngeometry=@ByteArray(\\0\\x1\\x61)\nstate=not bytes\n", encoding="utf-8")
    settings = Settings(path)
    assert settings.visible_locales == ["ko"]
    assert settings.grid_font_size == 32  # clamped to the largest size offered
    assert settings.theme == "system"
    assert settings.interface_language == "en"
    assert settings.window_geometry == b"\x00\x01a"
    assert settings.window_state == b""


def test_values_outside_an_options_choices_are_refused(tmp_path):
    settings = Settings(tmp_path / "studio.ini")
    with pytest.raises(ValueError, match="theme"):
        settings.theme = "purple"
    with pytest.raises(ValueError, match="zh-Hans"):
        settings.visible_locales = ["en", "zh-Hans"]
    with pytest.raises(ValueError, match="font_size"):
        settings.grid_font_size = 200
    assert not settings.is_set("theme")


@pytest.fixture
def app(qapp):
    yield qapp
    install_translator(qapp, "en")
    apply_theme(qapp, "light")


def test_chinese_interface_translates_studio_and_qt_strings_and_english_removes_them(app):
    assert install_translator(app, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("Settings", "Theme") == "主题"
    assert QCoreApplication.translate("SettingsDialog", "The interface language changes after a restart.") == (
        "界面语言将在重新启动后生效。")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert {b.text() for b in buttons.buttons()} == {"确定", "取消"}

    assert install_translator(app, "en") == "en"
    assert QCoreApplication.translate("Settings", "Theme") == "Theme"


def test_system_language_means_chinese_only_on_a_chinese_computer():
    assert resolve_language("system", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert resolve_language("system", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert resolve_language("en", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "en"


def test_dark_theme_gives_dark_windows_and_light_theme_light_ones(app):
    apply_theme(app, "dark")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert is_dark(app.palette())
    apply_theme(app, "light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert not is_dark(app.palette())


def test_system_theme_follows_the_system_when_its_scheme_changes(app):
    apply_theme(app, "system")
    hints = app.styleHints()
    # The offscreen platform has no scheme of its own: announce the change as the system would.
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(app.palette())
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark(app.palette())

    apply_theme(app, "light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(app.palette()), "a forced theme ignores the system"


@pytest.mark.parametrize("dark", [False, True])
def test_state_colours_keep_cell_text_readable(dark):
    text = (dark_palette() if dark else light_palette()).color(QPalette.ColorRole.Text)
    colours = state_colors(dark)
    assert set(colours) == {"missing", "draft", "translated", "approved", "outdated"}
    assert len({c.name() for c in colours.values()}) == 5
    for state, colour in colours.items():
        assert contrast_ratio(text, colour) >= 4.5, state


def click_check(qtbot, check):
    """Click the box itself: a check box ignores clicks on the empty space right of its label."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def click_button(qtbot, dialog, which):
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_the_dialog_writes_what_changed_on_ok(qtbot, tmp_path):
    path = tmp_path / "studio.ini"
    settings = Settings(path)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.font_size_spin.setValue(13)
    for code in ("ru", "ar"):
        click_check(qtbot, dialog.locale_checks[code])
    assert dialog.all_locales_check.checkState() == Qt.CheckState.PartiallyChecked

    with qtbot.waitSignal(dialog.settings_changed) as changed:
        click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert sorted(changed.args[0]) == ["grid_font_size", "theme", "visible_locales"]
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = read_in_new_process(path)
    assert saved["interface/theme"] == "dark"
    assert saved["grid/font_size"] == 13
    assert saved["grid/visible_locales"] == ["en", "ko", "ja", "de", "fr", "es"]
    assert not settings.is_set("interface_language"), "an untouched option keeps following its default"


def test_the_dialog_writes_nothing_on_cancel(qtbot, tmp_path):
    path = tmp_path / "studio.ini"
    settings = Settings(path)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("light"))
    click_check(qtbot, dialog.all_locales_check)

    with qtbot.assertNotEmitted(dialog.settings_changed):
        click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert settings.qsettings.allKeys() == []
    assert not path.exists()


def test_changing_the_language_says_it_takes_a_restart(qtbot, tmp_path):
    settings = Settings(tmp_path / "studio.ini")
    settings.interface_language = "en"
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restart_note.isVisible()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    assert dialog.restart_note.isVisible()
    assert "restart" in dialog.restart_note.text()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert not dialog.restart_note.isVisible()


def test_all_shows_every_language_and_the_grid_needs_at_least_one(qtbot, tmp_path):
    settings = Settings(tmp_path / "studio.ini")
    settings.visible_locales = ["ja"]
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [c.text() for c in dialog.locale_checks.values()] == [
        "English", "한국어", "日本語", "Deutsch", "Français", "Español", "Русский", "العربية"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    click_check(qtbot, dialog.all_locales_check)
    assert all(c.isChecked() for c in dialog.locale_checks.values())
    assert dialog.all_locales_check.checkState() == Qt.CheckState.Checked

    click_check(qtbot, dialog.all_locales_check)
    assert not any(c.isChecked() for c in dialog.locale_checks.values())
    assert not ok.isEnabled()
    click_check(qtbot, dialog.locale_checks["ko"])
    assert ok.isEnabled()
    assert dialog.chosen()["visible_locales"] == ["ko"]


def test_the_dialog_speaks_chinese_when_the_translator_is_installed(qtbot, app, tmp_path):
    install_translator(app, "zh_CN")
    dialog = SettingsDialog(Settings(tmp_path / "studio.ini"))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "设置"
    assert dialog.theme_combo.itemText(dialog.theme_combo.findData("dark")) == "深色"
    assert dialog.language_combo.itemText(dialog.language_combo.findData("zh_CN")) == "简体中文"
    assert dialog.locales_box.title() == "显示的语言"


def test_the_last_document_and_the_columns_are_kept_per_workspace_and_the_rest_is_shared(tmp_path):
    path = tmp_path / "studio.ini"
    shared = Settings(path)
    first, second = shared.for_workspace("/data/beijing"), shared.for_workspace("postgresql+psycopg://db/portal")
    first.last_document = "doc-of-the-first"
    first.visible_locales = ["ja", "ar"]
    first.theme = "dark"
    assert (second.last_document, second.visible_locales) == ("", list(TARGET_LOCALES))
    assert second.theme == "dark"  # a preference of the person, not of the workspace

    shared.visible_locales = ["fr"]  # as stored before columns were kept per workspace: the fallback
    assert second.visible_locales == ["fr"] and first.visible_locales == ["ja", "ar"]
    first.reset("visible_locales")
    assert first.visible_locales == ["fr"]
    shared.sync()
    again = Settings(path).for_workspace("/data/beijing")
    assert again.last_document == "doc-of-the-first"


def test_ctrl_enter_in_the_dialog_is_ok(qtbot, tmp_path):
    settings = Settings(tmp_path / "studio.ini")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # shortcuts work in the active window only
    dialog.font_size_spin.setValue(14)
    with qtbot.waitSignal(dialog.settings_changed):
        qtbot.keyClick(dialog.font_size_spin, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.grid_font_size == 14
