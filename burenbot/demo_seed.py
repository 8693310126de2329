"""The example month the demos start with: L-flat members (invented names), their history and what is waiting.

Everything goes through the core's own use cases, with the demo's clock set back where the past is played
(three months of hours), so the example looks exactly like a flat that has used the bot for a while.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.activities.models import NewActivity
from bot.clock import ManualClock
from bot.core import Core
from bot.members.service import Member
from storage import members as sql
from storage import outbox as outbox_sql
from telesim import TelegramSimulator


@dataclass(frozen=True)
class Persona:
    """Someone the demo can be: ``/as KEY`` or ``/as NAME`` in the terminal, a card on the web page."""

    key: str
    name: str
    role: str  # coordinator | volunteer | newcomer | stranger
    user_id: int
    #: How this person reaches the bot; a WhatsApp member is one more channel beside "telegram".
    channel: str = "telegram"


# (persona key, name, role, days since joining); the stranger has not joined.
PEOPLE: list[tuple[str, str, str, int | None]] = [
    ("coordinator", "Lotte", "coordinator", 400),
    ("volunteer", "Karim", "volunteer", 200),
    ("newcomer", "Sanne", "newcomer", 5),
    ("anna", "Anna", "volunteer", 60),
    ("yusuf", "Yusuf", "volunteer", 90),
    ("mirela", "Mirela", "volunteer", 120),
    ("joost", "Joost", "volunteer", 150),
    ("fatma", "Fatma", "volunteer", 180),
    ("pieter", "Pieter", "volunteer", 210),
    ("stranger", "Buur", "stranger", None),
]
PERSONAS = {key: name for key, name, _, _ in PEOPLE}

# Hours a month per volunteer over the last three months (oldest first), as logged with /uren.
HOURS_HISTORY: dict[str, tuple[float, float, float]] = {
    "Lotte": (14, 12, 11.5),
    "Karim": (10, 8.5, 11),
    "Anna": (6, 9, 10),
    "Yusuf": (12, 10, 4.5),
    "Mirela": (8, 11, 9),
    "Joost": (3, 5, 2),
    "Fatma": (10, 10, 12),
    "Pieter": (7, 0, 6),
}
QUESTION = "Mag ik mijn kinderen meenemen naar de koffieochtend?"


async def seed_example_month(
    core: Core, sim: TelegramSimulator, clock: ManualClock, language: str
) -> list[Persona]:
    """Members with their roles and history; returns every persona the demo can be."""
    personas: list[Persona] = []
    now = clock.now()
    for key, name, role, joined_days_ago in PEOPLE:
        lang = language if key in ("coordinator", "volunteer", "newcomer", "stranger") else "nl"
        user = sim.add_user(name, language_code=lang)
        personas.append(Persona(key, name, role, user.user_id))
        if joined_days_ago is None:
            continue
        # They have written to the bot before (that is how they joined): the bot may write to them.
        user.started = True
        joined = now - timedelta(days=joined_days_ago)
        await _member(core, user.user_id, name, lang, joined, coordinator=role == "coordinator")
    by_name = {m.name: m for m in await core.members.active_members()}
    await _hours_history(core, clock, by_name)
    clock.set(now)
    await _activities(core, by_name)
    await _keys_and_budget(core, by_name)
    await core.wegwijs.ask(by_name[PERSONAS["newcomer"]], QUESTION)
    return personas


async def _hours_history(core: Core, clock: ManualClock, by_name: dict[str, Member]) -> None:
    """Three past months logged on three evenings each, as volunteers do with /uren; and this month so far."""
    start = clock.now()
    today = core.local_now().replace(hour=20, minute=0, second=0, microsecond=0)
    first_of_month = today.replace(day=1)
    for months_ago, index in ((3, 0), (2, 1), (1, 2)):
        month_start = first_of_month
        for _ in range(months_ago):
            month_start = (month_start - timedelta(days=1)).replace(day=1)
        for name, per_month in HOURS_HISTORY.items():
            total = per_month[index]
            for part, day in ((0.5, 4), (0.25, 12), (0.25, 21)):
                minutes = round(total * part * 4) * 15
                if minutes:
                    clock.set(month_start.replace(day=day))
                    await _log(core, by_name[name], minutes)
    clock.set(start)
    for name, per_month in HOURS_HISTORY.items():  # and this month so far
        await _log(core, by_name[name], round(per_month[2] * 0.3 * 4) * 15)


async def _log(core: Core, member: Member, minutes: int) -> None:
    draft = await core.hours.draft_from_text(member, f"{minutes} min activiteit")
    if draft.category is None:
        draft = await core.hours.set_category(member, draft.id, "activity")
    await core.hours.confirm(member, draft.id)


async def _keys_and_budget(core: Core, by_name: dict[str, Member]) -> None:
    """Three keys (one in the key box, one that moved last week) and this year's wijkbudget with a request."""
    lotte = by_name[PERSONAS["coordinator"]]
    for room, label, holder in (
        ("huiskamer6", "Huiskamer 6 – sleutel 1", PERSONAS["volunteer"]),
        ("huiskamer6", "Huiskamer 6 – sleutel 2", None),
        ("huiskamer7", "Huiskamer 7 – sleutel 1", "Mirela"),
    ):
        key = await core.keys.add_key(lotte, room, label)
        await core.keys.correct(lotte, key.id, by_name[holder].id if holder else None)
        if holder == "Mirela":  # Mirela handed it to Anna after the breiclub; Anna confirmed
            _, offer_id = await core.keys.offer(by_name["Mirela"], key.id, by_name["Anna"].id)
            await core.keys.confirm(by_name["Anna"], key.id, offer_id)
            await _read_long_ago(core, f"key_offer:{offer_id}", f"key_answer:{offer_id}")
    today = core.local_now().date()
    await core.budget.set_year_budget(lotte, today.year, 2500_00)
    await core.budget.request(by_name["Fatma"], "Wol en breinaalden voor de breiclub", 45_00, today)


