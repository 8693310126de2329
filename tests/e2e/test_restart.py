"""After a restart the bot picks up where it was: old buttons still work, state comes from the database."""

from __future__ import annotations

from tests.harness import Harness, restart_bot


async def test_buttons_from_before_a_restart_still_work(bot: Harness) -> None:
    karim = await bot.member("Karim")
    await karim.says("/taal")
    await restart_bot(bot)
    await karim.presses("English")
    karim.sees("I'll talk to you in English")
    assert (await bot.member_record(karim)).language == "en"


async def test_joining_continues_after_a_restart(bot: Harness) -> None:
    from tests.harness_config import INVITE

    sanne = await bot.stranger("Sanne")
    await sanne.says(f"/start {INVITE}")
    await restart_bot(bot)
    await sanne.says("Sanne")
    sanne.sees("In welke taal")
    await sanne.presses("Nederlands")
    sanne.sees("Je bent nu lid")


async def test_a_press_on_a_deleted_item_explains_itself(bot: Harness) -> None:
    lotte = await bot.member("Lotte", role="coordinator")
    karim = await bot.member("Karim")
    await lotte.says("/verwijder")
    await lotte.presses("Karim")
    await lotte.presses("uit de groep halen")
    await lotte.sends_callback(lotte.chat[-1].message_id, f"rm_ok:{(await bot.member_record(karim)).id}")
    lotte.sees("Dat bestaat niet meer")


async def test_a_restart_leaves_exactly_one_outbox_worker(bot: Harness) -> None:
    import asyncio

    from handlers.outbox_sender import TASK_KEY

    def workers() -> list[asyncio.Task[object]]:
        return [t for t in asyncio.all_tasks() if t.get_name() == TASK_KEY and not t.done()]

    assert len(workers()) == 1
    await restart_bot(bot)
    await asyncio.sleep(0)
    assert len(workers()) == 1
