"""Chinese mobile numbers: normalisation and validation (P-1).

A customer is identified by a valid mainland mobile number. Whatever the desk types
(``+86 138 0000 0001``, ``0086-138-0000-0001``, ``138 0000 0001``) becomes the 11-digit
national form ``13800000001``. Validation uses the maintained ``phonenumbers`` metadata
and, on top of it, the mobile shape 1[3-9]xxxxxxxxx that every rulebook means by 手机号.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import phonenumbers

from .errors import GuishuError

_ALLOWED: Final = re.compile(r"^[0-9+\-\s().]+$")
_MOBILE: Final = re.compile(r"^1[3-9][0-9]{9}$")
# The library's own pattern of allocated mainland mobile ranges: a number in canonical form that
# matches it is valid without a full parse (the hot path of replaying a log); anything else takes
# the full ``phonenumbers.parse`` + ``is_valid_number`` path.
_CN = phonenumbers.PhoneMetadata.metadata_for_region("CN")
_PATTERN = _CN.mobile.national_number_pattern if _CN is not None and _CN.mobile is not None else None
_ALLOCATED: Final = re.compile(_PATTERN) if _PATTERN else None


class PhoneError(GuishuError):
    """A phone number that cannot identify a customer (``raw`` is what was typed)."""

    def __init__(self, raw: object, detail_zh: str, detail_en: str) -> None:
        super().__init__(f"手机号格式不正确：{raw} {detail_zh}", f"invalid mobile number {raw}: {detail_en}")
        self.raw = raw
        self.detail_zh = detail_zh  # what is wrong with it, for a refusal that names the field
        self.detail_en = detail_en


def normalize_phone(raw: object) -> str:
    """Return the 11-digit national form of a Chinese mobile number or raise PhoneError."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise PhoneError(raw, "应为11位手机号", "expected an 11-digit mobile number")
    text = str(raw).strip()
    if _ALLOCATED is not None and len(text) == 11 and _ALLOCATED.fullmatch(text):
        return text
    return _normalize(text)


@lru_cache(maxsize=1 << 16)
def _normalize(text: str) -> str:
    # full-width digits, spaces and dashes (what a Chinese input method types) count as ASCII
    text = unicodedata.normalize("NFKC", text).replace("－", "-").replace("—", "-").strip()
    if not text:
        raise PhoneError(text, "为空，请填写11位手机号", "is empty")
    if not _ALLOWED.match(text):
        raise PhoneError(text, "含有非法字符，只能是数字、空格、+ 或 -", "contains characters other than digits")
    digits = re.sub(r"[^0-9]", "", text)
    if _MOBILE.match(digits) and not text.startswith("+"):
        candidate = digits
    else:
        try:
            parsed = phonenumbers.parse(text, "CN")
        except phonenumbers.NumberParseException as exc:
            raise PhoneError(text, "无法识别", "cannot be parsed") from exc
        if parsed.country_code != 86:
            raise PhoneError(text, "不是中国大陆手机号（+86）", "is not a mainland China (+86) number")
        candidate = str(parsed.national_number)
    if len(candidate) != 11:
        raise PhoneError(text, f"应为11位，实际{len(candidate)}位", f"has {len(candidate)} digits, not 11")
    if not _MOBILE.match(candidate):
        raise PhoneError(text, "应以13–19开头", "must start with 13-19")
    number = phonenumbers.parse(candidate, "CN")
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(text, "不是有效的手机号段", "is not an allocated mobile range")
    return candidate


def mask_phone(phone: str) -> str:
    """138****0001: what someone who does not own the customer may see (P-5)."""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else "****"
