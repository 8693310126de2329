"""The story in docs/demo-story.txt, piped into ``burenbot demo``: what someone trying the bot sees."""

from __future__ import annotations

import re

from tests.e2e.test_cli import ROOT, burenbot

STORY = (ROOT / "docs" / "demo-story.txt").read_text(encoding="utf-8")


def after(out: str, line: str) -> str:
    """The output from the typed ``line`` (its first occurrence) onwards."""
    index = out.index(line)
    return out[index:]


def test_the_piped_story_plays_every_cross_feature_path_and_exits_0() -> None:
    result = burenbot("demo", stdin=STORY, timeout=240)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Traceback" not in result.stderr

    # The newcomer's question reaches the coordinator's chat, and her answer comes back.
    assert "Je vraag is naar de coördinator gestuurd" in out
    # Lotte also has what the example month queued for her (the budget request, an older question).
    assert re.search(r"\(new for Lotte \d", after(out, "Je vraag is naar de coördinator gestuurd"))
    lotte = after(out, "(you are now Lotte, coordinator)")
    assert "❓ Vraag van Sanne" in lotte and "Mag ik mijn hond meenemen naar de huiskamer?" in lotte
    sanne = after(lotte, "(you are now Sanne, newcomer)")
    assert "Ja, als hij aangelijnd is" in sanne.split("Karim     ›")[0]

    # A key hand-over, confirmed by the receiving persona from a message that came in meanwhile.
    handover = after(out, "is onderweg naar Sanne")
    assert "🔑 Karim geeft je de sleutel Huiskamer 6 – sleutel 1. Heb je hem gekregen?" in handover
    assert "staat nu op jouw naam" in handover
    assert "✅ Sanne heeft de sleutel Huiskamer 6 – sleutel 1 ontvangen." in handover

    # A typed 6 is text where the bot asks for a number, even though the prompt has two buttons.
    assert "Hoe vaak in totaal? Typ een getal" in out
    assert "(there are" not in out
    assert "✅ Taalcafé staat 6 keer in de agenda." in out

    # Moving the clock delivers the reminder before the next prompt: Anna's coffee morning at 10:00.
    clock = after(out, "(it is now")
    reminder = clock.split("Lotte     ›")[0]
    assert "Koffieochtend" in reminder, reminder

    # The overview has real hours: nobody but the newcomer at 0.
    overview = after(out, "Lotte     › /overzicht")
    assert "Uren in " in overview
    zeros = re.findall(r"(\w+): 0 / 10 uur", overview)
    assert zeros == ["Sanne"], overview
    # A broadcast reaches every seeded member (they have started their chats), and pop-ups are shown.
    broadcast = after(out, "Lotte     › /omroep")
    assert "(pop-up: Dit is het voorbeeld." in broadcast
    assert "✅ 8 personen hebben het gekregen." in broadcast and "geblokkeerd" not in broadcast
    anna = after(broadcast, "(you are now Anna, volunteer)")
    assert "De huiskamer is vrijdag dicht." in anna and "(pop-up: Dank je wel!)" in anna
    assert out.rstrip().endswith("(end of input)")
