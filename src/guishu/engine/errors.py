"""The engine's one error type: what went wrong in Chinese first, in English beside it, and which field.

Every error a caller can meet from the engine — a bad phone, an unknown preset or parameter, a
malformed duration, an unknown event type or field, a value of the wrong kind, events out of time
order, a rule's refusal — is a ``GuishuError``. Callers read ``zh``, ``en`` and ``field``; ``str()``
is the Chinese sentence. No message is ever built as "中文 / English" to be split again.
"""

from __future__ import annotations


class GuishuError(ValueError):
    """An error a user can meet: ``zh`` (shown first), ``en``, and the input ``field`` at fault if one is."""

    def __init__(self, zh: str, en: str = "", field: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh
        self.field = field

    def __str__(self) -> str:
        return self.zh


class OrderError(GuishuError):
    """Events must be applied in time order."""
