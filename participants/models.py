from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **extra)


class StakeholderCategory(models.TextChoices):
    """Who a need belongs to, who took part in a test round, who an actor is."""

    CITIZEN = "citizen", _("Innbygger")
    POLITICIAN = "politician", _("Folkevalgt")
    EMPLOYEE = "employee", _("Ansatt")
    BUSINESS = "business", _("Næringsliv")
    VOLUNTARY = "voluntary", _("Frivillighet, lag og forening")
    NEIGHBOUR = "neighbour", _("Nabokommune")
    RESEARCH = "research", _("Kompetansemiljø")
    DEVELOPER = "developer", _("Utbygger eller eiendomsutvikler")
    LOCAL_COUNCIL = "local_council", _("Grendeutvalg")
    CHILDREN = "children", _("Barn og unge")
    ELDERLY = "elderly", _("Eldre")
    OTHER = "other", _("Andre")


class AgeBand(models.TextChoices):
    """The age bands a person may give on their profile, as SSB's population
    figures group them, so participation compares with the population."""

    UNDER_18 = "0-17", _("Under 18 år")
    FROM_18 = "18-29", _("18–29 år")
    FROM_30 = "30-44", _("30–44 år")
    FROM_45 = "45-66", _("45–66 år")
    FROM_67 = "67-79", _("67–79 år")
    FROM_80 = "80+", _("80 år eller eldre")


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Anyone registered is a citizen; further roles
    are held per municipality through ``Membership``. ``is_staff`` only opens
    Django's admin site, for the people who run the installation."""

    email = models.EmailField(_("e-postadresse"), unique=True)
    full_name = models.CharField(_("fullt navn"), max_length=150)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("tilgang til administrasjonen"), default=False)
    email_verified_at = models.DateTimeField(_("e-post bekreftet"), null=True, blank=True)
    date_joined = models.DateTimeField(_("registrert"), default=timezone.now)
    # The language e-mails and notifications are written in; blank until the
    # person chooses one, and then the municipality's written standard applies.
    language = models.CharField(_("språk"), max_length=5, choices=settings.LANGUAGES, blank=True)
    # Set when the mail server refused the address for good (a 5xx answer);
    # the portal shows it to the person and sends no more until it changes.
    email_failing_since = models.DateTimeField(_("e-post avvist siden"), null=True, blank=True)
    email_failure = models.CharField(_("avvisning"), max_length=500, blank=True)
    # When the person was told the account will be deleted for inactivity
    # (participants.privacy.retention_run); cleared when they come back.
    inactive_warning_sent_at = models.DateTimeField(
        _("varslet om inaktivitet"), null=True, blank=True
    )
    # The optional profile: given, changed and withdrawn by the person alone,
    # and read only in aggregate (representativity), never shown to others.
    stakeholder_category = models.CharField(
        _("aktørkategori"), max_length=20, choices=StakeholderCategory.choices, blank=True
    )
    age_band = models.CharField(
        _("aldersgruppe"), max_length=5, choices=AgeBand.choices, blank=True
    )
    area = models.ForeignKey(
        "portal.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class Role(models.TextChoices):
    STAFF = "staff", _("Ansatt")
    POLITICIAN = "politician", _("Folkevalgt")
    ADMIN = "admin", _("Administrator")


class Membership(models.Model):
    """A role a user holds in one municipality. Citizens need none."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("bruker")
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("kommune"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("rolle i kommune")
        verbose_name_plural = _("roller i kommuner")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.municipality})"


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        """Not yet accepted or withdrawn; expired ones included (they may be sent again)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """An e-mail invitation to hold a role in a municipality.

    The link in the e-mail is signed (``participants.invitations``) and names
    this row; it works until ``expires_at``, once, and not after the
    invitation is withdrawn. Accepting creates the account or links the
    existing one with the same address.
    """

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("kommune"),
    )
    email = models.EmailField(_("e-postadresse"))
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitert av"),
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    sent_at = models.DateTimeField(_("sist sendt"), default=timezone.now)
    expires_at = models.DateTimeField(_("utløper"))
    accepted_at = models.DateTimeField(_("godtatt"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godtatt av"),
    )
    withdrawn_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "email"])]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class NotificationState(models.TextChoices):
    """Where a notification's e-mail is on its way. The inbox entry is apart."""

    PENDING = "pending", _("Venter på sending")
    DIGEST = "digest", _("Venter på dagens samlemelding")
    SENT = "sent", _("Sendt")
    DIGESTED = "digested", _("Sendt i en samlemelding")
    FAILED = "failed", _("Kunne ikke sendes")
    NOT_MAILED = "not_mailed", _("Ikke sendt på e-post")


class NotificationGroup(models.TextChoices):
    """What a notification is about, the unit a person sets a preference for."""

    OWN_INPUT = "own_input", _("Det som skjer med innspillene mine")
    FOLLOWED = "followed", _("Prosesser jeg følger")
    OWNED = "owned", _("Nye innspill i prosesser jeg eier")


