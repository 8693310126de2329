"""The example month the terminal demo starts with: L-flat members (invented names) and their activities."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.activities.models import NewActivity
from bot.core import Core
from storage import members as sql
from telesim import TelegramSimulator

PERSONAS = {
    "coordinator": "Lotte",
    "volunteer": "Karim",
    "newcomer": "Sanne",
    "stranger": "Buur",
}
OTHER_MEMBERS = ["Anna", "Yusuf", "Mirela", "Joost", "Fatma", "Pieter"]


async def seed_example_month(core: Core, sim: TelegramSimulator, language: str) -> dict[str, int]:
    """Members with their roles; returns the simulator user id of each persona."""
    users: dict[str, int] = {}
    now = core.clock.now()
    joined_days_ago = {"coordinator": 400, "volunteer": 200, "newcomer": 5}
    for persona, name in PERSONAS.items():
        user = sim.add_user(name, language_code=language)
        users[persona] = user.user_id
        if persona in joined_days_ago:
            await _member(
                core,
                user.user_id,
                name,
                language,
                now - timedelta(days=joined_days_ago[persona]),
                coordinator=persona == "coordinator",
            )
    for index, name in enumerate(OTHER_MEMBERS):
        user = sim.add_user(name, language_code="nl")
        await _member(core, user.user_id, name, "nl", now - timedelta(days=60 + 30 * index))
    await _activities(core)
    await _keys_and_budget(core)
    return users


async def _keys_and_budget(core: Core) -> None:
    """Three keys (one in the key box) and this year's wijkbudget with one request waiting."""
    by_name = {m.name: m for m in await core.members.active_members()}
    lotte = by_name[PERSONAS["coordinator"]]
    for room, label, holder in (
        ("huiskamer6", "Huiskamer 6 – sleutel 1", PERSONAS["volunteer"]),
        ("huiskamer6", "Huiskamer 6 – sleutel 2", None),
        ("huiskamer7", "Huiskamer 7 – sleutel 1", "Anna"),
    ):
        key = await core.keys.add_key(lotte, room, label)
        await core.keys.correct(lotte, key.id, by_name[holder].id if holder else None)
    today = core.local_now().date()
    await core.budget.set_year_budget(lotte, today.year, 2500_00)
    await core.budget.request(by_name["Fatma"], "Wol en breinaalden voor de breiclub", 45_00, today)


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


async def _activities(core: Core) -> None:
    organiser = next(m for m in await core.members.active_members() if m.name == PERSONAS["coordinator"])
    by_name = {m.name: m for m in await core.members.active_members()}
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
