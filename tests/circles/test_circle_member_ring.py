"""Choosing a role in Add member puts the ring where that role sits: professionals outer; volunteers
and parents or carers inner (the coordinator can still change it)."""

from PySide6.QtWidgets import QMessageBox

from circles_desktop.models.vocab import MemberRole, Ring
from circles_desktop.ui.circles.circle_screen import CircleScreen
from support.records import cosa_circle


def test_ring_follows_the_role(qtbot, state, monkeypatch):
    with state.database.session() as s:
        circle_id = cosa_circle(s)
    screen = CircleScreen(state, circle_id)
    qtbot.addWidget(screen)
    dialog = screen.members_tab.add_member()
    role, ring = dialog.role, dialog.ring
    for chosen, expected in (
        (MemberRole.POLICE_OFFENDER_MANAGER, Ring.OUTER),
        (MemberRole.PARENT_CARER, Ring.INNER),
        (MemberRole.PROBATION_OFFICER, Ring.OUTER),
        (MemberRole.VOLUNTEER, Ring.INNER),
    ):
        role.setCurrentIndex(role.findData(chosen.value))
        assert ring.currentData() == expected.value, chosen
    # Leaving asks about the unsaved choices; discard them.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()


def test_the_person_chosen_stays_when_the_role_changes(qtbot, state, monkeypatch):
    """Chosen from the list offered (nothing typed in the search), then a role whose list is other
    people: the person chosen was silently taken away (found by the every-form test)."""
    from support.records import volunteer

    with state.database.session() as s:
        circle_id = cosa_circle(s)
        sian = volunteer(s, "Siân", "Jones")
    screen = CircleScreen(state, circle_id)
    qtbot.addWidget(screen)
    dialog = screen.members_tab.add_member()
    person, role = dialog.person, dialog.role
    assert person.search.text() == "" and person.choice.findData(sian) > 0  # volunteers are offered
    person.choice.setCurrentIndex(person.choice.findData(sian))
    role.setCurrentIndex(role.findData(MemberRole.PROBATION_OFFICER.value))  # professionals are offered now
    assert person.value() == sian and person.choice.currentText().startswith("Siân Jones")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
