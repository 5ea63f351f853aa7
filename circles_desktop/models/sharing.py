"""The register of what was shared with whom: every exported or printed document, its recipient, the
categories it carried, its SHA-256, and the consents it was shared under. When a consent is later
withdrawn, the register shows which documents that recipient already holds under it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from circles_desktop.models.base import Base, utcnow


class SharedDocument(Base):
    __tablename__ = "shared_documents"
    __table_args__ = (
        CheckConstraint("how IN ('export', 'print')", name="how"),
        CheckConstraint(
            "asked_back_on IS NULL OR returned_on IS NULL OR returned_on >= asked_back_on", name="returned_after_asked"
        ),
        Index("ix_shared_documents_circle", "circle_id", "shared_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shared_at: Mapped[datetime] = mapped_column(default=utcnow)
    # minutes, meeting_pack, referral_summary, questionnaire, learning_circle_record
    document_kind: Mapped[str] = mapped_column(String(32))
    how: Mapped[str] = mapped_column(String(8))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="SET NULL"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    recipient_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("circle_members.id", ondelete="SET NULL"), index=True
    )
    recipient_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    # Kept as written at the time, so the register still reads right if the records change later.
    recipient_name: Mapped[str] = mapped_column(String(300), default="")
    categories: Mapped[str] = mapped_column(String(200), default="")  # comma-separated category codes
    file_name: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    password_protected: Mapped[bool] = mapped_column(default=False)
    asked_back_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)

    consents: Mapped[list[SharedUnderConsent]] = relationship(
        back_populates="document", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def category_codes(self) -> list[str]:
        return [c for c in self.categories.split(",") if c]


class SharedUnderConsent(Base):
    """One consent a shared document relied on (a document may rely on several categories' consents)."""

    __tablename__ = "shared_under_consent"

    document_id: Mapped[int] = mapped_column(ForeignKey("shared_documents.id", ondelete="CASCADE"), primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consents.id", ondelete="CASCADE"), primary_key=True, index=True)

    document: Mapped[SharedDocument] = relationship(back_populates="consents")
