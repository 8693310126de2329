"""Domain errors of activities, tasks and claims; each names the text that explains it."""

from __future__ import annotations

from bot.errors import InvalidInput, NotAllowed, NotFound


class ActivityNotFound(NotFound):
    text_key = "activity.not_found"


class ActivityCancelled(InvalidInput):
    """params: title."""

    text_key = "activity.cancelled_press"


class ActivityStarted(InvalidInput):
    """params: title."""

    text_key = "activity.already_started"


class NotOrganiser(NotAllowed):
    text_key = "activity.not_organiser"


class RoomOverrideNotAllowed(NotAllowed):
    """Booking a taken huiskamer anyway is the coordinator's call, also for the activity's organiser."""

    text_key = "activity.override_coordinator_only"


class TitleInvalid(InvalidInput):
    """params: max."""

    text_key = "activity.title_invalid"


class EndBeforeStart(InvalidInput):
    text_key = "activity.end_before_start"


class PlaceInvalid(InvalidInput):
    """params: max."""

    text_key = "activity.place_invalid"


class ActivityTooLong(InvalidInput):
    """params: hours."""

    text_key = "activity.too_long"


class PlacesOutOfRange(InvalidInput):
    """params: max."""

    text_key = "activity.places_out_of_range"


class TaskNotUnderstood(InvalidInput):
    text_key = "activity.task_not_understood"


class NoTasks(InvalidInput):
    text_key = "activity.no_tasks"


class DescriptionTooLong(InvalidInput):
    """params: max."""

    text_key = "activity.description_too_long"


class TaskHasPeople(InvalidInput):
    """A task someone is on cannot be removed. params: task."""

    text_key = "edit.task_has_people"


class PlacesBelowTaken(InvalidInput):
    """Fewer places than people already on the task. params: task, taken."""

    text_key = "edit.places_below_taken"


class NothingChanged(InvalidInput):
    text_key = "edit.nothing_changed"


class ReasonTooLong(InvalidInput):
    """params: max."""

    text_key = "edit.reason_too_long"


class RoomTaken(InvalidInput):
    """params: title (the activity in the way), when (its local day and time, already formatted)."""

    text_key = "activity.room_taken"

    def __init__(self, *, activity_id: int, title: str, when: str) -> None:
        super().__init__(title=title, when=when)
        self.activity_id = activity_id


class TaskFull(InvalidInput):
    """params: task."""

    text_key = "claim.full"


class AlreadyClaimed(InvalidInput):
    """params: task."""

    text_key = "claim.already"


class ClaimNotFound(NotFound):
    text_key = "claim.not_found"


class OfferExpired(InvalidInput):
    text_key = "claim.offer_expired"


class NotFullYet(InvalidInput):
    """Joining the waitlist of a task that still has places: just claim it."""

    text_key = "claim.not_full"


class TooManyNew(NotAllowed):
    """A per-member weekly limit on new activities ([access] activities_per_week)."""

    text_key = "activity.too_many_new"
