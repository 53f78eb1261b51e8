import pytest

from search import backends
from tests.factories import NeedFactory, SectorFactory, SolutionPageFactory


def make_solution(slug, title, summary, body="", trl=7, **relations):
    blocks = [{"type": "paragraph", "value": f"<p>{body}</p>"}] if body else []
    return SolutionPageFactory(slug=slug, title=title, summary=summary, body=blocks, trl=trl, **relations)


@pytest.fixture
def catalogue(db):
    """A small Russian catalogue with word forms, abbreviations and readiness levels to tell apart."""
    ecology = SectorFactory(name="Экология и рекультивация", slug="ecology")
    mining = SectorFactory(name="Горное дело", slug="mining")
    water = NeedFactory(name="Очистка воды", slug="water")
    return {
        "drone": make_solution("drone-survey", "Маркшейдерская съёмка карьеров с беспилотников",
                               "Аэрофотосъёмка разрезов с БПЛА для подсчёта объёмов вскрыши.", trl=9,
                               sectors=[mining]),
        "bolting": make_solution("roof-bolting", "Самоходная буровая установка для анкерного крепления",
                                 "Установка для бурения шпуров в подготовительных выработках.",
                                 "Сокращает время крепления забоя и выводит рабочего из-под кровли.",
                                 trl=7, sectors=[mining]),
        "rescue": make_solution("rescue-training", "Тренажёр для подготовки шахтёров",
                                "Обучение действиям при аварии в виртуальной шахте.", trl=6, sectors=[mining]),
        "lighting": make_solution("street-lighting", "Интеллектуальное уличное освещение",
                                  "Светодиодные светильники с дистанционным управлением.", trl=9),
        "membrane": make_solution("mine-water", "Мембранная очистка шахтных вод",
                                  "Обратный осмос для дренажных вод угольных шахт.",
                                  "Ёмкость для очищенной воды.", trl=8, sectors=[ecology], needs=[water]),
        "wetland": make_solution("wetland", "Биоплато для карьерных вод",
                                 "Растения очищают сточные воды разрезов без реагентов.",
                                 "Подходит для очистки шахтных вод малых объёмов.", trl=6, sectors=[ecology],
                                 needs=[water]),
    }


@pytest.fixture(autouse=True)
def _search_server_breaker_closed():
    """A search server that failed in one test must not be skipped in the next."""
    backends.search_server_breaker.reset()
