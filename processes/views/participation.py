"""Who takes part in a process and who is missing (representativity), for
anyone who may see the process: the figures are aggregates, and no group under
5 people is shown as a number."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from portal.http import render_page
from portal.pagecache import page_cache
from processes.representativity import representativity
from processes.selectors import process_page_version
from processes.views.access import process_for


@require_safe
@page_cache(version=process_page_version)
def participation(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    context = {
        "process": process,
        "representativity": representativity(process),
        "population_source": process.municipality.population_source,
    }
    return render_page(request, "processes/participation.html", context)
