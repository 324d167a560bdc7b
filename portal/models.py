from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ladder.foundations import FACTORS, factor_names
from ladder.levels import Level


class WrittenStandard(models.TextChoices):
    """The municipality's målform: the language a first visit gets.

    Bokmål and nynorsk open in that language; a neutral municipality opens in
    whichever of the two the browser prefers (bokmål when it names neither).
    English, or the other written standard, comes only when the visitor
    chooses it (``portal.middleware.LanguageMiddleware``).
    """

    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    NEUTRAL = "neutral", _("Nøytral: bokmål eller nynorsk etter nettleseren")


class Municipality(models.Model):
    """A tenant: every process, role and organisation belongs to one."""

    name = models.CharField(_("navn"), max_length=120)
    slug = models.SlugField(_("kortnavn"), unique=True)
    logo = models.ImageField(_("logo"), upload_to="municipalities/", blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    contact_address = models.CharField(_("adresse"), max_length=200, blank=True)
    is_default = models.BooleanField(
        _("standardkommune"),
        default=False,
        help_text=_("Brukes når vertsnavnet ikke hører til noen kommune."),
    )
    feedback_promise_days = models.PositiveSmallIntegerField(
        _("svarfrist i dager"),
        default=14,
        help_text=_("Hvor mange dager et innspill kan vente før eierne blir påminnet."),
    )
    written_standard = models.CharField(
        _("målform"),
        max_length=10,
        choices=WrittenStandard.choices,
        default=WrittenStandard.BOKMAL,
        help_text=_(
            "Språket nye besøkende får. Engelsk, eller den andre målformen, får de bare "
            "når de velger det selv."
        ),
    )
    default_process_level = models.PositiveSmallIntegerField(
        _("standardtrinn for nye prosesser"),
        choices=Level.choices,
        default=Level.ACCOUNTABLE,
        help_text=_("Trinnet i samskapingstrappa en ny prosess starter på."),
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("time for dagens samlemelding"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_("Klokkeslettet (0–23) da samlemeldingen med dagens varsler sendes."),
    )
    population_source = models.CharField(
        _("kilde for innbyggertallene"),
        max_length=200,
        blank=True,
        help_text=_("For eksempel «SSB, tabell 07459, 1. januar 2026»."),
    )
    # Personvern: the privacy page names the data protection officer, and
    # accounts nobody has used for this long are warned, then deleted.
    dpo_name = models.CharField(_("personvernombud"), max_length=150, blank=True)
    dpo_email = models.EmailField(_("e-post til personvernombudet"), blank=True)
    inactive_account_months = models.PositiveSmallIntegerField(
        _("slett inaktive kontoer etter (måneder)"),
        default=36,
        help_text=_(
            "Kontoer som ikke har vært brukt så lenge, får først en e-post og slettes "
            "så hvis de fortsatt ikke blir brukt."
        ),
    )
    # De 5 fundamentene under the municipality's own names; blank keeps the default.
    foundation_need_name = models.CharField(
        _("eget navn på fundamentet «Behov»"), max_length=40, blank=True
    )
    foundation_anchoring_name = models.CharField(
        _("eget navn på fundamentet «Forankring»"), max_length=40, blank=True
    )
    foundation_driver_name = models.CharField(
        _("eget navn på fundamentet «Pådriver»"), max_length=40, blank=True
    )
    foundation_team_name = models.CharField(
        _("eget navn på fundamentet «Team»"), max_length=40, blank=True
    )
    foundation_resources_name = models.CharField(
        _("eget navn på fundamentet «Ressurser»"), max_length=40, blank=True
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def foundation_names(self) -> dict[str, str]:
        """Each of de 5 fundamentene's name here (``ladder.foundations``)."""
        return factor_names(
            {factor: getattr(self, f"foundation_{factor}_name") for factor in FACTORS}
        )


class MunicipalityHost(models.Model):
    """A host name that selects its municipality, e.g. medspill.lillevik.kommune.no."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("kommune")
    )
    hostname = models.CharField(_("vertsnavn"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("vertsnavn")
        verbose_name_plural = _("vertsnavn")

    def __str__(self) -> str:
        return self.hostname

    def save(self, *args, **kwargs) -> None:
        self.hostname = self.hostname.strip().lower()
        super().save(*args, **kwargs)


class Area(models.Model):
    """A grend, tettsted or bydel: the municipality's own list, kept by its
    administrator. People may give theirs; processes name the ones they concern."""

    class Kind(models.TextChoices):
        HAMLET = "hamlet", _("Grend")
        TOWN = "town", _("Tettsted")
        DISTRICT = "district", _("Bydel")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="areas", verbose_name=_("kommune")
    )
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.HAMLET)
    # Who lives here (SSB's figures, entered by the administrator): what a
    # process's participation by area is compared with. Empty until entered.
    population = models.PositiveIntegerField(_("innbyggere"), null=True, blank=True)

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class AgePopulation(models.Model):
    """How many of the municipality's inhabitants are in one age band (SSB's
    figures, entered by the administrator): what a process's participation by
    age is compared with."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="age_population",
        verbose_name=_("kommune"),
    )
    # One of participants.AgeBand's values.
    age_band = models.CharField(_("aldersgruppe"), max_length=10)
    count = models.PositiveIntegerField(_("innbyggere"))

    class Meta:
        verbose_name = _("innbyggere i aldersgruppe")
        verbose_name_plural = _("innbyggere etter alder")
        ordering = ["age_band"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "age_band"], name="one_population_per_age_band"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.age_band}: {self.count}"


class Heartbeat(models.Model):
    """When a Celery worker last ran the heartbeat task."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("livstegn")
        verbose_name_plural = _("livstegn")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"


class AuditEntry(models.Model):
    """A staff action that changed a status, a level, a decision or a permission.

    Written by services only; nobody edits or deletes an entry.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        "participants.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The process the change was made in (the target itself, or what it belongs
    # to), so the log filters by process and names it without a query per entry.
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("handling"), max_length=60)
    target_type = models.CharField(_("gjelder"), max_length=60)
    target_id = models.CharField(max_length=40)
    target_label = models.CharField(max_length=255)
    before = models.JSONField(_("før"), default=dict)
    after = models.JSONField(_("etter"), default=dict)
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("revisjonslogg")
        verbose_name_plural = _("revisjonslogg")
        ordering = ["-created_at", "-pk"]
        # The log pages by id (keyset), newest first, filtered by one of these.
        indexes = [
            models.Index(fields=["municipality", "-created_at"]),
            models.Index(fields=["municipality", "-id"], name="audit_by_id"),
            models.Index(fields=["municipality", "actor", "-id"], name="audit_by_actor"),
            models.Index(fields=["municipality", "process", "-id"], name="audit_by_process"),
            models.Index(fields=["municipality", "action", "-id"], name="audit_by_action"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")
