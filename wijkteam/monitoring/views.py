"""Pages of monitoring: the dashboard (htmx filters), exports, the period report and the reviews.

Every page needs `view_aggregates` (reviews: a policy advisor, or the lead of the team); every figure
is protected by `suppression`; filters are whole teams, districts and periods only.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.access.models import User
from wijkteam.core.htmx import is_htmx
from wijkteam.monitoring import charts, exports, forms, metrics, selectors, services, suppression
from wijkteam.monitoring.models import Improvement
from wijkteam.teams.models import Membership

logger = logging.getLogger(__name__)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _require_aggregates(request: HttpRequest) -> None:
    if not selectors.can_view_aggregates(_user(request)):
        raise PermissionDenied


def _scope_or_error(request: HttpRequest) -> tuple[metrics.Scope | None, str]:
    try:
        return selectors.scope_from_query(dict(request.GET.lists())), ""
    except suppression.FilterError:
        return None, _(
            "Figures can only be filtered by a whole team, a whole district and a whole period "
            "(YYYY, YYYY-Hn or YYYY-Qn)."
        )


def _filter_form(request: HttpRequest, scope: metrics.Scope | None) -> forms.FilterForm:
    place = selectors.municipality()
    initial = {"period": (scope.period.code if scope else selectors.default_period().code)}
    if scope is not None:
        initial["team"] = str(scope.team.pk) if scope.team else ""
        initial["district"] = scope.district.code if scope.district else ""
    return forms.FilterForm(
        initial=initial,
        teams=selectors.team_choices(municipality=place),
        districts=selectors.district_choices(municipality=place),
    )


def _chart_specs(board: metrics.Dashboard) -> dict[str, Any]:
    specs: dict[str, Any] = {}
    for section in board.sections:
        trend = charts.trend_chart(section)
        if trend:
            specs[f"trend-{section.key}"] = trend
        for table in section.tables:
            if table.unit in ("count", "money"):
                spec = charts.table_chart(table)
                if spec:
                    specs[f"table-{table.key}"] = spec
    return specs


def _context(request: HttpRequest, scope: metrics.Scope) -> dict[str, Any]:
    rules = suppression.rules_from_settings()
    board = metrics.dashboard(scope, rules, user=_user(request))
    specs = _chart_specs(board)
    return {
        "board": board,
        "scope": scope,
        "rules": rules,
        "chart_json": {key: json.dumps(spec) for key, spec in specs.items()},
        "query": request.GET.urlencode(),
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _require_aggregates(request)
    scope, error = _scope_or_error(request)
    context: dict[str, Any] = {"form": _filter_form(request, scope), "error": error}
    if scope is not None:
        context.update(_context(request, scope))
    template = "monitoring/dashboard.html#results" if is_htmx(request) else "monitoring/dashboard.html"
    return render(request, template, context, status=400 if error else 200)


@require_GET
def table_export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    _require_aggregates(request)
    if fmt not in ("csv", "xlsx"):
        return HttpResponse(_("Unknown format."), status=404, content_type="text/plain; charset=utf-8")
    scope, error = _scope_or_error(request)
    if scope is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    rules = suppression.rules_from_settings()
    board = metrics.dashboard(scope, rules, user=_user(request), trend=False)
    table = board.tables().get(key)
    if table is None:
        return HttpResponse(_("Unknown table."), status=404, content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        response = HttpResponse(exports.table_csv(table, scope, rules), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.table_xlsx(table, scope, rules), content_type=exports.XLSX_TYPE)
    name = exports.export_filename(key, scope, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The printable period report: the dashboard with static SVG charts and a print stylesheet."""
    _require_aggregates(request)
    scope, error = _scope_or_error(request)
    if scope is None:
        return render(request, "monitoring/report.html", {"error": error}, status=400)
    context = _context(request, scope)
    svgs = {}
    for key, spec in _chart_specs(context["board"]).items():
        try:
            svgs[key] = base64.b64encode(charts.to_svg(spec).encode()).decode()
        except Exception:
            logger.warning("chart %s not rendered", key, exc_info=True)
    context["svgs"] = svgs
    return render(request, "monitoring/report.html", context)


@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    _require_aggregates(request)
    scope, error = _scope_or_error(request)
    if scope is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    rules = suppression.rules_from_settings()
    board = metrics.dashboard(scope, rules, user=_user(request))
    pngs = []
    for section in board.sections:
        spec = charts.trend_chart(section)
        if spec:
            try:
                pngs.append((str(section.title), charts.to_png(spec)))
            except Exception:
                logger.warning("chart %s not rendered", section.key, exc_info=True)
    response = HttpResponse(exports.report_pdf(board, pngs), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename("report", scope, "pdf")}"'
    return response


