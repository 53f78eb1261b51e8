"""The public needs board (/needs/): needs that a city asked to publish and a moderator approved, and
«Предложить решение» for developers.

Why here and not in an app of its own: a published need *is* the NeedSubmission a city sent (the same row, with
a public text the moderator wrote), and an offer is one more thing visitors send to the same inbox, under the same
consent, rate limit, mail and retention. Someone looking for /needs/ finds it next to /needs/submit/.

Nothing personal is shown: the board reads only the public fields (`PUBLIC_FIELDS`), never the name,
organisation, contacts or the city's own wording.
"""
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.contrib.sitemaps import Sitemap

from catalogue.models import Need, NeedSubmission, PublicStatus, Region
from catalogue.outputs.addresses import absolute_url
from catalogue.submissions.forms import SolutionOfferForm
from catalogue.submissions.matching import matching_solutions
from catalogue.submissions.ratelimit import over_limit
from catalogue.submissions.views import logger, rate_limited, receive

PAGE_SIZE = 20
# The only columns of a need the public pages read.
PUBLIC_FIELDS = ("pk", "city", "public_text", "public_status", "published_at", "region")


def published_needs():
    return (NeedSubmission.objects.filter(published=True, publish_requested=True)
            .only(*PUBLIC_FIELDS).select_related("region").order_by("-published_at", "-pk"))


def needs_board(request):
    needs, errors, chosen = published_needs(), [], {}
    need_slug, region_slug, status = (request.GET.get(name, "").strip() for name in ("need", "region", "status"))
    categories = list(Need.objects.all())
    regions = list(Region.objects.filter(Q(published_needs__published=True)
                                         | Q(cities__published_needs__published=True)).distinct().order_by("name"))
    if need_slug:
        if need_slug in {need.slug for need in categories}:
            needs, chosen["need"] = needs.filter(needs__slug=need_slug), need_slug
        else:
            errors.append("Такой категории потребностей нет — показаны все потребности.")
    if region_slug:
        if region_slug in {region.slug for region in regions}:
            needs = needs.filter(Q(region__slug=region_slug) | Q(region__parent__slug=region_slug))
            chosen["region"] = region_slug
        else:
            errors.append("В этом регионе опубликованных потребностей нет — показаны все.")
    if status:
        if status in PublicStatus.values:
            needs, chosen["status"] = needs.filter(public_status=status), status
        else:
            errors.append("Такого статуса нет: допустимо «открыта», «в работе», «решено».")
    page = Paginator(needs.prefetch_related("needs"), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "catalogue/needs/board.html", {
        "page": page, "needs": page.object_list, "errors": errors, "chosen": chosen, "categories": categories,
        "regions": regions, "statuses": PublicStatus.choices,
    }, status=400 if errors else 200)


def public_need(request, pk):
    need = get_object_or_404(published_needs().prefetch_related("needs"), pk=pk)
    matches = matching_solutions(need, text=need.public_text)
    return TemplateResponse(request, "catalogue/needs/need.html", {"need": need, "matches": matches})


@never_cache
def offer_solution(request, pk):
    """A developer's offer for a published need: lands in the inbox («Предложения решений»)."""
    need = get_object_or_404(published_needs(), pk=pk)
    if need.public_status == PublicStatus.SOLVED:
        return TemplateResponse(request, "catalogue/needs/offer_form.html", {"need": need, "solved": True})
    form = SolutionOfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            logger.info("Honeypot filled on the offer form of need %s; nothing stored", need.pk)
            return redirect("offer_sent", pk=need.pk)
        if over_limit(request):
            return rate_limited(request)
        if receive(request, form, need=need, need_label=need.public_title(), city=need.city,
                   role=NeedSubmission.Role.BUSINESS):
            return redirect("offer_sent", pk=need.pk)
    return TemplateResponse(request, "catalogue/needs/offer_form.html", {"need": need, "form": form})


def offer_sent(request, pk):
    need = get_object_or_404(published_needs(), pk=pk)
    return TemplateResponse(request, "catalogue/needs/offer_sent.html", {"need": need})


class NeedSitemap(Sitemap):
    """The published needs in /sitemap.xml, on the same public address as Wagtail's pages."""

    def items(self):
        return published_needs()

    def _urls(self, page, protocol, domain):
        return [{"item": need, "location": absolute_url(self.request, need.get_absolute_url()),
                 "lastmod": need.published_at, "changefreq": None, "priority": None, "alternates": []}
                for need in self.paginator.page(page).object_list]
