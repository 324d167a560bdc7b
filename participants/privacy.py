"""Each person's own data: Mine data, its download, account deletion and the
nightly retention run. All of them read ``participants.personal_data``.

``account_erase`` is the one code path that removes a person; the person
(``account_delete``), a municipality administrator on request
(``account_anonymise``) and the retention run (a system caller, no rule
asked) all go through it.
"""

import io
import json
import logging
import re
import zipfile
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import signing
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Count, F, Func, Max, Q, Subquery, TextField
from django.db.models.functions import Cast, Coalesce, Greatest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from participants.models import DataExport, User
from participants.outbox import notify
from participants.personal_data import DATA, EXPIRIES, LINKS, PURPOSES, USER, Action, Link
from portal.language import reader_language
from portal.models import AuditEntry
from portal.rules import may_anonymise_account, may_delete_account

logger = logging.getLogger("medspill.privacy")

EXPORT_SALT = "medspill.participants.data-export"
FORMER_PARTICIPANT = _("Tidligere deltaker")
# Rows per section on the Mine data page; the download holds them all.
PAGE_ROWS = 20
DAY = timedelta(days=1)
STALE_EXPORT = timedelta(hours=1)
MONTH = timedelta(days=365.25 / 12)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:  # an app that is not installed here
        return None


def _is_many(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), models.ManyToManyField)


def _sessions_of(user_pk: int) -> list:
    from django.contrib.sessions.models import Session

    return [
        session
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user_pk)
    ]


def link_rows(link: Link, user: User):
    """The rows ``link`` ties to ``user``, as a queryset (a list for sessions)."""
    model = _model(link.model)
    if model is None:
        return None
    if link.match == "session":
        return _sessions_of(user.pk)
    if link.match == "target":
        return model.objects.filter(target_type=USER, target_id=str(user.pk))
    if link.match == "email":
        return model.objects.filter(**{f"{link.field}__iexact": user.email})
    if link.model == USER:
        return model.objects.filter(pk=user.pk)
    return model.objects.filter(**{link.field: user})


# --- Mine data ---------------------------------------------------------------------


def _column(model, lookup: str) -> dict:
    """A column of Mine data: the verbose name of the field a lookup such as
    ``process__title`` ends in, and its choices (shown by label, kept as data)."""
    field = None
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    name = getattr(field, "verbose_name", None) or lookup
    if lookup.endswith(("__title", "__name", "__reference")):
        name = getattr(model._meta, "verbose_name", name)
    choices = {str(value): str(label) for value, label in (getattr(field, "choices", None) or [])}
    return {"key": lookup, "label": str(name).capitalize(), "choices": choices}


def _section(link: Link, model) -> dict:
    purpose = PURPOSES[link.purpose]
    return {
        "key": f"{link.model}.{link.field}",
        "title": str(model._meta.verbose_name_plural).capitalize(),
        "purpose": str(purpose.title),
        "purpose_key": purpose.key,
        "columns": [_column(model, lookup) for lookup in link.export],
    }


def _fill(section: dict, values: list[dict], total: int) -> dict:
    section["rows"] = values
    section["cells"] = [
        [
            (
                column["label"],
                column["choices"].get(str(row.get(column["key"])), row.get(column["key"])),
            )
            for column in section["columns"]
        ]
        for row in values
    ]
    section["total"] = total
    return section


def export_collect(user: User) -> list[dict]:
    """Everything the portal holds about ``user``, one section per link of the
    inventory, each row holding only the fields the inventory exports for it."""
    sections = []
    for link in LINKS:
        rows = link_rows(link, user)
        if rows is None:
            continue
        section = _section(link, _model(link.model))
        if link.match == "session":
            values = [{"expire_date": session.expire_date} for session in rows]
        else:
            values = list(rows.order_by("-pk").values(*link.export))
        if values:
            sections.append(_fill(section, values, len(values)))
    return sections


def _count(rows) -> Subquery:
    """``SELECT COUNT(*)`` of ``rows``, as a scalar subquery."""
    counted = rows.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted), 0)


def link_counts(user: User) -> dict[Link, int]:
    """How many rows each link of the inventory ties to ``user``, all in one
    query (the session store, which needs every live session decoded, aside)."""
    counted = {}
    for index, link in enumerate(LINKS):
        if link.match == "session" or link.model == USER:
            continue
        rows = link_rows(link, user)
        if rows is not None:
            counted[f"n{index}"] = (link, _count(rows))
    found = (
        User.objects.filter(pk=user.pk)
        .values(**{name: expression for name, (_link, expression) in counted.items()})
        .first()
        or {}
    )
    return {link: found.get(name, 0) for name, (link, _expression) in counted.items()}


