"""Test rounds: a solution tried with real people, and what follows from it."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.audit import audit_changes, audit_record
from portal.files import IMAGE_TYPES, image_stored_clean, remember_written, removes_files_on_failure
from processes import notifications, rules
from processes.models import (
    Contribution,
    Evidence,
    Need,
    NeedResult,
    Process,
    Solution,
    TestRound,
    TimelineEvent,
)
from processes.rules import TESTABLE
from processes.services.contributions import (
    contribution_add,
    contribution_set_status,
    save_versioned,
)
from processes.uploads import evidence_check, evidence_storage_name

# Recording a test round is the only way a solution becomes «Testet»; an adjusted
# solution may be tested again without being selected a second time.
TESTED_FROM = {status: {Solution.Status.TESTED} for status in TESTABLE}
DECISION_STATUS = {
    TestRound.Decision.ADJUST: Solution.Status.ADJUSTED,
    TestRound.Decision.ADOPT: Solution.Status.ADOPTED,
    TestRound.Decision.DISCARD: Solution.Status.DISCARDED,
}
NEED_STATUSES_MET_BY_ADOPTION = (
    Need.Status.RECEIVED,
    Need.Status.UNDER_REVIEW,
    Need.Status.IN_SOLUTION,
)
SUMMARY_WORDS = 60


def evidence_add(*, test_round: TestRound, upload: UploadedFile, by) -> Evidence:
    """Store one checked file under a generated name; the original name is for display."""
    content_type = evidence_check(upload)
    original_name = (upload.name or "")[:255]
    if content_type in IMAGE_TYPES:
        upload = image_stored_clean(upload)
    upload.name = evidence_storage_name(content_type)
    evidence = Evidence(
        test_round=test_round,
        file=upload,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    evidence.save()
    remember_written(evidence.file)
    return evidence


def _check_need_results(solution: Solution, need_results: dict) -> list[NeedResult]:
    """One valid result per need the solution addresses, on freshly read needs."""
    addressed = {need.pk: need for need in solution.needs.all()}
    given = {need.pk: result for need, result in need_results.items()}
    if set(given) != set(addressed):
        raise ValidationError(
            _("Oppgi et resultat for hvert behov løsningen svarer på, og bare for dem.")
        )
    valid = set(NeedResult.Result.values)
    if any(result not in valid for result in given.values()):
        raise ValidationError(_("Ukjent resultat for et behov."))
    return [NeedResult(need=addressed[pk], result=result) for pk, result in given.items()]


@removes_files_on_failure
@transaction.atomic
def test_round_record(
    *,
    solution: Solution,
    by,
    body: str,
    participant_categories: list[str],
    head_count: int,
    held_on,
    place: str,
    findings: str,
    need_results: dict,
    decision: str,
    learning: str,
    files: list[UploadedFile] = (),
) -> TestRound:
    """Record a test round and move the solution: tested, then adjusted, adopted or
    discarded by the decision. Needs an adopted solution met are met."""
    rules.may_test(by, solution).require()
    with notifications.batch(actor=by):
        return _test_round_record(
            solution=solution,
            by=by,
            body=body,
            participant_categories=participant_categories,
            head_count=head_count,
            held_on=held_on,
            place=place,
            findings=findings,
            need_results=need_results,
            decision=decision,
            learning=learning,
            files=files,
        )


def _test_round_record(
    *,
    solution: Solution,
    by,
    body,
    participant_categories,
    head_count,
    held_on,
    place,
    findings,
    need_results,
    decision,
    learning,
    files,
) -> TestRound:
    process = solution.process
    if decision not in DECISION_STATUS:
        raise ValidationError({"decision": _("Velg en beslutning.")})
    results = _check_need_results(solution, need_results)

    test_round = TestRound(
        kind=Contribution.Kind.TEST_ROUND,
        tested_solution=solution,
        body=body.strip(),
        participant_categories=list(participant_categories),
        head_count=head_count,
        held_on=held_on,
        place=place.strip(),
        findings=findings.strip(),
        decision=decision,
        learning=learning.strip(),
    )
    contribution_add(test_round, process=process, author=by, status=TestRound.Status.DECIDED)
    if (
        solution.given_as in Contribution.CITIZEN_SIDE
        and not TestRound.objects.filter(tested_solution=solution)
        .exclude(pk=test_round.pk)
        .exists()
    ):
        Process.objects.filter(pk=process.pk).update(
            citizen_solutions_tested_count=F("citizen_solutions_tested_count") + 1
        )
    for result in results:
        result.test_round = test_round
    NeedResult.objects.bulk_create(results)
    _need_timelines_record(
        process=process, solution=solution, test_round=test_round, results=results, by=by
    )
    for upload in files:
        evidence_add(test_round=test_round, upload=upload, by=by)

    contribution_set_status(
        contribution=solution,
        status=Solution.Status.TESTED,
        text=_("Testet i %(reference)s: %(findings)s")
        % {
            "reference": test_round.reference,
            "findings": Truncator(test_round.findings).words(SUMMARY_WORDS),
        },
        by=by,
        allowed=TESTED_FROM,
        kind=TimelineEvent.Kind.TESTED,
        tell=False,
    )
    contribution_set_status(
        contribution=solution,
        status=DECISION_STATUS[decision],
        text=test_round.learning,
        by=by,
        allowed=Solution.TRANSITIONS,
        tell=False,
    )
    notifications.test_round_recorded(
        test_round=test_round,
        solution=solution,
        results=results,
        status=DECISION_STATUS[decision],
        by=by,
    )
    if decision == TestRound.Decision.ADOPT:
        met = [r.need for r in results if r.result == NeedResult.Result.MET]
        for need in met:
            if need.status not in NEED_STATUSES_MET_BY_ADOPTION:
                continue
            need.process = process
            contribution_set_status(
                contribution=need,
                status=Need.Status.MET,
                text=_(
                    "Løsningen %(solution)s «%(title)s» er tatt i bruk. Testrunden "
                    "%(test_round)s viste at den dekker behovet ditt."
                )
                % {
                    "solution": solution.reference,
                    "title": solution.title,
                    "test_round": test_round.reference,
                },
                by=by,
            )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="test_round.record",
        target=test_round,
        after={
            "solution": solution.reference,
            "decision": decision,
            "need_results": {r.need.reference: r.result for r in results},
        },
    )
    return test_round


def _need_timelines_record(*, process, solution, test_round, results, by) -> None:
    """Each tested need's own timeline shows the result the test round found for it."""
    labels = dict(NeedResult.Result.choices)
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                process=process,
                contribution=result.need,
                kind=TimelineEvent.Kind.TEST_RESULT,
                from_status=result.need.status,
                to_status=result.result,
                text=_(
                    "Testrunden %(test_round)s prøvde ut løsningen %(solution)s «%(title)s»: "
                    "%(result)s."
                )
                % {
                    "test_round": test_round.reference,
                    "solution": solution.reference,
                    "title": solution.title,
                    "result": labels[result.result],
                },
                actor=by,
            )
            for result in results
        ]
    )


@transaction.atomic
def test_round_update(
    *,
    test_round: TestRound,
    by,
    version: int,
    findings: str,
    learning: str,
    place: str,
    head_count: int,
) -> TestRound:
    """Owners correct what was found and learned; the decision stays as recorded."""
    rules.may_manage(by, test_round.process).require()
    before = {
        "findings": test_round.findings,
        "learning": test_round.learning,
        "place": test_round.place,
        "head_count": test_round.head_count,
    }
    test_round.findings = findings.strip()
    test_round.learning = learning.strip()
    test_round.place = place.strip()
    test_round.head_count = head_count
    test_round.full_clean(exclude=["reference", "kind", "tested_solution"])
    save_versioned(
        test_round, version=version, fields=["findings", "learning", "place", "head_count"]
    )
    before, after = audit_changes(before, {name: getattr(test_round, name) for name in before})
    audit_record(
        actor=by,
        municipality=test_round.process.municipality,
        action="test_round.edit",
        target=test_round,
        before=before,
        after=after,
    )
    return test_round


# Their names start with "test": tell pytest they are not tests when imported into one.
test_round_record.__test__ = False
test_round_update.__test__ = False