class NotificationChoice(models.TextChoices):
    IMMEDIATE = "immediate", _("Straks")
    DIGEST = "digest", _("Samlet én gang om dagen")
    OFF = "off", _("Av (bare i innboksen)")


# Own input is told at once; the rest comes in the daily digest.
NOTIFICATION_DEFAULTS = {
    NotificationGroup.OWN_INPUT: NotificationChoice.IMMEDIATE,
    NotificationGroup.FOLLOWED: NotificationChoice.DIGEST,
    NotificationGroup.OWNED: NotificationChoice.DIGEST,
}


class NotificationPreference(models.Model):
    """How one person wants one group of notifications by e-mail. No row: the default."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("bruker"),
    )
    group = models.CharField(_("gjelder"), max_length=20, choices=NotificationGroup.choices)
    choice = models.CharField(_("e-post"), max_length=20, choices=NotificationChoice.choices)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("varslingsvalg")
        verbose_name_plural = _("varslingsvalg")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_preference_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.group}: {self.choice}"


class Notification(models.Model):
    """One thing one person is told: a row in the outbox and in their inbox.

    Written in the transaction of the change that causes it. ``kind`` names
    the templates (``emails/notifications/<kind>_*``); ``facts`` holds what
    happened as data (ids, references, titles, old and new statuses, feedback
    text), so the words are rendered in the recipient's language when sent.
    An e-mail with no account behind it (an invitation) has ``recipient``
    empty and ``to_address`` set.
    """

    recipient = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("mottaker"),
    )
    to_address = models.EmailField(_("til adresse"), blank=True)
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("kommune"),
    )
    kind = models.CharField(_("type"), max_length=60)
    facts = models.JSONField(_("hva som skjedde"), default=dict, blank=True)
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prosess"),
    )
    contribution = models.ForeignKey(
        "processes.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("innspill"),
    )
    in_inbox = models.BooleanField(_("i innboksen"), default=True)
    read_at = models.DateTimeField(_("lest"), null=True, blank=True)
    state = models.CharField(
        _("tilstand"),
        max_length=20,
        choices=NotificationState.choices,
        default=NotificationState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    last_error = models.CharField(_("siste feil"), max_length=500, blank=True)
    digest = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("samlemelding"),
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    queued_at = models.DateTimeField(_("lagt i kø"), default=timezone.now)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        indexes = [
            models.Index(
                fields=["queued_at"],
                name="notification_pending",
                condition=models.Q(state="pending"),
            ),
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_inbox",
                condition=models.Q(in_inbox=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.address}"

    @property
    def address(self) -> str:
        return self.to_address or (self.recipient.email if self.recipient else "")

    @cached_property
    def base_url(self) -> str:
        """``https://<host>`` of the municipality: the start of every link in the
        e-mail (its headers and both bodies ask; it is looked up once)."""
        from portal.selectors import municipality_base_url

        return municipality_base_url(self.municipality)

    @cached_property
    def unsubscribe_url(self) -> str:
        """The one-click unsubscribe link (a signed token: made once, for the
        headers and both bodies)."""
        from participants import unsubscribe

        return unsubscribe.url(self) if self.recipient_id else ""


class DataExport(models.Model):
    """A zip of everything the portal holds about one person (Mine data),
    built by a Celery task and offered for ``DATA_EXPORT_DAYS`` behind a
    signed link only that account can use."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Lages")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Mislyktes")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("bruker")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("fil"), upload_to="exports/", blank=True)
    created_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    ready_at = models.DateTimeField(_("klar"), null=True, blank=True)
    expires_at = models.DateTimeField(_("utløper"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("dataeksport")
        verbose_name_plural = _("dataeksporter")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class Organisation(models.Model):
    """A lag/forening, velforening, grendeutvalg, business or neighbouring
    municipality whose members may give input on its behalf. Registered by a
    signed-in person, who becomes its leader; the municipality names a staff
    member as its contact (*kontaktledd*)."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    category = models.CharField(_("kategori"), max_length=20, choices=StakeholderCategory.choices)
    description = models.TextField(_("om organisasjonen"), max_length=2000, blank=True)
    area = models.ForeignKey(
        "portal.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("område"),
    )
    members = models.ManyToManyField(
        User,
        through="OrganisationMember",
        related_name="organisations",
        blank=True,
        verbose_name=_("medlemmer"),
    )
    # The municipality's contact for the organisation, set by its staff.
    contact = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_organisations",
        verbose_name=_("kontaktledd i kommunen"),
    )
    created_at = models.DateTimeField(_("registrert"), default=timezone.now)

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="one_organisation_name_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organisations:detail", args=[self.pk])


class OrganisationMember(models.Model):
    """A person in an organisation, with their role there."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leder")
        CONTACT = "contact", _("Kontaktperson")
        MEMBER = "member", _("Medlem")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisasjon"),
    )
    person = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("med siden"), default=timezone.now)

    class Meta:
        verbose_name = _("medlem av organisasjon")
        verbose_name_plural = _("medlemmer av organisasjoner")
        ordering = ["organisation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.get_role_display()} ({self.organisation_id})"
