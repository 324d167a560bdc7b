from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
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


class Organisation(models.Model):
    """A lag/forening, business or grendeutvalg a citizen may act for."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    category = models.CharField(_("kategori"), max_length=20, choices=StakeholderCategory.choices)
    members = models.ManyToManyField(
        User, related_name="organisations", blank=True, verbose_name=_("medlemmer")
    )

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
