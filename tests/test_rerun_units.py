"""Unit tests that kill the survivors of the mutation groups re-run after the non-finite number changes (issue #19):
``locale``, ``claims``, ``directory-model`` and ``autochart`` (tests/mutation.py). Each test asserts exact values
that a mutant of the named function changes; docs/testing.md lists the survivors that no input can tell apart.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.claims import Value, finite
from generator.core.locale import _formatted, locale


@pytest.fixture(autouse=True)
def _fresh_number_texts():
    """``_formatted`` remembers each number's text: a test must reach the formatting code, not the memory."""
    _formatted.cache_clear()
    yield
    _formatted.cache_clear()


# -- core/locale.py ----------------------------------------------------------------------------------------------


def test_rounding_a_long_number_to_many_decimals_has_room_for_them():
    """``_decimal`` rounds in a precision with room for the number's digits *and* the decimals asked for:
    1E+28 to five decimals is 34 digits, past the 31 the number alone needs."""
    number = Decimal("1E+28")
    assert locale("en").number(number, 5) == "10,000,000,000,000,000,000,000,000,000.00000"
    assert locale("vi").number(-number, 5) == "-10.000.000.000.000.000.000.000.000.000,00000"
    assert locale("en").percent(number, 3) == "10,000,000,000,000,000,000,000,000,000.000%"


def test_a_number_with_many_stated_decimals_keeps_every_digit():
    """34 significant digits, six of them decimals: the precision counts the stated decimals too."""
    number = Decimal("1234567890123456789012345678.123456")
    assert locale("vi").number(number) == "1.234.567.890.123.456.789.012.345.678,123456"
    assert locale("en").number(number) == "1,234,567,890,123,456,789,012,345,678.123456"
    assert locale("en").percent(number) == "1,234,567,890,123,456,789,012,345,678.123456%"


# -- core/claims.py ----------------------------------------------------------------------------------------------


def test_an_integer_too_large_for_a_float_is_not_finite():
    """A 400-digit integer is an exact int, but a chart draws in floats (``float()`` raises OverflowError)."""
    assert [finite(int("9" * 400)), finite(-int("9" * 400)), finite(int("9" * 300)), finite(10 ** 308)] == [
        False, False, True, True]
    assert [finite(1e308), finite(float("inf")), finite(float("nan")), finite(Decimal("1e400"))] == [
        True, False, False, False]
    assert Value.of(int("9" * 400)).known is False and Value.of(int("9" * 300)).number == Decimal("9" * 300)
