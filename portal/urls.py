from django.contrib import admin
from django.urls import include, path

from portal import audit_log, language, views

portal_patterns = [
    path("", views.home, name="home"),
    path("tilgjengelighetserklaering/", views.accessibility_statement, name="accessibility"),
    path("personvern/", views.privacy, name="privacy"),
    path("revisjonslogg/", audit_log.audit_log, name="audit_log"),
    path("revisjonslogg/csv/", audit_log.audit_log_csv, name="audit_log_csv"),
    path("logo/", views.municipality_logo, name="logo"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("healthz", views.healthz, name="healthz"),
    path("", include("processes.urls")),
    path("konto/", include("participants.urls")),
    path("organisasjoner/", include("participants.organisation_urls")),
    path("", include(("portal.administration.urls", "administration"))),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
