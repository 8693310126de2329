"""/uren after a claimed task: the bot asks how long it took; one press logs it."""

from __future__ import annotations

from telegram import Update

from bot.hours.models import HoursPrompt
from bot.hours.prompts import amount_choices, due_hours_prompts
from bot.i18n import day_label
from bot.outbox import NewMessage
from handlers.common import AnyApp, BotContext, core_of, me, replace
from handlers.hours.render import CLAIM, CLAIM_SKIP, OTHER, hours, progress, show_step


async def claimed(update: Update, context: BotContext) -> None:
    claim_id, minutes = (int(a) for a in context.callback_args)
    if minutes == OTHER:
        draft = await context.core.hours.claim_draft(me(context), claim_id)
        await show_step(update, context, draft.id)
        return
    entry = await context.core.hours.log_claim(me(context), claim_id, minutes)
    status = await context.core.hours.month_status(entry.member_id, entry.month)
    text = context.t(
        "hours.saved", hours=hours(entry.minutes, context.lang), day=day_label(entry.day, context.lang)
    )
    await replace(update, context, f"{text}\n\n{progress(context, status)}")


async def claim_skipped(update: Update, context: BotContext) -> None:
    await replace(update, context, context.t("hours.claim_skipped"))


async def ask_after_claims(application: AnyApp) -> None:
    core = core_of(application)

    async def compose(prompt: HoursPrompt) -> NewMessage | None:
        member = await core.members.get(prompt.member_id)
        if not member.is_active or member.telegram_id is None:
            return None
        lang = member.language
        t = core.texts.get
        buttons = [
            (t(lang, "hours.button.hours", hours=hours(m, lang)), CLAIM.encode(prompt.claim_id, m))
            for m in amount_choices(prompt.minutes)
        ]
        rows = [
            buttons,
            [
                (t(lang, "hours.button.other"), CLAIM.encode(prompt.claim_id, OTHER)),
                (t(lang, "hours.button.not_done"), CLAIM_SKIP.encode(prompt.claim_id)),
            ],
        ]
        text = t(lang, "hours.claim_prompt", title=prompt.title, day=day_label(prompt.day, lang))
        return NewMessage(
            chat_id=member.telegram_id,
            text=text,
            dedupe_key=f"hours_prompt:{prompt.claim_id}",
            kind="hours_prompt",
            member_id=member.id,
            buttons=rows,
        )

    await due_hours_prompts(
        core.db, core.activities, core.clock.now(), core.tz, outbox=core.outbox, compose=compose
    )
