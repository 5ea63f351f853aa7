"""The connectors' network: each connector employed and hosted by a partner organisation (which recruits
and trains the facilitators), and the regional connectors who each support up to 12 local connectors.

A region has tens of connectors, not thousands, so the network is read whole, like a circle's members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CommunityCircle, Connector, Organisation, Person
from circles_desktop.models.vocab import CircleStatus, PersonPart
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import plural
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

MAX_LOCAL = 12  # local connectors one regional connector supports (seed 000)


@dataclass
class ConnectorForm:
    person_id: int | None = None
    host_organisation_id: int | None = None  # the partner organisation that employs and hosts them
    regional: bool = False
    regional_connector_id: int | None = None  # the regional connector who supports them
    area: str = ""
    started_on: date | None = None


@dataclass(frozen=True)
class ConnectorRow:
    person_id: int
    name: str
    host: str
    host_id: int
    regional: bool
    regional_id: int | None
    regional_name: str
    area: str
    started_on: date | None
    locals: int  # for a regional connector: how many local connectors they support
    open_circles: int  # Community Circles they connect, not yet ended

    @property
    def kind_words(self) -> str:
        return "Regional connector" if self.regional else "Connector"


def _problems(session: Session, form: ConnectorForm, today: date) -> Problems:
    p = Problems()
    p.choose("person_id", form.person_id, "the person who is the connector")
    p.choose("host_organisation_id", form.host_organisation_id, "the partner organisation that employs and hosts them")
    if form.started_on and form.started_on > today:
        p.add("started_on", "The date they started cannot be in the future.")
    if form.host_organisation_id is not None and session.get(Organisation, form.host_organisation_id) is None:
        p.add("host_organisation_id", "That organisation is no longer recorded; choose it again.")
    if form.regional and form.regional_connector_id is not None:
        p.add("regional_connector_id", "A regional connector is not supported by another regional connector.")
    if form.regional_connector_id is not None and form.regional_connector_id == form.person_id:
        p.add("regional_connector_id", "A connector cannot be their own regional connector.")
    elif form.regional_connector_id is not None:
        _check_regional(session, p, form)
    if not form.regional and form.person_id is not None:
        supported = _locals(session, form.person_id)
        if supported:
            p.add(
                "regional",
                f"They support {plural(supported, 'local connector')}: move "
                f"{'it' if supported == 1 else 'them'} to another regional connector first.",
            )
    return p


def _check_regional(session: Session, p: Problems, form: ConnectorForm) -> None:
    """The regional connector chosen is one, and has room for another local connector."""
    regional = session.get(Connector, form.regional_connector_id)
    if regional is None or not regional.regional:
        p.add("regional_connector_id", "Choose a regional connector: that person is not one.")
        return
    current = session.get(Connector, form.person_id) if form.person_id is not None else None
    already_theirs = current is not None and current.regional_connector_id == regional.person_id
    if not already_theirs and _locals(session, regional.person_id) >= MAX_LOCAL:
        p.add(
            "regional_connector_id",
            f"{regional.person.display_name} already supports {MAX_LOCAL} local connectors, the most a regional "
            "connector supports. Choose another regional connector.",
        )


def _locals(session: Session, regional_id: int) -> int:
    stmt = select(func.count()).select_from(Connector).where(Connector.regional_connector_id == regional_id)
    return session.scalar(stmt) or 0


def save_connector(session: Session, form: ConnectorForm, today: date | None = None) -> Connector:
    """Record someone as a connector, or change their record; they then count as a connector."""
    _problems(session, form, today or date.today()).raise_if_any()
    person = get(session, Person, form.person_id, "person")
    connector = session.get(Connector, person.id)
    created = connector is None
    if connector is None:
        connector = Connector(person_id=person.id)
        session.add(connector)
    connector.host_organisation_id = form.host_organisation_id  # type: ignore[assignment]
    connector.regional = form.regional
    connector.regional_connector_id = form.regional_connector_id
    connector.area = clean(form.area)
    connector.started_on = form.started_on
    people.add_part(session, person.id, PersonPart.CONNECTOR)
    session.flush()
    audit.record(session, "connector " + ("created" if created else "updated"), f"person {person.id}")
    return connector


def connector_form(session: Session, person_id: int) -> ConnectorForm:
    c = get(session, Connector, person_id, "connector")
    return ConnectorForm(c.person_id, c.host_organisation_id, c.regional, c.regional_connector_id, c.area, c.started_on)


def get_connector(session: Session, person_id: int) -> Connector:
    return get(session, Connector, person_id, "connector")


def is_connector(session: Session, person_id: int | None) -> bool:
    return person_id is not None and session.get(Connector, person_id) is not None


def network(session: Session) -> list[ConnectorRow]:
    """Every connector: regional connectors first, each followed by the local connectors they support;
    then any local connector with no regional connector yet."""
    locals_of = dict(
        session.execute(
            select(Connector.regional_connector_id, func.count())
            .where(Connector.regional_connector_id.is_not(None))
            .group_by(Connector.regional_connector_id)
        ).all()
    )
    open_circles = dict(
        session.execute(
            select(CommunityCircle.connector_id, func.count())
            .join(Circle, Circle.id == CommunityCircle.circle_id)
            .where(Circle.status != CircleStatus.CLOSED)
            .group_by(CommunityCircle.connector_id)
        ).all()
    )
    everyone = list(session.execute(select(Connector)).scalars())
    names = {c.person_id: c.person.display_name for c in everyone}
    rows = [
        ConnectorRow(
            c.person_id,
            names[c.person_id],
            c.host.name,
            c.host_organisation_id,
            c.regional,
            c.regional_connector_id,
            names.get(c.regional_connector_id, "") if c.regional_connector_id else "",
            c.area,
            c.started_on,
            locals_of.get(c.person_id, 0),
            open_circles.get(c.person_id, 0),
        )
        for c in everyone
    ]

    def place(r: ConnectorRow) -> tuple:
        head = r.person_id if r.regional else r.regional_id
        head_name = names.get(head, "") if head is not None else "\uffff"  # the unsupported ones last
        return (head is None, head_name.casefold(), head or 0, not r.regional, r.name.casefold(), r.person_id)

    return sorted(rows, key=place)


def regional_connectors(session: Session) -> list[tuple[int, str]]:
    """(person id, name) of every regional connector, for a choice of who supports a connector."""
    rows = session.execute(select(Connector).where(Connector.regional.is_(True))).scalars()
    return sorted(((c.person_id, c.person.display_name) for c in rows), key=lambda r: r[1].casefold())


def connector_choices(session: Session) -> list[tuple[int, str]]:
    """(person id, "name — host organisation") of every connector, for choosing a circle's connector."""
    rows = session.execute(select(Connector)).scalars()
    return sorted(((c.person_id, f"{c.person.display_name} — {c.host.name}") for c in rows), key=lambda r: r[1])


def local_connectors(session: Session, regional_id: int) -> list[tuple[int, str]]:
    rows = session.execute(select(Connector).where(Connector.regional_connector_id == regional_id)).scalars()
    return sorted(((c.person_id, c.person.display_name) for c in rows), key=lambda r: r[1].casefold())


def refuse_unless_connector(session: Session, field: str, person_id: int | None) -> None:
    if person_id is not None and not is_connector(session, person_id):
        raise ValidationError({field: "Choose a connector: that person is not recorded as one."})
