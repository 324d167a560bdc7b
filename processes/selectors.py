"""Reads and access functions: fetch an object for a user, or refuse.

A refusal is ``PermissionDenied`` with a reason the user can read (shown on
the 403 page), or ``Http404`` when the user may not even know the object exists.
"""

import functools

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from participants.models import Membership, Role
from participants.selectors import user_roles_remember
from portal.rules import municipality_rights_for
from processes.models import (
    ArenaSignup,
    CoCreator,
    Comment,
    Contribution,
    GroupMembership,
    LevelChange,
    Need,
    NeedSupport,
    Process,
    ProcessFollow,
    Solution,
    SummaryPdf,
    TestRound,
    WorkingGroup,
)
from processes.rules import (
    CO_CREATOR_CACHE_ATTR,
    MEMBER_CACHE_ATTR,
    OWNED_CACHE_ATTR,
    may_see,
    rights_for,
)


def _with_viewer(queryset, *, user, municipality):
    """Annotate each process with the signed-in ``user``'s roles in
    ``municipality`` and whether they own it: one query instead of three on
    every page of a process."""
    memberships = Membership.objects.filter(user=user, municipality=municipality)
    owners = Process.owners.through.objects.filter(process=OuterRef("pk"), user=user)
    co_creators = CoCreator.objects.filter(process=OuterRef("pk"), person=user)
    members = GroupMembership.objects.filter(
        group__process=OuterRef("pk"), person=user, status=GroupMembership.Status.ACTIVE
    )
    follows = ProcessFollow.objects.filter(process=OuterRef("pk"), person=user)
    return queryset.annotate(
        viewer_owns=Exists(owners),
        viewer_follows=Exists(follows),
        viewer_co_creates=Exists(co_creators),
        viewer_in_group=Exists(members),
        **{f"viewer_is_{role}": Exists(memberships.filter(role=role)) for role in Role.values},
    )


def process_get_for_user(
    *, user, municipality, slug: str, annotations: dict | None = None
) -> Process:
    """The process ``slug`` in ``municipality`` if ``user`` may see it (drafts
    exist only for the municipality's staff); what they may do there is
    ``processes.rules.rights_for``. ``annotations``: what a page reads with the
    process, in the same query."""
    queryset = Process.objects.filter(municipality=municipality, slug=slug).select_related(
        "current_foundations"
    )
    if annotations:
        queryset = queryset.annotate(**annotations)
    if user.is_authenticated:
        queryset = _with_viewer(queryset, user=user, municipality=municipality)
    process = queryset.first()
    if process is None:
        raise Http404(_("Fant ikke prosessen."))
    process.municipality = municipality  # the request's own: spare the join
    if user.is_authenticated:
        roles = {role for role in Role.values if getattr(process, f"viewer_is_{role}")}
        user_roles_remember(user, municipality, roles)
        for attr, known in (
            (OWNED_CACHE_ATTR, process.viewer_owns),
            (CO_CREATOR_CACHE_ATTR, process.viewer_co_creates),
            (MEMBER_CACHE_ATTR, process.viewer_in_group),
        ):
            user.__dict__.setdefault(attr, {})[process.pk] = known
    if not may_see(user, process):
        raise Http404(_("Fant ikke prosessen."))
    return process


def _child_for_process(model, *, process: Process, pk: int):
    obj = (
        model.objects.select_related("author", "organisation", "arena")
        .filter(process=process, pk=pk)
        .first()
    )
    if obj is None:
        raise Http404(_("Fant ikke innspillet."))
    obj.process = process  # already fetched: spare the query
    if obj.arena_id:
        obj.arena.process = process
    return obj


def need_get(*, process: Process, pk: int) -> Need:
    return _child_for_process(Need, process=process, pk=pk)


def solution_get(*, process: Process, pk: int) -> Solution:
    return _child_for_process(Solution, process=process, pk=pk)


def test_round_get(*, process: Process, pk: int) -> TestRound:
    return _child_for_process(TestRound, process=process, pk=pk)


def comment_get(*, process: Process, pk: int) -> Comment:
    return _child_for_process(Comment, process=process, pk=pk)


def contribution_get(*, process: Process, pk: int) -> Contribution:
    return _child_for_process(Contribution, process=process, pk=pk)


# What ``Process.content_version`` is made of.
_VERSION_FIELDS = ("id", "updated_at", "version", "status", "level")


