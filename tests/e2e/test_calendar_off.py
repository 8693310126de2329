"""Without [calendar] listen the feed is off: /agenda abonneren says so and points to the file."""

from tests.harness import Harness


async def test_the_feed_is_off_by_default(bot: Harness) -> None:
    anna = await bot.member("Anna")
    await anna.says("/agenda abonneren")
    anna.sees("staat (nog) uit", "/agenda ics")
    assert anna.button_labels() == []
