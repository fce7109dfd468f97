"""The legal basis a help request or case rests on. Pure functions, no ORM.

Support by the social neighbourhood team is the municipality's public task (GDPR art. 6(1)(e), for health
data UAVG art. 30(3)). Which law gives that task depends on the question: the Social Support Act (Wmo
2015) by default, the Municipal Debt Counselling Act (Wgs) for a question about debts only, the
Participation Act for a question about work or income only. Youth care under the Jeugdwet is chosen
explicitly by the worker (a household with children does not by itself make it youth care).
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT = "wmo2015"
ONLY_DOMAIN = {
    frozenset({"finances"}): "wgs",
    frozenset({"work_education"}): "participatiewet",
}


def default_legal_basis_code(life_domain_codes: Iterable[str]) -> str:
    """The legal basis code (reference.LegalBasis.code) for a request touching these life domains."""
    return ONLY_DOMAIN.get(frozenset(life_domain_codes), DEFAULT)
