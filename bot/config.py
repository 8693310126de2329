"""Configuration: one TOML file read once into frozen dataclasses.

Every section is a dataclass; the loader checks names and types generically, so a feature adds its
section by adding a dataclass field to ``Config``. Any problem becomes ONE line naming the file and key.
Nothing else in the project reads environment variables.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.languages import LANGUAGES

TOKEN_ENV = "BURENBOT_TOKEN"
# [whatsapp] keys that environment variables override (secrets belong in the environment, not the file).
WHATSAPP_ENV = {
    "phone_number_id": "BURENBOT_WHATSAPP_PHONE_NUMBER_ID",
    "token": "BURENBOT_WHATSAPP_TOKEN",
    "app_secret": "BURENBOT_WHATSAPP_APP_SECRET",
    "verify_token": "BURENBOT_WHATSAPP_VERIFY_TOKEN",
}


class ConfigError(Exception):
    """A configuration problem, already phrased as the single line the user sees."""


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    group_chat_id: int | None = None


@dataclass(frozen=True)
class WhatsAppConfig:
    """The WhatsApp Business Cloud API number (issue 17). Configured when the four ids and secrets are set."""

    phone_number_id: str | None = None
    token: str | None = field(default=None, repr=False)
    app_secret: str | None = field(default=None, repr=False)
    verify_token: str | None = field(default=None, repr=False)
    api_base_url: str = "https://graph.facebook.com/v21.0"
    listen: str = "0.0.0.0:8443"  # where the webhook server listens (behind the HTTPS proxy Meta calls)
    display_number: str = ""  # the number in international form without '+', for wa.me links

    @property
    def configured(self) -> bool:
        return bool(self.phone_number_id and self.token and self.app_secret and self.verify_token)


@dataclass(frozen=True)
class CommunityConfig:
    name: str = "Buren voor Buren"
    timezone: str = "Europe/Amsterdam"
    language: str = "nl"
    monthly_hours_target: float = 10.0
    coordinator_name: str = ""  # named wherever the bot says "ask the coordinator"
    coordinator_hours: str = ""  # when to reach her, as people say it: "ma–do 9–17 uur"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class AccessConfig:
    coordinators: tuple[int, ...] = ()
    #: Empty: a random code is made at the first start (see bot/members/invites.py and /uitnodiging).
    invite_code: str = ""
    newcomer_days: int = 30
    #: Fair handling under floods (bot/flood.py): updates one person may send at once, and per minute after.
    flood_burst: int = 30
    flood_per_minute: int = 120
    #: New activities (a series counts once) a volunteer may make per 7 days; coordinators: no limit.
    activities_per_week: int = 10


@dataclass(frozen=True)
class CalendarConfig:
    """The private calendar feeds phones subscribe to; off while ``listen`` is empty."""

    listen: str = ""  # host:port for the bot's own HTTP server, e.g. "127.0.0.1:8089"
    public_url: str = ""  # how members reach it, e.g. "https://agenda.example.nl" (default: http://listen)


@dataclass(frozen=True)
class StorageConfig:
    path: Path = Path("data/burenbot.sqlite3")


@dataclass(frozen=True)
class RemindersConfig:
    quiet_start: str = "22:00"  # local time; nothing is sent from here...
    quiet_end: str = "08:00"  # ...until here, unless it would be too late by then
    task_hours_before: tuple[int, ...] = (24, 2)
    open_places_hours_before: int = 48
    key_hours_before: int = 24
    month_nudge_days_before_end: int = 5


@dataclass(frozen=True)
class HoursConfig:
    """Volunteer hours. Each category id needs texts ``hours.category.<id>`` and ``hours.explain.<id>``."""

    categories: tuple[str, ...] = ("activity", "preparation", "one_to_one", "meeting", "other")
    max_days_back: int = 45
    max_hours_per_entry: int = 16


@dataclass(frozen=True)
class BudgetConfig:
    """How approved wijkbudget money comes back to the member who spent it (told with every approval)."""

    #: Who pays the money back, e.g. the welfare organisation's name; empty: "the coordinator".
    paid_by: str = ""
    #: The ways the coordinator may pick per request; the first is chosen unless she picks another.
    ways: tuple[str, ...] = ("transfer", "cash")
    #: The receipt is handed in (/bon) at most this many days after the date the money is for.
    receipt_days: int = 14


BUDGET_WAYS = ("transfer", "cash")


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig = TelegramConfig()
    community: CommunityConfig = CommunityConfig()
    access: AccessConfig = AccessConfig()
    storage: StorageConfig = StorageConfig()
    reminders: RemindersConfig = RemindersConfig()
    hours: HoursConfig = HoursConfig()
    budget: BudgetConfig = BudgetConfig()
    whatsapp: WhatsAppConfig = WhatsAppConfig()
    calendar: CalendarConfig = CalendarConfig()
    source: Path | None = field(default=None, compare=False)


def load_config(path: Path | None, *, environ: typing.Mapping[str, str] | None = None) -> Config:
    """Read ``path`` (``None``: built-in defaults) and apply ``BURENBOT_TOKEN`` from ``environ``."""
    environ = os.environ if environ is None else environ
    data: dict[str, typing.Any] = {}
    where = str(path) if path is not None else "built-in defaults"
    if path is not None:
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError:
            raise ConfigError(f"{where}: file not found") from None
        except IsADirectoryError:
            raise ConfigError(f"{where}: is a directory, expected a TOML file") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML ({exc})") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{where}: not valid TOML (the file is not UTF-8 text)") from None
    config: Config = _build(Config, data, where, prefix="")
    token = environ.get(TOKEN_ENV) or config.telegram.token
    whatsapp = {key: environ[name] for key, name in WHATSAPP_ENV.items() if environ.get(name)}
    config = dataclasses.replace(
        config,
        telegram=dataclasses.replace(config.telegram, token=token or None),
        whatsapp=dataclasses.replace(config.whatsapp, **whatsapp),
        source=path,
    )
    _check_values(config, where)
    if path is not None and not config.storage.path.is_absolute():
        # A relative database path is relative to the config file, not to wherever the bot was started.
        storage = dataclasses.replace(config.storage, path=path.parent / config.storage.path)
        config = dataclasses.replace(config, storage=storage)
    return config


def _build(cls: type, data: dict[str, typing.Any], where: str, prefix: str) -> typing.Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    for key in data:
        if key not in fields:
            raise ConfigError(f"{where}: unknown key [{prefix or 'top level'}] {key}")
    values: dict[str, typing.Any] = {}
    for name, value in data.items():
        hint = hints[name]
        label = f"{prefix}.{name}" if prefix else name
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{label}] must be a table")
            values[name] = _build(hint, value, where, prefix=label)
        else:
            values[name] = _coerce(value, hint, where, label)
    return cls(**values)


def _coerce(value: typing.Any, hint: typing.Any, where: str, label: str) -> typing.Any:
    section, _, key = label.rpartition(".")
    shown = f"[{section}] {key}" if section else key
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _coerce(value, options[0], where, label)
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise ConfigError(f"{where}: {shown} must be a list")
        return tuple(_coerce(item, item_type, where, label) for item in value)
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: {shown} must be a non-empty string (a file path)")
        return Path(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, bool):
        raise ConfigError(f"{where}: {shown} must be a whole number, not true/false")
    if not isinstance(value, hint):
        expected = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
        raise ConfigError(f"{where}: {shown} must be {expected.get(hint, hint.__name__)}")
    return value


def _check_values(config: Config, where: str) -> None:
    try:
        ZoneInfo(config.community.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{where}: [community] timezone: unknown time zone {config.community.timezone!r}"
        ) from None
    if config.community.language not in LANGUAGES:
        raise ConfigError(
            f"{where}: [community] language must be one of {', '.join(LANGUAGES)}, "
            f"not {config.community.language!r}"
        )
    if not 0 <= config.community.monthly_hours_target <= 200:
        raise ConfigError(f"{where}: [community] monthly_hours_target must be between 0 and 200")
    for name in ("quiet_start", "quiet_end"):
        value = getattr(config.reminders, name)
        if parse_hhmm(value) is None:
            raise ConfigError(f'{where}: [reminders] {name} must be a time like "22:00", not {value!r}')
    budget = config.budget
    if not budget.ways or len(set(budget.ways)) != len(budget.ways) or set(budget.ways) - set(BUDGET_WAYS):
        raise ConfigError(f"{where}: [budget] ways must be a non-empty list of {', '.join(BUDGET_WAYS)}")
    if not 1 <= budget.receipt_days <= 366:
        raise ConfigError(f"{where}: [budget] receipt_days must be between 1 and 366")
    if len(budget.paid_by) > 80:
        raise ConfigError(f"{where}: [budget] paid_by must be at most 80 characters")
    hours = config.hours
    if not hours.categories or len(set(hours.categories)) != len(hours.categories):
        raise ConfigError(f"{where}: [hours] categories must be a non-empty list without repeats")
    if not all(c.isascii() and c.replace("_", "").isalnum() and len(c) <= 16 for c in hours.categories):
        raise ConfigError(f"{where}: [hours] categories are short ids: letters, digits and '_'")
    if not 1 <= hours.max_days_back <= 366:
        raise ConfigError(f"{where}: [hours] max_days_back must be between 1 and 366")
    if not 1 <= hours.max_hours_per_entry <= 24:
        raise ConfigError(f"{where}: [hours] max_hours_per_entry must be between 1 and 24")
    host, _, port = config.whatsapp.listen.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f'{where}: [whatsapp] listen must be "host:port", not {config.whatsapp.listen!r}')
    if config.access.flood_burst < 1 or config.access.flood_per_minute < 1:
        raise ConfigError(f"{where}: [access] flood_burst and flood_per_minute must be at least 1")
    code = config.access.invite_code
    if len(code) > 32 or not all(c.isalnum() or c in "_-" for c in code):
        raise ConfigError(
            f"{where}: [access] invite_code must be empty or 1-32 letters, digits, '_' or '-'"
            " (Telegram deep links)"
        )


def parse_hhmm(text: str) -> tuple[int, int] | None:
    """'22:00' -> (22, 0); None when it is not a time of day."""
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    h, m = int(hours), int(minutes)
    return (h, m) if 0 <= h < 24 and 0 <= m < 60 else None