def page_collect(user: User, *, limit: int) -> list[dict]:
    """Mine data: every section of the download, with how many rows each
    holds; the first ``limit`` rows of the links the inventory shows rows of
    (``rows_on_page``), and only the count of the rest. One query counts all
    links, then one per shown link that has rows, however many rows there are."""
    counts = link_counts(user)
    sections = []
    for link in LINKS:
        model = _model(link.model)
        if model is None or link.match == "session":
            # Finding a person's sessions decodes every live one: fine in the
            # Celery task and at deletion, too slow for a page view.
            continue
        if link.model == USER:
            # The account is the signed-in user, already loaded.
            total = 1
            values = [{name: getattr(user, name) for name in link.export}]
        else:
            total = counts.get(link, 0)
            if not total:
                continue
            values = []
            if link.rows_on_page:
                ordered = link_rows(link, user).order_by("-pk").values(*link.export)
                values = list(ordered[:limit])
        section = _fill(_section(link, model), values, total)
        section["counted_only"] = not link.rows_on_page
        sections.append(section)
    return sections


def export_token(export: DataExport) -> str:
    return signing.dumps({"export": export.pk, "user": export.user_id}, salt=EXPORT_SALT)


def export_for_token(*, token: str, user) -> DataExport | None:
    """The ready, unexpired export ``token`` names, if it is ``user``'s own."""
    max_age = settings.DATA_EXPORT_DAYS * 24 * 60 * 60
    try:
        data = signing.loads(token, salt=EXPORT_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not getattr(user, "is_authenticated", False) or data.get("user") != user.pk:
        return None
    return DataExport.objects.filter(
        pk=data.get("export"),
        user=user,
        status=DataExport.Status.READY,
        expires_at__gt=timezone.now(),
    ).first()


@transaction.atomic
def data_export_request(*, user: User, base_url: str) -> DataExport:
    """Order a download of everything; one being made already is that one."""
    from participants.tasks import build_data_export

    pending = DataExport.objects.filter(user=user, status=DataExport.Status.PENDING)
    # One that waited past STALE_EXPORT (a lost task) no longer blocks a new one.
    pending.filter(created_at__lt=timezone.now() - STALE_EXPORT).update(
        status=DataExport.Status.FAILED
    )
    waiting = pending.first()
    if waiting is not None:
        return waiting
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: build_data_export.delay(export.pk, base_url))
    return export


def _zip(user: User, sections: list[dict], generated_at) -> bytes:
    document = {
        "generated_at": generated_at,
        "account": {"email": user.email, "full_name": user.full_name},
        "sections": [
            {key: value for key, value in section.items() if key != "cells"} for section in sections
        ],
    }
    readable = render_to_string(
        "participants/data_export_file.html",
        {"person": user, "sections": sections, "generated_at": generated_at},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "medspill-data.json",
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        archive.writestr("medspill-data.html", readable)
    return buffer.getvalue()


@transaction.atomic
def data_export_build(*, export_id: int, base_url: str) -> DataExport | None:
    """Build the zip of a pending export, store it and tell the person. Safe to
    run twice: an export no longer pending is left alone."""
    export = (
        DataExport.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=export_id, status=DataExport.Status.PENDING)
        .first()
    )
    if export is None:
        return None
    user, now = export.user, timezone.now()
    with translation.override(reader_language(user, None)):
        content = _zip(user, export_collect(user), now)
    export.file.save(f"{get_random_string(32)}.zip", ContentFile(content), save=False)
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + settings.DATA_EXPORT_DAYS * DAY
    export.save(update_fields=["file", "status", "ready_at", "expires_at"])
    notify(
        kind="data_export_ready",
        recipient=user,
        facts={
            "export_id": export.pk,
            "expires_at": export.expires_at.isoformat(),
            "days": settings.DATA_EXPORT_DAYS,
            "url": base_url.rstrip("/") + reverse("participants:my_data"),
        },
        in_inbox=True,
    )
    return export


# --- deletion ----------------------------------------------------------------------


