"""Who takes part in a process, and who is missing: participation by
stakeholder category, age band and area, read from the stored counters
(``ParticipationCount``), against the groups the owners expect (the categories
on the stakeholder map, the areas the process concerns) and the municipality's
reference population (SSB figures per age band and area).

The ratio per group is its share of the participants divided by its share of
the population (as Go Vocal's R-score): 1 is as many as in the population,
under ``UNDER_REPRESENTED`` names the group under-represented. A count from 1
to 4 is shown as "under 5", never as a number, and gives no ratio, so no one
can be picked out. One query, whatever the number of people and inputs.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants.models import AgeBand, StakeholderCategory
from portal.models import AgePopulation, Area
from processes.models import Participant, ParticipationCount, Process, StakeholderEntry

SMALLEST_SHOWN = 5
UNDER_REPRESENTED = 0.5
# The ildsjel warning: two people give more than this share of the input, once
# there is enough input for a share to say something.
ILDSJEL_SHARE = 0.5
ILDSJEL_MIN_CONTRIBUTIONS = 10
BAR_WIDTH = 300

Dimension = ParticipationCount.Dimension
NOT_GIVEN = gettext_lazy("Ikke oppgitt")


def shown(count: int) -> str:
    """A count as pages may show it: "under 5" for 1 to 4."""
    if 0 < count < SMALLEST_SHOWN:
        return _("under %(n)s") % {"n": SMALLEST_SHOWN}
    return str(count)


@dataclass
class Group:
    key: str
    label: str
    people: int = 0
    contributions: int = 0
    supports: int = 0
    attendance: int = 0
    expected: bool = False
    population: int | None = None
    share: float | None = None  # of the participants who gave this dimension
    population_share: float | None = None
    ratio: float | None = None
    y: int = 0

    @property
    def cells(self) -> dict[str, str]:
        return {
            "people": shown(self.people),
            "contributions": shown(self.contributions),
            "supports": shown(self.supports),
            "attendance": shown(self.attendance),
        }

    @property
    def reached(self) -> bool:
        return bool(self.people or self.contributions or self.attendance)

    @property
    def missing(self) -> bool:
        return self.expected and not self.reached

    @property
    def under_represented(self) -> bool:
        return self.reached and self.ratio is not None and self.ratio < UNDER_REPRESENTED

    @property
    def share_width(self) -> int:
        return round(BAR_WIDTH * (self.share or 0))

    @property
    def population_width(self) -> int:
        return round(BAR_WIDTH * (self.population_share or 0))


@dataclass
class Table:
    dimension: str
    title: str
    groups: list[Group]
    compared: bool = False  # against a reference population

    @property
    def height(self) -> int:
        return 20 + len(self.groups) * 44


@dataclass
class Representativity:
    tables: list[Table]
    people: int
    contributions: int
    ildsjel_share: float | None = None
    missing: list[Group] = field(default_factory=list)
    under_represented: list[Group] = field(default_factory=list)
    # The names of the areas the process names as its own (none: the whole municipality).
    concerned_areas: list[str] = field(default_factory=list)

    @property
    def ildsjel(self) -> bool:
        return self.ildsjel_share is not None

    @property
    def people_shown(self) -> str:
        return shown(self.people)

    @property
    def ildsjel_percent(self) -> int:
        return round(100 * (self.ildsjel_share or 0))


def representativity(process: Process) -> Representativity:
    facts = _facts(process)
    counts: dict[str, dict[str, Counts]] = {d: {} for d in Dimension.values}
    for dimension, group, *numbers in facts["count"]:
        counts[dimension][group] = Counts(*numbers)
    areas = [
        AreaFact(pk=key, name=name, population=population, concerned=bool(concerned))
        for key, name, population, concerned, _unused, _unused2 in facts["area"]
    ]
    ages = {key: population for key, _label, population, *_rest in facts["age"]}
    expected_categories = {key for key, *_rest in facts["expected"]}
    top_two = sum(contributions for _key, _label, contributions, *_rest in facts["top"])

    categories = _table(
        Dimension.CATEGORY,
        _("Aktørkategori"),
        counts[Dimension.CATEGORY],
        [
            (value, label, value in expected_categories, None)
            for value, label in StakeholderCategory.choices
        ],
        keep=lambda group: group.reached or group.expected,
    )
    age_table = _table(
        Dimension.AGE_BAND,
        _("Aldersgruppe"),
        counts[Dimension.AGE_BAND],
        [(value, label, False, ages.get(value)) for value, label in AgeBand.choices],
    )
    # A process that names its areas is compared with those; else with all.
    concerned = [area for area in areas if area.concerned] or areas
    area_table = _table(
        Dimension.AREA,
        _("Område"),
        counts[Dimension.AREA],
        [(area.pk, area.name, area.concerned, area.population) for area in concerned],
        others=[area.pk for area in areas if area not in concerned],
    )
    tables = [categories, age_table, area_table]
    people = sum(group.people for group in age_table.groups)
    contributions = sum(group.contributions for group in categories.groups)
    result = Representativity(
        tables=tables,
        people=people,
        contributions=contributions,
        concerned_areas=[area.name for area in areas if area.concerned],
    )
    if contributions >= ILDSJEL_MIN_CONTRIBUTIONS and top_two > ILDSJEL_SHARE * contributions:
        result.ildsjel_share = top_two / contributions
    for table in tables:
        result.missing += [group for group in table.groups if group.missing]
        result.under_represented += [group for group in table.groups if group.under_represented]
    return result


@dataclass(frozen=True)
class Counts:
    people: int
    contributions: int
    supports: int
    attendance: int


@dataclass(frozen=True)
class AreaFact:
    pk: str
    name: str
    population: int | None
    concerned: bool


def _facts(process: Process) -> dict[str, list[tuple]]:
    """Everything representativity reads, in one query: the process's counters,
    the municipality's areas (with their population and whether the process
    concerns them) and age bands, the categories on its stakeholder map, and
    the two biggest contributors' input. The process page shows this to its
    owners within its query budget, so it is one round trip, not five."""
    table = _quoted_tables()
    number = "CAST(NULL AS INTEGER)"
    text = "CAST(NULL AS TEXT)"
    sql = f"""
        SELECT 'count', dimension, {table["group"]}, people, contributions, supports, attendance
        FROM {table["counts"]} WHERE process_id = %(process)s
        UNION ALL
        SELECT 'area', CAST(a.id AS TEXT), a.name, a.population,
               CASE WHEN EXISTS (SELECT 1 FROM {table["process_areas"]} pa
                                 WHERE pa.process_id = %(process)s AND pa.area_id = a.id)
                    THEN 1 ELSE 0 END, {number}, {number}
        FROM {table["areas"]} a WHERE a.municipality_id = %(municipality)s
        UNION ALL
        SELECT 'age', age_band, {text}, {table["count"]}, {number}, {number}, {number}
        FROM {table["ages"]} WHERE municipality_id = %(municipality)s
        UNION ALL
        SELECT DISTINCT 'expected', category, {text}, {number}, {number}, {number}, {number}
        FROM {table["stakeholders"]} WHERE process_id = %(process)s AND state <> %(declined)s
        UNION ALL
        SELECT 'top', {text}, {text}, t.contributions, {number}, {number}, {number}
        FROM (SELECT contributions FROM {table["participants"]} WHERE process_id = %(process)s
              ORDER BY contributions DESC LIMIT 2) t
    """  # noqa: S608 - only our own quoted table names are formatted in
    params = {
        "process": process.pk,
        "municipality": process.municipality_id,
        "declined": StakeholderEntry.State.DECLINED,
    }
    facts: dict[str, list[tuple]] = {"count": [], "area": [], "age": [], "expected": [], "top": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, *row in cursor.fetchall():
            facts[kind].append(tuple(row))
    facts["area"].sort(key=lambda row: row[1])
    return facts


def _quoted_tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "counts": quote(ParticipationCount._meta.db_table),
        "group": quote("group"),
        "count": quote("count"),
        "areas": quote(Area._meta.db_table),
        "process_areas": quote(Process.areas.through._meta.db_table),
        "ages": quote(AgePopulation._meta.db_table),
        "stakeholders": quote(StakeholderEntry._meta.db_table),
        "participants": quote(Participant._meta.db_table),
    }


def _table(dimension, title, counts, known, *, keep=None, others=()) -> Table:
    """The groups of one dimension: each known group with its counts; every
    count of a group no longer known (an area removed) and of those left out
    of the comparison folded into "not given"."""
    groups = []
    for key, label, expected, population in known:
        row = counts.get(key)
        group = Group(key=key, label=label, expected=expected, population=population)
        if row is not None:
            for column in ("people", "contributions", "supports", "attendance"):
                setattr(group, column, getattr(row, column))
        groups.append(group)
    if keep is not None:
        groups = [group for group in groups if keep(group)]
    known_keys = {key for key, *_rest in known}
    rest = Group(key="", label=str(NOT_GIVEN))
    for key, row in counts.items():
        if key not in known_keys or key in others:
            for column in ("people", "contributions", "supports", "attendance"):
                setattr(rest, column, getattr(rest, column) + getattr(row, column))
    table = Table(dimension=dimension, title=title, groups=groups)
    _compare(table)
    if rest.reached or rest.supports:
        groups.append(rest)
    for index, group in enumerate(groups):
        group.y = 10 + index * 44
    return table


def _compare(table: Table) -> None:
    """Each group's share of the participants (who gave this dimension) and of
    the population, and their ratio, where the population is known. A group
    the population has is expected once anyone takes part. A group under 5
    gets neither share nor ratio: with the total, either would give its count."""
    people = sum(group.people for group in table.groups)
    population = sum(group.population or 0 for group in table.groups)
    table.compared = population > 0
    for group in table.groups:
        small = 0 < group.people < SMALLEST_SHOWN
        if people and not small:
            group.share = group.people / people
        if not (population and group.population):
            continue
        group.population_share = group.population / population
        if people:
            group.expected = True
            if not small:
                group.ratio = (group.share or 0) / group.population_share
