"""Text typed in a form and not yet saved, kept so that it survives a crash.

It lives in the encrypted database like everything else (never a plain file beside it), one row per
form and record, and goes when the form is saved or its changes discarded.
"""

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from circles_desktop.models.base import Base, utcnow


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("form_key", "record_id", name="uq_drafts_form_record"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_key: Mapped[str] = mapped_column(String(200))  # which form: its kind and title
    form_title: Mapped[str] = mapped_column(String(200), default="")  # the words the offer shows
    record_id: Mapped[int] = mapped_column(default=0)  # the record being edited; 0 for a new one
    values_json: Mapped[str] = mapped_column(Text)  # {field key: value typed}
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
