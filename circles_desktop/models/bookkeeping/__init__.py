"""The database's own records: the audit log, its metadata, settings, stored files, drafts and Home's last reading."""
