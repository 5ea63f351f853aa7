"""The encrypted store: key file, SQLCipher engine, sessions, migrations and backups."""