def _lower_counter(rows, model, fk: str, counter: str) -> None:
    """The rows are about to go: lower the counter each fed on the counted row."""
    target = model._meta.get_field(fk).related_model
    for entry in rows.values(fk).annotate(n=Count("pk")):
        target.objects.filter(pk=entry[fk]).update(
            **{counter: Greatest(F(counter) - entry["n"], 0)}
        )


def _replace(value, patterns: list[re.Pattern], label: str):
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(label, value)
        return value
    if isinstance(value, list):
        return [_replace(item, patterns, label) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, patterns, label) for key, item in value.items()}
    return value


def _scrub(model, name: str, words: list[str], label: str) -> int:
    """Replace ``words`` (a name, an address) in ``model.name`` wherever they occur."""
    field = model._meta.get_field(name)
    column = name
    rows = model.objects.all()
    if isinstance(field, models.JSONField):
        rows = rows.annotate(_as_text=Cast(name, TextField()))
        column = "_as_text"
    condition = Q()
    for word in words:
        condition |= Q(**{f"{column}__icontains": word})
    patterns = [re.compile(re.escape(word), re.IGNORECASE) for word in words]
    changed = 0
    for pk, value in rows.filter(condition).values_list("pk", name):
        # QuerySet.update: audit entries refuse save(), and nothing else changes.
        model.objects.filter(pk=pk).update(**{name: _replace(value, patterns, str(label))})
        changed += 1
    return changed


def _delete_files(rows) -> None:
    """The stored files of rows about to go (a Mine data zip) go with them."""
    names = [f.name for f in rows.model._meta.concrete_fields if isinstance(f, models.FileField)]
    for name in names:
        for row in rows.exclude(**{name: ""}):
            getattr(row, name).delete(save=False)


def _delete_sessions(sessions: list) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in sessions:
        store(session_key=session.session_key).delete()
    return len(sessions)


@transaction.atomic
def account_erase(*, person: User) -> dict[str, int]:
    """Remove ``person`` and every personal field the inventory ties to them.

    Their input stays, tied to nobody ("Tidligere deltaker"); the counters
    their supports and reports fed are lowered; their name and address are
    replaced in other people's rows; every process whose pages showed them is
    marked changed, so no cached page keeps the name. Asks no rule: callers do.
    """
    Process = apps.get_model("processes", "Process")
    words = [word for word in (person.email, person.full_name.strip()) if len(word) >= 3]
    process_ids: set[int] = set()
    counts: dict[str, int] = {}
    for link in LINKS:
        rows = link_rows(link, person)
        if rows is None or link.model == USER:
            continue
        key = f"{link.model}.{link.field}"
        if link.match == "session":
            counts[key] = _delete_sessions(rows)
            continue
        model = rows.model
        if link.process:
            process_ids |= set(rows.values_list(link.process, flat=True))
        if link.counter:
            _lower_counter(rows, model, *link.counter)
        if link.forget:
            import_string(link.forget)(rows)
        if link.on_delete == Action.DELETE and _is_many(model, link.field):
            field = model._meta.get_field(link.field)
            through = field.remote_field.through
            counts[key], _ = through.objects.filter(
                **{field.m2m_reverse_field_name(): person}
            ).delete()
        elif link.on_delete == Action.DELETE:
            _delete_files(rows)
            counts[key], _ = rows.delete()
        elif link.on_delete == Action.ANONYMISE:
            empty = None if model._meta.get_field(link.field).null else ""
            counts[key] = rows.update(**{link.field: empty})
    with translation.override(settings.LANGUAGE_CODE):
        for item in DATA:
            model = _model(item.model)
            if item.on_delete == Action.SCRUB and model is not None and words:
                counts[f"{item.model}.{item.field} (scrubbed)"] = _scrub(
                    model, item.field, words, FORMER_PARTICIPANT
                )
    Process.objects.filter(pk__in={pk for pk in process_ids if pk}).update(
        updated_at=timezone.now()
    )
    person.delete()
    counts[USER] = 1
    return counts


def account_delete(*, user: User, password: str) -> dict[str, int]:
    """The person deletes their own account, after giving their password again."""
    may_delete_account(user).require()
    if not user.check_password(password):
        raise ValueError("wrong password")
    return account_erase(person=user)


