from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.access import totp, two_factor
from wijkteam.access.forms import EnrollForm, LoginForm, SecondFactorForm, StyledPasswordChangeForm
from wijkteam.access.models import TwoFactorDevice, User

PENDING_USER = "wijkteam_pending_user"
PENDING_BACKEND = "wijkteam_pending_backend"
PENDING_NEXT = "wijkteam_pending_next"


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "access/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "oidc_enabled": getattr(settings, "OIDC_ENABLED", False)}

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if not two_factor.two_factor_required(user):
            return super().form_valid(form)
        # Password is right; the session is not logged in until the second factor is given.
        self.request.session.cycle_key()
        self.request.session[PENDING_USER] = user.pk
        self.request.session[PENDING_BACKEND] = user.backend
        self.request.session[PENDING_NEXT] = self.get_success_url()
        if two_factor.two_factor_confirmed(user):
            return redirect("access:second_factor")
        return redirect("access:two_factor_enroll")


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    return User.objects.filter(pk=user_id, is_active=True).first() if user_id else None


def _complete_login(request: HttpRequest, user: User) -> HttpResponseRedirect:
    backend = request.session.get(PENDING_BACKEND)
    target = request.session.get(PENDING_NEXT) or reverse("core:home")
    for key in (PENDING_USER, PENDING_BACKEND, PENDING_NEXT):
        request.session.pop(key, None)
    login(request, user, backend=backend)
    request.session[BACKEND_SESSION_KEY] = backend
    request.session[two_factor.SESSION_SECOND_FACTOR] = True
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("core:home")
    return redirect(target)


@login_not_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step two of the login: a code from the authenticator app or a recovery code."""
    user = _pending_user(request)
    if user is None:
        return redirect("access:login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        source_ip = request.META.get("REMOTE_ADDR")
        if two_factor.login_locked(username=user.username, source_ip=source_ip):
            form.add_error(None, _("Too many failed attempts. Wait 15 minutes and try again."))
        elif two_factor.two_factor_verify(user=user, code=form.cleaned_data["code"]):
            return _complete_login(request, user)
        else:
            two_factor.login_attempt_record(username=user.username, source_ip=source_ip, success=False)
            form.add_error("code", _("This code is not correct."))
    return render(request, "access/second_factor.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def two_factor_enroll(request: HttpRequest) -> HttpResponse:
    """First login of a worker who sees person-level data: set up the authenticator app."""
    user = _pending_user(request)
    if user is None:
        return redirect("access:login")
    if two_factor.two_factor_confirmed(user):
        return redirect("access:second_factor")
    device = TwoFactorDevice.objects.filter(user=user).first()
    if request.method == "GET" or device is None:
        device = two_factor.two_factor_enroll_start(user=user)
    form = EnrollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.two_factor_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.messages[0])
        else:
            response = _complete_login(request, user)
            messages.success(request, _("Your authenticator app is set up."))
            return render(request, "access/recovery_codes.html", {"codes": codes, "next": response.url})
    grouped = " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))
    return render(
        request,
        "access/two_factor_enroll.html",
        {"form": form, "secret": grouped, "uri": totp.provisioning_uri(device.secret, user.username)},
    )


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "access/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("access:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "access/password_change_done.html"