@require_GET
def cbs_export(request: HttpRequest) -> HttpResponse:
    _require_aggregates(request)
    scope, error = _scope_or_error(request)
    if scope is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    rules = suppression.rules_from_settings()
    response = HttpResponse(exports.cbs_csv(scope, rules), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.export_filename("cbs", scope, "csv")}"'
    return response


# ---------------------------------------------------------------------------------------------- reviews
def _require_reviews(request: HttpRequest) -> None:
    if not selectors.can_use_reviews(_user(request)):
        raise PermissionDenied


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    _require_reviews(request)
    reviews = list(selectors.review_list(user=_user(request)))
    teams = list(selectors.review_teams(user=_user(request)))
    return render(request, "monitoring/review_list.html", {"reviews": reviews, "teams": teams})


@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest, team_pk: int) -> HttpResponse:
    _require_reviews(request)
    team = selectors.review_teams(user=_user(request)).filter(pk=team_pk).first()
    if team is None:
        raise PermissionDenied
    form = forms.ReviewForm(
        request.POST or None, initial={"period": selectors.default_period().code, "held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(team=team, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The review has been created with the results of the period."))
            return redirect("monitoring:review_detail", pk=review.pk)
    return render(request, "monitoring/review_form.html", {"form": form, "team": team})


def _owners(review: Any) -> list[User]:
    ids = Membership.objects.active().filter(team_id=review.team_id).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


def _review_context(request: HttpRequest, review: Any, **forms_: Any) -> dict[str, Any]:
    previous = selectors.previous_review(review)
    earlier = (
        list(previous.improvements.select_related("owner", "followed_up_in").order_by("due_on", "pk"))
        if previous
        else []
    )
    owners = _owners(review)
    return {
        "review": review,
        "previous": previous,
        "earlier_improvements": earlier,
        "reflections": list(review.case_reflections.all()),
        "improvements": list(review.improvements.select_related("owner").order_by("due_on", "pk")),
        "reflections_form": forms_.get("reflections_form")
        or forms.ReflectionsForm(initial={"reflections": review.reflections}),
        "case_form": forms_.get("case_form") or forms.CaseReflectionForm(),
        "improvement_form": forms_.get("improvement_form") or forms.ImprovementForm(owners=owners),
        "follow_up_form": forms.FollowUpForm(),
    }


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviews(request)
    review = selectors.review_get(user=_user(request), pk=pk)
    return render(request, "monitoring/review_detail.html", _review_context(request, review))


@require_POST
def review_reflections(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviews(request)
    review = selectors.review_get(user=_user(request), pk=pk)
    form = forms.ReflectionsForm(request.POST)
    if form.is_valid():
        services.review_update(review=review, reflections=form.cleaned_data["reflections"], actor=_user(request))
        messages.success(request, _("The changes have been saved."))
        return redirect("monitoring:review_detail", pk=review.pk)
    context = _review_context(request, review, reflections_form=form)
    return render(request, "monitoring/review_detail.html", context, status=400)


@require_POST
def case_reflection_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviews(request)
    review = selectors.review_get(user=_user(request), pk=pk)
    form = forms.CaseReflectionForm(request.POST)
    if form.is_valid():
        try:
            services.case_reflection_add(review=review, actor=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The case reflection has been added."))
            return redirect("monitoring:review_detail", pk=review.pk)
    return render(
        request, "monitoring/review_detail.html", _review_context(request, review, case_form=form), status=400
    )


@require_POST
def improvement_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reviews(request)
    review = selectors.review_get(user=_user(request), pk=pk)
    form = forms.ImprovementForm(request.POST, owners=_owners(review))
    if form.is_valid():
        services.improvement_add(review=review, actor=_user(request), **form.cleaned_data)
        messages.success(request, _("The improvement has been added."))
        return redirect("monitoring:review_detail", pk=review.pk)
    context = _review_context(request, review, improvement_form=form)
    return render(request, "monitoring/review_detail.html", context, status=400)


@require_POST
def improvement_follow_up(request: HttpRequest, pk: int, improvement_pk: int) -> HttpResponse:
    _require_reviews(request)
    review = selectors.review_get(user=_user(request), pk=pk)
    improvement = (
        Improvement.objects.select_related("review").filter(pk=improvement_pk, review__team_id=review.team_id).first()
    )
    form = forms.FollowUpForm(request.POST)
    if improvement is None or not form.is_valid():
        messages.error(request, _("Choose a status for the follow-up."))
        return redirect("monitoring:review_detail", pk=review.pk)
    try:
        services.improvement_follow_up(
            improvement=improvement, review=review, actor=_user(request), **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The follow-up has been recorded."))
    return redirect("monitoring:review_detail", pk=review.pk)
