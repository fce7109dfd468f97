"""The instruments as shipped: the Zelfredzaamheid-Matrix (ZRM), names and scale labels only.

The ZRM's criteria texts per cell (what a 2 on "Finances" means, and so on) are copyrighted by GGD
Amsterdam and are deliberately NOT included here, in the database or in the templates. Teams that hold a
licence use the matrix itself next to the software; wijkteam stores only the domain and the score.
"""

from __future__ import annotations

ZRM_CODE = "zrm"

INSTRUMENTS: list[dict[str, object]] = [
    {
        "code": ZRM_CODE,
        "name_nl": "Zelfredzaamheid-Matrix (ZRM)",
        "name_en": "Self-Sufficiency Matrix (ZRM)",
        "scale_min": 1,
        "scale_max": 5,
        "source": "© GGD Amsterdam; only domain names and scale labels, the criteria texts are not included.",
        # The 13 life domains of the matrix, by their code in `reference` (in the matrix's order).
        "domains": [
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
            "justice",
        ],
        "labels": [
            (1, "Acute problematiek", "Acute problems"),
            (2, "Niet zelfredzaam", "Not self-reliant"),
            (3, "Beperkt zelfredzaam", "Limited self-reliant"),
            (4, "Voldoende zelfredzaam", "Sufficiently self-reliant"),
            (5, "Volledig zelfredzaam", "Fully self-reliant"),
        ],
    },
]
