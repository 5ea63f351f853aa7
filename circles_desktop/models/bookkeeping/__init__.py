"""The database's own records: the audit log, its metadata, settings, stored files and drafts."""
