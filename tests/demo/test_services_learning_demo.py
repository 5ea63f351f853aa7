"""Demo learning circles: every stage across several months, children with chronologies, themes and
actions, and every rule of the checklist holding."""

from datetime import date

from sqlalchemy import text

from circles_desktop.services.demo.learning_demo import fill_learning
from circles_desktop.services.learning import children, learning_checklist, learning_list, themes
from circles_desktop.services.learning import learning_circles as lcs

TODAY = date(2026, 11, 21)


def test_fill_learning_covers_every_stage_and_keeps_the_rules(db):
    with db.session() as s:
        made = fill_learning(s, size=200, seed=3, today=TODAY)
        assert made == learning_list.count_learning_circles(s) >= 8
        assert all(n > 0 for n in learning_list.counts_by_stage(s).values())
        assert len(learning_list.learning_months(s)) >= 4
        assert themes.theme_counts(s, date(2026, 1, 1), TODAY)
        assert children.count_children(s) == made
        for row in learning_list.list_learning_circles(s, limit=100):
            record = children.get_child(s, row.child_id)
            assert record.chronology and record.summary_updated_on
            ck = learning_checklist.checklist(s, row.id)
            d = lcs.get_learning_circle(s, row.id)
            if row.stage == "complete":
                assert not ck.left and d.case_note_on >= d.held_on
            else:
                assert ck.stage == row.stage
            for stage in ck.stages:
                for step in stage.steps:
                    assert step.on is None or d.proposed_on <= step.on <= TODAY
        # Dates never run backwards; names as written, non-ASCII among them.
        assert s.scalar(text("SELECT count(*) FROM learning_steps WHERE state = 'not_applicable'")) > 0
        names = " ".join(r.child_name for r in learning_list.list_learning_circles(s, limit=100))
        assert any(ord(ch) > 127 for ch in names)
