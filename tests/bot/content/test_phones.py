"""Phone numbers in content text: full numbers however written, short codes only where people are told to use them."""

from __future__ import annotations

import pytest

from bot.content.phones import find_numbers, number_key


@pytest.mark.parametrize("written", ["1-800-662-4357", "(800) 662-4357", "800.662.4357", "1 800 662 4357", "+1 800 662 4357"])
def test_a_full_number_compares_equal_however_it_is_written(written):
    (mention,) = find_numbers(f"Call {written} today.")
    assert mention.key == number_key("1-800-662-4357") == "+18006624357"


@pytest.mark.parametrize("text, codes", [
    ("Call or text 988, or call 911 if someone is in danger.", ["988", "911"]),
    ("Text HOME to 741741.", ["741741"]),
    ("Dial 2-1-1 for local services.", ["211"]),
    ("Llame al 988 y oprima 2, o envíe AYUDA por texto al 988.", ["988", "988"]),
    ("Since 2019, about 1,500 people a year; wait 20-30 minutes.", []),
    ("Chat at 988lifeline.org.", []),
    ("42 CFR Part 8 changed in 2024.", []),
])
def test_short_codes_count_only_after_call_dial_or_text(text, codes):
    assert [m.key for m in find_numbers(text)] == codes


def test_an_area_code_is_not_read_as_a_short_code():
    assert [m.raw for m in find_numbers("Call (808) 832-3100 on Oahu.")] == ["(808) 832-3100"]
