"""The areas shown in the main window's navigation, in order. A new feature adds its screen with
one call to `register_area(...)` (or `MainWindow.add_area(...)` at run time); nothing else changes.

Each factory receives the AppState and returns the area's widget. The widget lives as long as the
window, across locks: it reads and writes through ui/common/operations.py, one short session for each
piece of work, and must not keep a Database or a session of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from circles_desktop.ui.app.app_state import AppState

AreaFactory = Callable[[AppState], QWidget]


@dataclass(frozen=True)
class Area:
    title: str
    factory: AreaFactory
    order: int = 100  # the day-to-day work (people, circles, meetings) comes before the log and settings


AREAS: list[Area] = []


def register_area(title: str, factory: AreaFactory, order: int = 100) -> None:
    AREAS.append(Area(title, factory, order))


def _home(state: AppState) -> QWidget:
    from circles_desktop.ui.home.home_area import home_area

    return home_area(state)


def _audit_log(state: AppState) -> QWidget:
    from circles_desktop.ui.security.audit_log_page import AuditPage

    return AuditPage(state)


def _settings(state: AppState) -> QWidget:
    from circles_desktop.ui.security.settings_page import SettingsPage

    return SettingsPage(state)


def _people(state: AppState) -> QWidget:
    from circles_desktop.ui.people.people_page import people_area

    return people_area(state)


def _organisations(state: AppState) -> QWidget:
    from circles_desktop.ui.organisations.organisations_page import organisations_area

    return organisations_area(state)


def _circles(state: AppState) -> QWidget:
    from circles_desktop.ui.circles.circles_workspace import circles_workspace

    return circles_workspace(state)


def _referrals(state: AppState) -> QWidget:
    from circles_desktop.ui.referrals.referrals_area import referrals_area

    return referrals_area(state)


def _community_circles(state: AppState) -> QWidget:
    from circles_desktop.ui.community.community_area import community_circles_area

    return community_circles_area(state)


def _connectors(state: AppState) -> QWidget:
    from circles_desktop.ui.community.network_area import connectors_area

    return connectors_area(state)


def _learning_circles(state: AppState) -> QWidget:
    from circles_desktop.ui.learning.learning_list import learning_circles_area

    return learning_circles_area(state)


def _children(state: AppState) -> QWidget:
    from circles_desktop.ui.learning.child_record import children_area

    return children_area(state)


def _themes(state: AppState) -> QWidget:
    from circles_desktop.ui.learning.themes_view import themes_area

    return themes_area(state)


def _conversations(state: AppState) -> QWidget:
    from circles_desktop.ui.conversations.conversations_area import conversations_area

    return conversations_area(state)


def _practice(state: AppState) -> QWidget:
    from circles_desktop.ui.practice.practice_area import practice_area

    return practice_area(state)


def _retention(state: AppState) -> QWidget:
    from circles_desktop.ui.records.retention_page import retention_area

    return retention_area(state)


register_area("Home", _home, order=0)  # the first area after unlocking: what needs doing
register_area("People", _people, order=10)
register_area("Organisations", _organisations, order=20)
register_area("Referrals", _referrals, order=30)
register_area("Circles", _circles, order=40)
register_area("Community Circles", _community_circles, order=45)
register_area("Connectors", _connectors, order=47)
register_area("Learning circles", _learning_circles, order=50)
register_area("Children", _children, order=55)
register_area("Themes", _themes, order=60)
register_area("Conversations", _conversations, order=70)
register_area("Communities of practice", _practice, order=80)
register_area("Retention review", _retention, order=850)
register_area("Audit log", _audit_log, order=900)
register_area("Settings", _settings, order=1000)


def areas_in_order() -> list[Area]:
    return sorted(AREAS, key=lambda area: area.order)