def _column(name: str) -> str:
    return connection.ops.quote_name(Process._meta.get_field(name).column)


@functools.cache
def _page_version_sql(select: str, where: str) -> str:
    table = connection.ops.quote_name(Process._meta.db_table)
    return f"SELECT {select} FROM {table} WHERE {where}"  # noqa: S608 - our own names


def _version_row(select: str, where: str, params: list) -> tuple | None:
    """One row of ``select`` from the processes table. Raw SQL, because this
    runs on every anonymous page view and compiling the ORM query costs more
    than running it (0.5 ms of Python against 0.2 ms on this machine)."""
    with connection.cursor() as cursor:
        cursor.execute(_page_version_sql(select, where), params)
        return cursor.fetchone()


def process_page_version(request, slug: str, *_args, **_kwargs) -> str | None:
    """What ``Process.content_version`` is made of, for the process ``slug`` in
    the request's municipality: the key of its pages in the whole-page cache
    (``portal.pagecache``), and for a signed-in visitor their rights there.
    ``None`` for no such process, or one the visitor may not see (a draft, for
    anyone but staff), whose view answers as usual (404)."""
    return _page_version(request, slug)


def summary_page_version(request, slug: str, *_args, **_kwargs) -> str | None:
    """The process's page version and the state of its summary's PDF in the
    page's language, in the same one query: a PDF asked for, built or failed
    makes a new copy of the summary page, which shows where the PDF stands."""
    return _page_version(request, slug, extra=_summary_pdf_state())


def _summary_pdf_state() -> tuple[str, list]:
    """A column for the version query: the latest PDF row of the process in the
    active language, as ``<pk>-<status>`` (NULL for none)."""
    quote = connection.ops.quote_name
    meta = SummaryPdf._meta
    pk, status = quote(meta.pk.column), quote(meta.get_field("status").column)
    process, language = (quote(meta.get_field(name).column) for name in ("process", "language"))
    process_id = f"{quote(Process._meta.db_table)}.{_column('id')}"
    sql = (
        f", (SELECT {pk} || '-' || {status} FROM {quote(meta.db_table)} "  # noqa: S608
        f"WHERE {process} = {process_id} AND {language} = %s ORDER BY {pk} DESC LIMIT 1)"
    )
    return sql, [translation.get_language()]


def _page_version(request, slug: str, *, extra: tuple[str, list] = ("", [])) -> str | None:
    """The page version in one query; ``extra``: more columns (SQL beginning
    with a comma, and its parameters) that the version ends with."""
    if request.municipality is None:
        return None
    if request.user.is_authenticated:
        return _signed_in_page_version(request, slug, extra)
    extra_sql, extra_params = extra
    row = _version_row(
        ", ".join(_column(name) for name in _VERSION_FIELDS) + extra_sql,
        f"{_column('municipality')} = %s AND {_column('slug')} = %s AND {_column('status')} <> %s",
        [*extra_params, request.municipality.pk, slug, Process.Status.DRAFT],
    )
    return None if row is None else ":".join(map(str, row))


# The fields of the process the rules read; any other is loaded on first use.
_RULE_FIELDS = (
    "id",
    "municipality",
    "status",
    "level",
    "version",
    "needs_only_in_need_phase",
    "solutions_from_solution_phase",
)


@functools.cache
def _viewer_columns() -> tuple[str, list[str]]:
    """SQL for the viewer's standing in the process (the facts ``_with_viewer``
    annotates: owner, co-creator, active member of one of its working groups,
    follower) and whether they hold each role in its municipality, with the
    roles in the order of their columns. Parameters: the user's id four times, then the
    user's id, the municipality's id and the role for each role."""
    quote = connection.ops.quote_name
    process_id = f"{quote(Process._meta.db_table)}.{_column('id')}"

    def exists(model, *conditions: str) -> str:
        meta = model._meta
        where = " AND ".join(conditions).format(
            **{field.name: quote(field.column) for field in meta.concrete_fields}
        )
        return f"EXISTS (SELECT 1 FROM {quote(meta.db_table)} WHERE {where})"  # noqa: S608

    groups = WorkingGroup._meta
    active = GroupMembership.Status.ACTIVE
    standing = [
        exists(Process.owners.through, f"{{process}} = {process_id}", "{user} = %s"),
        exists(CoCreator, f"{{process}} = {process_id}", "{person} = %s"),
        exists(
            GroupMembership,
            "{person} = %s",
            f"{{status}} = '{active}'",
            f"{{group}} IN (SELECT {quote(groups.pk.column)} FROM {quote(groups.db_table)} "  # noqa: S608
            f"WHERE {quote(groups.get_field('process').column)} = {process_id})",
        ),
        exists(ProcessFollow, f"{{process}} = {process_id}", "{person} = %s"),
    ]
    role = exists(Membership, "{user} = %s", "{municipality} = %s", "{role} = %s")
    roles = list(Role.values)
    return ", ".join([*standing, *([role] * len(roles))]), roles


def _signed_in_page_version(request, slug: str, extra: tuple[str, list]) -> str | None:
    """The version of the process's pages and the visitor's rights there, in one
    query: the process's state, the visitor's standing in it (owner,
    co-creator, working-group member) and their roles.
    The rights come from ``rights_for`` like everywhere else, on the process
    as read here, so a rule that reads more of it loads what it needs."""
    user, municipality = request.user, request.municipality
    viewer_sql, roles = _viewer_columns()
    version_sql = ", ".join(_column(name) for name in _VERSION_FIELDS)
    # In the model's order, as ``Model.from_db`` wants them.
    rule_fields = [field for field in Process._meta.concrete_fields if field.name in _RULE_FIELDS]
    attnames = [field.attname for field in rule_fields]
    rule_sql = ", ".join(_column(field.name) for field in rule_fields)
    params = [user.pk] * 4 + [value for role in roles for value in (user.pk, municipality.pk, role)]
    extra_sql, extra_params = extra
    row = _version_row(
        f"{version_sql}, {viewer_sql}, {rule_sql}{extra_sql}",
        f"{_column('municipality')} = %s AND {_column('slug')} = %s",
        [*params, *extra_params, municipality.pk, slug],
    )
    if row is None:
        return None
    facts_at = len(_VERSION_FIELDS)
    process_at = facts_at + 4 + len(roles)
    extra_at = process_at + len(attnames)
    version = row[:facts_at] + row[extra_at:]
    owned, co_creates, in_group, follows, *held = row[facts_at:process_at]
    process = Process.from_db(connection.alias, attnames, row[process_at:extra_at])
    process.municipality = municipality
    held_roles = {role for role, has in zip(roles, held, strict=True) if has}
    user_roles_remember(user, municipality, held_roles)
    for attr, known in (
        (OWNED_CACHE_ATTR, owned),
        (CO_CREATOR_CACHE_ATTR, co_creates),
        (MEMBER_CACHE_ATTR, in_group),
    ):
        user.__dict__.setdefault(attr, {})[process.pk] = bool(known)
    if not may_see(user, process):
        return None
    # Whether they follow it: the «Følg prosessen» button shows it.
    following = f"follows={int(bool(follows))}"
    return ":".join(map(str, version)) + f"|{following}|" + rights_for(user, process).cache_key


def process_list_version(request, *_args, **_kwargs) -> str | None:
    """How many processes the visitor can list (drafts too, for staff) and when
    the latest one changed: the key of the process list in the whole-page
    cache. Every write to a process or its input touches its ``updated_at``."""
    if request.municipality is None:
        return None
    where, params = f"{_column('municipality')} = %s", [request.municipality.pk]
    if not municipality_rights_for(request.user, request.municipality).staff:
        where, params = f"{where} AND {_column('status')} <> %s", [*params, Process.Status.DRAFT]
    row = _version_row(f"COUNT(*), MAX({_column('updated_at')})", where, params)
    return ":".join(map(str, row))


def my_contributions_version(request, *_args, **_kwargs) -> str | None:
    """How many processes in the municipality hold input from the visitor and
    when the latest of them changed: every write to that input, and every
    answer to it, touches its process. ``None`` for anonymous visitors, who
    are sent to log in."""
    if request.municipality is None or not request.user.is_authenticated:
        return None
    quote = connection.ops.quote_name
    contributions = Contribution._meta
    mine = (
        f"SELECT {quote(contributions.get_field('process').column)} "  # noqa: S608 - our own names
        f"FROM {quote(contributions.db_table)} "
        f"WHERE {quote(contributions.get_field('author').column)} = %s"
    )
    row = _version_row(
        f"COUNT(*), MAX({_column('updated_at')})",
        f"{_column('municipality')} = %s AND {_column('id')} IN ({mine})",
        [request.municipality.pk, request.user.pk],
    )
    return ":".join(map(str, row))


