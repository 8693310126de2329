from __future__ import annotations

import pytest

from bot.budget.amount import AmountNotPositive, AmountNotUnderstood, AmountTooLarge, parse_amount


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12,50", 1250),
        ("€12,50", 1250),
        ("€ 12.50", 1250),
        ("12 euro", 1200),
        ("12 EUR", 1200),
        ("12,-", 1200),
        ("€ 12,-", 1200),
        ("12,5", 1250),
        ("0,50", 50),
        ("1.250,00", 125000),
        ("1.250", 125000),
        ("1,250.00", 125000),
        ("1,250", 125000),
        ("twaalf euro", 1200),
        ("12 euro 50", 1250),
        ("50 cent", 50),
        ("  7 ", 700),
        ("5000", 500000),
    ],
)
def test_amounts(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["", "euro", "twaalf en een beetje", "1.2,5", "12,345,6", "12.5.3", "💶"])
def test_not_understood(text: str) -> None:
    with pytest.raises(AmountNotUnderstood) as info:
        parse_amount(text)
    assert info.value.text_key == "amount.not_understood"


@pytest.mark.parametrize("text", ["0", "0,00", "-5", "-€ 5,00", "€0"])
def test_not_positive(text: str) -> None:
    with pytest.raises(AmountNotPositive):
        parse_amount(text)


def test_too_large_uses_parameter() -> None:
    with pytest.raises(AmountTooLarge) as info:
        parse_amount("5000,01")
    assert info.value.params == {"max_cents": 500000}
    assert parse_amount("6000", max_cents=10_000_00) == 600000
    with pytest.raises(AmountTooLarge):
        parse_amount("20", max_cents=1000)
