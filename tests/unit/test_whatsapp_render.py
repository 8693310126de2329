"""The one mapping from replies to WhatsApp messages: formatting, buttons, lists, numbered menus, templates.

Every rendered body is checked with the simulator's own validation (Meta's limits)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import load_config
from bot.i18n import Texts
from burenbot.whatsapp.markup import to_whatsapp
from burenbot.whatsapp.render import render
from burenbot.whatsapp.templates import GENERIC, TEMPLATES, submission_text, summary, template_for
from burenbot.whatsapp.webhook import signature_ok
from wasim import validate

TEXTS = Texts.load()


def t(key: str, **params: object) -> str:
    return TEXTS.get("nl", key, **params)


def keyboard(labels: list[str]) -> dict[str, object]:
    return {
        "inline_keyboard": [[{"text": label, "callback_data": f"cb:{i}"}] for i, label in enumerate(labels)]
    }


def meta_accepts(body: dict[str, object]) -> None:
    kind = body["type"]
    if kind == "text":
        validate.check_text(body)
    else:
        validate.check_interactive(body)


def test_html_becomes_whatsapp_formatting() -> None:
    assert to_whatsapp("<b>Gelukt </b>Karim") == "*Gelukt* Karim"
    assert to_whatsapp("<i>morgen</i> &amp; <code>uren 2</code>") == "_morgen_ & ```uren 2```"
    assert to_whatsapp('<a href="https://wa.me/316">doe mee</a>') == "doe mee (https://wa.me/316)"
    assert to_whatsapp('<a href="tg://user?id=5">Anna</a>') == "Anna"
    assert to_whatsapp("a &lt; b<br>c") == "a < b\nc"


def test_three_choices_are_buttons_ten_a_list_more_numbered() -> None:
    two = render("<b>Klopt dit?</b>", keyboard(["Opslaan", "Stop"]), t)
    assert [b["interactive"]["type"] for b in two.bodies] == ["button"]
    assert two.bodies[0]["interactive"]["body"]["text"] == "*Klopt dit?*"
    five = render("Kies", keyboard([f"Activiteit {i}" for i in range(5)]), t)
    assert five.bodies[0]["interactive"]["type"] == "list" and not five.menu
    many = render("Kies", keyboard([f"Keuze {i}" for i in range(14)]), t)
    assert many.bodies[0]["type"] == "text"
    assert "14. Keuze 13" in many.bodies[0]["text"]["body"]
    assert "Typ een nummer van 1 tot 14" in many.bodies[0]["text"]["body"]
    assert many.menu == [f"cb:{i}" for i in range(14)]


def test_a_long_text_goes_first_and_the_choices_after_it() -> None:
    rendered = render("x" * 2000, keyboard(["Ja", "Nee"]), t)
    assert [b["type"] for b in rendered.bodies] == ["text", "interactive"]
    assert rendered.bodies[1]["interactive"]["body"]["text"] == "Maak een keuze:"


def test_same_labels_and_url_buttons() -> None:
    same = render("Kies", keyboard(["Zelfde", "Zelfde"]), t)
    assert same.menu == ["cb:0", "cb:1"]  # WhatsApp wants unique titles: numbered instead
    link = render("Info", {"inline_keyboard": [[{"text": "Kaart", "url": "https://example.org/k"}]]}, t)
    assert link.bodies == [
        {"type": "text", "text": {"body": "Info\n\nKaart: https://example.org/k", "preview_url": False}}
    ]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(min_size=0, max_size=5000).filter(lambda s: "<" not in s and "&" not in s),
    labels=st.lists(st.text(min_size=1, max_size=90).filter(str.strip), min_size=0, max_size=20),
)
def test_whatever_the_handlers_send_meta_accepts(text: str, labels: list[str]) -> None:
    rendered = render(text, keyboard(labels) if labels else None, t)
    assert rendered.bodies
    for body in rendered.bodies:
        meta_accepts(body)


def test_signatures() -> None:
    raw = b'{"entry": []}'
    good = "sha256=" + __import__("hmac").new(b"geheim", raw, "sha256").hexdigest()
    assert signature_ok("geheim", raw, good)
    assert not signature_ok("geheim", raw + b" ", good)
    assert not signature_ok("anders", raw, good)
    assert not signature_ok("geheim", raw, "")


def test_templates_are_well_formed_and_keyed_on_the_outbox_kind() -> None:
    kinds = [kind for template in TEMPLATES for kind in template.kinds]
    assert len(kinds) == len(set(kinds))
    assert len({template.name for template in TEMPLATES}) == len(TEMPLATES)
    for template in TEMPLATES:
        assert set(template.body) == set(template.button) == {"nl", "en"}
        for language, body in template.body.items():
            assert len(validate.PLACEHOLDER.findall(body)) == len(template.parameters)
            assert 0 < len(template.button[language]) <= 20
    assert template_for("reminder", "reminder:task").name == "taak_herinnering"
    assert template_for("reminder", "reminder:key").name == "sleutel_vraag"
    assert template_for("hours_prompt", None).name == "uren_vraag"
    assert template_for("announcement", "ann:7").name == "mededeling"
    assert template_for("notice", None) is GENERIC
    assert summary("\n  Spelletjesavond\tdonderdag\nmeer") == "Spelletjesavond donderdag"
    assert len(summary("lang " * 40)) == 60
    assert "name: bericht_klaar" in submission_text() and "category: MARKETING" in submission_text()


def test_whatsapp_config_from_env_wins_and_secrets_stay_out_of_repr(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[whatsapp]\nphone_number_id = "1"\ntoken = "file-token"\nlisten = "127.0.0.1:9000"\n')
    env = {
        "BURENBOT_WHATSAPP_TOKEN": "env-token",
        "BURENBOT_WHATSAPP_APP_SECRET": "s3cret",
        "BURENBOT_WHATSAPP_VERIFY_TOKEN": "v",
    }
    config = load_config(path, environ=env)
    assert config.whatsapp.token == "env-token" and config.whatsapp.configured
    assert "env-token" not in repr(config) and "s3cret" not in repr(config)
    assert not load_config(path, environ={}).whatsapp.configured
