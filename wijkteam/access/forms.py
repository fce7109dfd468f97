from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from wijkteam.core.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass
