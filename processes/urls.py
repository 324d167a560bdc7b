from django.urls import path

from processes.views import (
    comments,
    ladder,
    levels,
    needs,
    overview,
    solutions,
    test_rounds,
    working_groups,
)

app_name = "processes"

urlpatterns = [
    path("prosesser/", overview.process_list, name="list"),
    path("prosesser/ny/", overview.process_create, name="create"),
    path("prosesser/<slug:slug>/", overview.process_detail, name="detail"),
    path("prosesser/<slug:slug>/historikk/", overview.process_history, name="history"),
    path("prosesser/<slug:slug>/rediger/", overview.process_edit, name="edit"),
    path("prosesser/<slug:slug>/forsidebilde/", overview.process_cover, name="cover"),
    path("prosesser/<slug:slug>/status/", overview.process_status, name="status"),
    path("prosesser/<slug:slug>/trinn/", levels.process_level, name="level"),
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
    path(
        "prosesser/<slug:slug>/arbeidsgrupper/",
        working_groups.working_groups,
        name="working_groups",
    ),
    path(
        "prosesser/<slug:slug>/arbeidsgrupper/ny/",
        working_groups.working_group_new,
        name="working_group_create",
    ),
    path(
        "prosesser/<slug:slug>/arbeidsgrupper/<int:pk>/inviter/",
        working_groups.working_group_invite,
        name="working_group_invite",
    ),
    path(
        "prosesser/<slug:slug>/arbeidsgrupper/<int:pk>/bli-med/",
        working_groups.working_group_join,
        name="working_group_join",
    ),
    path(
        "prosesser/<slug:slug>/medlemskap/<int:pk>/godta/",
        working_groups.membership_yes,
        name="membership_accept",
    ),
    path(
        "prosesser/<slug:slug>/medlemskap/<int:pk>/avslutt/",
        working_groups.membership_no,
        name="membership_end",
    ),
    path("prosesser/<slug:slug>/medskapere/", working_groups.co_creators, name="co_creators"),
    path(
        "prosesser/<slug:slug>/medskapere/<int:pk>/fjern/",
        working_groups.co_creator_end,
        name="co_creator_remove",
    ),
    path(
        "prosesser/<slug:slug>/fasestyring/",
        working_groups.phase_narrowing,
        name="phase_narrowing",
    ),
]
