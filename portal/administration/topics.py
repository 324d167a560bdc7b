"""Temaer: create, rename, merge and retire the municipality's topics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.administration.access import administrators_only
from portal.administration.forms import TopicForm, TopicMergeForm
from processes.models import Need, Process, Topic
from processes.services.topics import topic_create, topic_merge, topic_rename, topic_retire
from processes.views.writes import attempt


def _count(through, source: str):
    """How many rows of ``through`` name the outer topic, as a subquery (no join
    of processes with needs, whose product would grow with both)."""
    return Coalesce(
        Subquery(
            through.objects.filter(topic=OuterRef("pk"))
            .order_by()
            .values("topic")
            .annotate(total=Count(source))
            .values("total")
        ),
        0,
    )


def _page(request: HttpRequest, form: TopicForm, *, failed: dict | None = None, status=200):
    """The list of topics, each with what carries it and the value its rename
    field shows (what was typed, after a refused rename)."""
    failed = failed or {}
    topics = list(
        Topic.objects.in_municipality(request.municipality)
        .annotate(
            process_total=_count(Process.topics.through, "process"),
            need_total=_count(Need.topics.through, "need"),
        )
        .order_by(F("retired_at").asc(nulls_first=True), "name")
    )
    for topic in topics:
        topic.rename_form = failed.get(topic.pk) or TopicForm(
            prefix=f"tema-{topic.pk}", initial={"name": topic.name}
        )
    return render(
        request,
        "administration/topics.html",
        {"form": form, "topics": topics},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@administrators_only
def topics(request: HttpRequest) -> HttpResponse:
    form = TopicForm(request.POST or None, prefix="nytt")
    if request.method == "POST" and form.is_valid():
        topic = attempt(
            form,
            lambda: topic_create(
                municipality=request.municipality, by=request.user, name=form.cleaned_data["name"]
            ),
        )
        if topic is not None:
            messages.success(request, _("Temaet «%(name)s» er opprettet.") % {"name": topic.name})
            return redirect("administration:topics")
    return _page(request, form)


def _topic(request: HttpRequest, pk: int) -> Topic:
    return get_object_or_404(
        Topic.objects.select_related("municipality"), pk=pk, municipality=request.municipality
    )


@require_POST
@administrators_only
def rename(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _topic(request, pk)
    form = TopicForm(request.POST, prefix=f"tema-{topic.pk}")
    if form.is_valid():
        old = topic.name
        renamed = attempt(
            form, lambda: topic_rename(topic=topic, by=request.user, name=form.cleaned_data["name"])
        )
        if renamed is not None:
            messages.success(
                request,
                _("«%(old)s» heter nå «%(name)s».") % {"old": old, "name": renamed.name},
            )
            return redirect("administration:topics")
    # The list again, with this topic's form and what was typed in it.
    return _page(request, TopicForm(prefix="nytt"), failed={topic.pk: form})


@require_POST
@administrators_only
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _topic(request, pk)
    form = TopicMergeForm(request.POST, topic=topic, prefix=f"slaa-{topic.pk}")
    if form.is_valid():
        name = topic.name
        into = attempt(
            form, lambda: topic_merge(topic=topic, into=form.cleaned_data["into"], by=request.user)
        )
        if into is not None:
            messages.success(
                request,
                _("«%(name)s» er slått sammen med «%(into)s». Prosessene og behovene er flyttet.")
                % {"name": name, "into": into.name},
            )
            return redirect("administration:topics")
    for message in form.errors.get("into", []):
        messages.error(request, message)
    return redirect("administration:topics")


@require_POST
@administrators_only
def retire(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _topic(request, pk)
    retired = request.POST.get("faset_ut") != "0"
    try:
        topic_retire(topic=topic, by=request.user, retired=retired)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if retired:
            text = _("«%(name)s» er faset ut. Det kan ikke velges for noe nytt.")
        else:
            text = _("«%(name)s» kan velges igjen.")
        messages.success(request, text % {"name": topic.name})
    return redirect("administration:topics")
