import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.callbacks import Actions, BadCallback, action
from bot.members.service import Role

SAMPLE = action("t_sample", int, str, min_role=Role.VOLUNTEER)
ACTIONS = Actions([SAMPLE])
decode = ACTIONS.decode


def test_round_trip() -> None:
    data = SAMPLE.encode(42, "ja")
    assert data == "t_sample:42:ja"
    assert decode(data) == (SAMPLE, (42, "ja"))


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "",
        "t_sample",
        "t_sample:x:ja",
        "t_sample:-1:ja",
        "t_sample:1:ja:extra",
        "nope:1",
        "t_sample:01:ja",
        "t_sample:1:j a",
        "x" * 65,
    ],
)
def test_forged_or_garbled_data_is_refused(bad: str | None) -> None:
    with pytest.raises(BadCallback):
        decode(bad)


def test_encode_refuses_what_telegram_would() -> None:
    with pytest.raises(ValueError):
        SAMPLE.encode(1, "x" * 30)
    with pytest.raises(ValueError):
        SAMPLE.encode(-1, "ja")
    with pytest.raises(ValueError):
        SAMPLE.encode(1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=100))
def test_decoding_any_text_gives_an_action_or_bad_callback(data: str) -> None:
    try:
        declared, args = decode(data)
    except BadCallback:
        return
    assert declared.encode(*args) == data


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.from_regex(r"[A-Za-z0-9_\-]{1,24}", fullmatch=True))
def test_everything_encoded_decodes_and_fits(number: int, word: str) -> None:
    data = SAMPLE.encode(number, word)
    assert len(data.encode()) <= 64
    assert decode(data) == (SAMPLE, (number, word))
