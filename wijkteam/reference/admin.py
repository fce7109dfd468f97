from django.contrib import admin

from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain


@admin.register(LifeDomain)
class LifeDomainAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_nl",
        "name_en",
        "order",
        "is_criminal_data",
        "is_active",
    ]


@admin.register(CareLevel)
class CareLevelAdmin(admin.ModelAdmin):
    list_display = ["level", "name_nl", "requires_decision", "is_active"]


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["code", "abbreviation", "name_nl", "is_active"]
