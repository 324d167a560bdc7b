"""Processes, their BLT rounds, and every input as a contribution with a timeline.

Needs, solutions, comments and test rounds are all contributions (multi-table
inheritance): each gets a public reference such as ``INN-2026-0042``, a status
and a timeline of status changes with a reasoned feedback text.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ladder.foundations import FACTORS, SCORE_MAX, SCORE_MIN
from ladder.levels import Level
from participants.models import StakeholderCategory

TITLE_MAX = 200
TEXT_MAX = 10_000
ORGANISATION_MAX = 200
FOUNDATION_SCORE = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class TopicQuerySet(models.QuerySet):
    def in_municipality(self, municipality) -> "TopicQuerySet":
        return self.filter(municipality=municipality)

    def active(self) -> "TopicQuerySet":
        """The topics new processes and needs may choose: not retired."""
        return self.filter(retired_at__isnull=True)

    def choosable_for(self, municipality, *, keeping=()) -> "TopicQuerySet":
        """The active topics, and the retired ones an item already carries
        (``keeping``), so editing an old item does not drop them."""
        keep = [topic.pk for topic in keeping]
        return self.in_municipality(municipality).filter(
            Q(retired_at__isnull=True) | Q(pk__in=keep)
        )


class Topic(models.Model):
    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.CASCADE, related_name="topics"
    )
    name = models.CharField(_("navn"), max_length=80)
    slug = models.SlugField(_("kortnavn"), max_length=80)
    # Retired: no longer offered for new items, kept on the items that have it.
    retired_at = models.DateTimeField(_("faset ut"), null=True, blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unique_topic_slug")
        ]

    def __str__(self) -> str:
        return self.name


class ProcessQuerySet(models.QuerySet):
    def in_municipality(self, municipality) -> "ProcessQuerySet":
        return self.filter(municipality=municipality)

    def public(self) -> "ProcessQuerySet":
        return self.exclude(status=Process.Status.DRAFT)


class Process(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        OPEN = "open", _("Åpen")
        CONCLUDED = "concluded", _("Avsluttet")
        ARCHIVED = "archived", _("Arkivert")

    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.CONCLUDED},
        Status.CONCLUDED: {Status.OPEN, Status.ARCHIVED},
        Status.ARCHIVED: set(),
    }

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.CASCADE,
        related_name="processes",
        verbose_name=_("kommune"),
    )
    title = models.CharField(_("tittel"), max_length=TITLE_MAX)
    slug = models.SlugField(_("kortnavn"), max_length=80)
    summary = models.TextField(_("sammendrag"), max_length=1000)
    problem_statement = models.TextField(
        _("Hva er egentlig behovet, og hvem har det?"), max_length=TEXT_MAX
    )
    # Handlingsrom: the room the process has to move in.
    already_decided = models.TextField(
        _("Dette er allerede bestemt"), max_length=TEXT_MAX, blank=True
    )
    open_questions = models.TextField(_("Dette er åpent"), max_length=TEXT_MAX, blank=True)
    budget = models.CharField(_("Budsjett"), max_length=TITLE_MAX, blank=True)
    constraints = models.TextField(_("Rammer og begrensninger"), max_length=TEXT_MAX, blank=True)
    decision_maker = models.CharField(
        _("Hvem tar den endelige beslutningen"), max_length=TITLE_MAX, blank=True
    )
    decision_due = models.DateField(_("Når beslutningen tas"), null=True, blank=True)
    # What the municipality frames a process with; on step 4 it must say.
    mandate = models.TextField(_("Mandat fra kommunen"), max_length=TEXT_MAX, blank=True)
    facilitator = models.CharField(
        _("Hvem i kommunen fasiliterer"), max_length=TITLE_MAX, blank=True
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    level = models.PositiveSmallIntegerField(
        _("trinn i samskapingstrappa"),
        choices=Level.choices,
        default=Level.ACCOUNTABLE,
        db_index=True,
    )
    target_level = models.PositiveSmallIntegerField(
        _("mål for trinn"), choices=Level.choices, default=Level.ACCOUNTABLE
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="owned_processes", verbose_name=_("eiere")
    )
    areas = models.ManyToManyField(
        "portal.Area", blank=True, related_name="processes", verbose_name=_("områder")
    )
    topics = models.ManyToManyField(
        Topic, related_name="processes", blank=True, verbose_name=_("temaer")
    )
    cover_image = models.ImageField(_("forsidebilde"), upload_to="processes/", blank=True)
    cover_alt = models.CharField(_("bildetekst for skjermlesere"), max_length=TITLE_MAX, blank=True)
    # Phase narrowing: the owners may let the current round's phase narrow
    # what citizens may give beyond what the level allows (processes.rules).
    needs_only_in_need_phase = models.BooleanField(
        _("Nye behov bare i behovsfasen"),
        default=False,
        help_text=_("Innbyggere kan melde nye behov bare når runden er i fasen «Behov»."),
    )
    solutions_from_solution_phase = models.BooleanField(
        _("Nye løsninger først fra løsningsfasen"),
        default=False,
        help_text=_(
            "Innbyggere kan foreslå nye løsninger bare når runden er i fasen "
            "«Løsning» eller «Test»."
        ),
    )

    # Counters the pages show, kept current by the services.
    needs_count = models.PositiveIntegerField(default=0)
    solutions_count = models.PositiveIntegerField(default=0)
    contributions_count = models.PositiveIntegerField(default=0)
    # The facts the observed level is read from (ladder.observed), kept
    # current by the services: "citizen side" is input given as a citizen or
    # for an organisation, or entered by staff from an arena (Contribution.CITIZEN_SIDE).
    citizen_needs_count = models.PositiveIntegerField(default=0)
    citizen_solutions_count = models.PositiveIntegerField(default=0)
    citizen_comments_count = models.PositiveIntegerField(default=0)
    citizen_solutions_tested_count = models.PositiveIntegerField(default=0)
    citizen_test_rounds_count = models.PositiveIntegerField(default=0)
    citizen_inputs_answered_count = models.PositiveIntegerField(default=0)
    rounds_count = models.PositiveSmallIntegerField(default=1)
    # How many arenas the process has: the page asks for them only if any.
    arenas_count = models.PositiveIntegerField(default=0)
    first_citizen_input_at = models.DateTimeField(null=True, blank=True)
    first_citizen_input_round = models.PositiveSmallIntegerField(null=True, blank=True)
    first_solution_selected_at = models.DateTimeField(null=True, blank=True)
    # The newest scoring of de 5 fundamentene, read with the process itself.
    current_foundations = models.ForeignKey(
        "FoundationScore", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("samskapingsprosess")
        verbose_name_plural = _("samskapingsprosesser")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unique_process_slug"),
            models.CheckConstraint(
                condition=Q(cover_image="") | ~Q(cover_alt=""), name="cover_image_has_alt"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("processes:detail", args=[self.slug])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def content_version(self) -> str:
        """Changes with every write to the process or its input (the services
        touch ``updated_at``): the key of its pages' cached regions."""
        return f"{self.pk}:{self.updated_at.timestamp()}:{self.version}:{self.status}:{self.level}"


