"""Referrals for a circle, the steps they go through, and the risk assessment reports that come with them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow
from circles_desktop.models.bookkeeping.files import StoredFile
from circles_desktop.models.people import Organisation, Person, ProfessionalRole
from circles_desktop.models.vocab import CircleKind, ReferralStatus, RiskReportType, check_in


class Referral(Base):
    __tablename__ = "referrals"
    __table_args__ = (
        check_in("circle_kind", CircleKind),
        check_in("status", ReferralStatus),
        CheckConstraint("mappa_category IS NULL OR mappa_category BETWEEN 1 AND 3", name="mappa_category"),
        CheckConstraint("mappa_level IS NULL OR mappa_level BETWEEN 1 AND 3", name="mappa_level"),
        Index("ix_referrals_status_received", "status", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), default="", index=True)
    circle_kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    # The professional who referred (CoSA); none for a Community Circle self-referral.
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("professional_roles.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    self_referral: Mapped[bool] = mapped_column(Boolean, default=False)
    # An agency that pointed the person to a Community Circle without referring them.
    signposted_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    received_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default=ReferralStatus.RECEIVED)
    status_on: Mapped[date] = mapped_column(Date)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")  # "a person, a purpose"
    eligibility_notes: Mapped[str] = mapped_column(Text, default="")
    suitability_notes: Mapped[str] = mapped_column(Text, default="")
    mappa_category: Mapped[int | None] = mapped_column(Integer)
    mappa_level: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    person: Mapped[Person] = relationship(foreign_keys=[person_id], lazy="joined", innerjoin=True)
    referrer: Mapped[ProfessionalRole | None] = relationship(foreign_keys=[referrer_id], lazy="joined")
    agency: Mapped[Organisation | None] = relationship(foreign_keys=[agency_id], lazy="joined")
    signposted_by: Mapped[Organisation | None] = relationship(foreign_keys=[signposted_by_id], lazy="joined")
    steps: Mapped[list[ReferralStep]] = relationship(
        cascade="all, delete-orphan", order_by="ReferralStep.id", lazy="selectin"
    )


class ReferralStep(Base):
    """Each status a referral reached, when, and why (the history the form walks through)."""

    __tablename__ = "referral_steps"
    __table_args__ = (check_in("status", ReferralStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class RiskReport(Base):
    __tablename__ = "risk_reports"
    __table_args__ = (check_in("report_type", RiskReportType),)

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"), index=True)
    report_type: Mapped[str] = mapped_column(String(10))
    report_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(200), default="")
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), index=True)

    file: Mapped[StoredFile] = relationship(lazy="joined", innerjoin=True)
