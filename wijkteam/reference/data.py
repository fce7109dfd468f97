"""The reference data as shipped; loaded by a data migration and kept in sync by `sync_reference_data`.

Life domains are the 13 domains of the Zelfredzaamheid-Matrix (ZRM 2017): only the domain names are
shipped, never the copyrighted criteria texts of GGD Amsterdam.
"""

from __future__ import annotations

LIFE_DOMAINS: list[dict[str, object]] = [
    {"code": "finances", "name_nl": "Financiën", "name_en": "Finances"},
    {
        "code": "work_education",
        "name_nl": "Werk & opleiding",
        "name_en": "Work & education",
    },
    {"code": "time_use", "name_nl": "Tijdsbesteding", "name_en": "Time use"},
    {"code": "housing", "name_nl": "Huisvesting", "name_en": "Housing"},
    {
        "code": "domestic_relations",
        "name_nl": "Huiselijke relaties",
        "name_en": "Domestic relations",
    },
    {
        "code": "mental_health",
        "name_nl": "Geestelijke gezondheid",
        "name_en": "Mental health",
    },
    {
        "code": "physical_health",
        "name_nl": "Lichamelijke gezondheid",
        "name_en": "Physical health",
    },
    {"code": "substance_use", "name_nl": "Middelengebruik", "name_en": "Substance use"},
    {
        "code": "basic_adl",
        "name_nl": "Basale ADL",
        "name_en": "Basic activities of daily living",
    },
    {
        "code": "instrumental_adl",
        "name_nl": "Instrumentele ADL",
        "name_en": "Instrumental activities of daily living",
    },
    {
        "code": "social_network",
        "name_nl": "Sociaal netwerk",
        "name_en": "Social network",
    },
    {
        "code": "community_participation",
        "name_nl": "Maatschappelijke participatie",
        "name_en": "Community participation",
    },
    {
        "code": "justice",
        "name_nl": "Justitie",
        "name_en": "Justice",
        "is_criminal_data": True,
    },
]

CARE_LEVELS: list[dict[str, object]] = [
    {
        "level": 0,
        "code": "own_network",
        "name_nl": "Eigen netwerk en vrijwilligers",
        "name_en": "Own network and volunteers",
        "description_nl": "Het huishouden lost het op met familie, buren, vrienden of vrijwilligers.",
        "description_en": "The household solves it with family, neighbours, friends or volunteers.",
    },
    {
        "level": 1,
        "code": "general_provision",
        "name_nl": "Algemene voorzieningen en buurtinitiatieven",
        "name_en": "General provisions and neighbourhood initiatives",
        "description_nl": "Open voor iedereen, zonder beschikking: inloop, eettafel, cursus, formulierenhulp.",
        "description_en": "Open to all, no decision needed: drop-in, meal club, course, help with forms.",
    },
    {
        "level": 2,
        "code": "team_support",
        "name_nl": "Ondersteuning door het wijkteam",
        "name_en": "Support by the team",
        "description_nl": "Kortdurende begeleiding door de generalist of een specialist uit het team.",
        "description_en": "Short-term support by the generalist or a specialist of the team.",
    },
    {
        "level": 3,
        "code": "customised_provision",
        "name_nl": "Maatwerkvoorziening",
        "name_en": "Customised provision",
        "requires_decision": True,
        "description_nl": "Individuele voorziening op grond van een beschikking (Wmo 2015, Jeugdwet).",
        "description_en": "Individual provision granted by a decision (Wmo 2015, Jeugdwet).",
    },
    {
        "level": 4,
        "code": "specialist_care",
        "name_nl": "Specialistische zorg",
        "name_en": "Specialist care",
        "requires_decision": True,
        "description_nl": "Specialistische of intramurale zorg, vaak na verwijzing.",
        "description_en": "Specialist or residential care, often after a referral.",
    },
]

LEGAL_BASES: list[dict[str, object]] = [
    {
        "code": "wmo2015",
        "abbreviation": "Wmo 2015",
        "name_nl": "Wet maatschappelijke ondersteuning 2015",
        "name_en": "Social Support Act 2015",
        "reference_url": "https://wetten.overheid.nl/BWBR0035362/",
    },
    {
        "code": "jeugdwet",
        "abbreviation": "Jeugdwet",
        "name_nl": "Jeugdwet",
        "name_en": "Youth Act",
        "reference_url": "https://wetten.overheid.nl/BWBR0034925/",
    },
    {
        "code": "participatiewet",
        "abbreviation": "Participatiewet",
        "name_nl": "Participatiewet",
        "name_en": "Participation Act",
        "reference_url": "https://wetten.overheid.nl/BWBR0015703/",
    },
    {
        "code": "wgs",
        "abbreviation": "Wgs",
        "name_nl": "Wet gemeentelijke schuldhulpverlening",
        "name_en": "Municipal Debt Counselling Act",
        "reference_url": "https://wetten.overheid.nl/BWBR0031343/",
    },
]
