"""The few places where one area hands the coordinator on to another, joined once the main window
has built its areas, so the areas themselves stay independent of each other; and `open_record`, the
one way a line elsewhere (Home, the search) opens the record it names, at the part it names."""

from __future__ import annotations

from typing import Any

from circles_desktop.models.vocab import CircleKind
from circles_desktop.services.common import record_ref as rr

# Kinds of circle with an area of their own: the Circles list opens them there, and does not create them.
OWN_AREAS = {
    CircleKind.COMMUNITY.value: "Community Circles",
    CircleKind.CONVERSATION.value: "Conversations",
    CircleKind.PRACTICE.value: "Communities of practice",
}

# Where each kind of record lives: the area's title and its method that opens one.
OPENS: dict[str, tuple[str, str]] = {
    rr.PERSON: ("People", "open_person"),
    rr.ORGANISATION: ("Organisations", "open_organisation"),
    rr.REFERRAL: ("Referrals", "open_referral"),
    rr.CIRCLE: ("Circles", "open_circle"),
    rr.LEARNING_CIRCLE: ("Learning circles", "open_circle"),
    rr.CHILD: ("Children", "open_child"),
    rr.COMMUNITY_CIRCLE: ("Community Circles", "open_circle"),
    rr.CONVERSATION: ("Conversations", "open_circle"),
    rr.PRACTICE: ("Communities of practice", "open_circle"),
    rr.CONNECTOR: ("Connectors", "select_connector"),
}
CIRCLE_TABS = {rr.DEVELOPMENTS: "developments_tab", rr.REVIEWS: "reviews_tab", rr.SHARED: "shared_tab",
               rr.MEETINGS: "meetings_tab"}  # fmt: skip
LEARNING_TABS = {rr.CHECKLIST: "checklist_view", rr.ACTIONS: "actions_tab"}


def link_areas(window: Any) -> None:
    referrals = window.area_widget("Referrals")
    circles = window.area_widget("Circles")
    if referrals is not None and circles is not None:

        def create_circle(referral_id: int) -> None:
            # Switching area asks about unsaved referral changes first; stay put if they are kept.
            window.show_area("Circles")
            if window.current_area() == "Circles":
                circles.create_from_referral(referral_id)

        referrals.create_circle_requested.connect(create_circle)
    if circles is not None:
        _hand_over_kinds(window, circles)
    home = window.area_widget("Home")
    if home is not None:
        home.open_requested.connect(lambda ref: open_record(window, ref))


def _hand_over_kinds(window: Any, circles: Any) -> None:
    own = {kind: title for kind, title in OWN_AREAS.items() if window.area_widget(title) is not None}
    for kind in own:
        circles.hand_over(kind)

    def open_elsewhere(kind: str, circle_id: int) -> None:
        title = own[kind]
        window.show_area(title)  # asks about unsaved changes in Circles first
        if window.current_area() == title:
            window.area_widget(title).open_circle(circle_id)

    circles.open_elsewhere_requested.connect(open_elsewhere)


def _go(window: Any, title: str) -> Any:
    """The area, shown; None when it is not there or the coordinator stayed to keep unsaved changes."""
    if window.area_widget(title) is None:
        return None
    area = window.show_area(title)
    return area if window.current_area() == title else None


def open_record(window: Any, ref: rr.RecordRef) -> Any:
    """Show the record `ref` names in its area, at its part; returns what opened (None if it did not)."""
    if ref.kind == rr.MEETING:
        return _open_meeting(window, ref)
    title, method = OPENS[ref.kind]
    area = _go(window, title)
    if area is None:
        return None
    opened = getattr(area, method)(ref.id)
    if not opened:
        return None
    screen = getattr(area, "opened", None)  # the Circle or learning circle screen, opened in place
    if ref.kind == rr.CIRCLE and screen is not None:
        _show_tab(screen, CIRCLE_TABS.get(ref.part))
        if ref.part == rr.SHARED and ref.item is not None:
            screen.shared_tab.select_document(ref.item)
    elif ref.kind == rr.LEARNING_CIRCLE and screen is not None:
        _show_tab(screen, LEARNING_TABS.get(ref.part))
        panel = screen.actions_tab.panel if ref.part == rr.ACTIONS else None
        if panel is not None and ref.item is not None:
            panel.select(ref.item)
    elif ref.kind == rr.PERSON and ref.part == rr.VOLUNTEERING:
        area.form.scroll_area.ensureWidgetVisible(area.form.volunteer)
    return screen if screen is not None else area


def _show_tab(screen: Any, attribute: str | None) -> None:
    if attribute is not None:
        screen.tabs.setCurrentWidget(getattr(screen, attribute))


def _open_meeting(window: Any, ref: rr.RecordRef) -> Any:
    """A meeting opens over its circle, so closing it goes back to the circle."""
    from circles_desktop.services.meetings import meetings
    from circles_desktop.ui.common.operations import load
    from circles_desktop.ui.meetings.meeting_screen import TAB_ACTIONS

    found = load(window.state, lambda s: meetings.get_meeting(s, ref.id).circle_id, parent=window,
                 what="The meeting could not be opened")  # fmt: skip
    area = _go(window, "Circles") if found.ok else None
    if area is None or area.open_circle(found.value) is None:
        return None
    screen = area.open_meeting(ref.id)
    if screen is not None and ref.part == rr.ACTIONS:
        screen.show_tab(TAB_ACTIONS)
        if ref.item is not None:
            screen.actions_panel.select(ref.item)
    return screen
