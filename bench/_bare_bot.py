"""The baseline: a bare python-telegram-bot echo bot (argv: base_url token)."""

import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None and update.effective_message is not None
    await context.bot.send_message(update.effective_chat.id, update.effective_message.text or "?")


def main() -> None:
    base_url, token = sys.argv[1], sys.argv[2]
    file_url = base_url.rsplit("/", 1)[0] + "/file/bot"
    app = ApplicationBuilder().token(token).base_url(base_url).base_file_url(file_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0, timeout=1)


if __name__ == "__main__":
    main()
