"""Consent to share information: per circle, per recipient and per category, from a given date until
it is withdrawn. The core member gives it (and, for a young person, a parent or carer as well).

The two rules every service asks of consent live here, once, as hybrid methods that work on a loaded
record and inside a query alike: `counts_on` (when it counts) and `reaches` (whom it covers).
`reports.consent_filter.ConsentGrant` mirrors `counts_on` for the documents' plain data.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ColumnElement, Date, ForeignKey, Index, String, Text, and_, or_, text
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.circles import CircleMember
from circles_desktop.models.people import Organisation, Person
from circles_desktop.models.vocab import Category, check_in


class Consent(Base):
    __tablename__ = "consents"
    __table_args__ = (
        check_in("category", Category),
        # "internal" is never shareable, so no consent can name it.
        CheckConstraint("category <> 'internal'", name="not_internal"),
        # Exactly one recipient: an outer-circle member or an organisation.
        CheckConstraint("(recipient_member_id IS NULL) <> (recipient_organisation_id IS NULL)", name="one_recipient"),
        CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= given_on", name="dates_in_order"),
        Index("ix_consents_circle", "circle_id", "category"),
        # The few withdrawn consents, for the documents still held under them (Home).
        Index("ix_consents_withdrawn", "withdrawn_on", sqlite_where=text("withdrawn_on IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    recipient_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_members.id", ondelete="CASCADE"), index=True
    )
    recipient_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    category: Mapped[str] = mapped_column(String(32))
    given_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    # For a young person's circle: the parent or carer who also consented.
    parent_carer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    given_on: Mapped[date] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    signed_form_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    recipient_member: Mapped[CircleMember | None] = relationship(lazy="joined")
    recipient_organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    given_by: Mapped[Person] = relationship(foreign_keys=[given_by_id], lazy="joined", innerjoin=True)
    parent_carer: Mapped[Person | None] = relationship(foreign_keys=[parent_carer_id], lazy="joined")

    # --- when consent counts --------------------------------------------------------------------
    @hybrid_method
    def counts_on(self, on: date) -> bool:
        """Consent counts on a date when it was given on or before that day and not withdrawn on or
        before it: consent withdrawn on the day of a meeting does not cover that meeting."""
        return self.given_on <= on and self.not_withdrawn_by(on)

    @counts_on.expression
    @classmethod
    def _counts_on_sql(cls, on: date) -> ColumnElement[bool]:
        return and_(cls.given_on <= on, cls.not_withdrawn_by(on))

    @hybrid_method
    def not_withdrawn_by(self, on: date) -> bool:
        """Not withdrawn on or before the date (it may have been given later)."""
        return self.withdrawn_on is None or on < self.withdrawn_on

    @not_withdrawn_by.expression
    @classmethod
    def _not_withdrawn_by_sql(cls, on: date) -> ColumnElement[bool]:
        return or_(cls.withdrawn_on.is_(None), cls.withdrawn_on > on)

    # --- whom consent reaches --------------------------------------------------------------------
    @hybrid_method
    def reaches(self, recipient: CircleMember | Organisation) -> bool:
        """Consent given to an organisation reaches the organisation as a whole and every member who
        represents it in the circle; consent given to a member reaches that member. Whether the member
        may receive on a date (outer circle, still in it) is `CircleMember.in_outer_circle_on`."""
        if isinstance(recipient, Organisation):
            return self.recipient_organisation_id == recipient.id
        return self.circle_id == recipient.circle_id and (
            self.recipient_member_id == recipient.id
            or (recipient.organisation_id is not None and self.recipient_organisation_id == recipient.organisation_id)
        )

    @reaches.expression
    @classmethod
    def _reaches_sql(cls, recipient: CircleMember | Organisation) -> ColumnElement[bool]:
        if isinstance(recipient, Organisation):
            return cls.recipient_organisation_id == recipient.id
        who = [cls.recipient_member_id == recipient.id]
        # Without this guard a member with no organisation would compare `== None`, which SQLAlchemy
        # writes as IS NULL: every consent given to a member would then reach them.
        if recipient.organisation_id is not None:
            who.append(cls.recipient_organisation_id == recipient.organisation_id)
        return and_(cls.circle_id == recipient.circle_id, or_(*who))
