"""«Følg prosessen»: a signed-in person follows a process, or stops."""

from django.db import transaction

from processes import rules
from processes.models import Process, ProcessFollow


@transaction.atomic
def process_follow(*, process: Process, user) -> bool:
    """``user`` hears of the process's rounds, test results, level changes and
    end from now on. False if they already followed it. The page cache keys
    on whether the visitor follows (``processes.selectors``): no touch needed."""
    rules.may_follow(user, process).require()
    _follow, created = ProcessFollow.objects.get_or_create(process=process, person=user)
    return created


@transaction.atomic
def process_unfollow(*, process: Process, user) -> bool:
    rules.may_follow(user, process).require()
    deleted, _rows = ProcessFollow.objects.filter(process=process, person=user).delete()
    return bool(deleted)