class Round(models.Model):
    """One pass of the Behov–Løsning–Test cycle."""

    class Focus(models.TextChoices):
        NEED = "need", _("Behov")
        SOLUTION = "solution", _("Løsning")
        TEST = "test", _("Test")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("runde"))
    focus = models.CharField(_("fase"), max_length=10, choices=Focus.choices, default=Focus.NEED)
    learnings = models.TextField(
        _("læring tatt med fra forrige runde"), max_length=TEXT_MAX * 3, blank=True
    )
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("runde")
        verbose_name_plural = _("runder")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="unique_round_number")
        ]

    def __str__(self) -> str:
        return f"{self.process} – runde {self.number}"


class WorkingGroup(models.Model):
    """A named group of a process whose members co-edit its solutions and test
    plans with staff (from step 3 of the samskapingstrapp)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("navn"), max_length=TITLE_MAX)
    description = models.TextField(_("hva gruppen arbeider med"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("arbeidsgruppe")
        verbose_name_plural = _("arbeidsgrupper")
        ordering = ["process", "name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "name"], name="unique_working_group_name")
        ]

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """One person in one working group: invited by an owner, or asking to join,
    and active once the other side said yes."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invitert")
        REQUESTED = "requested", _("Har bedt om å bli med")
        ACTIVE = "active", _("Medlem")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Empty when the person takes part as themselves.
    organisation = models.CharField(
        _("deltar for organisasjon"), max_length=ORGANISATION_MAX, blank=True
    )
    # The owner who invited the person, or who approved their request.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("medlemskap i arbeidsgruppe")
        verbose_name_plural = _("medlemskap i arbeidsgrupper")
        ordering = ["group", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="one_membership_per_group")
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person_id} i {self.group_id}: {self.status}"


