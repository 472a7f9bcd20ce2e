"""The translation dashboard on a real workspace: percentages, tooltips, and clicks that ask for a filtered list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from studio.content.importers import ImportOptions
from studio.jobs import run_job
from studio.ui.dashboard import COUNTS_ROLE, DashboardModel, DashboardView, StateChart
from tests.gui.interface_language import english  # noqa: F401  (a fixture)
from tests.helpers import guide, office, write_json

OFFICE_FR = {"state": "approved", "origin": "human",
             "fields": {"name": "Hall des entrées et sorties de Dongcheng",
                        "address": "2, rue Andingmen Est, arrondissement de Dongcheng, Beijing",
                        "opening_hours": "Du lundi au samedi, de 9 h à 17 h."}}
# Three segments: the title stays a draft, the two sentences of the summary are approved.
GUIDE_FR = {"state": "approved", "states": {"title": "draft"},
            "fields": {"title": "Permis de travail pour les étrangers",
                       "summary": "Les étrangers qui travaillent dans la ville doivent obtenir un permis de travail. "
                                  "Le permis est valable cinq ans au plus."}}


def _import(ws, tmp_path, docs, name="d.json"):
    run_job(ws.import_files([write_json(tmp_path / name, docs)], ImportOptions()))


@pytest.fixture
def translated(sqlite_workspace, tmp_path):
    """The Dongcheng hall fully approved in French, the work-permit guide partly translated."""
    _import(sqlite_workspace, tmp_path,
            [dict(office(), translations={"fr": OFFICE_FR}), dict(guide(), translations={"fr": GUIDE_FR})])
    return sqlite_workspace


def _cell(model, section_key, locale):
    row = [s.key for s in model.report.sections].index(section_key)
    return model.index(row, model.locales.index(locale))


def _guide_segments(ws):
    return len(ws.document("work-permit").segments)


def test_the_dashboard_model_passes_the_model_tester(qtmodeltester, translated):
    model = DashboardModel()
    model.set_report(translated.status(), translated.sections())
    qtmodeltester.check(model)


def test_an_empty_dashboard_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(DashboardModel())


def test_rows_are_sections_and_columns_the_eight_target_languages(translated):
    model = DashboardModel()
    model.set_report(translated.status())
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert rows == ["Invest", "Work", "Study", "Live", "Visit", "Shop"]
    assert model.locales == ("en", "ko", "ja", "de", "fr", "es", "ru", "ar")
    french = model.locales.index("fr")
    assert model.headerData(french, Qt.Orientation.Horizontal) == "Français\nfr"
    assert model.headerData(model.locales.index("ar"), Qt.Orientation.Horizontal) == "العربية\nar"


def test_chinese_gets_a_column_once_a_document_is_written_in_another_language(sqlite_workspace, tmp_path):
    _import(sqlite_workspace, tmp_path, [dict(office(), source_locale="en",
                                              fields=dict(office()["fields"], name="Dongcheng Exit-Entry Hall",
                                                          address="2 Andingmen East Street, Dongcheng",
                                                          opening_hours="Monday to Saturday, 9:00 to 17:00."))])
    model = DashboardModel()
    model.set_report(sqlite_workspace.status())
    assert model.locales[0] == "zh-Hans"
    live = _cell(model, "live", "zh-Hans")
    assert live.data() == "0% approved"
    assert live.data(COUNTS_ROLE)["missing"] == 3
    assert _cell(model, "live", "en").data() == "—", "English is the source here: nothing to translate"


def test_the_table_shows_the_share_of_approved_cells_with_every_count_in_the_tooltip(translated):
    model = DashboardModel()
    model.set_report(translated.status(), translated.sections())
    assert _cell(model, "live", "fr").data() == "100% approved"
    assert _cell(model, "live", "de").data() == "0% approved"
    total = _guide_segments(translated)
    work_fr = _cell(model, "work", "fr")
    assert work_fr.data() == f"{2 * 100 // total}% approved"
    assert work_fr.data(COUNTS_ROLE) == {"missing": total - 3, "draft": 1, "translated": 0, "approved": 2,
                                         "outdated": 0}
    tip = work_fr.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == "Work — Français (fr)"
    assert "approved: 2" in tip and "draft: 1" in tip and f"missing: {total - 3}" in tip
    assert _cell(model, "invest", "fr").data() == "—", "no documents in Invest yet"


def test_section_titles_follow_the_title_locale(translated):
    model = DashboardModel(title_locale="fr")
    model.set_report(translated.status(), translated.sections())
    titles = {s.key: s.title("fr") for s in translated.sections()}
    assert model.headerData(1, Qt.Orientation.Vertical) == titles["work"]


@pytest.fixture
def view(qtbot, translated):
    view = DashboardView(translated)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _click_bar(qtbot, chart: StateChart, area, section_key, locale, state):
    rect = chart.bar_rect(section_key, locale, state)
    assert not rect.isEmpty()
    area.ensureVisible(rect.center().x(), rect.center().y(), 10, rect.height())
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_bar_segment_asks_for_those_cells(qtbot, view):
    with qtbot.waitSignal(view.filter_requested) as blocker:
        _click_bar(qtbot, view.chart, view.chart_area, "work", "fr", "draft")
    assert blocker.args == ["work", "fr", "draft"]
    with qtbot.waitSignal(view.filter_requested) as blocker:
        _click_bar(qtbot, view.chart, view.chart_area, "live", "fr", "approved")
    assert blocker.args == ["live", "fr", "approved"]


def test_bar_segments_are_as_wide_as_their_share(view, translated):
    chart = view.chart
    total = _guide_segments(translated)
    approved = chart.bar_rect("work", "fr", "approved")
    missing = chart.bar_rect("work", "fr", "missing")
    whole = chart.bar_rect("work", "de", "missing")
    assert whole.width() == pytest.approx(approved.width() * total / 2, abs=total)
    assert missing.width() == pytest.approx(whole.width() * (total - 3) / total, abs=2)
    assert chart.bar_rect("work", "fr", "translated").isEmpty(), "no cell is in that state"
    assert chart.bar_rect("live", "fr", "approved").width() == whole.width()


def test_hovering_a_bar_names_the_section_the_language_and_the_counts(qtbot, view, translated):
    rect = view.chart.bar_rect("work", "fr", "draft")
    view.chart_area.ensureVisible(rect.center().x(), rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.chart.mapToGlobal(rect.center()))
    QApplication.sendEvent(view.chart, event)
    qtbot.waitUntil(QToolTip.isVisible)
    lines = QToolTip.text().splitlines()
    assert lines[0] == "Work — Français (fr)"
    assert "▸ draft: 1" in QToolTip.text()
    assert any(line.strip().startswith(f"missing: {_guide_segments(translated) - 3}") for line in lines)
    QToolTip.hideText()


def test_clicking_beside_the_bars_asks_for_nothing(qtbot, view):
    with qtbot.assertNotEmitted(view.filter_requested):
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))


def test_double_clicking_a_table_cell_asks_for_its_most_pressing_cells(qtbot, view):
    table = view.table
    model = view.model
    for (section, locale), state in {("work", "fr"): "missing", ("live", "fr"): "approved"}.items():
        index = _cell(model, section, locale)
        pos = table.visualRect(index).center()
        with qtbot.waitSignal(view.filter_requested) as blocker:
            # A real double-click starts with a click; QTest's mouseDClick alone does not press the item first.
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
            qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert blocker.args == [section, locale, state]
    table.setCurrentIndex(_cell(model, "work", "fr"))
    with qtbot.waitSignal(view.filter_requested) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == ["work", "fr", "missing"]


def test_refresh_counts_again(qtbot, view, translated, tmp_path):
    assert _cell(view.model, "work", "de").data() == "0% approved"
    german = {"state": "approved", "fields": {"title": "Arbeitserlaubnis für Ausländer"}}
    _import(translated, tmp_path, [dict(guide("work-permit-2"), translations={"de": german})], "more.json")
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    total = 2 * _guide_segments(translated)
    assert _cell(view.model, "work", "de").data() == f"{100 // total}% approved"
    assert not view.chart.bar_rect("work", "de", "approved").isEmpty()
    assert "% of all translations approved" in view.summary.text()


def test_the_chart_is_tall_enough_for_every_bar_and_scrolls_when_small(qtbot, view):
    chart = view.chart
    last = chart.bar_rect("shop", "ar", "missing")
    assert chart.height() >= last.bottom()
    assert chart.sizeHint().height() >= chart.heightForWidth(chart.sizeHint().width())
    view.resize(600, 500)
    qtbot.waitUntil(lambda: view.chart_area.verticalScrollBar().maximum() > 0)


def test_the_summary_and_the_section_tooltip_count_in_the_singular_and_plural(english, view, translated):  # noqa: F811
    segments = _guide_segments(translated)
    total = segments + len(translated.document("dongcheng-hall").segments)
    assert view.summary.text().startswith(f"2 documents, {total} segments; ")
    row = [view.model.headerData(r, Qt.Orientation.Vertical) for r in range(view.model.rowCount())].index("Work")
    assert view.model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) == (
        f"1 document, {segments} segments")
