"""The case-page section registry: other apps add sections to the content page, never to the index card."""

import pytest
from django.urls import reverse

from wijkteam.cases.sections import case_sections, register_case_section, unregister_case_section
from wijkteam.cases.tests.factories import scenario_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    seen = []

    def context(request, view):
        seen.append(view.case.pk)
        return None if view.case.help_request.words == "hide" else {"marker": f"sectie-{view.case.pk}"}

    register_case_section(
        key="test_section", template="cases/tests/section.html", context=context, place="aside", order=1
    )
    yield seen
    unregister_case_section("test_section")


def test_a_registered_section_shows_on_the_content_page_only(client, section):
    s = scenario_create()
    client.force_login(s.coordinator)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert f"sectie-{s.case_a.pk}" in html
    client.force_login(s.teammate)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert "sectie-" not in html  # the index card has no sections


def test_a_section_returning_none_is_left_out(rf, section):
    s = scenario_create()
    s.case_a.help_request.words = "hide"

    class View:
        case = s.case_a

    sections = case_sections(rf.get("/"), View())
    assert set(sections) == {"main", "aside"}
    assert all(rendered.key != "test_section" for place in sections.values() for rendered in place)


def test_place_is_checked():
    with pytest.raises(ValueError):
        register_case_section(key="x", template="x.html", context=lambda r, v: {}, place="footer")