# What citizens gave, for the preview before a level is lowered: per citizen
# action, how much of it the process already holds.
CONTRIBUTION_KIND_OF_ACTION = {
    CitizenAction.LOG_NEED: Contribution.Kind.NEED,
    CitizenAction.PROPOSE_SOLUTION: Contribution.Kind.SOLUTION,
    CitizenAction.COMMENT: Contribution.Kind.COMMENT,
    CitizenAction.RECORD_TEST_ROUND: Contribution.Kind.TEST_ROUND,
}


def citizen_content_counts(process: Process) -> dict[str, int]:
    """Citizen action → how many times citizens did it in ``process``: input
    given as a citizen, and supports by people who are not the municipality's
    staff. Two grouped queries, whatever the process holds."""
    rows = (
        Contribution.objects.filter(process=process, given_as=Contribution.GivenAs.CITIZEN)
        .values_list("kind")
        .annotate(total=Count("pk"))
        .values_list("kind", "total")
        .order_by()
    )
    by_kind = dict(rows)
    counts = {action: by_kind.get(kind, 0) for action, kind in CONTRIBUTION_KIND_OF_ACTION.items()}
    staff = Membership.objects.filter(
        municipality=process.municipality_id, role__in=[Role.STAFF, Role.ADMIN]
    ).values("user")
    counts[CitizenAction.SUPPORT_NEED] = (
        NeedSupport.objects.filter(need__process=process).exclude(user__in=staff).count()
    )
    return counts


def level_history(process: Process, *, limit: int) -> list[LevelChange]:
    """The newest level changes of ``process``, with who made them."""
    return list(
        LevelChange.objects.filter(process=process)
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")[:limit]
    )


def working_groups_for_page(process: Process) -> list:
    """The process's working groups, each with its memberships and people, in two queries."""
    from django.db.models import Prefetch

    memberships = GroupMembership.objects.select_related("person").order_by(
        "status", "person__full_name", "pk"
    )
    groups = list(
        process.working_groups.order_by("name").prefetch_related(
            Prefetch("memberships", queryset=memberships)
        )
    )
    for group in groups:
        group.process = process
        for membership in group.memberships.all():
            membership.group = group
    return groups


def working_group_get(*, process: Process, pk: int):
    group = process.working_groups.filter(pk=pk).first()
    if group is None:
        raise Http404(_("Fant ikke arbeidsgruppen."))
    group.process = process
    return group


def membership_get(*, process: Process, pk: int) -> GroupMembership:
    membership = (
        GroupMembership.objects.select_related("group", "person")
        .filter(group__process=process, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404(_("Fant ikke medlemskapet."))
    membership.group.process = process
    return membership


def co_creator_get(*, process: Process, pk: int) -> CoCreator:
    co_creator = process.co_creators.select_related("person").filter(pk=pk).first()
    if co_creator is None:
        raise Http404(_("Fant ikke medskaperen."))
    co_creator.process = process
    return co_creator


def arena_get(*, process: Process, pk: int):
    arena = process.arenas.filter(pk=pk).first()
    if arena is None:
        raise Http404(_("Fant ikke arenaen."))
    arena.process = process
    return arena


def arena_signup_of(arena, user):
    """``user``'s sign-up for ``arena``, or ``None``."""
    if not user.is_authenticated:
        return None
    return arena.signups.filter(person=user).first()


def arenas_upcoming(process: Process, *, user) -> list:
    """The process's arenas that have not ended, each with its seats taken, how
    many wait, and the visitor's own sign-up status (``mine``): one query, and
    none for a process without arenas."""
    if not process.arenas_count:
        return []
    confirmed, waiting = ArenaSignup.Status.CONFIRMED, ArenaSignup.Status.WAITING
    arenas = process.arenas.filter(ends_at__gt=timezone.now()).annotate(
        taken=Count("signups", filter=Q(signups__status=confirmed)),
        waiting=Count("signups", filter=Q(signups__status=waiting)),
    )
    if user.is_authenticated:
        own = ArenaSignup.objects.filter(arena=OuterRef("pk"), person=user)
        arenas = arenas.annotate(mine=Subquery(own.values("status")[:1]))
    arenas = list(arenas.order_by("starts_at", "pk"))
    for arena in arenas:
        arena.process = process
        arena.__dict__.setdefault("mine", None)
    return arenas
