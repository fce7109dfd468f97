"""Support-only admin: accounts and roles. Person-level data never appears in the Django admin: audit
events (their summaries may quote a reason or note) and the access log are read on the privacy
officer's pages, behind a second factor; test_admin.py keeps the list of admin models closed."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from wijkteam.access.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo", "groups"]
    fieldsets = (*DjangoUserAdmin.fieldsets, ("wijkteam", {"fields": ["is_demo"]}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
