"""The read side of a process's stakeholder map: its entries grouped by
category, each with how many contributions it gave in the process.

Two queries whatever the size of the process: the entries, then one grouped
count for the people, the organisations and the categories on it.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce, NullIf

from participants.models import StakeholderCategory
from processes.models import Contribution, Process, StakeholderEntry


@dataclass
class CategoryGroup:
    category: str
    label: str
    entries: list = field(default_factory=list)


def _counts(process: Process, entries: list[StakeholderEntry]) -> None:
    """Set ``contributed`` on each entry: a person's input (their own and on
    organisations' behalf), an organisation's, and a category's (under the
    category it was given as, else its author's profile category).

    One grouped count for all three: every contribution that concerns an
    entry, by author, organisation and category; each entry's figure is the
    sum of the rows of its person, organisation or category."""
    people = {e.person_id for e in entries if e.person_id}
    organisations = {e.organisation_id for e in entries if e.organisation_id}
    categories = {e.category for e in entries if e.kind == "category"}
    by_person, by_organisation, by_category = Counter(), Counter(), Counter()
    if people or organisations or categories:
        counted = Coalesce(
            NullIf("stakeholder_category", Value("")), "author__stakeholder_category"
        )
        rows = (
            Contribution.objects.filter(process=process)
            .annotate(counted=counted)
            .filter(
                Q(author__in=people) | Q(organisation__in=organisations) | Q(counted__in=categories)
            )
            .values_list("author_id", "organisation_id", "counted")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for author, organisation, category, n in rows:
            by_person[author] += n
            by_organisation[organisation] += n
            by_category[category] += n
    for entry in entries:
        if entry.person_id:
            entry.contributed = by_person[entry.person_id]
        elif entry.organisation_id:
            entry.contributed = by_organisation[entry.organisation_id]
        else:
            entry.contributed = by_category[entry.category]


def stakeholder_groups(process: Process, *, with_people: bool) -> list[CategoryGroup]:
    """The map by category, in the order of the category list. Without
    ``with_people`` (visitors who are not the municipality's staff) only the
    organisations and categories that take part, without the owners' notes."""
    entries = StakeholderEntry.objects.filter(process=process).select_related(
        "person", "organisation"
    )
    if not with_people:
        entries = entries.filter(person__isnull=True, state=StakeholderEntry.State.ENGAGED)
    entries = list(entries.order_by("pk"))
    _counts(process, entries)
    groups = {value: CategoryGroup(value, label) for value, label in StakeholderCategory.choices}
    for entry in entries:
        entry.process = process
        groups[entry.category].entries.append(entry)
    return [group for group in groups.values() if group.entries]
