from django.urls import path

from participants import organisation_views as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="index"),
    path("ny/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/rediger/", views.organisation_update, name="edit"),
    path("<int:pk>/medlemmer/", views.member_create, name="member_add"),
    path("medlemskap/<int:pk>/rolle/", views.member_role, name="member_role"),
    path("medlemskap/<int:pk>/avslutt/", views.member_end, name="member_end"),
]
