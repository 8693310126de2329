"""Away months: this month, next month or the one after. Tasks already claimed in that month are listed
first, each with a button to give it back (the give-back use case, so the waitlist gets the place)."""

from __future__ import annotations

from telegram import Update

from bot.activities.models import ClaimSummary
from bot.hours.models import add_months
from bot.i18n import clock_time, day_label_short
from handlers.common import BotContext, Button, me, replace
from handlers.hours.render import AWAY, AWAY_CHECK, AWAY_GIVE, AWAY_PICK, MONTH, hours, month_label

MONTHS_AHEAD = 2  # next month and the one after: further ahead plans still change


def _when(context: BotContext, claim: ClaimSummary) -> str:
    local = context.core.local(claim.starts_at)
    return f"{day_label_short(local, context.lang)} {clock_time(local, context.lang)}"


async def away_pick_view(context: BotContext, note: str = "") -> tuple[str, list[list[Button]]]:
    """This month and the next ones, each a button that marks it away or clears it."""
    core, member = context.core, me(context)
    this = core.hours.this_month()
    away = set(await core.hours.away_months_ahead(member.id))
    lines = [note, ""] if note else []
    lines.append(context.t("hours.away_pick_title"))
    rows: list[list[Button]] = []
    for month in (add_months(this, i) for i in range(MONTHS_AHEAD + 1)):
        label = month_label(month, context.lang)
        if month in away:
            lines.append(context.t("hours.away_pick_line", month=label))
            rows.append([(context.t("hours.button.away_month_off", month=label), AWAY.encode(month, 0))])
        else:
            rows.append([(context.t("hours.button.away_month_on", month=label), AWAY_CHECK.encode(month))])
    rows.append([(context.t("hours.button.my_month"), MONTH.encode())])
    return "\n".join(lines), rows


async def away_pick(update: Update, context: BotContext) -> None:
    await replace(update, context, *await away_pick_view(context))


async def away_warning(
    context: BotContext, month: str, note: str = "", *, after_give_back: bool = False
) -> tuple[str, list[list[Button]]] | None:
    """The tasks still held in ``month``, each with a give-back button, and the confirmation; ``None``
    when there are none (then the month is set at once). After the last one was given back the member
    still confirms."""
    claims = await context.core.activities.claims_in_month(me(context).id, month)
    if not claims and not after_give_back:
        return None
    label = month_label(month, context.lang)
    lines = [note, ""] if note else []
    lines.append(
        context.t("hours.away_tasks_warning", month=label)
        if claims
        else context.t("hours.away_no_tasks_left", month=label)
    )
    rows: list[list[Button]] = []
    for claim in claims:
        when = _when(context, claim)
        lines.append(
            context.t("hours.away_task_line", when=when, activity=claim.activity_title, task=claim.task_title)
        )
        give = context.t("hours.button.away_give", task=claim.task_title[:24], when=when)
        rows.append([(give, AWAY_GIVE.encode(claim.claim_id, month))])
    if claims:
        lines += ["", context.t("hours.away_tasks_hint")]
    rows.append([(context.t("hours.button.away_confirm", month=label), AWAY.encode(month, 1))])
    rows.append([(context.t("hours.button.back"), AWAY_PICK.encode())])
    return "\n".join(lines), rows


async def away_give(update: Update, context: BotContext) -> None:
    claim_id, month = context.callback_args
    given = await context.core.claims.give_back(me(context), int(claim_id))
    note = context.t("hours.away_given", task=given.claim.task_title)
    view = await away_warning(context, str(month), note, after_give_back=True)
    assert view is not None
    await replace(update, context, *view)


def away_note(context: BotContext, month: str, away: bool, target_minutes: int) -> str:
    label = month_label(month, context.lang)
    if away:
        return context.t("hours.away_set", month=label)
    return context.t("hours.away_cleared", month=label, target=hours(target_minutes, context.lang))
