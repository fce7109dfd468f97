"""The tamper-evident chain over the access log and the append-only protection on PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from wijkteam.access.access_log import access_record
from wijkteam.access.chain import chain_verify, entries_digest
from wijkteam.access.models import AccessLogEntry, AccessLogLink
from wijkteam.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged():
    user = UserFactory(roles=["generalist"])
    for person_ids in ([1, 2], [3], [4, 5, 6]):
        access_record(user=user, person_ids=person_ids, action="view", purpose="case work")
    return user


def test_each_recording_adds_one_link_and_the_chain_verifies(logged):
    report = chain_verify()
    assert report.ok and report.entries_checked == AccessLogEntry.objects.count()
    links = list(AccessLogLink.objects.order_by("id"))
    assert [link.entry_count for link in links[-3:]] == [2, 1, 3]
    assert links[-1].previous_hash == links[-2].hash
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "intact" in out.getvalue()


def test_digest_ignores_order_but_not_content():
    class E:
        def __init__(self, **kw):
            self.__dict__.update(
                dict.fromkeys(
                    (
                        "created_at",
                        "request_id",
                        "user_id",
                        "user_repr",
                        "role",
                        "organisation",
                        "on_behalf_of",
                        "action",
                        "data_category",
                        "purpose",
                        "legal_basis",
                        "emergency",
                        "result",
                        "source_ip",
                    ),
                    "",
                )
            )
            self.__dict__.update(kw)

    a, b = E(person_id=1), E(person_id=2)
    assert entries_digest([a, b]) == entries_digest([b, a])
    assert entries_digest([a, b]) != entries_digest([a, E(person_id=3)])


def test_a_rolled_back_recording_leaves_no_gap(logged):
    links_before = AccessLogLink.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        access_record(user=logged, person_ids=[9], action="view", purpose="case work")
        raise RuntimeError("request failed")
    assert AccessLogLink.objects.count() == links_before
    assert chain_verify().ok


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # switch the protection off
        cursor.execute(sql, params)


def test_changed_entry_breaks_the_chain_at_its_link(logged):
    entry = AccessLogEntry.objects.order_by("id")[2]
    _tamper("UPDATE access_accesslogentry SET purpose = %s WHERE id = %s", ["nieuwsgierigheid", entry.pk])
    report = chain_verify()
    assert not report.ok and report.broken_link_id == entry.link_id
    with pytest.raises(SystemExit) as exc:
        call_command("verify_access_log", stderr=StringIO())
    assert exc.value.code == 1


def test_removed_entry_and_removed_link_are_found(logged):
    entry = AccessLogEntry.objects.order_by("-id").first()
    _tamper("DELETE FROM access_accesslogentry WHERE id = %s", [entry.pk])
    assert chain_verify().broken_link_id == entry.link_id


def test_command_names_the_broken_link(logged):
    link = AccessLogLink.objects.order_by("id")[1]
    _tamper("UPDATE access_accessloglink SET entries_digest = %s WHERE id = %s", ["0" * 64, link.pk])
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("verify_access_log", stderr=err)
    assert f"link {link.pk}" in err.getvalue()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE access_accesslogentry SET purpose = 'x'",
        "DELETE FROM access_accesslogentry",
        "UPDATE access_accessloglink SET hash = 'x'",
        "DELETE FROM access_accessloglink",
    ],
)
def test_postgresql_refuses_update_and_delete(logged, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert chain_verify().ok


@pytest.mark.django_db
def test_a_chain_must_start_at_its_signed_checkpoint(settings):
    from django.utils import timezone

    from wijkteam.access.chain import chain_verify, checkpoint_signature
    from wijkteam.access.log_retention import access_log_purge
    from wijkteam.access.models import AccessLogCheckpoint, AccessLogLink

    worker = UserFactory(roles=["generalist"])
    for person in (1, 2, 3):
        access_record(user=worker, person_ids=[person], action="view", purpose="test")
    links = list(AccessLogLink.objects.order_by("id"))
    cut = timezone.now()
    # a checkpoint that claims the chain starts at the last link, while older links are still there
    AccessLogCheckpoint.objects.create(
        first_link_id=links[2].pk,
        previous_hash=links[2].previous_hash,
        removed_before=cut,
        links_removed=0,
        entries_removed=0,
        actor_repr="test",
        signature=checkpoint_signature(
            key=settings.ACCESS_LOG_CHECKPOINT_KEY,
            first_link_id=links[2].pk,
            previous_hash=links[2].previous_hash,
            removed_before=cut,
        ),
    )
    report = chain_verify()
    assert not report.ok and "checkpoint" in report.reason and report.broken_link_id == links[0].pk
    access_log_purge(first_kept_link_id=links[2].pk, removed_before=cut, actor_repr="test")
    report = chain_verify()
    assert report.ok and report.links_checked == 1, report.reason
