"""Support-only admin for the case file: the retention periods (data, per Selectielijst category) only.
Cases, requests, notes and everything else about households stay out of the Django admin."""

from django.contrib import admin

from wijkteam.cases.models import RetentionCategory


@admin.register(RetentionCategory)
class RetentionCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "years", "months", "days", "anonymise"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
