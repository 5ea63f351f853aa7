"""Nothing typed is ever silently dropped, for the forms whose record shows only as a row: a consent in the
matrix, a progress note under its goal, a referral's step, a learning checklist's line, someone in a
Community Circle, a practice session, the person carrying an action, a risk report.

Each walk fills every field through the widgets (the generic filler of tests/support/form_walk.py), saves
through the real Save button, then builds a new screen from the database and reads what it shows for the
record; what the row does not show is read through the services. Every field typed is compared: `compare`
fails if one was typed and not looked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from html import unescape
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidget, QWidget

from circles_desktop.services.common.words import uk_date
from support import community, due, records
from support.form_walk import TODAY, fill, on_screen, pick, said, save_clicked, snapshot, type_into

ROW_WALKS: dict[str, Callable[..., None]] = {}


def row_walk(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(walk: Callable[..., None]) -> Callable[..., None]:
        ROW_WALKS[name] = walk
        return walk

    return register


def typed_in(qtbot, form: QWidget, dates: dict[str, date] | None = None, leave: set[str] = frozenset()) -> dict:
    """Every reachable field filled (those in `leave` kept as chosen before); what the form holds, by field
    name, the fields left empty aside."""
    fill(qtbot, form, set(leave), dates or {})
    assert not form.entry_problems(), form.entry_problems()
    typed = {n: v for n, v in snapshot(form, set()) if v not in (None, "", False, [])}
    assert typed, "the walk filled nothing"
    return typed


def compare(typed: dict[str, Any], found: dict[str, Any]) -> None:
    """Each field typed, found as typed: a field typed that the walk did not look for fails too."""
    assert set(typed) <= set(found), f"typed, and not looked for once saved: {sorted(set(typed) - set(found))}"
    lost = {n: (typed[n], found[n]) for n in typed if typed[n] != found[n]}
    assert not lost, f"typed, then not there in a new screen (field: typed, found): {lost}"


def row_texts(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def chosen_file(monkeypatch, tmp_path, name: str, content: bytes) -> Any:
    """A real file in tmp_path, chosen the way the dialog asks (its QFileDialog call only is answered)."""
    path = tmp_path / name
    path.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    return path


SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
SMALL_PDF += b"trailer<</Root 1 0 R>>\n%%EOF\n"


# --- a CoSA circle's screen: consent given and withdrawn, a goal's progress note ------------------------
def _circle_tab(qtbot, state, circle_id: int, name: str):
    from circles_desktop.ui.circles.circle_screen import CircleScreen

    screen = on_screen(qtbot, CircleScreen(state, circle_id))
    tab = getattr(screen, name)
    screen.tabs.setCurrentWidget(tab)  # a tab reads when shown, as the coordinator opens it
    return tab


def _consent_given(young: bool = False, by_parent: bool = False, to_member: bool = False) -> Callable[..., None]:
    """Consent given to an outer-circle member's organisation (or `to_member`, the member); for a young person,
    with two parents or carers in the circle, by the young person (a parent or carer also consenting) or by
    the first parent."""

    def walk(qtbot, state, tmp_path, monkeypatch) -> None:
        circle_id = _consent_circle(state, young)
        dialog = _circle_tab(qtbot, state, circle_id, "consent_tab").give()
        chosen_first = set()  # as a coordinator does: the fields below follow
        if by_parent:
            dialog.given_by.setCurrentIndex(1)
            chosen_first.add("give.given_by")
        if to_member:
            dialog.recipient.setCurrentIndex(1)
            chosen_first.add("give.recipient")
        given_on = TODAY - timedelta(days=8)
        typed = typed_in(qtbot, dialog.form, {"give.given_on": given_on}, chosen_first)
        signed = chosen_file(monkeypatch, tmp_path, "signed consent.pdf", SMALL_PDF)
        dialog.signed_form.choose.click()
        assert dialog.form.values()["signed_form"] == str(signed)
        typed["signed_form"] = (signed.name, signed.read_bytes())
        save_clicked(dialog)

        tab = _circle_tab(qtbot, state, circle_id, "consent_tab")
        found = _consent_shown(state, tab, circle_id) | {"signed_form": _signed_form_saved(tab, monkeypatch, tmp_path)}
        compare(typed, found)

    return walk


def _consent_circle(state, young: bool) -> int:
    from circles_desktop.models.vocab import CosaVariant, MemberRole, Ring
    from circles_desktop.services.circles import members

    with state.database.session() as s:
        if not young:
            circle_id = due.active_cosa(s)
        else:
            circle_id = records.cosa_circle(s, CosaVariant.YOUNG_PERSON)
            for given in ("Joanne", "Mark"):
                parent = records.person(s, given, "Brooks")
                members.add_member(s, circle_id, parent, Ring.INNER, MemberRole.PARENT_CARER, records.START)
        records.outer_member(s, circle_id)
    return circle_id


row_walk("consent given")(_consent_given())
row_walk("consent given to a member")(_consent_given(to_member=True))
row_walk("consent given, young person")(_consent_given(young=True))
row_walk("consent given, young person, by a parent")(_consent_given(young=True, by_parent=True))


def _signed_form_saved(tab, monkeypatch, tmp_path) -> tuple[str, bytes]:
    """The signed form as the coordinator gets it back: a history row chosen, "Save signed form…"."""
    offered: list[str] = []

    def save_as(_parent, _caption, name, *_a, **_k):
        offered.append(name)
        return str(tmp_path / "saved.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    tab.history_table.selectRow(0)
    tab.form_button.click()
    return offered[0], (tmp_path / "saved.pdf").read_bytes()


def _consent_shown(state, tab, circle_id: int) -> dict[str, Any]:
    """A consent as the new Consent tab shows it, in the dialog's words: a history row per category and the
    matrix cell on the day it was given; its notes (no column) through the services."""
    from circles_desktop.models.vocab import label
    from circles_desktop.services.circles import circle_queries
    from circles_desktop.services.consent.consent import CATEGORIES

    history = row_texts(tab.history_table)
    (recipient,) = {row[1] for row in history}
    (given_on,) = {day(row[0]) for row in history}
    (given_by,) = {row[3] for row in history}
    (parent_carer,) = {row[4] for row in history}
    shown = {row[2] for row in history}
    with state.database.session() as s:
        (notes,) = {h.notes for h in circle_queries.consent_history_rows(s, circle_id)}
    tab.on_date.set_value(given_on)
    if recipient.endswith(" (organisation)"):  # "Police (organisation)", chosen as "Police (the whole organisation)"
        name = recipient.removesuffix(" (organisation)")
        chosen = f"{name} (the whole organisation)"
    else:  # "Oluwaseun Adeyemi (Police)", chosen as "Oluwaseun Adeyemi — Police"
        name, _, organisation = recipient.removesuffix(")").rpartition(" (")
        chosen = f"{name} — {organisation}"
    assert {row[7] for row in history} == {"Yes"}  # a signed form, kept with each
    cells = {tab.cell_text(name, c) for c in CATEGORIES if label(c) in shown}
    assert cells == {f"✓ Given {uk_date(given_on)}"}, cells
    return {
        "give.recipient": chosen,
        "give.given_on": given_on,
        "give.given_by": f"{given_by} ({'parent or carer' if given_by == parent_carer else 'core member'})",
        "give.parent_carer": parent_carer,
        "Notes": notes,
        "categories": [c for c in CATEGORIES if label(c) in shown],
    } | {f"give.category.{c}": label(c) in shown for c in CATEGORIES}


@row_walk("consent withdrawn")
def _consent_withdrawn(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.models import Circle
    from circles_desktop.services.consent import consent

    given_on, withdrawn_on = TODAY - timedelta(days=30), TODAY - timedelta(days=6)
    with state.database.session() as s:
        circle_id = due.active_cosa(s)
        member_id = records.outer_member(s, circle_id)
        core = s.get(Circle, circle_id).focus_person_id
        consent.give_consent(
            s, circle_id, categories=["minutes"], given_on=given_on, given_by_id=core, recipient_member_id=member_id
        )
    tab = _circle_tab(qtbot, state, circle_id, "consent_tab")
    tab.on_date.set_value(given_on)
    tab.matrix.setCurrentCell(0, 1 + consent.CATEGORIES.index("minutes"))  # the cell, as the coordinator clicks it
    dialog = tab.withdraw()
    typed = typed_in(qtbot, dialog.form, {"withdraw.date": withdrawn_on})
    save_clicked(dialog)

    tab = _circle_tab(qtbot, state, circle_id, "consent_tab")
    ((*_given, withdrawn, reason, _signed),) = row_texts(tab.history_table)
    tab.on_date.set_value(given_on)
    cell = tab.matrix.item(0, 1 + consent.CATEGORIES.index("minutes")).text()
    assert cell == f"✓ Given {uk_date(given_on)}\nwithdrawn from {withdrawn}", cell
    compare(typed, {"withdraw.date": day(withdrawn), "withdraw.reason": reason})


@row_walk("goal's progress note")
def _progress_note(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.services.circles import goals

    with state.database.session() as s:
        circle_id = due.active_cosa(s)
        goal_id = goals.add_goal(s, circle_id, "Find work", TODAY - timedelta(days=90)).id
    tab = _circle_tab(qtbot, state, circle_id, "goals_tab")
    tab.select_goal(goal_id)
    dialog = tab.add_progress()
    typed = typed_in(qtbot, dialog.form, {"progress.noted_on": TODAY - timedelta(days=4)})
    save_clicked(dialog)

    tree = _circle_tab(qtbot, state, circle_id, "goals_tab").tree
    goal = tree.topLevelItem(0)
    assert goal.text(0) == "Find work" and goal.childCount() == 1
    note = goal.child(0)
    compare(typed, {"progress.noted_on": day(note.text(1)), "progress.note": note.text(0)})


# --- a referral's step: declined, with the reason -------------------------------------------------------
def _referral_page(qtbot, state, referral_id: int):
    from circles_desktop.ui.referrals.referral_form import ReferralPage

    page = on_screen(qtbot, ReferralPage(state))
    assert page.open_referral(referral_id)
    return page


@row_walk("referral step")
def _referral_step(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.services.referrals import referrals

    with state.database.session() as s:
        referrer = records.professional(s, "Priya", "Shah", records.org(s, "Avonford Probation", "probation"))
        form = referrals.ReferralForm(
            circle_kind="cosa",
            person_id=records.person(s, "Gareth", "Pryce"),
            referrer_id=referrer,
            received_on=TODAY - timedelta(days=60),
        )
        referral_id = referrals.create_referral(s, form).id
    page = _referral_page(qtbot, state, referral_id)
    page.step_buttons.buttons["declined"].click()
    dialog = page.step_dialog
    typed = typed_in(qtbot, dialog.form, {"step.date": TODAY - timedelta(days=9)})
    save_clicked(dialog)

    summary = _referral_page(qtbot, state, referral_id).stepper.summary
    declined = summary.split("; ")[-1]  # "Declined on 23/11/2026: the reason"
    on, _, reason = declined.removeprefix("Declined on ").partition(": ")
    compare(typed, {"step.date": day(on), "step.reason": reason})


# --- a learning circle's checklist: a step done (when, by whom), a step not applicable (why) --------------
def _learning_screen(qtbot, state, circle_id: int):
    from circles_desktop.ui.learning.learning_screen import LearningCircleScreen

    return on_screen(qtbot, LearningCircleScreen(state, circle_id))


def _learning_circle(state) -> int:
    with state.database.session() as s:
        return due.learning_circle(s, proposed_on=TODAY - timedelta(days=20))


@row_walk("checklist step done")
def _step_done(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.ui.learning.learning_checklist import _member_choices

    circle_id = _learning_circle(state)
    screen = _learning_screen(qtbot, state, circle_id)
    screen.checklist_view.rows["practitioners_notified"].done.click()
    typed = typed_in(qtbot, screen.dialog.form, {"step_dialog.date": TODAY - timedelta(days=2)})
    save_clicked(screen.dialog)

    detail = _learning_screen(qtbot, state, circle_id).checklist_view.rows["practitioners_notified"].detail.text()
    who, _, on = detail.rpartition(" on ")  # "Service Manager Siân Llewellyn on 30/11/2026"
    chosen = [c for c in _member_choices(state, circle_id).values() if who.endswith(" " + c.partition(" (")[0])]
    compare(typed, {"step_dialog.date": day(on), "step_dialog.who": chosen[0] if len(chosen) == 1 else chosen})


@row_walk("checklist step not applicable")
def _step_not_applicable(qtbot, state, _tmp_path, _monkeypatch) -> None:
    circle_id = _learning_circle(state)
    screen = _learning_screen(qtbot, state, circle_id)
    screen.checklist_view.rows["room_booked"].na.click()
    typed = typed_in(qtbot, screen.dialog.form)
    save_clicked(screen.dialog)

    detail = _learning_screen(qtbot, state, circle_id).checklist_view.rows["room_booked"].detail.text()
    compare(typed, {"na_dialog.reason": detail.removeprefix("Not applicable: ")})


# --- a Community Circle: someone from the person's life joins (recorded already, or new), and leaves ------
def _their_circle(qtbot, state, circle_id: int):
    from circles_desktop.ui.community.community_area import CommunityCirclesArea

    screen = on_screen(qtbot, CommunityCirclesArea(state)).open_circle(circle_id)
    screen.tabs.setCurrentWidget(screen.circle_tab)
    return screen.circle_tab


def _a_community_circle(state) -> int:
    with state.database.session() as s:
        circle_id, _focus = community.community_circle(
            s, community.connector(s, "Kofi", "Mensah", community.partner(s))
        )
    return circle_id


def _life_member_shown(state, tab, circle_id: int) -> dict[str, Any]:
    """The newcomer's row of Their circle, in the dialog's words; their name as recorded, and whether they
    are happy to help (no column: only those who are join), through the services."""
    from circles_desktop.models import Person
    from circles_desktop.models.kinds.community import LifeMember
    from circles_desktop.services.community import life_members

    with state.database.session() as s:
        (row,) = [r for r in life_members.their_circle(s, circle_id) if r.from_their_life]
        person = s.get(Person, row.person_id)
        given, family = person.given_name, person.family_name
        happy = s.get(LifeMember, row.member_id).happy_to_help
    (shown,) = [r for r in row_texts(tab.table) if r[0] == row.name]
    name, relationship, how, joined, _left = shown
    return {
        "life.person": row.person_id,
        "life.given": given,
        "life.family": family,
        "life.relationship": relationship,
        "life.happy_to_help": happy,
        "life.how_they_help": how,
        "life.joined_on": day(joined),
    }


def _life_member(someone_new: bool) -> Callable[..., None]:
    def walk(qtbot, state, _tmp_path, _monkeypatch) -> None:
        circle_id = _a_community_circle(state)
        with state.database.session() as s:
            recorded = records.person(s, "Bethan", "Rowlands")
        tab = _their_circle(qtbot, state, circle_id)
        tab.add_button.click()
        dialog = tab.dialog
        if not someone_new:  # chosen in the search, so no new name is typed
            pick(dialog.form, {"life.person": recorded})
        skip = set() if someone_new else {"life.given", "life.family"}
        typed = typed_in(qtbot, dialog.form, {"life.joined_on": TODAY - timedelta(days=15)}, skip)
        save_clicked(dialog)

        found = _life_member_shown(state, _their_circle(qtbot, state, circle_id), circle_id)
        assert (found["life.person"] == recorded) is not someone_new
        compare(typed, found)

    return walk


row_walk("someone from their life, recorded")(_life_member(someone_new=False))
row_walk("someone from their life, new")(_life_member(someone_new=True))


@row_walk("someone from their life leaves")
def _life_member_leaves(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.services.community import life_members

    circle_id = _a_community_circle(state)
    with state.database.session() as s:
        pid = records.person(s, "Bethan", "Rowlands")
        life_members.add_from_their_life(s, circle_id, pid, "friend", True, TODAY - timedelta(days=60), "Lifts")
    tab = _their_circle(qtbot, state, circle_id)
    row = next(r for r, texts in enumerate(row_texts(tab.table)) if texts[0] == "Bethan Rowlands")
    tab.table.selectRow(row)
    tab.leaves_button.click()
    typed = typed_in(qtbot, tab.dialog.form, {"leaves.left_on": TODAY - timedelta(days=5)})
    save_clicked(tab.dialog)

    (shown,) = [r for r in row_texts(_their_circle(qtbot, state, circle_id).table) if r[0] == "Bethan Rowlands"]
    compare(typed, {"leaves.left_on": day(shown[4])})


# --- a regional connector's community practice session ---------------------------------------------------
def _practice_panel(qtbot, state, regional: int):
    from circles_desktop.ui.community.network_area import ConnectorsArea

    area = on_screen(qtbot, ConnectorsArea(state))
    assert area.select_connector(regional)
    return area.page.practice


@row_walk("community practice session")
def _practice_session(qtbot, state, _tmp_path, _monkeypatch) -> None:
    with state.database.session() as s:
        host = community.partner(s)
        regional = community.connector(s, "Sara", "Haddad", host, regional=True)
        local = {
            community.connector(s, "Kofi", "Mensah", host, regional_id=regional): "Kofi Mensah",
            community.connector(s, "Nia", "Roberts", host, regional_id=regional): "Nia Roberts",
        }
    panel = _practice_panel(qtbot, state, regional)
    panel.record_button.click()
    typed = typed_in(qtbot, panel.dialog.form, {"practice.held_on": TODAY - timedelta(days=3)})
    save_clicked(panel.dialog)

    panel = _practice_panel(qtbot, state, regional)
    ((held_on, venue, came),) = row_texts(panel.table)
    detail = dict(part.split(":</b> ", 1) for part in panel.detail.text().removeprefix("<b>").split("<br><b>"))
    attended = {ident for ident, name in local.items() if name in came.split(", ")}
    compare(
        typed,
        {
            "practice.held_on": day(held_on),
            "practice.venue": venue,
            "attended": attended,
            "practice.learning_shared": unescape(detail["Learning shared"]),
            "practice.problems_brought": unescape(detail["Problems brought"]),
            "practice.problems_solved": unescape(detail["How they were solved"]),
        }
        | {f"practice.came.{ident}": ident in attended for ident in local},
    )


# --- a community conversation: someone from the community who carries an action joins from a meeting -----
def _agreed_actions(qtbot, state, circle_id: int):
    from circles_desktop.ui.conversations.conversation_screen import ConversationScreen

    screen = on_screen(qtbot, ConversationScreen(state, circle_id))
    screen.tabs.setCurrentWidget(screen.actions_tab)
    return screen.actions_tab.agreed


@row_walk("who carries an action")
def _action_carrier(qtbot, state, _tmp_path, _monkeypatch) -> None:
    from circles_desktop.services.circles import members
    from circles_desktop.services.conversations import conversation_sessions, conversations

    held = TODAY - timedelta(days=10)
    with state.database.session() as s:
        form = conversations.ConversationForm(
            title="Loneliness in Northfield",
            organiser_id=records.person(s, "Ellen", "Marsh"),
            started_on=TODAY - timedelta(days=40),
            locality="Northfield",
            theme="Loneliness",
        )
        circle_id = conversations.create_conversation(s, form).id
        at = datetime.combine(held, datetime.min.time()).replace(hour=18)
        conversation_sessions.add_session(s, circle_id, conversation_sessions.SessionForm(at, None, "Elm Court"))
        pat = records.person(s, "Pat", "Hughes")
    agreed = _agreed_actions(qtbot, state, circle_id)
    agreed.carrier_button.click()
    picker = agreed.dialog.form.field("person_id")
    qtbot.keyClicks(picker.search, "Hughes")  # searched as the coordinator does; the one match is taken
    picker.refresh()
    typed = typed_in(qtbot, agreed.dialog.form)
    save_clicked(agreed.dialog)

    action = _agreed_actions(qtbot, state, circle_id).panel.open_dialog()  # they are offered as its owner
    offered = {
        action.owner.itemData(i) for i in range(action.owner.count()) if "Pat Hughes" in action.owner.itemText(i)
    }
    with state.database.session() as s:  # joined from the meeting, in the circle's inner ring
        joined = [(m.role, m.joined_on) for m in members.members(s, circle_id) if m.person_id == pat]
    assert joined == [("participant", held)], joined
    compare(typed, {"chosen_actions.person": offered.pop() if len(offered) == 1 else offered})


# --- a referral's risk assessment report: a real file chosen, its type, date and description -------------
@row_walk("risk report attached")
def _risk_report(qtbot, state, tmp_path, monkeypatch) -> None:
    from circles_desktop.services.referrals import referrals

    with state.database.session() as s:
        referral_id = records.accepted_cosa_referral(s)
    report = chosen_file(monkeypatch, tmp_path, "pre-release assessment.pdf", SMALL_PDF)
    panel = _referral_page(qtbot, state, referral_id).reports
    panel.attach_button.click()
    dialog = panel.attach_dialog
    typed = typed_in(qtbot, dialog.form, {"risk_report.date": TODAY - timedelta(days=21)})
    with qtbot.waitSignal(dialog.attached, timeout=10_000):  # stored off the UI thread
        dialog.form.save_button.click()
    typed["risk_report.file"] = (report.name, report.read_bytes())

    panel = _referral_page(qtbot, state, referral_id).reports
    model = panel.model
    assert model.rowCount() == 1
    kind, on, description, name, _size = (model.data(model.index(0, c)) for c in range(model.columnCount()))
    with state.database.session() as s:  # the file itself, as it opens
        stored_name, _media, content = referrals.risk_report_file(s, model.rows[0].id)
    assert stored_name == name
    compare(
        typed,
        {
            "risk_report.file": (name, content),
            "risk_report.type": kind,
            "risk_report.date": day(on),
            "risk_report.description": description,
        },
    )


@pytest.mark.parametrize("kind", list(ROW_WALKS))
def test_everything_typed_is_there_in_its_row_in_a_new_screen(qtbot, state, kind, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    ROW_WALKS[kind](qtbot, state, tmp_path, monkeypatch)


def test_a_new_name_typed_beside_someone_chosen_is_not_dropped(qtbot, state, monkeypatch):
    """Someone recorded chosen and a new name typed as well: the name was dropped on save (the one chosen
    joined). Now the save is refused beside the search, with everything typed still there."""
    from circles_desktop.services.community import life_members

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))
    circle_id = _a_community_circle(state)
    with state.database.session() as s:
        recorded = records.person(s, "Bethan", "Rowlands")
    tab = _their_circle(qtbot, state, circle_id)
    tab.add_button.click()
    dialog = tab.dialog
    pick(dialog.form, {"life.person": recorded})
    typed = typed_in(qtbot, dialog.form, {"life.joined_on": TODAY - timedelta(days=15)})
    assert typed["life.given"] and typed["life.family"]
    dialog.form.save_button.click()

    assert dialog.result() != dialog.DialogCode.Accepted
    assert any("not both" in words for words in said(dialog.form)), said(dialog.form)
    assert {n: v for n, v in snapshot(dialog.form, set()) if n in typed} == typed
    with state.database.session() as s:
        assert [r for r in life_members.their_circle(s, circle_id) if r.from_their_life] == []


def test_a_risk_report_description_too_long_is_said_beside_it_not_cut(qtbot, state, tmp_path, monkeypatch):
    """The description box cut what was typed or pasted at 200 characters without a word. Now all of it
    stays in the box and the limit is said beside it; nothing is attached until it fits."""
    from circles_desktop.services.referrals import referrals

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))
    with state.database.session() as s:
        referral_id = records.accepted_cosa_referral(s)
    chosen_file(monkeypatch, tmp_path, "oasys assessment.pdf", SMALL_PDF)
    panel = _referral_page(qtbot, state, referral_id).reports
    panel.attach_button.click()
    dialog = panel.attach_dialog
    type_into(qtbot, dialog.report_date, uk_date(TODAY - timedelta(days=3)))
    words = "Pre-release assessment by the offender manager, " * 5  # 250 characters
    dialog.description.setFocus()
    qtbot.keyClicks(dialog.description, words)
    assert dialog.description.text() == words
    dialog.form.save_button.click()

    qtbot.waitUntil(lambda: bool(said(dialog.form)), timeout=10_000)  # the check runs off the UI thread
    assert said(dialog.form) == ["The description is too long: at most 200 characters."]
    assert dialog.description.text() == words and dialog.isVisible()
    with state.database.session() as s:
        assert referrals.risk_reports(s, referral_id) == []
