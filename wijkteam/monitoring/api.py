"""`/api/v1/metrics/?team=&district=&period=`: the protected figures under the METRICS keys.

The same figures as the dashboard (same `suppression`), with the team's target and whether it is met.
Secret figures are `null` with `"secret": true`. Only whole teams, districts and periods are accepted.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkteam.monitoring import metrics, selectors, suppression


class MetricValueSerializer(serializers.Serializer):
    label = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    secret = serializers.BooleanField(help_text="true: fewer persons than the threshold; value is null")
    display = serializers.CharField(help_text='as shown: "." for secret, "" for unknown')
    target = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    comparison = serializers.CharField(allow_null=True)
    met = serializers.BooleanField(allow_null=True, help_text="null: no target, or the figure is unknown/secret")


class MetricsSerializer(serializers.Serializer):
    period = serializers.CharField()
    team = serializers.IntegerField(allow_null=True)
    district = serializers.CharField(allow_null=True)
    threshold = serializers.IntegerField()
    rounding = serializers.IntegerField()
    metrics = serializers.DictField(child=MetricValueSerializer())
    unavailable_sections = serializers.ListField(child=serializers.CharField())


class MetricsView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description="YYYY, YYYY-Hn or YYYY-Qn"),
            OpenApiParameter("team", OpenApiTypes.INT, required=False),
            OpenApiParameter("district", OpenApiTypes.STR, required=False, description="CBS code, e.g. WK015301"),
        ],
        responses=MetricsSerializer,
    )
    def get(self, request: Request) -> Response:
        if not selectors.can_view_aggregates(request.user):
            raise PermissionDenied
        try:
            scope = selectors.scope_from_query(dict(request.query_params.lists()))
        except suppression.FilterError as error:
            raise ValidationError({"detail": str(error)}) from error
        rules = suppression.rules_from_settings()
        board = metrics.dashboard(scope, rules, trend=False, tables=False)
        body: dict[str, Any] = {
            "period": scope.period.code,
            "team": scope.team.pk if scope.team else None,
            "district": scope.district.code if scope.district else None,
            "threshold": rules.threshold,
            "rounding": rules.rounding,
            "metrics": {
                f.key: {
                    "label": str(f.label),
                    "unit": f.unit,
                    "value": f.value.value,
                    "secret": f.value.secret,
                    "display": f.value.display(),
                    "target": f.target.value if f.target else None,
                    "comparison": f.target.comparison if f.target else None,
                    "met": f.met,
                }
                for f in board.figures().values()
            },
            "unavailable_sections": [s.key for s in board.sections if not s.available],
        }
        return Response(MetricsSerializer(body).data)
