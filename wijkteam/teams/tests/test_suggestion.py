"""The coordinator suggestion, table-driven: fit, headroom, continuity, district, ties and full teams."""

from decimal import Decimal as D  # noqa: N817 - short in tables

import pytest
from django.utils import translation

from wijkteam.teams.suggestion import WEIGHTS, Candidate, CaseNeed, rank, score

ALL = frozenset(
    [
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
)
LABELS = {"finances": "Financiën", "social_network": "Sociaal netwerk", "work_education": "Werk & opleiding"}


def cand(
    uid, name, *, kind="generalist", domains=(), broad=(), load="0", cap="20", districts=("WK015300",), helped=False
):
    return Candidate(
        user_id=uid,
        name=name,
        kind=kind,
        life_domains=frozenset(domains),
        broad_domains=frozenset(broad),
        caseload=D(load),
        capacity=D(cap),
        districts=frozenset(districts),
        helped_before=helped,
    )


def need(*codes, district=None):
    return CaseNeed(life_domains={c: LABELS[c] for c in codes}, district_code=district)


def names(suggestions):
    return [s.candidate.name for s in suggestions]


def test_weights_add_up_to_100():
    assert sum(WEIGHTS.values()) == 100


@pytest.mark.parametrize(
    ("candidates", "case", "expected"),
    [
        pytest.param(
            [
                cand(1, "Generalist", broad=ALL, load="10"),
                cand(2, "Schuldhulp", domains={"finances"}, load="10"),
                cand(3, "Generalist met schulden", domains={"finances"}, broad=ALL, load="10"),
            ],
            need("finances", "social_network"),
            ["Generalist met schulden", "Generalist", "Schuldhulp"],
            id="specialised discipline counts 1, broad counts 1/2; tie broken by name",
        ),
        pytest.param(
            [cand(1, "Bram", load="10"), cand(2, "Anna", load="10"), cand(3, "anna", load="10")],
            need("finances"),
            ["Anna", "anna", "Bram"],
            id="full tie: name case-insensitively, then user id",
        ),
        pytest.param(
            [cand(1, "A", load="5", cap="10"), cand(2, "B", load="10", cap="20")],
            need("finances"),
            ["B", "A"],
            id="same score: more headroom first",
        ),
        pytest.param(
            [
                cand(1, "Vol", domains={"finances"}, load="20", helped=True),
                cand(2, "Ruimte", load="19"),
            ],
            need("finances", district="WK015300"),
            ["Ruimte", "Vol"],
            id="at capacity ranks below anyone with headroom, even with a higher score",
        ),
        pytest.param(
            [
                cand(1, "Boven", load="25"),
                cand(2, "Kent het gezin", load="20", helped=True),
                cand(3, "Past", domains={"finances"}, load="22"),
            ],
            need("finances"),
            ["Past", "Kent het gezin", "Boven"],
            id="everyone at or above capacity: ranked on the score alone",
        ),
        pytest.param(
            [
                cand(1, "Vrijwilliger", kind="volunteer", domains={"finances"}, cap="0"),
                cand(2, "Teamleider", kind="team_lead", domains={"finances"}, cap="0"),
                cand(3, "Generalist", broad=ALL, load="5"),
            ],
            need("finances"),
            ["Generalist"],
            id="volunteers and team leads are never suggested",
        ),
        pytest.param(
            [cand(1, "Elders", load="5", districts=("WK015301",)), cand(2, "Hier", load="5")],
            need("finances", district="WK015300"),
            ["Hier", "Elders"],
            id="works in the household's district",
        ),
        pytest.param(
            [cand(1, "Nieuw", load="2"), cand(2, "Bekend", load="8", helped=True)],
            need("finances"),
            ["Bekend", "Nieuw"],
            id="continuity outweighs some headroom",
        ),
        pytest.param(
            [cand(1, "Nul fte", cap="0"), cand(2, "Vol", load="20")],
            need("finances"),
            ["Nul fte", "Vol"],
            id="no capacity at all: not above the norm by division, ranked with the full ones",
        ),
    ],
)
def test_ranking(candidates, case, expected):
    assert names(rank(candidates, case, limit=None)) == expected


def test_rank_is_deterministic_whatever_the_input_order():
    candidates = [cand(i, f"Lid {i % 3}", load=str(i % 4 * 5)) for i in range(1, 10)]
    first = [s.candidate.user_id for s in rank(candidates, need("finances"), limit=None)]
    assert first == [s.candidate.user_id for s in rank(list(reversed(candidates)), need("finances"), limit=None)]


def test_limit_defaults_to_three():
    candidates = [cand(i, f"Lid {i}", load=str(i)) for i in range(1, 8)]
    assert names(rank(candidates, need("finances"))) == ["Lid 1", "Lid 2", "Lid 3"]


@pytest.mark.parametrize(
    ("candidate", "case", "breakdown", "total"),
    [
        (cand(1, "A", domains={"finances"}, load="10", helped=True), need("finances", district="WK015300"),
         {"fit": D("40.0"), "headroom": D("12.5"), "continuity": D("20.0"), "district": D("15.0")}, D("87.5")),
        (cand(2, "B", broad=ALL, load="0"), need("finances", "social_network"),
         {"fit": D("20.0"), "headroom": D("25.0"), "continuity": D("0.0"), "district": D("0.0")}, D("45.0")),
        (cand(3, "C", domains={"finances"}, load="20"), need("finances", "social_network", "work_education"),
         {"fit": D("13.3"), "headroom": D("0.0"), "continuity": D("0.0"), "district": D("0.0")}, D("13.3")),
        (cand(4, "D", load="3", cap="9"), need(),
         {"fit": D("0.0"), "headroom": D("16.7"), "continuity": D("0.0"), "district": D("0.0")}, D("16.7")),
    ],
)  # fmt: skip
def test_score_breakdown(candidate, case, breakdown, total):
    result = score(candidate, case)
    assert result.breakdown == breakdown
    assert result.score == total


@pytest.mark.parametrize(
    ("candidate", "case", "reasons"),
    [
        (
            cand(1, "A", domains={"finances", "work_education"}, load="6", helped=True),
            need("finances", "work_education", district="WK015300"),
            [
                "Kent dit huishouden al",
                "Discipline past bij: Financiën, Werk & opleiding",
                "Werkt in de wijk van het huishouden",
                "Ruimte in caseload: 6 van 20",
            ],
        ),
        (
            cand(2, "B", domains={"finances"}, broad=ALL, load="6.5", cap="17.8"),
            need("finances", "social_network"),
            [
                "Discipline past bij: Financiën",
                "Als generalist ook voor: Sociaal netwerk",
                "Ruimte in caseload: 6,5 van 17,8",
            ],
        ),
        (
            cand(3, "C", load="21"),
            need("finances"),
            ["Geen discipline voor deze leefgebieden", "Zit aan of boven de norm"],
        ),
        (cand(4, "D", cap="0"), need(), ["Geen caseloadcapaciteit"]),
    ],
)
def test_reasons_in_plain_dutch(candidate, case, reasons):
    with translation.override("nl"):
        assert list(score(candidate, case).reasons) == reasons


def test_reasons_in_english():
    with translation.override("en"):
        reasons = score(cand(1, "A", domains={"finances"}, load="6", helped=True), need("finances")).reasons
    assert list(reasons) == ["Knows this household already", "Discipline fits: Financiën", "Room in caseload: 6 of 20"]
