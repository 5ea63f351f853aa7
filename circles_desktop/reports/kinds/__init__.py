"""The documents of the kinds of circle beyond CoSA, each beside the plain data it prints: the circle
plan and match summary, the conversation summary, the practice session note and season summary, and the
learning circle record."""
