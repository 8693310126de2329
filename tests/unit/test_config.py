from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from burenbot.cli import main


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads() -> None:
    config = load_config(Path(__file__).parents[2] / "config.example.toml", environ={})
    assert config.community.timezone == "Europe/Amsterdam"
    assert config.community.language == "nl"
    assert config.community.monthly_hours_target == 10


def test_full_config(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[telegram]
token = "123:abc"
group_chat_id = -100123
[community]
name = "Buren voor Buren"
monthly_hours_target = 8
[access]
coordinators = [11, 22]
invite_code = "lflat-2026"
[storage]
path = "db/bot.sqlite3"
""",
    )
    config = load_config(path, environ={})
    assert config.telegram.token == "123:abc"
    assert config.access.coordinators == (11, 22)
    assert config.community.monthly_hours_target == 8.0
    assert config.storage.path == tmp_path / "db" / "bot.sqlite3"
    assert "123:abc" not in repr(config)


def test_environment_token_wins(tmp_path: Path) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "from-file"\n')
    assert load_config(path, environ={"BURENBOT_TOKEN": "from-env"}).telegram.token == "from-env"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[community]\ntimezone = 'Europe/Zeist'\n",
            "[community] timezone: unknown time zone 'Europe/Zeist'",
        ),
        ("[community]\nlanguage = 'fr'\n", "[community] language must be one of nl, en"),
        ("[community]\ncolour = 'blue'\n", "unknown key [community] colour"),
        ("[access]\ncoordinators = 'anna'\n", "[access] coordinators must be a list"),
        ("[access]\ncoordinators = ['anna']\n", "[access] coordinators must be a whole number"),
        ("[telegram]\ngroup_chat_id = true\n", "[telegram] group_chat_id must be a whole number"),
        ("[community]\nmonthly_hours_target = 'tien'\n", "[community] monthly_hours_target must be a number"),
        ("[wijk]\nx = 1\n", "unknown key [top level] wijk"),
        ("[access]\ninvite_code = 'met spatie'\n", "[access] invite_code must be"),
        ("[community\n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_cli_exits_2_with_one_line_and_never_shows_the_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "999:SECRET"\n[community]\ntimezone = "Mars/Olympus"\n')
    assert main(["run", "--config", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "Mars/Olympus" in captured.err
    assert "SECRET" not in captured.err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "file not found" in capsys.readouterr().err
