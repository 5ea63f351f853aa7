"""The records' life: deleting, retention review, subject access, and the drafts every form keeps."""
