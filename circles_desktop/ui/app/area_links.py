"""The few places where one area hands the coordinator on to another, joined once the main window
has built its areas, so the areas themselves stay independent of each other."""

from __future__ import annotations

from typing import Any

from circles_desktop.models.vocab import CircleKind

# Kinds of circle with an area of their own: the Circles list opens them there, and does not create them.
OWN_AREAS = {CircleKind.CONVERSATION.value: "Conversations", CircleKind.PRACTICE.value: "Communities of practice"}


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
