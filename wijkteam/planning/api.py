from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.neighbourhoods.selectors import region_get
from wijkteam.planning import demand, selectors


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
        }
        return Response(ExpectedDemandSerializer(body).data)
