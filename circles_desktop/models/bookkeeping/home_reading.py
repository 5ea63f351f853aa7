"""The last reading of what needs doing, kept so that Home can paint it at once at the next unlock.

One row. It is a copy of what the services read, valid while the audit log's last entry and the day it
was read for still hold; it lives in the encrypted database like everything else.
"""

from datetime import date, datetime

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from circles_desktop.models.base import Base, utcnow


class HomeReading(Base):
    __tablename__ = "home_readings"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1: only the last reading is kept
    changes_seen: Mapped[int | None] = mapped_column()  # the audit log's last entry when it was read
    day: Mapped[date] = mapped_column()  # the day it was read for ("overdue" turns with the day)
    sections_json: Mapped[str] = mapped_column(Text)  # every provider's count and first few lines
    read_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
