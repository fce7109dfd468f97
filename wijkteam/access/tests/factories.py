from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from wijkteam.access.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass `roles=["generalist"]` to give roles (the groups exist after migrations)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
            self.__dict__.pop("role_codes", None)
