"""Time of the records' life on a real database (issue 14).

    CIRCLES_PASSPHRASE=... python benchmarks/records.py --data-dir DIR

On the busiest CoSA circle of a demo database (build one with `circles-desktop demo --size N`):
  - finding everything that belongs to it by walking the foreign keys, and deleting it (rolled back,
    so the database is unchanged): budget 2 s at 100,000 people;
  - what refers to its core member (the refusal's list): budget 1 s;
  - a subject-access export of the core member, gathered and laid out as PDF and JSON: budget 5 s.
Exits 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from circles_desktop.reports.subject_access import build_subject_access  # noqa: E402
from circles_desktop.services.records import deletion, subject_access  # noqa: E402
from circles_desktop.services.security import access  # noqa: E402

BUDGETS = {"delete a circle": 2.0, "what refers to a person": 1.0, "subject access": 5.0}
BUSIEST = text(
    "SELECT c.id, c.focus_person_id FROM circles c JOIN meetings m ON m.circle_id = c.id "
    "WHERE c.kind = 'cosa' GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
)


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args()
    db = access.Unlocker(args.data_dir).unlock(os.environ["CIRCLES_PASSPHRASE"], check_pages=False)
    results: dict[str, float] = {}
    with db.session() as s:
        people = s.execute(text("SELECT count(*) FROM people")).scalar_one()
        circle_id, person_id = s.execute(BUSIEST).one()
        results["what refers to a person"], uses = timed(lambda: deletion.person_uses(s, person_id))
        results["subject access"], pdf = timed(
            lambda: (c := subject_access.gather(s, person_id), build_subject_access(c), json.dumps(c.as_json_data()))
        )

        def delete() -> int:
            plan = deletion.circle_plan(s, circle_id)
            return deletion.delete_circle(s, circle_id, deletion.DeletionReason.NO_LONGER_NEEDED, plan.confirm_word)

        results["delete a circle"], gone = timed(delete)
        s.rollback()  # measured, not kept
    db.close()
    print(f"{people:,} people; circle {circle_id}: {gone} rows; {len(uses)} kinds of reference")  # type: ignore[arg-type]
    failed = False
    for name, seconds in results.items():
        over = seconds > BUDGETS[name]
        failed |= over
        print(f"  {name}: {seconds * 1000:.0f} ms (budget {BUDGETS[name] * 1000:.0f} ms){'  OVER' if over else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
