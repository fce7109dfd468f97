import pytest

from wijkteam.households import names


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("De Vries", "de vries"),
        ("Çelik", "celik"),
        ("Ayşe Öztürk-Yılmaz", "ayse ozturk yilmaz"),
        ("Müller-Lüdenscheidt", "muller ludenscheidt"),
        ("Straße", "strasse"),
        ("Ørsted", "orsted"),
        ("Ĳsbrand", "ijsbrand"),
        ("'t Hart", "t hart"),
        ("  Jan   Pieter ", "jan pieter"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, folded):
    assert names.fold(text) == folded


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("de Vries", ("de", "Vries")),
        ("De Vries", ("De", "Vries")),
        ("Vries, de", ("de", "Vries")),
        ("Berg, van den", ("van den", "Berg")),
        ("van der Berg", ("van der", "Berg")),
        ("'t Hart", ("'t", "Hart")),
        ("Jansen", ("", "Jansen")),
        ("Van", ("", "Van")),
        ("Jansen-de Vries", ("", "Jansen-de Vries")),
        ("  de   Vries ", ("de", "Vries")),
    ],
)
def test_name_split(text, split):
    assert names.name_split(text) == split


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("de Vries", "vries"),
        ("De Vries", "vries"),
        ("Vries, de", "vries"),
        ("VRIES", "vries"),
        ("van der Berg", "berg"),
        ("Van Der Berg", "berg"),
        ("'t Hart", "hart"),
        ("d'Ancona", "ancona"),
        ("Çelik", "celik"),
        ("Jansen-de Vries", "jansen de vries"),
        ("Van", "van"),
    ],
)
def test_family_name_key_ignores_prefix_case_and_accents(text, key):
    assert names.family_name_key_from_text(text) == key


def test_family_name_key_is_the_same_however_the_prefix_was_stored():
    assert names.family_name_key("de", "Vries") == names.family_name_key("", "De Vries") == "vries"


@pytest.mark.parametrize(
    ("parts", "full", "sort", "surname"),
    [
        (("Jan Pieter", "de", "Vries"), "Jan Pieter de Vries", "Vries, Jan Pieter de", "De Vries"),
        (("", "van der", "Berg"), "van der Berg", "Berg, van der", "Van der Berg"),
        (("Ayşe", "", "Çelik"), "Ayşe Çelik", "Çelik, Ayşe", "Çelik"),
        (("", "", "Jansen"), "Jansen", "Jansen", "Jansen"),
    ],
)
def test_display_forms(parts, full, sort, surname):
    assert names.full_name(*parts) == full
    assert names.sort_name(*parts) == sort
    assert names.surname(*parts[1:]) == surname


def test_search_text():
    assert names.search_text("Ayşe", "van", "Çelik") == "ayse van celik"
