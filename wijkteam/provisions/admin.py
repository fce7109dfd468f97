"""Admin for support only; functional administrators keep the catalogue on its own pages."""

from django.contrib import admin

from wijkteam.provisions.models import Budget, CatalogueOption, LegalTerm


@admin.register(LegalTerm)
class LegalTermAdmin(admin.ModelAdmin):
    list_display = ("legal_basis", "event", "urgent", "amount", "unit", "deliverable", "article")


@admin.register(CatalogueOption)
class CatalogueOptionAdmin(admin.ModelAdmin):
    list_display = ("name", "care_level", "legal_basis", "tariff", "unit", "budget_function", "is_active")
    list_filter = ("care_level", "legal_basis", "is_active")


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("year", "team", "budget_function", "amount")
