"""Today's date for every rule and page that depends on it, in one place.

`SOURCE_DATE_EPOCH` (the reproducible-builds convention: seconds since 1970, UTC) sets
it, so a rebuild of the same commit gives the same site and tests pass on any date.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> dt.date:
    """The date builds and validation count from: SOURCE_DATE_EPOCH's, else the system's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def review_due(today: dt.date, max_age_days: int) -> dt.date:
    """A guide last reviewed before this date is overdue for review."""
    return today - dt.timedelta(days=max_age_days)
