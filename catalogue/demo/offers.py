"""Illustrative deployments and offer terms for the demo solutions.

The seed article names no customer, site, effect or price of these solutions, so nothing here is a fact: every
site is a generic description («угольный разрез»), marked «(иллюстративный пример)», every story says so, no
organisation is named as a customer and no contact is given. Places are the demo's own regions and cities.
Effects, prices and terms are plausible orders of magnitude for the kind of solution, to show how a filled page
looks; editors replace them with confirmed data.
"""
from catalogue.demo.content import DNR, KUZBASS

EXAMPLE = " (иллюстративный пример)"
STORY = "Иллюстративный пример для демонстрации каталога, не сведения о реальном внедрении или заказчике."


def deployment(site, *, city=None, region=None, year, status="operating", scale="", effects=()):
    return {"site": site + EXAMPLE, "city": city, "region": region, "year": year, "status": status,
            "scale": scale, "effects": list(effects), "story": STORY}


OFFERS = {
    "drilling-blasting-software": {
        "deployments": [
            deployment("Угольный разрез", city="Междуреченск", year=2023, scale="1 разрез, 12 рабочих мест",
                       effects=[("−30 %", "времени на проект массового взрыва")]),
            deployment("Угольный разрез", city="Киселёвск", year=2024, status="pilot", scale="3 рабочих места"),
        ],
        "terms": {"terms_licence": True, "terms_service": True, "price_note": "по запросу",
                  "lead_time": "от 1 месяца, с обучением специалистов"},
    },
    "modular-mine-water-treatment": {
        "deployments": [
            deployment("Шахтный водоотлив", city="Прокопьевск", year=2022, scale="2 модуля, 400 м³/ч",
                       effects=[("−40 %", "взвешенных веществ в сбросе"), ("24/7", "без постоянного персонала")]),
            deployment("Очистные сооружения карьера", region=KUZBASS, year=2024, status="pilot", scale="1 модуль"),
        ],
        "terms": {"terms_supply": True, "terms_service": True, "price_note": "по запросу", "payback_months": 36,
                  "capacity": "несколько модулей в год", "lead_time": "4–6 месяцев"},
    },
    "closed-root-seedling-nursery": {
        "deployments": [
            deployment("Рекультивация отвала", city="Белово", year=2021, status="completed", scale="15 га",
                       effects=[("80 %", "приживаемость саженцев")]),
        ],
        "terms": {"terms_supply": True, "terms_joint": True, "price_note": "за саженец, по запросу"},
    },
    "donbass-seedling-nursery": {
        "deployments": [
            deployment("Озеленение городской территории", city="Донецк", region=DNR, year=2025, status="pilot"),
        ],
        "terms": {"terms_joint": True, "terms_rnd": True},
    },
}


def add_offer(page, places):
    """Set the illustrative terms and deployments of a demo solution (unsaved page); `places`: Region by name."""
    from catalogue.models import Deployment  # the loader imports models; this module stays importable alone

    offer = OFFERS.get(page.slug)
    if not offer:
        return
    for field, value in offer["terms"].items():
        setattr(page, field, value)
    page.deployments = [
        Deployment(site=item["site"], city=places.get(item["city"]), region=places.get(item["region"]),
                   year=item["year"], status=item["status"], scale=item["scale"], story=item["story"],
                   effects=[("effect", {"value": value, "label": label}) for value, label in item["effects"]],
                   sort_order=order)
        for order, item in enumerate(offer["deployments"])]
