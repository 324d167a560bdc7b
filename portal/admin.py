from django.contrib import admin

from portal.forms import MunicipalityForm
from portal.models import AuditEntry, Municipality, MunicipalityHost
from portal.services import municipality_touch


class MunicipalityHostInline(admin.TabularInline):
    model = MunicipalityHost
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityForm
    list_display = ["name", "slug", "is_default"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityHostInline]

    # Django's admin writes outside the services: rebuild the cached pages that show it.
    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        municipality_touch(municipality=form.instance)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited."""

    list_display = ["created_at", "municipality", "actor", "action", "target_label"]
    list_filter = ["municipality", "action"]
    list_select_related = ["municipality", "actor"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
