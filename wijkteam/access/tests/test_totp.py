import pytest

from wijkteam.access import totp

# RFC 6238 appendix B test secret "12345678901234567890" (SHA-1), 8 digits truncated to our 6.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.mark.parametrize(
    ("timestamp", "code"),
    [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"), (2000000000, "279037")],
)
def test_rfc6238_vectors(timestamp, code):
    assert totp.code_at(RFC_SECRET, totp.step_of(timestamp)) == code


def test_verify_window_and_replay():
    secret = totp.secret_generate()
    now = 1_800_000_000
    code = totp.code_at(secret, totp.step_of(now))
    step = totp.verify(secret, code, now)
    assert step == totp.step_of(now)
    assert totp.verify(secret, code, now + 30) == step  # one step late is fine
    assert totp.verify(secret, code, now + 90) is None  # too late
    assert totp.verify(secret, code, now, last_step=step) is None  # no replay
    assert totp.verify(secret, "12345", now) is None
    assert totp.verify(secret, "abc", now) is None


def test_recovery_codes_are_unique_and_hash_normalised():
    codes = totp.recovery_codes_generate()
    assert len(set(codes)) == 10
    assert totp.recovery_code_hash(codes[0].upper() + " ") == totp.recovery_code_hash(codes[0])


def test_provisioning_uri():
    uri = totp.provisioning_uri("ABC", "fatima@example.nl")
    assert uri.startswith("otpauth://totp/wijkteam:fatima%40example.nl?secret=ABC")
