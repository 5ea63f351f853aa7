"""Facilitator matching against 2,000 facilitators (issue 10), on an encrypted database.

    python benchmarks/matching.py [--facilitators N] [--repeats N] [--data-dir DIR] [--rebuild]

Measures, over N runs after a warm-up, the best and the median of both the wall-clock time and the
process's CPU time:
  - ranking every facilitator for a Community Circle from the records, as the Facilitator tab does it
    (services.community.facilitators.ranked: the circle's needs and the pool read in one column query,
    in a fresh short session, then ranked): budget 50 ms;
  - the ranking alone (matching.rank over the pool already read), for where the time goes.
The budget is checked on the best run's CPU time: the work never waits on the disk once warm, so on a
quiet machine wall and CPU time agree, and on a shared machine (the development one runs seven engines
on two cores) the wall clock mostly measures the queue for a core. Exits 1 when the budget is missed.

The database (2,000 facilitators with towns, postcode districts, travel, free times, interests,
capacity, DBS checks and training, some ruled out; one connector and one circle) is built once with
bulk inserts under --data-dir and kept for later runs; --rebuild starts again. Key derivation is fast
here: unlocking is not what is measured.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSPHRASE = "benchmark matching passphrase"
BUDGET_MS = 50.0
FAST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}
TOWNS = {"Avonford": "AV", "Brackenmoor": "BK", "Kingsbridge": "KB", "Harrowdene": "HW", "Lydford": "LY"}
INTERESTS = ["walking", "gardening", "local history", "music", "cooking", "reading", "art", "choir", "chess", "films"]


def build(db, facilitators: int) -> int:
    """Facilitators in bulk, then a connector and one circle through the services; returns the circle's id."""
    from circles_desktop.models import (
        AvailabilitySlot,
        DbsCheck,
        Person,
        PersonPartRow,
        TrainingRecord,
        VolunteerInterest,
        VolunteerProfile,
    )
    from circles_desktop.models.base import utcnow
    from circles_desktop.models.vocab import DayPart, Weekday
    from circles_desktop.services.common.text import search_key
    from circles_desktop.services.demo.writer import Writer
    from circles_desktop.services.people.volunteers import FACILITATOR_COURSE

    rnd = random.Random(10)
    today = date.today()
    times = [(d, p) for d in Weekday.values() for p in DayPart.values()]
    with db.session() as s:
        w = Writer(s)
        now = utcnow()
        for i in range(facilitators):
            given, family = f"Facilitator{i:04d}", rnd.choice(["Price", "Ng", "Hale", "Okafor", "Rees", "Nguyễn"])
            pid = w.add_new(
                Person, given_name=given, family_name=family, known_as="", given_key=search_key(given),
                family_key=search_key(family), date_of_birth=None, reference="", reference_key="", phone="",
                email="", address="", notes="", created_at=now, updated_at=now,
            )  # fmt: skip
            w.add(PersonPartRow, person_id=pid, part="volunteer")
            w.add(PersonPartRow, person_id=pid, part="facilitator")
            town = rnd.choice(list(TOWNS))
            w.add(
                VolunteerProfile, person_id=pid, location=town, postcode_district=f"{TOWNS[town]}{rnd.randint(1, 4)}",
                travel=rnd.choice(["own_district", "area", "anywhere"]), max_circles=rnd.choice([0, 1, 2, 3]),
                recruited_by_id=None, started_on=today - timedelta(days=900), active=rnd.random() < 0.95,
                availability_notes="", notes="",
            )  # fmt: skip
            for day, part in rnd.sample(times, rnd.randint(1, 5)):
                w.add(AvailabilitySlot, person_id=pid, day=day, part_of_day=part)
            for interest in rnd.sample(INTERESTS, rnd.randint(1, 4)):
                w.add(VolunteerInterest, person_id=pid, interest=interest)
            if rnd.random() < 0.95:
                w.add_new(DbsCheck, person_id=pid, level="enhanced", checked_on=today - timedelta(days=800),
                          certificate_number="001234567890", notes="")  # fmt: skip
            for course in [FACILITATOR_COURSE] * (rnd.random() < 0.9) + ["Safeguarding adults"]:
                w.add_new(TrainingRecord, person_id=pid, course=course, completed_on=today - timedelta(days=700),
                          method="zoom", notes="")  # fmt: skip
        w.flush()
        return _circle(s, today)


