from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.neighbourhoods.selectors import region_get
from wijkteam.planning import demand, selectors
from wijkteam.teams.selectors import TEAM_PAGE_CAPABILITIES, can_any


class ExpectedDemandInputSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="null: missing for this region")
    z = serializers.FloatField(allow_null=True, help_text="(value − reference) / scale")
    reference = serializers.FloatField(help_text="the Dutch level the model is centred on")
    scale = serializers.FloatField()
    year = serializers.IntegerField(allow_null=True)
    source_table = serializers.CharField(allow_null=True)


class ExpectedDemandDomainSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    expected_per_1000_households = serializers.FloatField()
    expected_requests = serializers.FloatField(allow_null=True, help_text="per year; null: households missing")
    contributions = serializers.DictField(child=serializers.FloatField())
    missing_inputs = serializers.ListField(child=serializers.CharField())
    complete = serializers.BooleanField()


class ExpectedDemandSerializer(serializers.Serializer):
    region = serializers.CharField()
    model_version = serializers.CharField()
    calibrated_on = serializers.IntegerField(help_text="districts the weights were fitted on; 0: starting assumptions")
    households = serializers.FloatField(allow_null=True)
    households_year = serializers.IntegerField(allow_null=True)
    households_source_table = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()
    missing_inputs = serializers.ListField(child=serializers.CharField())
    inputs = ExpectedDemandInputSerializer(many=True)
    domains = ExpectedDemandDomainSerializer(many=True)
    note = serializers.CharField()
    weight_set = serializers.CharField(allow_null=True, help_text="the municipality's active weight set; null: shipped")


class ExpectedDemandView(APIView):
    """Expected help requests per life domain of a region (`/api/v1/regions/{code}/expected-demand/`).

    Computed from the region's open CBS figures with the transparent model of `planning.demand`; an
    aggregate of an area, never of a person, so any logged-in user may read it.
    """

    @extend_schema(responses=ExpectedDemandSerializer)
    def get(self, request: Request, code: str) -> Response:
        expected = selectors.expected_demand_for_region(region=region_get(code=code))
        estimate = expected.estimate
        body: dict[str, Any] = {
            "region": expected.region.code,
            "model_version": estimate.model.version,
            "calibrated_on": estimate.model.calibrated_on,
            "households": estimate.households,
            "households_year": estimate.households_year,
            "households_source_table": estimate.households_source,
            "complete": estimate.complete,
            "missing_inputs": list(estimate.missing_inputs),
            "inputs": [
                {
                    "key": value.key,
                    "name": value.definition.name,
                    "unit": value.definition.unit,
                    "value": value.value,
                    "z": value.z,
                    "reference": value.definition.reference,
                    "scale": value.definition.scale,
                    "year": value.year,
                    "source_table": value.source_table,
                }
                for value in expected.inputs
            ],
            "domains": [
                {
                    "code": row.estimate.domain,
                    "name": row.name,
                    "expected_per_1000_households": row.estimate.rate,
                    "expected_requests": row.estimate.count,
                    "contributions": row.estimate.contributions,
                    "missing_inputs": list(row.estimate.missing_inputs),
                    "complete": row.estimate.complete,
                }
                for row in expected.rows
            ],
            "note": demand.NOTE,
            "weight_set": expected.weight_set.name if expected.weight_set else None,
        }
        return Response(ExpectedDemandSerializer(body).data)


class CompositionLineSerializer(serializers.Serializer):
    discipline = serializers.CharField(help_text="code of the discipline")
    name = serializers.CharField()
    needed_fte = serializers.DecimalField(max_digits=6, decimal_places=1)
    available_fte = serializers.DecimalField(max_digits=6, decimal_places=1)
    gap_fte = serializers.DecimalField(max_digits=6, decimal_places=1, help_text="positive: too little")
    status = serializers.ChoiceField(choices=["shortage", "surplus", "balance"])
    words = serializers.CharField()
    life_domains = serializers.ListField(child=serializers.CharField())


class CompositionDistrictSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    households = serializers.FloatField(allow_null=True, help_text="null: unknown, district not counted")
    households_estimated = serializers.BooleanField(
        help_text="true: residents × the municipality's households per resident (CBS gives none for the district)"
    )
    households_year = serializers.IntegerField(allow_null=True)
    expected_requests = serializers.DictField(child=serializers.FloatField(), allow_null=True)


class CompositionAdviceSerializer(serializers.Serializer):
    team = serializers.IntegerField()
    what_if = serializers.BooleanField()
    weight_set = serializers.CharField(allow_null=True, help_text="null: the shipped weights")
    norm_per_fte = serializers.DecimalField(max_digits=5, decimal_places=1)
    cases_per_year = serializers.DecimalField(max_digits=8, decimal_places=1)
    open_cases = serializers.DecimalField(max_digits=8, decimal_places=1)
    needed_fte = serializers.DecimalField(max_digits=6, decimal_places=1)
    available_fte = serializers.DecimalField(max_digits=6, decimal_places=1)
    fte_without_discipline = serializers.DecimalField(max_digits=6, decimal_places=1)
    words = serializers.CharField()
    districts = CompositionDistrictSerializer(many=True)
    lines = CompositionLineSerializer(many=True)


class CompositionAdviceView(APIView):
    """FTE per discipline a team needs for the expected demand of its districts, beside what its members
    give (`/api/v1/teams/{id}/composition-advice/`); `?districts=WK034401,WK034402` gives the same advice
    for that set of the municipality's districts (what-if). For team leads (of that team only), policy
    advisors, analysts and functional administrators; aggregates only, no person."""

    @extend_schema(
        responses=CompositionAdviceSerializer,
        parameters=[
            OpenApiParameter("districts", str, description="what-if: comma-separated CBS district codes"),
        ],
    )
    def get(self, request: Request, pk: int) -> Response:
        user = request.user
        if not can_any(user, TEAM_PAGE_CAPABILITIES):  # type: ignore[arg-type]
            raise PermissionDenied
        team = selectors.composition_team_get_for_user(user=user, pk=pk)  # type: ignore[arg-type]
        districts = None
        if "districts" in request.query_params:
            codes = request.query_params["districts"].split(",")
            try:
                districts = selectors.districts_by_codes(municipality=team.municipality, codes=codes)
            except ValueError as exc:
                raise ValidationError({"districts": [str(exc)]}) from exc
            if not districts:
                raise ValidationError({"districts": [_("Choose at least one district.")]})
        result = selectors.composition_advice(team=team, districts=districts)
        advice = result.advice
        body = {
            "team": team.pk,
            "what_if": result.what_if,
            "weight_set": result.weight_set.name if result.weight_set else None,
            "norm_per_fte": advice.settings.norm_per_fte,
            "cases_per_year": advice.cases_per_year,
            "open_cases": advice.open_cases,
            "needed_fte": advice.needed,
            "available_fte": advice.available,
            "fte_without_discipline": result.without_discipline,
            "words": advice.words,
            "districts": [
                {
                    "code": d.district.code,
                    "name": d.district.display_name,
                    "households": d.households.value,
                    "households_estimated": d.households.estimated,
                    "households_year": d.households.year,
                    "expected_requests": d.requests_per_domain,
                }
                for d in result.districts
            ],
            "lines": [
                {
                    "discipline": line.discipline,
                    "name": line.name,
                    "needed_fte": line.needed,
                    "available_fte": line.available,
                    "gap_fte": line.gap,
                    "status": line.status,
                    "words": line.words,
                    "life_domains": list(line.domains),
                }
                for line in advice.lines
            ],
        }
        return Response(CompositionAdviceSerializer(body).data)
