"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from .audit import AuditEntry
from .base import Base
from .meta import DatabaseInfo

__all__ = ["AuditEntry", "Base", "DatabaseInfo"]
