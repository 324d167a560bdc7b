from django.urls import path

from processes.views import comments, ladder, needs, overview, solutions, test_rounds

app_name = "processes"

urlpatterns = [
    path("prosesser/", overview.process_list, name="list"),
    path("prosesser/ny/", overview.process_create, name="create"),
    path("prosesser/<slug:slug>/", overview.process_detail, name="detail"),
    path("prosesser/<slug:slug>/historikk/", overview.process_history, name="history"),
    path("prosesser/<slug:slug>/rediger/", overview.process_edit, name="edit"),
    path("prosesser/<slug:slug>/forsidebilde/", overview.process_cover, name="cover"),
    path("prosesser/<slug:slug>/status/", overview.process_status, name="status"),
    path("prosesser/<slug:slug>/runder/ny/", overview.round_start, name="round_start"),
    path("prosesser/<slug:slug>/fundamentene/", ladder.foundations, name="foundations"),
    path("trappa/", ladder.ladder_overview, name="ladder"),
    path("innspill/<str:reference>/", overview.contribution_redirect, name="contribution"),
    path("mine-innspill/", overview.my_contributions, name="my_contributions"),
    path("prosesser/<slug:slug>/behov/", needs.need_list, name="needs"),
    path("prosesser/<slug:slug>/behov/nytt/", needs.need_create, name="need_create"),
    path("prosesser/<slug:slug>/behov/<int:pk>/", needs.need_detail, name="need"),
    path("prosesser/<slug:slug>/behov/<int:pk>/stotte/", needs.need_support, name="need_support"),
    path("prosesser/<slug:slug>/behov/<int:pk>/sla-sammen/", needs.need_merge, name="need_merge"),
    path("prosesser/<slug:slug>/losninger/", solutions.solution_list, name="solutions"),
    path("prosesser/<slug:slug>/losninger/ny/", solutions.solution_create, name="solution_create"),
    path("prosesser/<slug:slug>/losninger/<int:pk>/", solutions.solution_detail, name="solution"),
    path(
        "prosesser/<slug:slug>/losninger/<int:pk>/rediger/",
        solutions.solution_edit,
        name="solution_edit",
    ),
    path(
        "prosesser/<slug:slug>/losninger/<int:pk>/status/",
        solutions.solution_status,
        name="solution_status",
    ),
    path(
        "prosesser/<slug:slug>/losninger/<int:pk>/testrunder/ny/",
        test_rounds.test_round_create,
        name="test_round_create",
    ),
    path("prosesser/<slug:slug>/testrunder/", test_rounds.test_round_list, name="test_rounds"),
    path(
        "prosesser/<slug:slug>/testrunder/<int:pk>/",
        test_rounds.test_round_detail,
        name="test_round",
    ),
    path(
        "prosesser/<slug:slug>/testrunder/<int:pk>/rediger/",
        test_rounds.test_round_edit,
        name="test_round_edit",
    ),
    path(
        "prosesser/<slug:slug>/vedlegg/<int:pk>/",
        test_rounds.evidence_download,
        name="evidence",
    ),
    path(
        "prosesser/<slug:slug>/innspill/<int:pk>/kommenter/",
        comments.comment_create,
        name="comment_create",
    ),
    path(
        "prosesser/<slug:slug>/kommentarer/<int:pk>/rapporter/",
        comments.comment_report,
        name="comment_report",
    ),
    path(
        "prosesser/<slug:slug>/kommentarer/<int:pk>/skjul/",
        comments.comment_hide,
        name="comment_hide",
    ),
]
