"""Learning circles are not CoSA circles: their own numbering, their stage as the status word in every
list, and no CoSA sharing category in their dialogs."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from circles_desktop.models import Action
from circles_desktop.services.circles import circle_list
from circles_desktop.services.learning import children
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.learning.children import ChildForm
from circles_desktop.ui.meetings.actions_panel import ActionsPanel
from support.records import cosa_circle

TODAY = date.today()


def a_learning_circle(state, people, when: datetime | None = None) -> int:
    with state.database.session() as s:
        child = children.create_child(
            s,
            ChildForm(
                given_name="Dáithí",
                family_name="Ó Súilleabháin",
                date_of_birth=date(2013, 7, 14),
                locality="Avonford North",
                case_reference="CR-100200",
                practitioner_id=people["practitioner"],
            ),
        ).id
        form = lcs.LearningCircleForm(
            child_id=child,
            reasons={"escalation_of_risk"},
            proposed_on=TODAY - timedelta(days=20),
            head_of_locality_id=people["hol"],
            meets_at=when,
        )
        return lcs.create_learning_circle(s, form).id


def test_learning_circles_number_themselves_and_say_their_stage_in_the_circles_list(state, people):
    with state.database.session() as s:
        for _ in range(3):  # CoSA circles made first take no learning circle's number
            cosa_circle(s)
    circle_id = a_learning_circle(state, people)
    with state.database.session() as s:
        rows = {r.id: r for r in circle_list.list_circles(s, kind="learning")}
        detail = lcs.get_learning_circle(s, circle_id)
    assert rows[circle_id].reference == "LLC-00001"
    assert rows[circle_id].status_word == "Before"  # as the Learning circles list says it
    assert detail.stage == "before"


def test_the_circles_status_filter_finds_a_learning_circle_by_the_stage_word_it_shows(state, people):
    with state.database.session() as s:
        cosa = cosa_circle(s)
    learning = a_learning_circle(state, people)
    with state.database.session() as s:
        rows = {r.id: r for r in circle_list.list_circles(s)}
        by_word = {word: value for value, word in circle_list.status_choices().items()}
        assert {r.status_word for r in rows.values()} <= set(by_word)  # the filter offers every word shown
        for row in rows.values():  # each circle is found by the word it shows, and by no other
            for word, value in by_word.items():
                found = [r.id for r in circle_list.list_circles(s, status=value)]
                assert (row.id in found) == (row.status_word == word), (row.status_word, word)
                assert circle_list.count_circles(s, status=value) == len(found)
        learning_status = rows[learning].status  # its circle status, which the list does not show
        assert learning not in [r.id for r in circle_list.list_circles(s, status=learning_status)]
        assert [r.id for r in circle_list.list_circles(s, status="before")] == [learning]
        assert cosa in [r.id for r in circle_list.list_circles(s, status=rows[cosa].status)]
        # Sorted by the Status column, the circles go in the order of the words shown.
        words = [r.status_word.casefold() for r in circle_list.list_circles(s, sort="status", descending=False)]
        assert words == sorted(words)


def test_a_learning_circles_action_is_not_asked_its_sharing_category(qtbot, state, people):
    circle_id = a_learning_circle(state, people, datetime.combine(TODAY, datetime.min.time()).replace(hour=10))
    with state.database.session() as s:
        meeting_id = lcs.get_learning_circle(s, circle_id).meeting_id
    assert meeting_id is not None
    learning = ActionsPanel(state, meeting_id, shared_by_category=False)
    qtbot.addWidget(learning)
    learning.set_meeting(circle_id, TODAY)
    dialog = learning.open_dialog()
    assert "category" not in dialog.form.values()
    qtbot.keyClicks(dialog.description, "Ask the school for attendance since January")
    dialog.owner.setCurrentIndex(1)
    assert dialog.save(), dialog.form.general_error.text()
    with state.database.session() as s:
        (action,) = s.query(Action).filter_by(circle_id=circle_id).all()
        assert action.description == "Ask the school for attendance since January"

    cosa = ActionsPanel(state, meeting_id)  # a CoSA circle's actions still say what they may be shared as
    qtbot.addWidget(cosa)
    cosa.set_meeting(circle_id, TODAY)
    assert "category" in cosa.open_dialog().form.values()