async def _read_long_ago(core: Core, *dedupe_keys: str) -> None:
    """Messages of a past the example only tells (a hand-over confirmed last week) were read then: they
    must not wait in the outbox, or Anna's first message would ask about a key she already has."""
    async with core.db.transaction() as conn:
        for key in dedupe_keys:
            if (outbox_id := await outbox_sql.id_by_key(conn, key)) is not None:
                await outbox_sql.delete(conn, outbox_id)


# (days from today, start hour, minutes, hours long, title, place, audience, tasks, who already signed up)
EXAMPLE_MONTH: list[
    tuple[int, int, int, float, str, str, str, tuple[tuple[str, int], ...], tuple[str, ...]]
] = [
    (
        1,
        10,
        0,
        2,
        "Koffieochtend",
        "huiskamer7",
        "adults",
        (("koffie zetten", 1), ("opruimen", 1)),
        ("Anna",),
    ),
    (
        2,
        14,
        0,
        2,
        "Kinderatelier",
        "huiskamer6",
        "children",
        (("begeleiden", 3), ("klaarzetten", 1)),
        ("Mirela", "Fatma"),
    ),
    (
        3,
        19,
        30,
        2,
        "Spelletjesavond",
        "huiskamer6",
        "everyone",
        (("opbouwen", 2), ("begeleiden", 2)),
        ("Karim",),
    ),
    (
        5,
        10,
        0,
        2,
        "Zwerfafval prikken",
        "voor de flat",
        "everyone",
        (("meeprikken", 8),),
        ("Joost", "Pieter"),
    ),
    (8, 19, 0, 2, "Zinvol gesprek", "huiskamer7", "adults", (("gespreksleider", 1), ("thee", 1)), ()),
    (9, 15, 30, 1.5, "Huiswerkbegeleiding", "huiskamer6", "children", (("begeleiden", 3),), ("Yusuf",)),
    (12, 14, 0, 3, "Breiclub", "huiskamer7", "everyone", (("ontvangst", 1),), ("Fatma",)),
    (15, 19, 30, 3, "Regenboogcafé", "huiskamer6", "adults", (("bar", 2), ("opruimen", 2)), ()),
]


async def _activities(core: Core, by_name: dict[str, Member]) -> None:
    organiser = by_name[PERSONAS["coordinator"]]
    today = core.local_now().replace(hour=0, minute=0, second=0, microsecond=0)
    for days, hour, minute, hours, title, place, audience, tasks, signed_up in EXAMPLE_MONTH:
        start = (today + timedelta(days=days)).replace(hour=hour, minute=minute)
        activity = NewActivity(
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            place=place,
            audience=audience,
            needs_key=place.startswith("huiskamer"),
            tasks=tasks,
        )
        (activity_id,) = await core.activities.create(organiser, activity)
        detail = await core.activities.detail(activity_id)
        first_task = detail.tasks[0].id
        for name in signed_up:
            await core.claims.claim(by_name[name], first_task)


async def _member(
    core: Core, telegram_id: int, name: str, language: str, joined: datetime, *, coordinator: bool = False
) -> None:
    member = await core.members.begin_join(telegram_id, core.config.access.invite_code)
    member = await core.members.set_name(member, name)
    member, _ = await core.members.choose_language(member, language)
    async with core.db.transaction() as conn:
        await sql.backdate_join(conn, member.id, joined)
        if coordinator:
            await sql.set_coordinator(conn, member.id, True)
