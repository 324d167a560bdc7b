"""The inventory of personal data: every model field that holds personal data
or points to a person, declared once.

Each declaration says why the field is kept (a ``Purpose``: what it is for,
the legal basis, how long it is kept) and what deleting the person does with
it (``Action``). Mine data and its download (``participants.privacy.page_collect``
and ``export_collect``), account deletion (``account_erase``), the nightly
retention run (``retention_run``) and the privacy page all read this module, and
``tests/participants/test_personal_data_inventory.py`` walks every installed
model and fails on a field that looks personal and is declared nowhere: a new
model with a name, an address, free text about oneself or a link to a person
must be added here (or to ``NOT_PERSONAL``, with the reason) before it merges.

- A ``Link`` is a field that ties a row to a person: a foreign key or
  many-to-many to the user model, or a column matched against the person's
  e-mail address (``match="email"``), or the session store (``"session"``).
  ``export`` lists what Mine data shows of each such row (lookups, so
  ``process__title`` names the process); nothing in it may name another person.
  ``rows_on_page=False`` makes Mine data show only how many such rows there
  are (the download holds them): the page asks one query per link it shows
  rows of, plus one that counts every link at once.
- A ``Data`` field is personal content in a row a link already ties to
  someone (the text of an input, an organisation's name in a membership).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class Action(StrEnum):
    """What deleting the person does with a field."""

    DELETE = "delete"  # the row goes with the person
    ANONYMISE = "anonymise"  # the row stays; the link to the person is emptied
    SCRUB = "scrub"  # the person's name and address are replaced where they occur
    KEEP = "keep"  # the value stays, tied to nobody (an input's text)


ACTION_LABELS = {
    Action.DELETE: _("slettes"),
    Action.ANONYMISE: _("blir stående uten navn"),
    Action.SCRUB: _("navnet og e-postadressen fjernes"),
    Action.KEEP: _("blir stående uten navn"),
}


@dataclass(frozen=True)
class Purpose:
    key: str
    title: str
    purpose: str
    legal_basis: str
    # May name the figures of ``retention_figures`` (``%(export_days)s``).
    retention: str


@dataclass(frozen=True)
class Link:
    model: str
    field: str
    purpose: str
    on_delete: Action
    export: tuple[str, ...] = ()
    # "pk" (a link to the user), "email" (a column holding the address),
    # "session" (the session store), "target" (an audit entry about the account)
    match: str = "pk"
    # A counter this row fed: (foreign key to the counted row, its counter field).
    counter: tuple[str, str] | None = None
    # A function (dotted path) given the rows before they go, for counters
    # kept elsewhere than on one counted row.
    forget: str = ""
    # The lookup to the process whose pages show this row, to rebuild them.
    process: str = ""
    # Mine data shows this link's rows (up to a page); False: only how many
    # there are, the rows being in the download. Keeps the page's queries few.
    rows_on_page: bool = True


@dataclass(frozen=True)
class Data:
    model: str
    field: str
    purpose: str
    on_delete: Action
    export: bool = True


@dataclass(frozen=True)
class Expiry:
    """Rows of ``model`` whose ``field`` is older than the setting ``days``
    (times ``factor``: 365 for a setting in years) go in the nightly run."""

    model: str
    field: str
    days: str
    factor: int = 1
    where: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Inventory:
    purposes: dict[str, Purpose]
    links: tuple[Link, ...]
    data: tuple[Data, ...]
    not_personal: dict[tuple[str, str], str] = field(default_factory=dict)

    def declared(self) -> set[tuple[str, str]]:
        return {(item.model, item.field) for item in (*self.links, *self.data)}


_LAWFUL_TASK = _(
    "Kommunens oppgave i allmennhetens interesse (personvernforordningen artikkel 6 nr. 1 "
    "bokstav e): å la innbyggerne medvirke og samskape, og å svare dem."
)

PURPOSES = {
    p.key: p
    for p in (
        Purpose(
            "account",
            _("Kontoen din"),
            _(
                "Navnet og e-postadressen din, for at du skal kunne logge inn, stå som "
                "avsender av innspillene dine og få beskjed når det skjer noe med dem. "
                "Språket du velger, og om e-post til deg blir avvist."
            ),
            _(
                "Samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a): du "
                "oppretter kontoen selv og kan slette den når du vil."
            ),
            _(
                "Til du sletter kontoen. En konto som ikke er brukt på %(inactive_months)s "
                "måneder, slettes %(grace_days)s dager etter at vi har varslet deg på e-post."
            ),
        ),
        Purpose(
            "profile",
            _("Profilen din"),
            _(
                "Aktørkategorien, aldersgruppen og området ditt, hvis du har gitt dem. De "
                "brukes bare i tall for hvem som deltar i en prosess, og ingen andre ser dem."
            ),
            _(
                "Samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a): feltene er "
                "frivillige, og du kan fjerne dem når du vil."
            ),
            _("Til du fjerner dem eller sletter kontoen."),
        ),
        Purpose(
            "registration",
            _("Registreringer som ikke er bekreftet"),
            _("En konto som venter på at e-postadressen blir bekreftet."),
            _("Samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a)."),
            _("Slettes etter %(unconfirmed_days)s dager hvis adressen ikke blir bekreftet."),
        ),
        Purpose(
            "contributions",
            _("Innspillene dine"),
            _(
                "Behov, løsningsforslag, kommentarer og testrunder du har gitt, med "
                "referanse, status og tidslinje, slik at prosessen henger sammen og du "
                "kan følge hva som skjer med innspillet ditt."
            ),
            _LAWFUL_TASK,
            _(
                "Så lenge prosessen ligger i portalen. Sletter du kontoen, blir innspillene "
                "stående uten navn, som «Tidligere deltaker»."
            ),
        ),
        Purpose(
            "participation",
            _("Deltakelsen din"),
            _(
                "At du har samme behov som andre, har meldt fra om en kommentar, er med i "
                "en arbeidsgruppe, er medskaper eller er medlem av en organisasjon."
            ),
            _LAWFUL_TASK,
            _("Til du trekker deg eller sletter kontoen."),
        ),
        Purpose(
            "roles",
            _("Roller og saksbehandling"),
            _(
                "Hvem som er ansatt, folkevalgt eller administrator, hvem som eier en "
                "prosess, og hvem som har gjort hva i den (endret status eller trinn, "
                "startet runder, lastet opp vedlegg)."
            ),
            _(
                "Kommunens oppgave i allmennhetens interesse og offentlig myndighet "
                "(personvernforordningen artikkel 6 nr. 1 bokstav e)."
            ),
            _(
                "Så lenge du har rollen. Det du har gjort, blir stående i prosessen uten "
                "navn når kontoen slettes."
            ),
        ),
        Purpose(
            "notifications",
            _("Varsler"),
            _("Det vi har fortalt deg på e-post og i innboksen om innspillene dine."),
            _LAWFUL_TASK,
            _("Slettes %(inbox_days)s dager etter at du har lest dem."),
        ),
        Purpose(
            "security",
            _("Innlogging og sikkerhet"),
            _(
                "Økten din mens du er logget inn, og mislykkede innlogginger (IP-adresse, "
                "nettleser og adressen det ble prøvd med), for å stoppe innbruddsforsøk."
            ),
            _(
                "Kommunens plikt til å sikre opplysningene (personvernforordningen "
                "artikkel 6 nr. 1 bokstav e og artikkel 32)."
            ),
            _(
                "Økten slettes når du logger ut eller den utløper; innloggingsforsøk "
                "etter %(login_days)s dager."
            ),
        ),
        Purpose(
            "audit",
            _("Revisjonslogg"),
            _(
                "Hvem i kommunen som endret en status, et trinn, en beslutning eller en "
                "tilgang, og når, slik at kommunen kan dokumentere saksbehandlingen."
            ),
            _("Rettslig plikt (personvernforordningen artikkel 6 nr. 1 bokstav c), arkivlova."),
            _(
                "%(audit_years)s år. Sletter du kontoen, blir oppføringene stående uten "
                "navnet ditt."
            ),
        ),
        Purpose(
            "exports",
            _("Nedlastinger av dine data"),
            _("Filen med alle dataene dine som du ba om på «Mine data»."),
            _(
                "Din rett til innsyn og dataportabilitet (personvernforordningen "
                "artikkel 15 og 20)."
            ),
            _("Slettes %(export_days)s dager etter at den ble laget."),
        ),
    )
}

USER = settings.AUTH_USER_MODEL
CONTRIBUTION_EXPORT = (
    "reference",
    "kind",
    "process__title",
    "status",
    "body",
    "given_as",
    "stakeholder_category",
    "created_at",
    "need__who_has_need",
    "solution__title",
    "solution__test_plan",
    "testround__place",
    "testround__held_on",
    "testround__findings",
    "testround__learning",
)

# The account's fields that are not shown: a password hash, and Django
# admin's permissions (the portal's roles are Memberships).
NOT_EXPORTED = {"password", "is_superuser", "groups", "user_permissions"}

LINKS = (
    # The account itself: ``field`` "id" is the row's own key.
    Link(
        USER,
        "id",
        "account",
        Action.DELETE,
        export=(
            "email",
            "full_name",
            "language",
            "date_joined",
            "last_login",
            "email_verified_at",
            "email_failing_since",
            "email_failure",
            "inactive_warning_sent_at",
            "stakeholder_category",
            "age_band",
            "area",
            "is_active",
            "is_staff",
        ),
    ),
    Link(
        "participants.Membership",
        "user",
        "roles",
        Action.DELETE,
        export=("municipality__name", "role", "created_at"),
    ),
    Link(
        "participants.OrganisationMember",
        "person",
        "participation",
        Action.DELETE,
        export=("organisation__name", "organisation__municipality__name", "role", "joined_at"),
    ),
    # A staff member named as an organisation's contact in the municipality.
    Link(
        "participants.Organisation",
        "contact",
        "roles",
        Action.ANONYMISE,
        export=("name", "municipality__name"),
        rows_on_page=False,
    ),
    Link(
        "participants.Notification",
        "recipient",
        "notifications",
        Action.DELETE,
        export=("kind", "facts", "created_at", "sent_at", "read_at", "state"),
    ),
    # An e-mail with no account behind it (an invitation) to the same address.
    Link(
        "participants.Notification",
        "to_address",
        "notifications",
        Action.DELETE,
        export=("kind", "created_at", "sent_at"),
        match="email",
        rows_on_page=False,
    ),
    Link(
        "participants.DataExport",
        "user",
        "exports",
        Action.DELETE,
        export=("status", "created_at", "ready_at", "expires_at"),
        rows_on_page=False,
    ),
    Link(
        "portal.AuditEntry",
        "actor",
        "audit",
        Action.ANONYMISE,
        export=("municipality__name", "action", "target_type", "created_at"),
        rows_on_page=False,
    ),
    # An entry about the account itself (a role granted, an anonymisation).
    Link(
        "portal.AuditEntry",
        "target_id",
        "audit",
        Action.ANONYMISE,
        export=("municipality__name", "action", "created_at"),
        match="target",
        rows_on_page=False,
    ),
    Link(
        "admin.LogEntry",
        "user",
        "audit",
        Action.DELETE,
        export=("action_time", "action_flag"),
        rows_on_page=False,
    ),
    Link(
        "participants.NotificationPreference",
        "user",
        "notifications",
        Action.DELETE,
        export=("group", "choice", "updated_at"),
        rows_on_page=False,
    ),
    Link(
        "processes.ProcessFollow",
        "person",
        "participation",
        Action.DELETE,
        export=("process__title", "created_at"),
        process="process_id",
    ),
    # An invitation to the person's address, and the ones they sent or accepted.
    Link(
        "participants.Invitation",
        "email",
        "roles",
        Action.DELETE,
        export=("email", "municipality__name", "role", "created_at", "expires_at", "accepted_at"),
        match="email",
        rows_on_page=False,
    ),
    Link(
        "participants.Invitation",
        "invited_by",
        "roles",
        Action.ANONYMISE,
        export=("municipality__name", "role", "created_at"),
        rows_on_page=False,
    ),
    Link(
        "participants.Invitation",
        "accepted_by",
        "roles",
        Action.ANONYMISE,
        export=("municipality__name", "role", "accepted_at"),
        rows_on_page=False,
    ),
    Link(
        "sessions.Session",
        "session_data",
        "security",
        Action.DELETE,
        export=("expire_date",),
        match="session",
    ),
    Link(
        "axes.AccessAttempt",
        "username",
        "security",
        Action.DELETE,
        export=("attempt_time", "ip_address", "user_agent", "failures_since_start"),
        match="email",
        rows_on_page=False,
    ),
    Link(
        "axes.AccessLog",
        "username",
        "security",
        Action.DELETE,
        export=("attempt_time", "logout_time", "ip_address", "user_agent"),
        match="email",
        rows_on_page=False,
    ),
    Link(
        "axes.AccessFailureLog",
        "username",
        "security",
        Action.DELETE,
        export=("attempt_time", "ip_address", "user_agent", "locked_out"),
        match="email",
        rows_on_page=False,
    ),
    # processes: input stays, tied to nobody ("Tidligere deltaker").
    Link(
        "processes.Contribution",
        "author",
        "contributions",
        Action.ANONYMISE,
        export=CONTRIBUTION_EXPORT,
        process="process_id",
    ),
    Link(
        "processes.NeedSupport",
        "user",
        "participation",
        Action.DELETE,
        export=("need__reference", "need__process__title", "created_at"),
        counter=("need", "support_count"),
        process="need__process_id",
    ),
    Link(
        "processes.CommentReport",
        "user",
        "participation",
        Action.DELETE,
        export=("comment__reference", "reason", "created_at"),
        counter=("comment", "report_count"),
        process="comment__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.Process",
        "owners",
        "roles",
        Action.DELETE,
        export=("title", "slug", "status"),
        process="id",
    ),
    Link(
        "processes.StakeholderEntry",
        "person",
        "participation",
        Action.DELETE,
        export=("process__title", "category", "role", "state", "note", "created_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.StakeholderEntry",
        "added_by",
        "roles",
        Action.ANONYMISE,
        export=("process__title", "created_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.GroupMembership",
        "person",
        "participation",
        Action.DELETE,
        export=(
            "group__name",
            "group__process__title",
            "status",
            "organisation",
            "created_at",
            "joined_at",
        ),
        process="group__process_id",
    ),
    Link(
        "processes.GroupMembership",
        "invited_by",
        "roles",
        Action.ANONYMISE,
        export=("group__name", "created_at"),
        process="group__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.GroupMembership",
        "approved_by",
        "roles",
        Action.ANONYMISE,
        export=("group__name", "joined_at"),
        process="group__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.CoCreator",
        "person",
        "participation",
        Action.DELETE,
        export=("process__title", "appointed_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.CoCreator",
        "appointed_by",
        "roles",
        Action.ANONYMISE,
        export=("process__title", "appointed_at"),
        process="process_id",
        rows_on_page=False,
    ),
    # Sign-ups to arenas, and whether the person came (named attendance).
    Link(
        "processes.ArenaSignup",
        "person",
        "participation",
        Action.DELETE,
        export=(
            "arena__title",
            "arena__process__title",
            "arena__starts_at",
            "status",
            "attended",
            "created_at",
        ),
        process="arena__process_id",
        rows_on_page=False,
    ),
    # Which processes a person took part in and the groups they are counted
    # in there (their profile's answers), for the aggregate participation figures.
    Link(
        "processes.Participant",
        "person",
        "profile",
        Action.DELETE,
        export=(
            "process__title",
            "contributions",
            "supports",
            "attended",
            "stakeholder_category",
            "age_band",
            "area__name",
            "first_at",
        ),
        forget="processes.services.participation.participation_forget",
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.Arena",
        "created_by",
        "roles",
        Action.ANONYMISE,
        export=("title", "process__title", "created_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.ArenaAttendance",
        "recorded_by",
        "roles",
        Action.ANONYMISE,
        export=("arena__title", "stakeholder_category", "updated_at"),
        process="arena__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.WorkingGroup",
        "created_by",
        "roles",
        Action.ANONYMISE,
        export=("name", "process__title", "created_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.Round",
        "started_by",
        "roles",
        Action.ANONYMISE,
        export=("process__title", "number", "started_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.SolutionRevision",
        "edited_by",
        "contributions",
        Action.ANONYMISE,
        export=("solution__reference", "version", "title", "body", "test_plan", "edited_at"),
        process="solution__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.Evidence",
        "uploaded_by",
        "roles",
        Action.ANONYMISE,
        export=("test_round__reference", "original_name", "content_type", "size", "created_at"),
        process="test_round__process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.FoundationScore",
        "scored_by",
        "roles",
        Action.ANONYMISE,
        export=("process__title", "note", "created_at"),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.TimelineEvent",
        "actor",
        "roles",
        Action.ANONYMISE,
        export=(
            "process__title",
            "contribution__reference",
            "kind",
            "to_status",
            "text",
            "created_at",
        ),
        process="process_id",
        rows_on_page=False,
    ),
    Link(
        "processes.LevelChange",
        "changed_by",
        "roles",
        Action.ANONYMISE,
        export=("process__title", "from_level", "to_level", "justification", "changed_at"),
        process="process_id",
        rows_on_page=False,
    ),
)

DATA = (
    # The account row goes whole.
    *(
        Data(USER, name, "account", Action.DELETE, export=name not in NOT_EXPORTED)
        for name in (
            "email",
            "full_name",
            "password",
            "last_login",
            "is_active",
            "is_staff",
            "is_superuser",
            "email_verified_at",
            "date_joined",
            "language",
            "email_failing_since",
            "email_failure",
            "inactive_warning_sent_at",
            "groups",
            "user_permissions",
        )
    ),
    *(
        Data(USER, name, "profile", Action.DELETE)
        for name in ("stakeholder_category", "age_band", "area")
    ),
    # Text that may name someone else: their name and address are replaced
    # in other people's rows when they are deleted.
    Data("participants.Notification", "facts", "notifications", Action.SCRUB),
    Data("participants.Notification", "last_error", "notifications", Action.SCRUB, export=False),
    Data("portal.AuditEntry", "target_label", "audit", Action.SCRUB, export=False),
    Data("portal.AuditEntry", "before", "audit", Action.SCRUB, export=False),
    Data("portal.AuditEntry", "after", "audit", Action.SCRUB, export=False),
    Data("admin.LogEntry", "object_repr", "audit", Action.SCRUB, export=False),
    Data("admin.LogEntry", "change_message", "audit", Action.SCRUB, export=False),
    *(
        Data(f"axes.{model}", name, "security", Action.DELETE, export=name in exported)
        for model, exported in (
            ("AccessAttempt", {"ip_address", "user_agent"}),
            ("AccessLog", {"ip_address", "user_agent"}),
            ("AccessFailureLog", {"ip_address", "user_agent"}),
        )
        for name in ("ip_address", "user_agent", "http_accept", "path_info")
    ),
    Data("axes.AccessAttempt", "get_data", "security", Action.DELETE, export=False),
    Data("axes.AccessAttempt", "post_data", "security", Action.DELETE, export=False),
    Data("axes.AccessLog", "session_hash", "security", Action.DELETE, export=False),
    Data("participants.Invitation", "email", "roles", Action.DELETE),
    Data("processes.Contribution", "body", "contributions", Action.KEEP),
    Data("processes.Need", "who_has_need", "contributions", Action.KEEP),
    Data("processes.CommentReport", "reason", "participation", Action.DELETE),
    Data("processes.GroupMembership", "organisation", "participation", Action.DELETE),
    # What the owners noted about a stakeholder: goes with the person on the map.
    Data("processes.StakeholderEntry", "note", "participation", Action.DELETE),
    Data("processes.ArenaSignup", "attended", "participation", Action.DELETE),
    Data("processes.SolutionRevision", "body", "contributions", Action.KEEP),
    Data("processes.Evidence", "original_name", "roles", Action.KEEP),
    Data("processes.TimelineEvent", "text", "roles", Action.KEEP),
    Data("processes.LevelChange", "justification", "roles", Action.KEEP),
    Data("processes.FoundationScore", "note", "roles", Action.KEEP),
)

# Fields whose names look personal but are not a person's data, and why.
NOT_PERSONAL = {
    **{
        ("portal.Municipality", name): "the municipality's own published contact details"
        for name in (
            "name",
            "contact_email",
            "contact_phone",
            "contact_address",
            "dpo_name",
            "dpo_email",
            "foundation_need_name",
            "foundation_anchoring_name",
            "foundation_driver_name",
            "foundation_team_name",
            "foundation_resources_name",
        )
    },
    ("portal.MunicipalityHost", "hostname"): "a host name of the municipality",
    ("portal.Heartbeat", "name"): "the name of a worker",
    ("participants.Organisation", "name"): "an organisation's public name",
    ("participants.Organisation", "description"): "an organisation's public presentation",
    ("participants.Organisation", "members"): (
        "read through OrganisationMember, whose person link is declared"
    ),
    ("portal.Area", "name"): "a grend, tettsted or bydel of the municipality",
    ("processes.Topic", "name"): "a topic of the municipality",
    ("processes.WorkingGroup", "name"): "a working group's name, chosen by staff",
    ("auth.Group", "name"): "a permission group",
    ("auth.Permission", "name"): "a permission",
    ("auth.Permission", "codename"): "a permission",
    ("sessions.Session", "session_key"): "a random key; the row is declared by session_data",
}

_DELIVERED = ("sent", "digested", "failed", "not_mailed")

# What the nightly retention run (participants.privacy.retention_run) removes
# by age alone. Unconfirmed registrations, expired downloads and inactive
# accounts are removed there too, through account_erase and with their files.
EXPIRIES = (
    Expiry("axes.AccessAttempt", "attempt_time", "LOGIN_ATTEMPT_DAYS"),
    Expiry("axes.AccessLog", "attempt_time", "LOGIN_ATTEMPT_DAYS"),
    Expiry("axes.AccessFailureLog", "attempt_time", "LOGIN_ATTEMPT_DAYS"),
    Expiry("sessions.Session", "expire_date", "EXPIRED_NOW"),
    Expiry(
        "participants.Notification",
        "read_at",
        "NOTIFICATION_INBOX_DAYS",
        where=(("in_inbox", True),),
    ),
    Expiry(
        "participants.Notification",
        "created_at",
        "NOTIFICATION_INBOX_DAYS",
        where=(("in_inbox", False), ("state__in", _DELIVERED)),
    ),
    # An invitation nobody accepted, once its link has expired.
    Expiry(
        "participants.Invitation",
        "expires_at",
        "EXPIRED_NOW",
        where=(("accepted_at__isnull", True),),
    ),
    Expiry("portal.AuditEntry", "created_at", "AUDIT_RETENTION_YEARS", factor=365),
    Expiry("admin.LogEntry", "action_time", "AUDIT_RETENTION_YEARS", factor=365),
)

INVENTORY = Inventory(purposes=PURPOSES, links=LINKS, data=DATA, not_personal=NOT_PERSONAL)


def retention_figures(municipality=None) -> dict[str, int]:
    """The figures the retention texts name, from the settings and the municipality."""
    return {
        "inactive_months": getattr(municipality, "inactive_account_months", 36),
        "grace_days": settings.INACTIVE_ACCOUNT_GRACE_DAYS,
        "unconfirmed_days": settings.UNCONFIRMED_REGISTRATION_DAYS,
        "inbox_days": settings.NOTIFICATION_INBOX_DAYS,
        "login_days": settings.LOGIN_ATTEMPT_DAYS,
        "audit_years": settings.AUDIT_RETENTION_YEARS,
        "export_days": settings.DATA_EXPORT_DAYS,
    }


def purposes_for_page(municipality=None) -> list[dict]:
    """Each purpose as the privacy page shows it, with its retention filled in
    and the kinds of data declared for it."""
    figures = retention_figures(municipality)
    return [
        {
            "key": purpose.key,
            "title": purpose.title,
            "purpose": purpose.purpose,
            "legal_basis": purpose.legal_basis,
            "retention": str(purpose.retention) % figures,
        }
        for purpose in PURPOSES.values()
    ]
