from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("registrer/", views.register, name="register"),
    path("bekreft/<str:token>/", views.verify_email, name="verify_email"),
    path("logg-inn/", views.LoginView.as_view(), name="login"),
    path("logg-ut/", views.LogoutView.as_view(), name="logout"),
    path("glemt-passord/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-passord/sendt/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
