import pytest
from django.test import RequestFactory

from wijkteam.access.access_log import access_record
from wijkteam.access.models import AccessLogEntry
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_one_entry_per_person_sharing_the_request_id(django_assert_max_num_queries):
    user = UserFactory(roles=["generalist"])
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    assert user.role_codes  # loaded once per request, before
    # Constant: lock the chain head, add the link, insert all entries at once, move the head.
    with django_assert_max_num_queries(6):
        entries = access_record(user=user, person_ids=[3, 1, 3], action="view", purpose="case work", request=request)
    assert [e.person_id for e in entries] == [1, 3]
    second = access_record(user=user, person_ids=[2], action="print", purpose="plan for the household", request=request)
    rows = list(AccessLogEntry.objects.order_by("person_id"))
    assert {r.request_id for r in rows} == {entries[0].request_id} == {second[0].request_id}
    assert rows[0].role == "generalist" and rows[0].source_ip == "10.1.2.3" and not rows[0].emergency


def test_nothing_to_log_writes_nothing(django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(0):
        assert access_record(user=user, person_ids=[], action="list", purpose="x") == []
