"""Settings kept in the database (services/settings): the organisation on every document, and Home's
numbers of days. The Settings area itself is ui/security/settings_page.py."""
