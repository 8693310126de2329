"""Telegram's validation rules and error texts, seen through PTB's exceptions."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from telesim import RateLimits, TelegramSimulator


@pytest.fixture
def anna(sim: TelegramSimulator) -> int:
    # The fake clock never advances here, so flood control would kick in after the burst.
    sim.rate_limits = RateLimits(enabled=False)
    user = sim.add_user("Anna")
    sim.user_sends_text(user.user_id, "/start")
    return user.user_id


async def test_html_is_parsed_into_text_and_entities(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    html = '<b>Vet</b> &amp; <a href="https://example.org">link</a> &lt;3 <tg-spoiler>geheim</tg-spoiler>'
    message = await bot.send_message(anna, html, parse_mode="HTML")
    assert message.text == "Vet & link <3 geheim"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 3),
        ("text_link", 6, 4),
        ("spoiler", 14, 6),
    ]
    view = sim.last_bot_message(anna)
    assert view is not None and view.html == html and view.text == "Vet & link <3 geheim"


@pytest.mark.parametrize(
    "html",
    ["<br>", "<b>open", "<b><i>x</b></i>", "</b>", '<span class="x">y</span>', "<div>x</div>", "<b x"],
)
async def test_bad_html_is_rejected(bot: Bot, anna: int, html: str) -> None:
    with pytest.raises(BadRequest, match=r"[Cc]an't parse entities"):
        await bot.send_message(anna, html, parse_mode="HTML")


async def test_markdown_is_refused_clearly(bot: Bot, anna: int) -> None:
    with pytest.raises(BadRequest, match="not supported by the simulator"):
        await bot.send_message(anna, "*x*", parse_mode="MarkdownV2")


async def test_text_length_limits(bot: Bot, anna: int) -> None:
    await bot.send_message(anna, "x" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(anna, "x" * 4097)
    # The limit applies after entity parsing: tags do not count.
    await bot.send_message(anna, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(anna, "<b> </b>", parse_mode="HTML")


async def test_caption_length_limit(bot: Bot, anna: int) -> None:
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(anna, b"\x89PNG fake", caption="x" * 1025)


async def test_callback_data_is_limited_to_64_bytes(bot: Bot, anna: int) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="é" * 32)]])
    await bot.send_message(anna, "ok", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(anna, "nee", reply_markup=too_long)


async def test_edit_not_modified_and_delete(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sent = await bot.send_message(anna, "eerst")
    await bot.edit_message_text("daarna", chat_id=anna, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("daarna", chat_id=anna, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=anna, message_id=999)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("a", url="https://example.org")]])
    await bot.edit_message_reply_markup(chat_id=anna, message_id=sent.message_id, reply_markup=keyboard)
    view = sim.chat_view(anna)[-1]
    assert (view.text, view.edit_count, view.buttons[0][0].url) == ("daarna", 2, "https://example.org")
    assert await bot.delete_message(anna, sent.message_id)
    assert [m.message_id for m in sim.chat_view(anna)] == [1]
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(anna, sent.message_id)


async def test_pin_and_get_chat(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sent = await bot.send_message(anna, "vastzetten")
    assert await bot.pin_chat_message(anna, sent.message_id)
    chat = await bot.get_chat(anna)
    assert chat.pinned_message is not None and chat.pinned_message.message_id == sent.message_id
    assert sim.chat_view(anna)[-1].pinned
    assert await bot.unpin_chat_message(anna)
    assert not sim.chat_view(anna)[-1].pinned


async def test_unknown_chat_blocked_and_never_started(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hallo")
    sim.block_user(anna)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(anna, "hallo")
    sim.unblock_user(anna)
    await bot.send_message(anna, "weer welkom")
    stranger = sim.add_user("Onbekend")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(stranger.user_id, "hallo")


async def test_groups_and_chat_members(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    group = sim.add_group("Buren", [anna])
    sim.set_member_status(group.chat_id, anna, "administrator")
    assert group.chat_id < 0
    member = await bot.get_chat_member(group.chat_id, anna)
    assert member.status == "administrator"
    sim.user_sends_text(anna, "hallo groep", chat_id=group.chat_id)
    await bot.send_message(group.chat_id, "hallo Anna")
    assert [m.text for m in sim.chat_view(group.chat_id)] == ["hallo groep", "hallo Anna"]


async def test_callback_answers(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sent = await bot.send_message(
        anna, "kies", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("ja", callback_data="yes")]])
    )
    update_id = sim.user_presses_button(anna, sent.message_id, "yes")
    updates = await bot.get_updates(offset=update_id)
    query = updates[0].callback_query
    assert query is not None and query.message is not None
    with pytest.raises(BadRequest, match="Message_too_long"):
        await bot.answer_callback_query(query.id, text="x" * 201)
    assert await bot.answer_callback_query(query.id, text="Top", show_alert=True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)
    answer = sim.callback_answers[-1]
    assert (answer.user_id, answer.text, answer.show_alert) == (anna, "Top", True)


async def test_strict_mode_wrong_types_token_and_method(sim: TelegramSimulator, anna: int) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{sim.base_url}{sim.token}"
        async with session.post(
            f"{url}/sendMessage", data={"chat_id": anna, "text": "x", "parse_mod": "HTML"}
        ) as r:
            body = await r.json()
            assert (r.status, body["description"]) == (
                400,
                "Bad Request: unknown parameter parse_mod (simulator strict mode)",
            )
        async with session.post(
            f"{url}/sendMessage", json={"chat_id": anna, "text": "x", "reply_markup": 5}
        ) as r:
            assert r.status == 400
        async with session.post(f"{url}/sendMessage", json={"text": "x"}) as r:
            assert (await r.json())["description"] == "Bad Request: chat_id is empty"
        async with session.post(f"{url}/sendmessage", json={"chat_id": anna, "text": "json body"}) as r:
            body = await r.json()
            assert body["ok"] is True and body["result"]["text"] == "json body"
        async with session.get(f"{url}/getNothing") as r:
            assert (r.status, await r.json()) == (
                404,
                {"ok": False, "error_code": 404, "description": "Not Found"},
            )
        async with session.get(f"{sim.base_url}1:WRONG/getMe") as r:
            assert (r.status, (await r.json())["description"]) == (401, "Unauthorized")
    failed = [r for r in sim.requests if not r.ok]
    assert [r.error_code for r in failed] == [400, 400, 400]
