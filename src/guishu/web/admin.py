"""The Django admin: sites, staff and tokens are editable; the log and projections are read-only."""

from typing import Any

from django.contrib import admin

from . import models as m


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(m.Event)
class EventAdmin(ReadOnly):
    list_display = ("site", "seq", "kind", "at", "author_code", "backdated")
    list_filter = ("site", "kind")


@admin.register(m.Customer)
class CustomerAdmin(ReadOnly):
    list_display = ("site", "key", "name", "owner", "protected_until")
    list_filter = ("site",)
    search_fields = ("key", "name")


@admin.register(m.LookupLog)
class LookupLogAdmin(ReadOnly):
    list_display = ("site", "at", "staff_code", "role", "phone", "what", "masked")


admin.site.register(m.Company)
admin.site.register(m.Site)
admin.site.register(m.PolicyVersion)
admin.site.register(m.Team)


@admin.register(m.Staff)
class StaffAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("site", "code", "name", "role", "team", "user")
    list_filter = ("site", "role")
