"""Consent to share information: per circle, per recipient and per category, from a given date until
it is withdrawn. The core member gives it (and, for a young person, a parent or carer as well)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
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

    def counts_on(self, on: date) -> bool:
        """Consent counts from its given date until (not including) its withdrawn date."""
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)
