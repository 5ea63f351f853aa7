"""Every kind of item Home shows, in the order it shows them: one `register` line each.
Community Circles, community conversations and communities of practice bring their own (kinds_due.py).
"""

from __future__ import annotations

from circles_desktop.services.common.words import plural
from circles_desktop.services.home import (
    actions_due,
    circle_due,
    consent_due,
    kinds_due,
    learning_due,
    volunteers_due,
)
from circles_desktop.services.home.items import Provider, register


def _days(n: int) -> str:
    return plural(n, "day")


register(
    Provider(
        "quarterly_reviews", "Quarterly reviews", circle_due.quarterly_reviews,
        lambda t: f"CoSA circles whose quarterly review is overdue or due within {_days(t.reviews_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "end_of_circle_reviews", "End-of-circle reviews", circle_due.end_of_circle_reviews,
        lambda t: f"Active CoSA circles that have run {_days(t.circle_length)} with no end-of-circle review yet.",
    )
)  # fmt: skip
register(
    Provider(
        "overdue_actions", "Overdue actions, by owner", actions_due.overdue_actions,
        lambda _t: "Actions past their due date and not done, in circles still open.",
    )
)  # fmt: skip
register(
    Provider(
        "unshared_developments", "Developments not shared with the outer circle", circle_due.unshared_developments,
        lambda _t: "Significant developments in open CoSA circles that no one in the outer circle has been told of.",
    )
)  # fmt: skip
register(
    Provider(
        "no_contact", "Circles gone quiet", circle_due.no_contact,
        lambda t: f"Active circles with no meeting or significant development for {_days(t.no_contact)}.",
    )
)  # fmt: skip
register(
    Provider(
        "releases", "Prison release dates", circle_due.releases,
        lambda t: f"Prison / through-the-gate circles whose core member is due out within {_days(t.release_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "dbs_renewals", "DBS checks to renew", volunteers_due.dbs_renewals,
        lambda t: f"Active volunteers whose last DBS check is {_days(t.dbs_renewal)} old within the next "
        f"{_days(t.renewal_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "training_renewals", "Training to refresh", volunteers_due.training_renewals,
        lambda t: f"Active volunteers' training courses last done {_days(t.training_renewal)} ago or more, "
        f"within the next {_days(t.renewal_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "learning_steps", "Learning circle steps left", learning_due.learning_steps_left,
        lambda t: f"Steps still to do before a learning circle (shown {_days(t.learning_within)} ahead) or within "
        f"{_days(t.learning_after)} after it.",
    )
)  # fmt: skip
register(
    Provider(
        "held_documents", "Documents held under withdrawn consent", consent_due.held_documents,
        lambda _t: "Documents a recipient still holds although a consent they were shared under has been withdrawn.",
    )
)  # fmt: skip
register(
    Provider(
        "community_reviews", "Community Circle 12-month reviews", kinds_due.community_reviews,
        lambda t: f"Community Circles whose facilitator's 12-month commitment is up within {_days(t.reviews_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "supported_meetings", "Supported first meetings", kinds_due.supported_meetings,
        lambda t: f"The next of each Community Circle's first three meetings, due within {_days(t.reviews_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "network_sessions", "Connectors' practice sessions", kinds_due.network_sessions,
        lambda t: f"Each regional connector's six-weekly session, due within {_days(t.reviews_within)}.",
    )
)  # fmt: skip
register(
    Provider(
        "sparks", "Sparks to follow up", kinds_due.sparks,
        lambda _t: "Ideas from a community conversation still being taken forward, with no follow-up yet.",
    )
)  # fmt: skip
register(
    Provider(
        "practice_sessions", "Community of practice sessions", kinds_due.practice_sessions,
        lambda t: f"Communities of practice whose next monthly session is due within {_days(t.reviews_within)}.",
    )
)  # fmt: skip
