"""operations.read: one short session per read while unlocked; the default (an empty list) while locked."""

from circles_desktop.services.security import audit
from circles_desktop.ui.common.operations import read


def test_read_uses_a_short_session_and_gives_the_default_when_locked(state):
    entries = read(state, lambda s: len(audit.recent(s)), -1)
    assert entries >= 1
    state.lock("test")
    assert read(state, lambda s: len(audit.recent(s)), -1) == -1
