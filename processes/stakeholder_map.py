"""The read side of a process's stakeholder map: its entries grouped by
category, each with how many contributions it gave in the process.

A handful of queries whatever the size of the process: the entries, then one
grouped count each for the people, the organisations and the categories on it.
"""

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
    category it was given as, else its author's profile category)."""
    contributions = Contribution.objects.filter(process=process)
    people = {e.person_id for e in entries if e.person_id}
    organisations = {e.organisation_id for e in entries if e.organisation_id}
    categories = {e.category for e in entries if e.kind == "category"}
    by_person, by_organisation, by_category = {}, {}, {}
    if people:
        by_person = dict(
            contributions.filter(author__in=people)
            .values_list("author_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    if organisations:
        by_organisation = dict(
            contributions.filter(organisation__in=organisations)
            .values_list("organisation_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    if categories:
        counted = Coalesce(
            NullIf("stakeholder_category", Value("")), "author__stakeholder_category"
        )
        by_category = dict(
            contributions.annotate(counted=counted)
            .filter(Q(counted__in=categories))
            .values_list("counted")
            .annotate(n=Count("pk"))
            .order_by()
        )
    for entry in entries:
        if entry.person_id:
            entry.contributed = by_person.get(entry.person_id, 0)
        elif entry.organisation_id:
            entry.contributed = by_organisation.get(entry.organisation_id, 0)
        else:
            entry.contributed = by_category.get(entry.category, 0)


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
