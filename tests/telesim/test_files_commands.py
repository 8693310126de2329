"""File uploads and downloads, and command lists per scope and language."""

from __future__ import annotations

import struct
import zlib

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatAdministrators,
    BotCommandScopeChatMember,
)
from telegram.error import BadRequest

from telesim import RateLimits, TelegramSimulator


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 3, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00" * 3)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def anna(sim: TelegramSimulator) -> int:
    sim.rate_limits = RateLimits(enabled=False)
    user = sim.add_user("Anna", language_code="nl")
    sim.user_sends_text(user.user_id, "/start")
    return user.user_id


async def test_bot_uploads_photo_and_document(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    png = tiny_png()
    photo_message = await bot.send_photo(anna, png, caption="<i>foto</i>", parse_mode="HTML")
    assert (photo_message.photo[-1].width, photo_message.photo[-1].height) == (2, 3)
    assert photo_message.caption == "foto"
    document_message = await bot.send_document(anna, b"a;b\n1;2\n", filename="lijst.csv")
    assert document_message.document is not None
    assert document_message.document.file_name == "lijst.csv"

    view = sim.chat_view(anna)
    assert view[-2].photo == png and view[-2].text == "foto"
    assert view[-1].document == b"a;b\n1;2\n" and view[-1].file_name == "lijst.csv"

    telegram_file = await bot.get_file(document_message.document.file_id)
    assert bytes(await telegram_file.download_as_bytearray()) == b"a;b\n1;2\n"
    await bot.send_photo(anna, photo_message.photo[-1].file_id)  # resend by file_id
    assert sim.chat_view(anna)[-1].photo == png
    await bot.edit_message_caption(chat_id=anna, message_id=photo_message.message_id, caption="nieuw")
    assert sim.chat_view(anna)[-3].text == "nieuw"


async def test_user_uploads_are_downloadable(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    update_id = sim.user_sends_photo(anna, tiny_png(), caption="kijk")
    sim.user_sends_document(anna, b"%PDF-1.4", "brief.pdf", "application/pdf")
    sim.user_sends_sticker(anna)
    updates = await bot.get_updates(offset=update_id, timeout=0)
    photo_message, document_message, sticker_message = (u.message for u in updates)
    assert photo_message is not None and photo_message.caption == "kijk"
    photo_file = await bot.get_file(photo_message.photo[-1].file_id)
    assert bytes(await photo_file.download_as_bytearray()) == tiny_png()
    assert document_message is not None and document_message.document is not None
    assert document_message.document.mime_type == "application/pdf"
    assert sticker_message is not None and sticker_message.sticker is not None
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("nope")


async def test_user_edits_message(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    sim.user_sends_text(anna, "typfout")
    update_id = sim.user_edits_message(anna, 2, "geen typfout")
    updates = await bot.get_updates(offset=update_id, timeout=0)
    assert updates[0].edited_message is not None
    assert updates[0].edited_message.text == "geen typfout"


async def test_commands_with_scopes_and_languages(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    group = sim.add_group("Buren", [anna])
    bert = sim.add_user("Bert")
    sim.add_group("Anderen", [bert.user_id])
    sim.set_member_status(group.chat_id, anna, "administrator")
    await bot.set_my_commands([BotCommand("help", "Help")])
    await bot.set_my_commands([BotCommand("hulp", "Hulp")], language_code="nl")
    await bot.set_my_commands([BotCommand("start", "Begin")], scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands([BotCommand("groep", "Groep")], scope=BotCommandScopeAllGroupChats())
    admin_scope = BotCommandScopeChatAdministrators(group.chat_id)
    await bot.set_my_commands([BotCommand("beheer", "Beheer")], scope=admin_scope)

    assert sim.commands() == [("help", "Help")]
    assert sim.commands(language_code="nl") == [("hulp", "Hulp")]
    assert sim.commands(language_code="en") == [("help", "Help")]
    assert sim.commands({"type": "chat", "chat_id": anna}, "nl") == [("start", "Begin")]
    assert sim.commands({"type": "chat", "chat_id": group.chat_id}) == [("groep", "Groep")]
    assert sim.commands({"type": "chat_member", "chat_id": group.chat_id, "user_id": anna}) == [
        ("beheer", "Beheer")
    ]
    member_scope = {"type": "chat_member", "chat_id": group.chat_id, "user_id": bert.user_id}
    assert sim.commands(member_scope) == [("groep", "Groep")]

    fetched = await bot.get_my_commands(scope=BotCommandScopeChatMember(group.chat_id, anna))
    assert fetched == ()  # getMyCommands is exact, without fallbacks
    assert [c.command for c in await bot.get_my_commands(language_code="nl")] == ["hulp"]
    await bot.delete_my_commands(language_code="nl")
    assert sim.commands(language_code="nl") == [("help", "Help")]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Hulp!", "x")])
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.set_my_commands([BotCommand("x", "x")], scope=BotCommandScopeChat(-99))


async def test_webhook_and_misc_methods(sim: TelegramSimulator, bot: Bot, anna: int) -> None:
    assert await bot.set_webhook("https://example.org/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook"
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert sim.pending_update_count() == 0
    assert await bot.send_chat_action(anna, "typing")
    assert await bot.set_chat_menu_button()
    me = await bot.get_me()
    assert me.username == "burenbot_test_bot"
