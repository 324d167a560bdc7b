"""De 5 fundamentene: owners score a process's five success factors."""

from django.db import transaction

from ladder.foundations import FACTORS
from portal.audit import audit_record
from processes import rules
from processes.models import FoundationScore, Process
from processes.services.contributions import process_touch


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
    process_touch(process_id=process.pk)
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.foundations",
        target=process,
        after={**score.scores, "note": score.note},
    )
    return score
