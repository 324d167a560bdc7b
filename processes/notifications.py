"""What people hear of a process: the notifications its services cause.

The services say what happened as *items*: data (references, titles, status
codes, feedback texts, test results), never sentences, so the words are
rendered in each recipient's language when the e-mail or the inbox shows them
(``templates/emails/notifications/``). Items are gathered in a ``batch`` for
the whole change; when the outermost batch closes, still inside the change's
transaction, every person gets ONE notification with all their items (a test
round that moves a solution and three needs is one message). The person who
made the change is never told of it.

Who hears what:

- the author of an input (group «own input»): each status change of it with
  its feedback text, a need taken into a solution and every later step of
  that solution, the test result for their need, a merge, a hidden comment;
- the process's followers (``ProcessFollow``, group «followed»): a new round,
  test results, level changes, a new process status;
- the process's owners (group «owned»): new input in their process.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.text import Truncator

from participants.digest import COMBINED_KIND
from participants.models import NotificationGroup, User
from participants.outbox import notify
from participants.preferences import STATE_BY_CHOICE, choices_for, most_eager
from processes.models import (
    Comment,
    Contribution,
    LevelChange,
    Need,
    Process,
    ProcessFollow,
    Round,
    Solution,
    TestRound,
)

EXCERPT_WORDS = 12
NEW_INPUT_KINDS = (Contribution.Kind.NEED, Contribution.Kind.SOLUTION, Contribution.Kind.COMMENT)


class Batch:
    """The items one change tells, per person, until the change is done."""

    def __init__(self, *, actor) -> None:
        self.actor_id = (
            getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
        )
        self.items: dict[int, list[tuple[str, dict]]] = defaultdict(list)
        self.process: Process | None = None

    def add(self, user_ids: Iterable[int | None], group: str, item: dict, *, process) -> None:
        self.process = self.process or process
        for user_id in user_ids:
            if user_id is not None and user_id != self.actor_id:
                self.items[user_id].append((group, item))

    def send(self) -> None:
        if not self.items:
            return
        users = User.objects.filter(pk__in=self.items, is_active=True).only("pk")
        groups = {group for entries in self.items.values() for group, _item in entries}
        choices = choices_for(self.items, groups)
        process = self.process
        for user in users:
            entries = self.items[user.pk]
            own_groups = list(dict.fromkeys(group for group, _item in entries))
            choice = most_eager(choices[user.pk, group] for group in own_groups)
            # The groups whose choice sent it: what its unsubscribe link turns off.
            deciding = [group for group in own_groups if choices[user.pk, group] == choice]
            items = [item for _group, item in entries]
            if len(items) == 1:
                kind, facts = items[0]["kind"], dict(items[0])
            else:
                kind, facts = COMBINED_KIND, {"items": items, **_process_facts(process)}
            facts["groups"] = deciding
            contribution_id = items[0].get("contribution_id") if len(items) == 1 else None
            notify(
                kind=kind,
                recipient=user,
                facts=facts,
                municipality=process.municipality,
                process=process,
                contribution=Contribution(pk=contribution_id) if contribution_id else None,
                state=STATE_BY_CHOICE[choice],
            )


_current: ContextVar[Batch | None] = ContextVar("medspill_notification_batch", default=None)


@contextmanager
def batch(*, actor) -> Iterator[Batch]:
    """Gather what a change tells and send it when the change is done. A batch
    inside a batch joins the outer one, so a service calling another sends once."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    current = Batch(actor=actor)
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)
    current.send()


def _tell(user_ids: Iterable[int | None], group: str, item: dict, *, process, actor) -> None:
    with batch(actor=actor) as current:
        current.add(user_ids, group, item, process=process)


# Facts ---------------------------------------------------------------------


def _process_facts(process: Process) -> dict:
    return {"process_title": process.title, "process_slug": process.slug}


def _excerpt(contribution: Contribution) -> str:
    title = getattr(contribution, "title", "")
    return title or Truncator(contribution.body).words(EXCERPT_WORDS)


def _input_facts(contribution: Contribution) -> dict:
    return {
        "reference": contribution.reference,
        "input_kind": contribution.kind,
        "title": _excerpt(contribution),
        "contribution_id": contribution.pk,
        **_process_facts(contribution.process),
    }


def _followers(process: Process) -> list[int]:
    return list(ProcessFollow.objects.filter(process=process).values_list("person_id", flat=True))


def _need_authors(solution: Solution) -> dict[int, list[str]]:
    """The authors of the needs ``solution`` answers, each with their needs' references."""
    authors: dict[int, list[str]] = defaultdict(list)
    needs = (
        solution.needs.exclude(status=Need.Status.MERGED)
        .exclude(author__isnull=True)
        .order_by("pk")
        .values_list("author_id", "reference")
    )
    for author_id, reference in needs:
        authors[author_id].append(reference)
    return authors


# What happened -------------------------------------------------------------


def status_changed(*, contribution: Contribution, before: str, status: str, text: str, by) -> None:
    """The author hears of every status change of their need or solution, with the reason."""
    if contribution.kind not in (Contribution.Kind.NEED, Contribution.Kind.SOLUTION):
        return
    item = {
        "kind": "status",
        **_input_facts(contribution),
        "from_status": before,
        "to_status": status,
        "text": text,
    }
    _tell(
        [contribution.author_id],
        NotificationGroup.OWN_INPUT,
        item,
        process=contribution.process,
        actor=by,
    )


def need_taken_into_solution(*, need: Need, solution: Solution, text: str, by) -> None:
    item = {
        "kind": "taken_into_solution",
        **_input_facts(need),
        "from_status": need.status,
        "solution_reference": solution.reference,
        "solution_title": solution.title,
        "text": text,
    }
    _tell([need.author_id], NotificationGroup.OWN_INPUT, item, process=solution.process, actor=by)


