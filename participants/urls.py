from django.urls import path

from participants import notification_views, privacy_views, views

app_name = "participants"

urlpatterns = [
    path("registrer/", views.register, name="register"),
    path("bekreft/<str:token>/", views.verify_email, name="verify_email"),
    path("e-post/prov-igjen/", views.email_retry, name="email_retry"),
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
    path("varsler/", notification_views.inbox, name="inbox"),
    path("varsler/<int:pk>/", notification_views.inbox_open, name="inbox_open"),
    path("varsler/alle-lest/", notification_views.inbox_mark_all_read, name="inbox_mark_all_read"),
    path("varsler/uleste/", notification_views.inbox_unread, name="inbox_unread"),
    path(
        "varsler/innstillinger/",
        notification_views.notification_preferences,
        name="notification_preferences",
    ),
    path("varsler/avmeld/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
]

urlpatterns += [
    path("mine-data/", privacy_views.my_data, name="my_data"),
    path(
        "mine-data/last-ned/<str:token>/",
        privacy_views.data_export_download,
        name="data_export_download",
    ),
    path("profil/", privacy_views.profile, name="profile"),
    path("slett-konto/", privacy_views.account_delete, name="account_delete"),
    path("anonymiser-konto/", privacy_views.account_anonymise_view, name="account_anonymise"),
]
