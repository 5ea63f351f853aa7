"""Search across everything: one query over the full-text index the 0009 migration keeps in step."""
