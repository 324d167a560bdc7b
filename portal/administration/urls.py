from django.urls import path

from portal.administration import areas, municipality, people, topics

urlpatterns = [
    path("administrasjon/", municipality.index, name="index"),
    path("administrasjon/personer/", people.people, name="people"),
    path("administrasjon/personer/inviter/", people.invite, name="invite"),
    path("administrasjon/roller/<int:pk>/", people.role_change, name="role_change"),
    path("administrasjon/roller/<int:pk>/fjern/", people.role_remove, name="role_remove"),
    path(
        "administrasjon/invitasjoner/<int:pk>/send-igjen/",
        people.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "administrasjon/invitasjoner/<int:pk>/trekk-tilbake/",
        people.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("administrasjon/innstillinger/", municipality.settings, name="settings"),
    path("administrasjon/temaer/", topics.topics, name="topics"),
    path("administrasjon/temaer/<int:pk>/navn/", topics.rename, name="topic_rename"),
    path("administrasjon/temaer/<int:pk>/slaa-sammen/", topics.merge, name="topic_merge"),
    path("administrasjon/temaer/<int:pk>/fase-ut/", topics.retire, name="topic_retire"),
    path("administrasjon/omrader/", areas.areas, name="areas"),
    path("administrasjon/omrader/<int:pk>/", areas.area_change, name="area_change"),
    path("administrasjon/omrader/<int:pk>/fjern/", areas.area_delete, name="area_delete"),
    path("administrasjon/innbyggertall/", areas.population, name="population"),
    path("invitasjon/<str:token>/", people.invitation_accept, name="invitation_accept"),
]
