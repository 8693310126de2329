"""Every WhatsApp message template the bot may send outside the 24-hour window, in one place.

Meta must approve each one (``burenbot whatsapp-templates`` prints what to submit). A template carries a
short summary of the waiting message (``{{1}}``) and one quick-reply button; pressing it opens the window,
and the full message (with its own buttons) follows. Templates are keyed on the outbox row's kind (and,
for reminders, the batch), so typed notice kinds only need a line here. Everything else gets the generic
"er staat een bericht voor je klaar" template.
"""

from __future__ import annotations

from dataclasses import dataclass

SUMMARY_CHARS = 60  # what {{1}} holds: the first line of the waiting message, shortened


@dataclass(frozen=True)
class WaTemplate:
    name: str
    category: str  # UTILITY or MARKETING, as Meta classifies (and prices) them
    body: dict[str, str]  # language -> approved body text with {{1}}
    button: dict[str, str]  # language -> the quick-reply title (<= 20 characters)
    kinds: tuple[str, ...]  # outbox kinds ("hours_prompt") or kind:batch-prefix ("reminder:reminder:task")
    parameters: tuple[str, ...] = ("summary of the waiting message",)


GENERIC = WaTemplate(
    name="bericht_klaar",
    category="UTILITY",
    body={
        "nl": "Hoi! Er staat een bericht van Buren voor Buren voor je klaar: {{1}}",
        "en": "Hi! A message from Buren voor Buren is waiting for you: {{1}}",
    },
    button={"nl": "Bekijk bericht", "en": "Show message"},
    kinds=(),
)

TEMPLATES: tuple[WaTemplate, ...] = (
    GENERIC,
    WaTemplate(
        name="taak_herinnering",
        category="UTILITY",
        body={
            "nl": "Herinnering van Buren voor Buren: {{1}}",
            "en": "Reminder from Buren voor Buren: {{1}}",
        },
        button={"nl": "Bekijk", "en": "Show"},
        kinds=("reminder:reminder:task", "reminder:reminder:open_places", "task_reminder"),
    ),
    WaTemplate(
        name="wachtlijst_plek",
        category="UTILITY",
        body={
            "nl": "Er is een plek vrij voor je: {{1}}",
            "en": "A place opened up for you: {{1}}",
        },
        button={"nl": "Bekijk", "en": "Show"},
        kinds=("waitlist_offer",),
    ),
    WaTemplate(
        name="sleutel_vraag",
        category="UTILITY",
        body={
            "nl": "Vraag over de sleutel: {{1}}",
            "en": "A question about the key: {{1}}",
        },
        button={"nl": "Antwoorden", "en": "Answer"},
        kinds=("reminder:reminder:key", "key_request"),
    ),
    WaTemplate(
        name="uren_vraag",
        category="UTILITY",
        body={
            "nl": "Hoeveel uur heb je gewerkt? {{1}}",
            "en": "How many hours did you work? {{1}}",
        },
        button={"nl": "Uren invullen", "en": "Log hours"},
        kinds=("hours_prompt", "reminder:reminder:month_nudge"),
    ),
    WaTemplate(
        name="antwoord_coordinator",
        category="UTILITY",
        body={
            "nl": "De coördinator heeft je vraag beantwoord: {{1}}",
            "en": "The coordinator answered your question: {{1}}",
        },
        button={"nl": "Lees antwoord", "en": "Read answer"},
        kinds=("coordinator_answer",),
    ),
    WaTemplate(
        name="mededeling",
        category="MARKETING",
        body={
            "nl": "Nieuws van Buren voor Buren: {{1}}",
            "en": "News from Buren voor Buren: {{1}}",
        },
        button={"nl": "Lees bericht", "en": "Read message"},
        kinds=("announcement",),
    ),
)


def template_for(kind: str | None, batch: str | None) -> WaTemplate:
    """The template for an outbox row: by kind and batch, then by kind, else the generic one."""
    keys = [f"{kind}:{batch}", kind] if batch else [kind]
    for key in keys:
        for template in TEMPLATES:
            if key and key in template.kinds:
                return template
    return GENERIC


def summary(plain_text: str) -> str:
    """{{1}}: the first non-empty line, without what Meta refuses in a parameter (new lines, tabs)."""
    line = next((part.strip() for part in plain_text.splitlines() if part.strip()), "")
    line = " ".join(line.split())
    return line if len(line) <= SUMMARY_CHARS else line[: SUMMARY_CHARS - 1].rstrip() + "…"


def submission_text() -> str:
    """What to submit in Meta's WhatsApp Manager, one block per template and language."""
    blocks = []
    for template in TEMPLATES:
        for language, body in template.body.items():
            blocks.append(
                f"name: {template.name}\ncategory: {template.category}\nlanguage: {language}\n"
                f"body: {body}\nquick reply button: {template.button[language]}\n"
                f"parameters: {', '.join(template.parameters)}\n"
                f"sent for: {', '.join(template.kinds) or 'every other message outside the window'}"
            )
    return "\n\n".join(blocks) + "\n"
