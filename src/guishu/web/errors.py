"""Errors a user can meet: Chinese first, with the field at fault, and nothing half-written."""

from __future__ import annotations


class ServiceError(Exception):
    """A request refused as a whole (``status`` 400, 403 or 404); nothing was written."""

    def __init__(self, status: int, zh: str, en: str = "", field: str | None = None) -> None:
        super().__init__(zh)
        self.status, self.zh, self.en, self.field = status, zh, en, field

    def as_dict(self) -> dict[str, object]:
        return {"error": self.zh, "error_en": self.en, "field": self.field}
