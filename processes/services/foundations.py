"""De 5 fundamentene: owners score a process's five success factors."""

from django.db import transaction
from django.utils import timezone

from ladder.foundations import FACTORS
from portal.audit import audit_record
from processes import rules
from processes.models import FoundationScore, Process


@transaction.atomic
def foundations_score(
    *, process: Process, by, scores: dict[str, int], note: str = ""
) -> FoundationScore:
    """A new scoring (0–5 per factor, with a note); earlier ones stay as history."""
    rules.may_manage(by, process).require()
    score = FoundationScore(
        process=process,
        scored_by=by,
        note=(note or "").strip(),
        **{factor: scores[factor] for factor in FACTORS},
    )
    score.full_clean(exclude=["process", "scored_by"])
    score.save()
    Process.objects.filter(pk=process.pk).update(
        current_foundations=score, updated_at=timezone.now()
    )
    process.current_foundations = score
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.foundations",
        target=process,
        after={**score.scores, "note": score.note},
    )
    return score