class CoCreator(models.Model):
    """A citizen the owners appointed to co-create the process: at step 4 they
    start rounds and record test rounds; below it the appointment grants nothing."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="co_creators")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_creations"
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medskaper")
        verbose_name_plural = _("medskapere")
        ordering = ["process", "appointed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["process", "person"], name="one_co_creator_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} i {self.process_id}"


class ProcessFollow(models.Model):
    """«Følg prosessen»: a signed-in person hears of its rounds, test results,
    level changes and its end."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="process_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("følger")
        verbose_name_plural = _("følgere")
        constraints = [
            models.UniqueConstraint(fields=["process", "person"], name="one_follow_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.process_id}"


class ReferenceCounter(models.Model):
    """The last reference number handed out per municipality and year."""

    municipality = models.ForeignKey("portal.Municipality", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_reference_year")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id}/{self.year}: {self.last}"


class Contribution(models.Model):
    """Any input a person gives. The subclasses hold what is particular to each kind."""

    class Kind(models.TextChoices):
        NEED = "need", _("Behov")
        SOLUTION = "solution", _("Løsning")
        COMMENT = "comment", _("Kommentar")
        TEST_ROUND = "test_round", _("Testrunde")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="contributions")
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="contributions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False)
    reference = models.CharField(_("referanse"), max_length=20, unique=True, editable=False)
    # Null once the author deleted their account: the input stays, anonymised.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("innsender"),
    )
    stakeholder_category = models.CharField(
        _("aktørkategori"), max_length=20, choices=StakeholderCategory.choices, blank=True
    )
    body = models.TextField(_("tekst"), max_length=TEXT_MAX)
    status = models.CharField(_("status"), max_length=20, db_index=True)

    class GivenAs(models.TextChoices):
        """In which capacity the author gave the input, as it was when they gave it."""

        CITIZEN = "citizen", _("Innbygger")
        STAFF = "staff", _("Kommunen")
        POLITICIAN = "politician", _("Folkevalgt")
        ORGANISATION = "organisation", _("Organisasjon")
        ON_BEHALF = "on_behalf", _("Kommunen på vegne av deltakere")

    # Who counts as the citizens' side when the observed level is read: input
    # staff entered from an arena is what citizens said there.
    CITIZEN_SIDE = frozenset({GivenAs.CITIZEN, GivenAs.ORGANISATION, GivenAs.ON_BEHALF})
    # Whose input the participation figures count: not staff's own work.
    PARTICIPATION_SIDE = CITIZEN_SIDE | {GivenAs.POLITICIAN}

    given_as = models.CharField(
        _("gitt som"), max_length=20, choices=GivenAs.choices, default=GivenAs.CITIZEN
    )
    # Given on behalf of this organisation by one of its members (given_as ORGANISATION).
    organisation = models.ForeignKey(
        "participants.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("på vegne av"),
    )
    # Input staff recorded from what was said or written at an arena.
    arena = models.ForeignKey(
        "Arena",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("fra arena"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("innspill")
        verbose_name_plural = _("innspill")
        indexes = [
            models.Index(fields=["process", "kind", "-created_at"]),
            models.Index(fields=["process", "kind", "status"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("processes:contribution", args=[self.reference])

    @property
    def author_name(self) -> str:
        """The author's name, or "" when the author is gone."""
        return self.author.full_name if self.author_id else ""

    @property
    def author_label(self) -> str:
        """Who gave the input as pages show it: "Navn for Organisasjon" when
        given on an organisation's behalf (the organisation stays when the
        author is gone)."""
        name = self.author_name or str(_("Tidligere deltaker"))
        if self.organisation_id:
            return str(_("%(name)s for %(organisation)s")) % {
                "name": name,
                "organisation": self.organisation.name,
            }
        return name

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.kind, {}).get(self.status, self.status)


class Need(Contribution):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Mottatt")
        UNDER_REVIEW = "under_review", _("Til vurdering")
        IN_SOLUTION = "in_solution", _("Tatt med i løsning")
        MET = "met", _("Dekket")
        CLOSED = "closed", _("Avsluttet")
        MERGED = "merged", _("Slått sammen")

    who_has_need = models.CharField(_("Hvem har dette behovet?"), max_length=TITLE_MAX)
    topics = models.ManyToManyField(
        Topic, related_name="needs", blank=True, verbose_name=_("temaer")
    )
    support_count = models.PositiveIntegerField(_("antall som har samme behov"), default=0)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_needs"
    )

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        # Lists show the most supported needs first, newest first among equals
        # (a higher id is newer): this index lets PostgreSQL stop after a page.
        indexes = [
            models.Index(fields=["-support_count", "-contribution_ptr"], name="need_by_support")
        ]

    def get_absolute_url(self) -> str:
        return reverse("processes:need", args=[self.process.slug, self.pk])


class NeedSupport(models.Model):
    """ "Jeg har også dette behovet": one per person and need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.need_id}"


class Solution(Contribution):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Foreslått")
        SELECTED = "selected", _("Valgt for testing")
        TESTED = "tested", _("Testet")
        ADJUSTED = "adjusted", _("Justert")
        ADOPTED = "adopted", _("Tatt i bruk")
        DISCARDED = "discarded", _("Forkastet")

    TRANSITIONS = {
        Status.PROPOSED: {Status.SELECTED, Status.DISCARDED},
        Status.SELECTED: {Status.TESTED, Status.DISCARDED},
        Status.TESTED: {Status.ADJUSTED, Status.ADOPTED, Status.DISCARDED},
        Status.ADJUSTED: {Status.SELECTED, Status.ADOPTED, Status.DISCARDED},
        Status.ADOPTED: set(),
        Status.DISCARDED: set(),
    }

    title = models.CharField(_("tittel"), max_length=TITLE_MAX)
    needs = models.ManyToManyField(
        Need, related_name="solutions", verbose_name=_("behov løsningen svarer på")
    )
    test_plan = models.TextField(
        _("testplan"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Hvordan, med hvem og hvor løsningen skal prøves ut."),
    )

    class Meta:
        verbose_name = _("løsning")
        verbose_name_plural = _("løsninger")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("processes:solution", args=[self.process.slug, self.pk])


class SolutionRevision(models.Model):
    """A solution as one edit left it: the edit history owners and working
    groups read when they co-edit."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    title = models.CharField(_("tittel"), max_length=TITLE_MAX)
    body = models.TextField(_("tekst"), max_length=TEXT_MAX)
    test_plan = models.TextField(_("testplan"), max_length=TEXT_MAX, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("endring av løsning")
        verbose_name_plural = _("endringer av løsninger")
        ordering = ["solution", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["solution", "version"], name="one_revision_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.solution_id} v{self.version}"


class TestRound(Contribution):
    """A solution tried with real people. ``body`` says what was tested."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Registrert")
        DECIDED = "decided", _("Avgjort")

    class Decision(models.TextChoices):
        ADJUST = "adjust", _("Justere")
        ADOPT = "adopt", _("Ta i bruk")
        DISCARD = "discard", _("Forkaste")

    tested_solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="test_rounds", verbose_name=_("løsning")
    )
    participant_categories = models.JSONField(_("med hvem"), default=list)
    head_count = models.PositiveIntegerField(_("antall deltakere"))
    held_on = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=TITLE_MAX)
    findings = models.TextField(_("funn"), max_length=TEXT_MAX)
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision.choices)
    learning = models.TextField(_("læring"), max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("testrunde")
        verbose_name_plural = _("testrunder")

    def get_absolute_url(self) -> str:
        return reverse("processes:test_round", args=[self.process.slug, self.pk])


class NeedResult(models.Model):
    """Whether a test round met a need the tested solution addresses."""

    class Result(models.TextChoices):
        MET = "met", _("Dekket")
        PARTLY = "partly", _("Delvis dekket")
        NOT_MET = "not_met", _("Ikke dekket")

    test_round = models.ForeignKey(TestRound, on_delete=models.CASCADE, related_name="need_results")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="test_results")
    result = models.CharField(_("resultat"), max_length=10, choices=Result.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["test_round", "need"], name="one_result_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.need_id}: {self.result}"


class Evidence(models.Model):
    """An image or PDF documenting a test round; its type is checked by content."""

    test_round = models.ForeignKey(TestRound, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")

    def __str__(self) -> str:
        return self.original_name


class Comment(Contribution):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Publisert")
        HIDDEN = "hidden", _("Skjult")

    target = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="comments", verbose_name=_("gjelder")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    hidden_reason = models.CharField(
        _("grunn til at kommentaren er skjult"), max_length=500, blank=True
    )
    # Reports not yet handled: hiding the comment or dismissing them sets it to 0.
    report_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        indexes = [
            models.Index(
                fields=["-report_count"], name="comment_reported", condition=Q(report_count__gt=0)
            )
        ]


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("hva er galt?"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a moderator hid the comment or dismissed the report. The row stays,
    # so a person still reports a comment once.
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.comment_id}"


class FoundationScore(models.Model):
    """One scoring of de 5 fundamentene (ladder.foundations): the newest row is
    the current one, the older rows are its history."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="foundation_scores")
    need = models.PositiveSmallIntegerField(_("behov"), validators=FOUNDATION_SCORE)
    anchoring = models.PositiveSmallIntegerField(_("forankring"), validators=FOUNDATION_SCORE)
    driver = models.PositiveSmallIntegerField(_("pådriver"), validators=FOUNDATION_SCORE)
    team = models.PositiveSmallIntegerField(_("team"), validators=FOUNDATION_SCORE)
    resources = models.PositiveSmallIntegerField(_("ressurser"), validators=FOUNDATION_SCORE)
    note = models.TextField(_("merknad"), max_length=TEXT_MAX, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vurdering av de 5 fundamentene")
        verbose_name_plural = _("vurderinger av de 5 fundamentene")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["process", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(need__lte=SCORE_MAX)
                & Q(anchoring__lte=SCORE_MAX)
                & Q(driver__lte=SCORE_MAX)
                & Q(team__lte=SCORE_MAX)
                & Q(resources__lte=SCORE_MAX),
                name="foundation_scores_at_most_max",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.created_at:%Y-%m-%d}"

    @property
    def scores(self) -> dict[str, int]:
        return {factor: getattr(self, factor) for factor in FACTORS}


class TimelineEvent(models.Model):
    """What happened in a process; with a contribution, a step in its timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Sendt inn")
        STATUS = "status", _("Ny status")
        PROCESS_STATUS = "process_status", _("Prosessen endret status")
        ROUND_STARTED = "round_started", _("Ny runde startet")
        MERGED = "merged", _("Slått sammen")
        TESTED = "tested", _("Testet")
        LEVEL = "level", _("Nytt trinn i samskapingstrappa")
        WORKING_GROUP = "working_group", _("Arbeidsgruppe")
        CO_CREATOR = "co_creator", _("Medskaper")
        HIDDEN = "hidden", _("Skjult av kommunen")
        SHOWN = "shown", _("Vist igjen")
        REPORTS_DISMISSED = "reports_dismissed", _("Meldinger om kommentaren avvist")
        TEST_RESULT = "test_result", _("Testresultat")
        ARENA = "arena", _("Samskapingsarena")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="timeline")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, null=True, blank=True, related_name="timeline"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    # The reasoned feedback (begrunnet tilbakemelding) the contributor reads.
    text = models.TextField(_("begrunnelse"), max_length=TEXT_MAX, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What happened beyond the status, as data (e.g. how many reports were dismissed).
    facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["process", "-created_at"]),
            models.Index(fields=["contribution", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class LevelChange(models.Model):
    """One change of a process's step and target on the samskapingstrapp, with
    who made it, when and why. The first, written when the process is created,
    has no ``from_level`` and needs no justification."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="level_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("endret av"),
    )
    changed_at = models.DateTimeField(_("endret"), auto_now_add=True)
    from_level = models.PositiveSmallIntegerField(
        _("fra trinn"), choices=Level.choices, null=True, blank=True
    )
    to_level = models.PositiveSmallIntegerField(_("til trinn"), choices=Level.choices)
    from_target = models.PositiveSmallIntegerField(
        _("fra mål"), choices=Level.choices, null=True, blank=True
    )
    to_target = models.PositiveSmallIntegerField(_("til mål"), choices=Level.choices)
    justification = models.TextField(_("begrunnelse"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("endring av trinn")
        verbose_name_plural = _("endringer av trinn")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["process", "-changed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_level__isnull=True) | ~Q(justification=""),
                name="level_change_is_justified",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.from_level} → {self.to_level}"

    @property
    def is_creation(self) -> bool:
        return self.from_level is None


STATUS_LABELS: dict[str, dict[str, str]] = {
    Contribution.Kind.NEED: dict(Need.Status.choices),
    Contribution.Kind.SOLUTION: dict(Solution.Status.choices),
    Contribution.Kind.COMMENT: dict(Comment.Status.choices),
    Contribution.Kind.TEST_ROUND: dict(TestRound.Status.choices),
}


class StatusFamily(models.TextChoices):
    """The colour a status tag wears: one per family, so a tag looks the same on
    every page. The values are Designsystemet's ``data-color`` names."""

    SUCCESS = "success"  # open, adopted, met: where things are going well
    INFO = "info"  # being worked on
    WARNING = "warning"  # a draft, or waiting for an answer
    NEUTRAL = "neutral"  # over: concluded, archived, closed, merged, discarded, hidden


# Every status value of every model (and a test round's decision, which its
# pages show as a tag) → its family. The values do not collide across models.
STATUS_FAMILIES: dict[str, str] = {
    Process.Status.DRAFT: StatusFamily.WARNING,
    Process.Status.OPEN: StatusFamily.SUCCESS,
    Process.Status.CONCLUDED: StatusFamily.NEUTRAL,
    Process.Status.ARCHIVED: StatusFamily.NEUTRAL,
    Need.Status.RECEIVED: StatusFamily.WARNING,
    Need.Status.UNDER_REVIEW: StatusFamily.INFO,
    Need.Status.IN_SOLUTION: StatusFamily.INFO,
    Need.Status.MET: StatusFamily.SUCCESS,
    Need.Status.CLOSED: StatusFamily.NEUTRAL,
    Need.Status.MERGED: StatusFamily.NEUTRAL,
    Solution.Status.PROPOSED: StatusFamily.WARNING,
    Solution.Status.SELECTED: StatusFamily.INFO,
    Solution.Status.TESTED: StatusFamily.INFO,
    Solution.Status.ADJUSTED: StatusFamily.INFO,
    Solution.Status.ADOPTED: StatusFamily.SUCCESS,
    Solution.Status.DISCARDED: StatusFamily.NEUTRAL,
    TestRound.Status.RECORDED: StatusFamily.INFO,
    TestRound.Status.DECIDED: StatusFamily.NEUTRAL,
    TestRound.Decision.ADJUST: StatusFamily.INFO,
    TestRound.Decision.ADOPT: StatusFamily.SUCCESS,
    TestRound.Decision.DISCARD: StatusFamily.NEUTRAL,
    Comment.Status.PUBLISHED: StatusFamily.SUCCESS,
    Comment.Status.HIDDEN: StatusFamily.NEUTRAL,
}


class StakeholderEntry(models.Model):
    """One line of a process's stakeholder map ("Hvem kan hjelpe meg?"): a
    person, an organisation or a whole category, with the role the owners see
    for them and how far the invitation has come."""

    class Role(models.TextChoices):
        DRIVER = "driver", _("Pådriver eller ildsjel")
        PARTICIPANT = "participant", _("Deltaker")
        DECISION_MAKER = "decision_maker", _("Beslutningstaker")
        RESOURCE = "resource", _("Ressurs")

    class State(models.TextChoices):
        TO_INVITE = "to_invite", _("Skal inviteres")
        INVITED = "invited", _("Invitert")
        ENGAGED = "engaged", _("Med")
        DECLINED = "declined", _("Takket nei")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="stakeholders", verbose_name=_("prosess")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stakeholder_entries",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "participants.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stakeholder_entries",
        verbose_name=_("organisasjon"),
    )
    # The organisation's category for an organisation; chosen by the owners
    # for a person or a whole category (never read from a person's profile).
    category = models.CharField(
        _("aktørkategori"), max_length=20, choices=StakeholderCategory.choices
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    state = models.CharField(
        _("tilstand"), max_length=20, choices=State.choices, default=State.TO_INVITE
    )
    note = models.CharField(_("notat"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lagt til av"),
    )
    created_at = models.DateTimeField(_("lagt til"), auto_now_add=True)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)

    class Meta:
        verbose_name = _("aktør i prosess")
        verbose_name_plural = _("aktørkart")
        ordering = ["category", "pk"]
        indexes = [models.Index(fields=["process", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person__isnull=False, organisation__isnull=False),
                name="stakeholder_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["process", "person"],
                condition=models.Q(person__isnull=False),
                name="one_entry_per_person",
            ),
            models.UniqueConstraint(
                fields=["process", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="one_entry_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["process", "category"],
                condition=models.Q(person__isnull=True, organisation__isnull=True),
                name="one_entry_per_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id}: {self.kind} {self.category}"

    @property
    def kind(self) -> str:
        if self.person_id:
            return "person"
        if self.organisation_id:
            return "organisation"
        return "category"


class Arena(models.Model):
    """A samskapingsarena: a workshop, folkemøte, befaring, gjestebud or digital
    round of a process, with a place, a time, seats and a waiting list."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Verksted")
        PUBLIC_MEETING = "public_meeting", _("Folkemøte")
        SITE_VISIT = "site_visit", _("Befaring")
        GJESTEBUD = "gjestebud", _("Gjestebud")
        DIGITAL = "digital", _("Digital runde")
        OTHER = "other", _("Annet")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="arenas")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tittel"), max_length=TITLE_MAX)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(
        _("sted"), max_length=TITLE_MAX, help_text=_("Adressen, eller lenken til et digitalt møte.")
    )
    accessibility = models.TextField(
        _("tilgjengelighet"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Trinnfri adkomst, teleslynge, tolk, barnepass, parkering og liknende."),
    )
    capacity = models.PositiveIntegerField(_("antall plasser"), validators=[MinValueValidator(1)])
    description = models.TextField(_("beskrivelse"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("samskapingsarena")
        verbose_name_plural = _("samskapingsarenaer")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["process", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="arena_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("processes:arena", args=[self.process.slug, self.pk])


class ArenaSignup(models.Model):
    """One person signed up for an arena: with a seat, or on the waiting list
    (first come, first moved up)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Påmeldt")
        WAITING = "waiting", _("På venteliste")

    arena = models.ForeignKey(Arena, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="arena_signups"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the reminder the day before went out: it goes out once.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Recorded by staff after the arena, for people who signed up.
    attended = models.BooleanField(_("møtte"), default=False)

    class Meta:
        verbose_name = _("påmelding til arena")
        verbose_name_plural = _("påmeldinger til arenaer")
        ordering = ["arena", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["arena", "person"], name="one_signup_per_arena")
        ]
        indexes = [models.Index(fields=["person", "arena"])]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.arena_id}: {self.status}"


class ArenaAttendance(models.Model):
    """How many came to an arena from one stakeholder category, counted by
    staff without names."""

    arena = models.ForeignKey(Arena, on_delete=models.CASCADE, related_name="attendance")
    stakeholder_category = models.CharField(
        _("aktørkategori"), max_length=20, choices=StakeholderCategory.choices
    )
    count = models.PositiveIntegerField(_("antall"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("oppmøte ved arena")
        verbose_name_plural = _("oppmøte ved arenaer")
        ordering = ["arena", "stakeholder_category"]
        constraints = [
            models.UniqueConstraint(
                fields=["arena", "stakeholder_category"], name="one_count_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.arena_id} {self.stakeholder_category}: {self.count}"


class SummaryPdf(models.Model):
    """The PDF of a process's summary for one version of the process and one
    language. The unique row is the lock: the request that creates it queues
    the one build; every other request for that version finds it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Lages")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Feilet")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="summary_pdfs")
    version = models.CharField(max_length=120)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="summaries/", blank=True)
    size = models.PositiveIntegerField(default=0)
    build_seconds = models.FloatField(default=0)
    builds = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["process", "version", "language"], name="summary_pdf_one_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.version} {self.language}"


class Participant(models.Model):
    """One person's part in one process, as representativity counts it: how
    much they gave, and the groups they are counted in (their profile when they
    first took part, moved when they change it). Aggregated in
    ``ParticipationCount``; read one by one only for the ildsjel warning."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    contributions = models.PositiveIntegerField(default=0)
    supports = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    stakeholder_category = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=10, blank=True)
    area = models.ForeignKey(
        "portal.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deltaker i prosess")
        verbose_name_plural = _("deltakere i prosesser")
        constraints = [
            models.UniqueConstraint(fields=["process", "person"], name="one_participant_per_person")
        ]
        indexes = [
            models.Index(fields=["process", "-contributions"], name="participant_by_contributions")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.process_id}"


class ParticipationCount(models.Model):
    """Participation in a process for one group of one dimension (a stakeholder
    category, an age band, an area; ``""`` for not given), kept current by the
    services in the same transaction as what they count."""

    class Dimension(models.TextChoices):
        CATEGORY = "category", _("Aktørkategori")
        AGE_BAND = "age_band", _("Aldersgruppe")
        AREA = "area", _("Område")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="participation_counts"
    )
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    # The category's or age band's value, the area's id as text.
    group = models.CharField(max_length=20, blank=True)
    people = models.IntegerField(default=0)
    contributions = models.IntegerField(default=0)
    supports = models.IntegerField(default=0)
    attendance = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("deltakelse i gruppe")
        verbose_name_plural = _("deltakelse etter gruppe")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "dimension", "group"], name="one_count_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} {self.dimension}={self.group}: {self.people}"