def account_find_for_anonymising(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


@transaction.atomic
def account_anonymise(*, person: User, by, municipality, reference: str = "") -> dict[str, int]:
    """An administrator removes an account on the person's request, audited."""
    may_anonymise_account(by, municipality, person).require()
    contributions = person.contributions.count()
    counts = account_erase(person=person)
    # The entry says what was done, not to whom: the person's name is gone.
    AuditEntry.objects.create(
        municipality=municipality,
        actor=by,
        action="account.anonymise",
        target_type=USER,
        target_id="",
        target_label=str(FORMER_PARTICIPANT),
        after={"reference": reference.strip(), "contributions_kept": contributions},
    )
    return counts


# --- retention ---------------------------------------------------------------------


def _inactive_months(user: User, default: int) -> int:
    """The longest period set by a municipality the person took part in."""
    Municipality = apps.get_model("portal", "Municipality")
    months = Municipality.objects.filter(
        Q(memberships__user=user)
        | Q(processes__contributions__author=user)
        | Q(organisations__members=user)
    ).aggregate(longest=Max("inactive_account_months"))["longest"]
    return months or default


def _default_inactive_months() -> int:
    Municipality = apps.get_model("portal", "Municipality")
    default = Municipality.objects.filter(is_default=True).first()
    return default.inactive_account_months if default else 36


def _remove_inactive_accounts(now, counts: dict[str, int]) -> None:
    Municipality = apps.get_model("portal", "Municipality")
    # Back since the warning: the clock starts again.
    counts["inactive_warnings_cleared"] = User.objects.filter(
        inactive_warning_sent_at__isnull=False, last_login__gt=F("inactive_warning_sent_at")
    ).update(inactive_warning_sent_at=None)
    default = _default_inactive_months()
    shortest = Municipality.objects.aggregate(m=models.Min("inactive_account_months"))["m"]
    shortest = min(shortest or default, default)
    candidates = (
        User.objects.filter(email_verified_at__isnull=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=now - shortest * MONTH)
    )
    grace = settings.INACTIVE_ACCOUNT_GRACE_DAYS * DAY
    counts.setdefault("inactive_warned", 0)
    counts.setdefault("inactive_deleted", 0)
    counts.setdefault("inactive_kept_as_owner", 0)
    for user in candidates.iterator():
        months = _inactive_months(user, default)
        if user.last_seen >= now - months * MONTH:
            continue
        if user.inactive_warning_sent_at is None:
            notify(
                kind="inactive_account_warning",
                recipient=user,
                facts={
                    "months": months,
                    "grace_days": settings.INACTIVE_ACCOUNT_GRACE_DAYS,
                    "deletion_date": (now + grace).date().isoformat(),
                },
                in_inbox=False,
            )
            User.objects.filter(pk=user.pk).update(inactive_warning_sent_at=now)
            counts["inactive_warned"] += 1
        elif user.inactive_warning_sent_at <= now - grace:
            if not may_delete_account(user):
                counts["inactive_kept_as_owner"] += 1
                continue
            account_erase(person=user)
            counts["inactive_deleted"] += 1


@transaction.atomic
def retention_run(*, now=None) -> dict[str, int]:
    """Remove what the inventory says is kept no longer. Logs counts, never
    content; a second run right after removes nothing."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    unconfirmed = User.objects.filter(
        email_verified_at__isnull=True,
        last_login__isnull=True,
        date_joined__lt=now - settings.UNCONFIRMED_REGISTRATION_DAYS * DAY,
    )
    counts["unconfirmed_registrations"] = 0
    for user in unconfirmed.iterator():
        account_erase(person=user)
        counts["unconfirmed_registrations"] += 1

    expired = DataExport.objects.filter(
        Q(expires_at__lt=now)
        | Q(
            status__in=[DataExport.Status.PENDING, DataExport.Status.FAILED],
            created_at__lt=now - settings.DATA_EXPORT_DAYS * DAY,
        )
    )
    counts["data_exports"] = 0
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        counts["data_exports"] += 1

    for expiry in EXPIRIES:
        model = _model(expiry.model)
        if model is None:
            continue
        days = 0 if expiry.days == "EXPIRED_NOW" else getattr(settings, expiry.days)
        cutoff = now - timedelta(days=days * expiry.factor)
        # A queryset delete: AuditEntry.delete() refuses single entries by design.
        removed, _ = model.objects.filter(
            **{f"{expiry.field}__lt": cutoff}, **dict(expiry.where)
        ).delete()
        key = expiry.model
        counts[key] = counts.get(key, 0) + removed

    _remove_inactive_accounts(now, counts)
    logger.info(
        "privacy retention removed: %s",
        ", ".join(f"{name}={count}" for name, count in sorted(counts.items())),
    )
    return counts
