"""The records' life: deleting a circle or a person, retention review, subject access."""
