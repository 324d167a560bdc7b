from django.contrib import admin
from django.urls import include, path

from portal import views

portal_patterns = [
    path("", views.home, name="home"),
    path("tilgjengelighetserklaering/", views.accessibility_statement, name="accessibility"),
    path("personvern/", views.privacy, name="privacy"),
    path("revisjonslogg/", views.audit_log, name="audit_log"),
    path("logo/", views.municipality_logo, name="logo"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("healthz", views.healthz, name="healthz"),
    path("", include("processes.urls")),
    path("konto/", include("participants.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
