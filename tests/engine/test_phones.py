"""P-1: whatever the desk types becomes the 11-digit national form, or a PhoneError in Chinese first."""

from __future__ import annotations

import pytest

from guishu.engine import PhoneError, mask_phone, normalize_phone

ACCEPTED = [
    pytest.param("+86 138 0000 0001", id="international_with_spaces"),
    pytest.param("0086-138-0000-0001", id="international_0086_with_dashes"),
    pytest.param("138 0000 0001", id="national_with_spaces"),
    pytest.param("138-0000-0001", id="national_with_dashes"),
    pytest.param("13800000001", id="plain_eleven_digits"),
    pytest.param(" 13800000001 ", id="surrounding_whitespace"),
    pytest.param("+8613800000001", id="international_compact"),
    pytest.param(13800000001, id="an_int"),
]


@pytest.mark.parametrize("raw", ACCEPTED)
def test_accepted_forms_are_one_customer(raw: object) -> None:
    # given what the desk typed / when it is normalised / then it is the national form
    assert normalize_phone(raw) == "13800000001"


REJECTED = [
    pytest.param("12345", "12345", id="too_short"),
    pytest.param("10012345678", "10012345678", id="not_a_mobile_prefix"),
    pytest.param("+1 650 253 0000", "+1 650 253 0000", id="not_mainland_china"),
    pytest.param("138abcd0001", "138abcd0001", id="letters"),
    pytest.param("一三八", "一三八", id="chinese_numerals"),
    pytest.param("", "", id="empty"),
    pytest.param(None, "None", id="none"),
    pytest.param(True, "True", id="a_boolean_is_not_a_number"),
    pytest.param(13.8, "13.8", id="a_float"),
    pytest.param("138000000011", "138000000011", id="twelve_digits"),
]


@pytest.mark.parametrize(("raw", "shown"), REJECTED)
def test_rejected_numbers_raise_a_chinese_first_error_naming_the_number(raw: object, shown: str) -> None:
    # given an invalid number
    # when it is normalised
    with pytest.raises(PhoneError) as caught:
        normalize_phone(raw)
    # then the message is Chinese (str() too), names the offending value, and has an English version beside it
    error = caught.value
    assert error.zh.startswith("手机号格式不正确") and str(error) == error.zh
    assert shown in error.zh and shown in error.en
    assert error.en.startswith("invalid mobile number") and " / " not in error.zh
    assert caught.value.raw == raw or str(caught.value.raw) == shown


def test_phone_error_is_a_value_error() -> None:
    # callers that only know ValueError still catch it
    with pytest.raises(ValueError):
        normalize_phone("12345")


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        pytest.param("13800000001", "138****0001", id="eleven_digits_keep_prefix_and_last_four"),
        pytest.param("12345", "****", id="anything_else_is_fully_hidden"),
        pytest.param("", "****", id="empty"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    # P-5: someone who does not own the customer sees only the masked number
    assert mask_phone(phone) == masked


def test_masking_never_reveals_the_middle_digits() -> None:
    assert "0000" not in mask_phone("13800000001")[3:7]
