from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from participants.models import Membership, Organisation, User
from participants.privacy import account_erase
from processes.services.contributions import processes_touch_for_person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "email_verified_at", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "email_verified_at"]}),
        ("Tilgang", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [MembershipInline]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]

    # Django's admin writes outside the services: tell the processes that show
    # the person, so their cached pages are built again.
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:
            processes_touch_for_person(user=obj)

    # Deleting here is erasure as everywhere else (participants.privacy): the
    # counters the person's supports fed are lowered, their name is scrubbed
    # from other rows, and the pages that showed it are rebuilt.
    def delete_model(self, request, obj) -> None:
        account_erase(person=obj)

    def delete_queryset(self, request, queryset) -> None:
        for user in queryset:
            account_erase(person=user)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "municipality"]
