from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ladder.foundations import FACTORS, factor_names


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
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")