def _circle(s, today: date) -> int:
    from circles_desktop.models.kinds.community import ContactWay, PurposeKind
    from circles_desktop.services.community import connectors, self_referral
    from circles_desktop.services.community.community_circles import CommunityForm
    from circles_desktop.services.organisations import organisations
    from circles_desktop.services.people import people

    host = organisations.create_organisation(
        s, organisations.OrganisationForm(name="Avonford Network", kind="voluntary")
    )
    kofi = people.create_person(s, people.PersonForm(given_name="Kofi", family_name="Mensah"), allow_duplicate=True)
    connectors.save_connector(s, connectors.ConnectorForm(kofi.id, host.id))
    mair = people.create_person(s, people.PersonForm(given_name="Mair", family_name="Evans"), allow_duplicate=True)
    details = CommunityForm(
        purpose_kind=PurposeKind.MEETING_PEOPLE, purpose="To meet people nearby", contact_by=ContactWay.PHONE,
        connector_id=kofi.id, area="Avonford", postcode_district="AV2",
        times={("tue", "evening"), ("sat", "morning"), ("thu", "afternoon")}, interests=["gardening", "choir"],
    )  # fmt: skip
    form = self_referral.SelfReferralForm(person_id=mair.id, received_on=today, details=details)
    return self_referral.take_self_referral(s, form).id


def open_database(data_dir: Path, facilitators: int, rebuild: bool):
    from circles_desktop.services.security import access
    from circles_desktop.store import keyfile
    from circles_desktop.store.paths import DataPaths

    keyfile.DEFAULT_SCRYPT = FAST_SCRYPT
    if rebuild and data_dir.exists():
        shutil.rmtree(data_dir)
    marker = data_dir / "circle-id"
    if not DataPaths.at(str(data_dir)).database.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        print(f"Building {facilitators:,} facilitators in {data_dir} (once; kept for later runs)...")
        db, _recovery = access.create(data_dir, PASSPHRASE)
        marker.write_text(str(build(db, facilitators)))
        db.close()
    return access.Unlocker(data_dir).unlock(PASSPHRASE), int(marker.read_text())


class Timing:
    """Best and median of wall and CPU milliseconds."""

    def __init__(self, wall: list[float], cpu: list[float]) -> None:
        self.wall_best, self.wall_median = min(wall), statistics.median(wall)
        self.cpu_best, self.cpu_median = min(cpu), statistics.median(cpu)

    def words(self) -> str:
        return (
            f"CPU best {self.cpu_best:5.1f} ms, median {self.cpu_median:5.1f} ms; "
            f"wall best {self.wall_best:5.1f} ms, median {self.wall_median:5.1f} ms"
        )


def timed(work, repeats: int) -> tuple[Timing, object]:
    result = work()  # warm-up: SQL compiled, caches filled, as after the first look at the tab
    wall, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return Timing(wall, cpu), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facilitators", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/circles-benchmark-matching"))
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    from circles_desktop.services.community import facilitators, matching

    db, circle_id = open_database(args.data_dir, args.facilitators, args.rebuild)
    try:

        def from_records():
            with db.session() as s:
                return facilitators.ranked(s, circle_id)

        whole, ranked = timed(from_records, args.repeats)
        with db.session() as s:
            need = facilitators.need_of(s, circle_id, date.today())
            pool = facilitators.pool(s, date.today())
        alone, _ = timed(lambda: matching.rank(need, pool), args.repeats)
    finally:
        db.close()
    able = sum(1 for m in ranked if m.can_match)
    print(f"{len(ranked):,} facilitators ({able:,} can be matched); {args.repeats} runs; load {os.getloadavg()[0]:.1f}")
    print(f"  ranked from the records (fresh session): {whole.words()}   budget {BUDGET_MS:.0f} ms")
    print(f"  ranking alone (matching.rank):           {alone.words()}")
    print(f"  best: {ranked[0].candidate.name} — {ranked[0].reason_words}")
    if whole.cpu_best > BUDGET_MS:
        print(f"OVER BUDGET: {whole.cpu_best:.1f} ms > {BUDGET_MS:.0f} ms")
        return 1
    print("within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
