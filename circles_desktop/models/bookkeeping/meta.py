"""Facts about the database itself: which key file it belongs to, when it was made."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from circles_desktop.models.base import Base, utcnow


class DatabaseInfo(Base):
    __tablename__ = "database_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    database_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_version: Mapped[str] = mapped_column(String(32))