def solution_moved(*, solution: Solution, before: str, status: str, text: str, by, skip=()) -> None:
    """The authors of the needs a solution answers hear of each step it takes
    (``skip``: people already told of this step another way)."""
    process = solution.process
    with batch(actor=by) as current:
        for author_id, references in _need_authors(solution).items():
            if author_id in skip:
                continue
            item = {
                "kind": "solution_step",
                "reference": solution.reference,
                "need_references": references,
                "solution_title": solution.title,
                "from_status": before,
                "to_status": status,
                "text": text,
                "contribution_id": solution.pk,
                **_process_facts(process),
            }
            current.add([author_id], NotificationGroup.OWN_INPUT, item, process=process)


def test_round_recorded(
    *, test_round: TestRound, solution: Solution, results: list, status: str, by
) -> None:
    """One test round tells the solution's author, each need's author (with the
    result for their need) and the followers: each once, with all of it."""
    process = solution.process
    result_rows = [{"need_reference": r.need.reference, "result": r.result} for r in results]
    common = {
        "solution_reference": solution.reference,
        "solution_title": solution.title,
        "test_round_reference": test_round.reference,
        "decision": test_round.decision,
        "to_status": status,
        "text": test_round.learning,
        **_process_facts(process),
    }
    with batch(actor=by) as current:
        current.add(
            [solution.author_id],
            NotificationGroup.OWN_INPUT,
            {
                "kind": "tested",
                "reference": solution.reference,
                "contribution_id": solution.pk,
                "results": result_rows,
                **common,
            },
            process=process,
        )
        for result in results:
            need = result.need
            if need.status == Need.Status.MERGED:
                continue
            current.add(
                [need.author_id],
                NotificationGroup.OWN_INPUT,
                {
                    "kind": "test_result",
                    "reference": need.reference,
                    "contribution_id": need.pk,
                    "result": result.result,
                    **common,
                },
                process=process,
            )
        current.add(
            _followers(process),
            NotificationGroup.FOLLOWED,
            {
                "kind": "test_results",
                "reference": test_round.reference,
                "contribution_id": test_round.pk,
                "results": result_rows,
                **common,
            },
            process=process,
        )


def need_merged(*, duplicate: Need, survivor: Need, text: str, by) -> None:
    item = {
        "kind": "merged",
        **_input_facts(duplicate),
        "into_reference": survivor.reference,
        "into_title": _excerpt(survivor),
        "text": text,
    }
    _tell(
        [duplicate.author_id],
        NotificationGroup.OWN_INPUT,
        item,
        process=duplicate.process,
        actor=by,
    )


def comment_moderated(*, comment: Comment, step: str, reason: str, by) -> None:
    """The author hears that a moderator hid their comment (``step`` "hidden")
    or showed it again ("shown"), with the moderator's reason."""
    item = {
        "kind": step,
        **_input_facts(comment),
        "target_reference": comment.target.reference,
        "text": reason,
    }
    _tell([comment.author_id], NotificationGroup.OWN_INPUT, item, process=comment.process, actor=by)


def input_added(*, contribution: Contribution) -> None:
    """The owners hear of new input in their process."""
    if contribution.kind not in NEW_INPUT_KINDS:
        return
    process = contribution.process
    item = {"kind": "new_input", **_input_facts(contribution)}
    if isinstance(contribution, Comment):
        item["target_reference"] = contribution.target.reference
    owners = process.owners.values_list("pk", flat=True)
    _tell(owners, NotificationGroup.OWNED, item, process=process, actor=contribution.author)


def round_started(*, process: Process, new_round: Round, by) -> None:
    item = {
        "kind": "round_started",
        "round_number": new_round.number,
        "focus": new_round.focus,
        "text": new_round.learnings,
        **_process_facts(process),
    }
    _tell(_followers(process), NotificationGroup.FOLLOWED, item, process=process, actor=by)


def level_changed(*, change: LevelChange, by) -> None:
    process = change.process
    item = {
        "kind": "level_changed",
        "from_level": change.from_level,
        "to_level": change.to_level,
        "from_target": change.from_target,
        "to_target": change.to_target,
        "text": change.justification,
        **_process_facts(process),
    }
    _tell(_followers(process), NotificationGroup.FOLLOWED, item, process=process, actor=by)


def process_status_changed(*, process: Process, before: str, status: str, text: str, by) -> None:
    item = {
        "kind": "process_status",
        "from_status": before,
        "to_status": status,
        "text": text,
        **_process_facts(process),
    }
    _tell(_followers(process), NotificationGroup.FOLLOWED, item, process=process, actor=by)


def _arena_facts(arena) -> dict:
    return {
        "arena_id": arena.pk,
        "arena_title": arena.title,
        "starts_at": arena.starts_at.isoformat(),
        "place": arena.place,
        **_process_facts(arena.process),
    }


def arena_seat_given(*, arena, person_ids: list[int], by) -> None:
    """People moved up from an arena's waiting list hear they have a seat.
    Sign-ups are the person's own business: the group of their own input."""
    item = {"kind": "arena_seat", **_arena_facts(arena)}
    _tell(person_ids, NotificationGroup.OWN_INPUT, item, process=arena.process, actor=by)


def arena_reminder(*, arena, person_id: int) -> None:
    """The day before: a reminder to a person with a seat."""
    item = {"kind": "arena_reminder", **_arena_facts(arena)}
    _tell([person_id], NotificationGroup.OWN_INPUT, item, process=arena.process, actor=None)
