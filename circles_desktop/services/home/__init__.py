"""Home: what needs doing across every circle, gathered by one provider per kind of item (items.py)."""
