"""Domain errors of text understanding (times, hours, money amounts).

Each carries a ``text_key``; the params named in the comments are what the message may use.
"""

from __future__ import annotations

from bot.errors import InvalidInput

# --- times and dates -------------------------------------------------------------------------------


class TimeNotUnderstood(InvalidInput):
    """params: text (the input, trimmed)."""

    text_key = "time.not_understood"


class TimeAmbiguous(InvalidInput):
    """params: options (list of "HH:MM" strings the text could mean)."""

    text_key = "time.ambiguous"


class TimeInPast(InvalidInput):
    """params: when (ISO 8601 of the understood moment or date)."""

    text_key = "time.in_past"


class DateDoesNotExist(InvalidInput):
    """params: day, month, year (ints; year may be None when the user gave none)."""

    text_key = "time.date_does_not_exist"


class TimeDoesNotExist(TimeNotUnderstood):
    """The wall time falls in the spring-forward gap. params: local ("2026-03-29T02:30")."""

    text_key = "time.dst_gap"


class WeekdayMismatch(TimeNotUnderstood):
    """A weekday and a date that disagree ("za 6 dec"). params: weekday (0=Monday), date (ISO)."""

    text_key = "time.weekday_mismatch"


# --- volunteer hours -------------------------------------------------------------------------------


class HoursNotUnderstood(InvalidInput):
    """params: text."""

    text_key = "hours.not_understood"


class HoursAmbiguous(InvalidInput):
    """The text may mean more than one amount ("2-3 uur"). params: options (list of minutes); the core
    adds draft_id once it kept the day and label in a draft that waits for the choice."""

    text_key = "hours.ambiguous"


class HoursVague(HoursAmbiguous):
    """A vague amount ("een tijdje", "een uurtje of wat"). params: options (preset minutes), draft_id."""

    text_key = "hours.vague"


class HoursNotPositive(InvalidInput):
    """params: none."""

    text_key = "hours.not_positive"


class HoursTooMany(InvalidInput):
    """params: max_hours (int)."""

    text_key = "hours.too_many"


class DayUnclear(InvalidInput):
    """Words about the day that pin none down ("vorige week"). params: minutes and label once the
    parser knows them; the core then asks the day with buttons."""

    text_key = "hours.day_unclear"


class DateInFuture(InvalidInput):
    """params: day (ISO date)."""

    text_key = "hours.date_in_future"


class DateTooOld(InvalidInput):
    """params: day (ISO date), max_days_back (int)."""

    text_key = "hours.date_too_old"


# --- money -----------------------------------------------------------------------------------------


class AmountNotUnderstood(InvalidInput):
    """params: text."""

    text_key = "amount.not_understood"


class AmountNotPositive(InvalidInput):
    """params: none."""

    text_key = "amount.not_positive"


class AmountTooLarge(InvalidInput):
    """params: max_cents (int)."""

    text_key = "amount.too_large"
