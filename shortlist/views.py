"""«Подборка» pages: the visitor's shortlist, its comparison, a shared snapshot and the programme annex.

Every form here carries Django's CSRF token except «Добавить в подборку»: that button sits on every card of every
catalogue page, and a token would set a cookie on those pages and so keep them out of the response cache
(docs/caching.md). The add view checks instead that the request comes from this site (the Origin header, or the
Referer where a browser sends no Origin) — the check Django's CSRF protection starts with — and the session
cookie is SameSite=Lax, so another site cannot even reach the visitor's shortlist with a forged form.
"""
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from catalogue.query import parse_int
from catalogue.submissions.forms import SolutionRequestForm
from catalogue.submissions.ratelimit import over_limit
from catalogue.submissions.views import form_context, rate_limited, receive
from shortlist import annex, store
from shortlist.fields import rows
from shortlist.forms import CityForm, NoteForm
from shortlist.models import MAX_ITEMS, Shortlist

NOT_FOUND = "Такого решения нет в каталоге: возможно, его сняли с публикации."
FOREIGN = "Добавить в подборку можно только со страниц этого сайта."
EMPTY = "Подборка пуста: добавьте решения из каталога."


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def same_origin(request):
    """Whether a POST comes from a page of this site, by its Origin header (or Referer, if there is no Origin)."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def back_to(request):
    """Where a form without JavaScript returns: the page it was sent from, if it is on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("shortlist:index")


def answer(request, message, *, status=200):
    """JSON for the page's script, or a message and a redirect back for a plain form."""
    if wants_json(request):
        return JsonResponse({"message": message, "count": len(store.session_ids(request)),
                             "url": reverse("shortlist:index")}, status=status)
    messages.add_message(request, messages.SUCCESS if status == 200 else messages.ERROR, message)
    return redirect(back_to(request))


@csrf_exempt  # see the module's docstring: the origin is checked instead
@require_POST
def add(request):
    if not same_origin(request):
        return HttpResponse(FOREIGN, status=403, content_type="text/plain; charset=utf-8")
    pk = parse_int(request.POST.get("solution", "").strip())
    solution = store.live_solution(pk) if pk else None
    if solution is None:
        return answer(request, NOT_FOUND, status=400)
    try:
        added = store.add(request, solution)
    except store.ShortlistFull:
        return answer(request, store.FULL, status=409)
    return answer(request, (store.ADDED if added else store.ALREADY).format(title=solution.title))


@require_POST
def remove(request):
    pk = parse_int(request.POST.get("solution", "").strip())
    solution_id = pk if pk is not None else -1
    if store.remove(request, solution_id):
        title = store.live_solution(solution_id)
        messages.success(request, store.REMOVED.format(title=title.title if title else "Решение"))
    return redirect("shortlist:index")


@require_POST
def note(request):
    shortlist = store.current(request)
    pk = parse_int(request.POST.get("solution", "").strip())
    item = shortlist and pk is not None and shortlist.items.filter(solution_id=pk).first()
    if not item:
        messages.error(request, NOT_FOUND)
        return redirect("shortlist:index")
    save_one_field(request, NoteForm(request.POST, instance=item), "Заметка сохранена.")
    return redirect(reverse("shortlist:index") + f"#item-{pk}")


@require_POST
def set_city(request):
    form = CityForm(request.POST, instance=store.own(request))
    save_one_field(request, form, "Город сохранён: он появится в заголовке приложения.")
    return redirect("shortlist:index")


def save_one_field(request, form, success):
    """Save a one-field form and say so, or say what is wrong (nothing is changed then)."""
    if form.is_valid():
        form.save()
        messages.success(request, success)
    else:
        messages.error(request, next(iter(form.errors.values()))[0])


@require_POST
def share(request):
    shortlist = store.current(request)
    if shortlist is None or not shortlist.items.exists():
        messages.error(request, EMPTY)
        return redirect("shortlist:index")
    return redirect("shortlist:shared", key=store.snapshot(shortlist).key)


@require_POST
def copy_shared(request, key):
    source = shared_or_404(key)
    copied, left_out = store.copy_into_own(request, source)
    messages.success(request, (store.COPIED_PARTLY if left_out else store.COPIED).format(count=copied))
    return redirect("shortlist:index")


@never_cache
def send(request):
    """«Отправить подборку в НОЦ»: the request form, one request linked to every shortlisted solution."""
    items = store.entries(store.current(request))
    if not items:
        messages.error(request, EMPTY)
        return redirect("shortlist:index")
    form = SolutionRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if over_limit(request):
            return rate_limited(request)
        if form.is_bot():
            return redirect("shortlist:sent")
        solutions = [item.solution for item in items]
        if receive(request, form, solution_title=f"Подборка: {len(solutions)} шт.",
                   related={"solutions": solutions}):
            return redirect("shortlist:sent")
    return TemplateResponse(request, "shortlist/send.html", {"form": form, "items": items, **form_context()})


def sent(request):
    return TemplateResponse(request, "shortlist/sent.html", {})


def shared_or_404(key):
    return get_object_or_404(Shortlist, key=key, is_snapshot=True)


# --- pages --------------------------------------------------------------------------------------------------

def view_context(request, shortlist, key=None):
    """What every page of a shortlist shows; `key` is set for a shared snapshot (read-only)."""
    items = store.entries(shortlist)
    prefix = reverse("shortlist:shared", kwargs={"key": key}) if key else reverse("shortlist:index")
    return {"shortlist": shortlist, "items": items, "shared_key": key, "read_only": bool(key),
            "base_url": prefix, "max_items": MAX_ITEMS,
            "exports": [(fmt, label, f"{prefix}export.{fmt}") for fmt, label in annex.FORMATS]}


@never_cache
@require_safe
def index(request):
    shortlist = store.current(request)
    context = view_context(request, shortlist)
    shown = [item.solution_id for item in context["items"]]
    if shortlist is not None and shown != store.session_ids(request):
        store.remember(request, shortlist, ids=shown)  # a solution was unpublished: count what the list shows
    context["city_form"] = CityForm(instance=shortlist)
    for item in context["items"]:
        item.note_form = NoteForm(instance=item, auto_id=f"item-{item.solution_id}-%s")
    return TemplateResponse(request, "shortlist/index.html", context)


@never_cache
@require_safe
def shared(request, key):
    return TemplateResponse(request, "shortlist/shared.html", view_context(request, shared_or_404(key), key))


@never_cache
@require_safe
def compare(request, key=None):
    shortlist = shared_or_404(key) if key else store.current(request)
    context = view_context(request, shortlist, key)
    context["rows"] = rows(context["items"])
    return TemplateResponse(request, "shortlist/compare.html", context)


@never_cache
@require_safe
def export(request, fmt, key=None):
    if fmt not in annex.BUILDERS:
        raise Http404("Такого формата нет")
    shortlist = shared_or_404(key) if key else store.current(request)
    items = store.entries(shortlist)
    return annex.response(request, fmt, items, city=shortlist.city if shortlist else "")
