"""The disciplines as shipped, each with the life domains it helps with (codes of `reference.LifeDomain`).

Loaded by a data migration and by `services.discipline_data_sync()`, which creates the shipped
disciplines that are missing and never overwrites what a functional administrator changed or added.
"""

from __future__ import annotations

_ALL_BUT_JUSTICE = [
    "finances",
    "work_education",
    "time_use",
    "housing",
    "domestic_relations",
    "mental_health",
    "physical_health",
    "substance_use",
    "basic_adl",
    "instrumental_adl",
    "social_network",
    "community_participation",
]

DISCIPLINES: list[dict[str, object]] = [
    {
        "code": "generalist",
        "name_nl": "Generalist",
        "name_en": "Generalist",
        "is_broad": True,
        "life_domains": _ALL_BUT_JUSTICE,
    },
    {
        "code": "youth",
        "name_nl": "Jeugd en gezin",
        "name_en": "Youth and family",
        "life_domains": ["domestic_relations", "work_education", "social_network"],
    },
    {"code": "debts_money", "name_nl": "Schulden en geld", "name_en": "Debts and money", "life_domains": ["finances"]},
    {
        "code": "mental_health",
        "name_nl": "Psychische gezondheid (GGZ)",
        "name_en": "Mental health",
        "life_domains": ["mental_health"],
    },
    {"code": "addiction", "name_nl": "Verslaving", "name_en": "Addiction", "life_domains": ["substance_use"]},
    {
        "code": "district_nursing",
        "name_nl": "Wijkverpleging",
        "name_en": "District nursing",
        "life_domains": ["physical_health", "basic_adl", "instrumental_adl"],
    },
    {
        "code": "work_income",
        "name_nl": "Werk en inkomen",
        "name_en": "Work and income",
        "life_domains": ["work_education", "finances"],
    },
    {
        "code": "disability_support",
        "name_nl": "Ondersteuning bij een beperking",
        "name_en": "Disability support",
        "life_domains": ["instrumental_adl", "community_participation", "time_use"],
    },
    {"code": "housing", "name_nl": "Wonen", "name_en": "Housing", "life_domains": ["housing"]},
    {
        "code": "volunteer_coordination",
        "name_nl": "Vrijwilligerscoördinatie",
        "name_en": "Volunteer coordination",
        "life_domains": ["social_network", "time_use", "community_participation"],
    },
    {
        "code": "informal_care_support",
        "name_nl": "Mantelzorgondersteuning",
        "name_en": "Informal carer support",
        "life_domains": ["domestic_relations", "social_network", "time_use"],
    },
]
