from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from participants.forms import LoginForm, RegistrationForm, ResetRequestForm
from participants.lockout import address_locked_out, address_login_failed
from participants.services import user_register, user_retry_email, user_verify_email


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            base_url=request.build_absolute_uri("/"),
        )
        return render(
            request, "participants/register_done.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "participants/register.html", {"form": form})


@require_safe
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    user = user_verify_email(token=token)
    if user is None:
        return render(request, "participants/verify_failed.html", status=400)
    messages.success(request, _("E-postadressen er bekreftet. Nå kan du logge inn."))
    return redirect("participants:login")


@require_http_methods(["POST"])
@login_required
def email_retry(request: HttpRequest) -> HttpResponse:
    """The person has checked the address the mail server refused: mail it again."""
    user_retry_email(user=request.user)
    messages.success(
        request, _("Vi sender e-post til %(email)s igjen.") % {"email": request.user.email}
    )
    candidate = request.POST.get("next", "")
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(candidate)
    return redirect("portal:home")


class FormMethodsOnly:
    """Django's form views treat PUT as POST; ours answer 405 to anything but
    GET, HEAD and POST, before any other check (a logged-in redirect included)."""

    http_method_names = ["get", "head", "post"]

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class LoginView(FormMethodsOnly, auth_views.LoginView):
    form_class = LoginForm
    template_name = "participants/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if address_locked_out(request):
            raise Ratelimited  # settings.RATELIMIT_VIEW answers 429
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: LoginForm) -> HttpResponse:
        # Only a wrong address or password counts, not a blank field or an
        # unverified account.
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            address_login_failed(self.request)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(ratelimit(key="ip", rate="10/h", method="POST", block=True), name="post")
class PasswordResetView(FormMethodsOnly, auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "participants/password_reset.html"
    # The form puts the e-mail in the outbox (ResetRequestForm.send_mail);
    # the templates are emails/notifications/password_reset_*.
    success_url = reverse_lazy("participants:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "participants/password_reset_done.html"


class PasswordResetConfirmView(FormMethodsOnly, auth_views.PasswordResetConfirmView):
    template_name = "participants/password_reset_confirm.html"
    success_url = reverse_lazy("participants:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "participants/password_reset_complete.html"
