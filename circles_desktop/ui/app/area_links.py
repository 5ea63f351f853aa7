"""The few places where one area hands the coordinator on to another, joined once the main window
has built its areas, so the areas themselves stay independent of each other."""

from __future__ import annotations

from typing import Any


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
