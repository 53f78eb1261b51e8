"""`manage.py import_solutions`: what an editor migrating the catalogue sees happen (or not happen) to the site."""
import csv
import json
import re
from io import StringIO

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management import base as management_base
from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from catalogue import cache as catalogue_cache
from catalogue.management.commands import import_solutions
from catalogue.models import Need, Organization, Region, Sector, SolutionPage
from search.service import search
from tests.factories import SectorFactory, SolutionPageFactory, publish

pytestmark = pytest.mark.django_db

LIST_FIELDS = ("sectors", "needs", "tags", "organizations", "regions")


def solution(slug, **overrides):
    row = {
        "slug": slug,
        "title": "Модульная установка очистки шахтных вод",
        "summary": "Очищает шахтные воды до норм сброса в водоёмы.",
        "body": "Установка собирается из блоков.\nКаждый блок — в контейнере.\n\nРаботает без постоянного персонала.",
        "sectors": ["Экология и рекультивация"],
        "needs": ["Очистка шахтных вод"],
        "tags": ["шахтные воды", "очистка"],
        "organizations": ["КузГТУ"],
        "regions": ["Кемеровская область"],
        "trl": 8,
    }
    return row | overrides


def write_json(tmp_path, rows, name="solutions.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(tmp_path, rows, name="solutions.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({key: "; ".join(value) if key in LIST_FIELDS else value for key, value in row.items()})
    return path


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_solutions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(path, *args):
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_solutions", str(path), *args, stdout=StringIO(), stderr=err)
    return f"{err.getvalue()}\n{raised.value}"


def names(queryset):
    return sorted(obj.name for obj in queryset)


def test_json_import_publishes_pages_at_their_slugs(tmp_path, client):
    out, _ = run_import(write_json(tmp_path, [solution("mine-water"), solution("drone-survey", title="Съёмка с БПЛА",
                                                                                trl=5, tags=[])]))

    assert "создано 2, обновлено 0, без изменений 0" in out
    page = SolutionPage.objects.get(slug="mine-water")
    assert page.live and page.trl == 8
    assert page.summary == "Очищает шахтные воды до норм сброса в водоёмы."
    assert names(page.sectors.all()) == ["Экология и рекультивация"]
    assert names(page.needs.all()) == ["Очистка шахтных вод"]
    assert names(page.organizations.all()) == ["КузГТУ"]
    assert names(page.regions.all()) == ["Кемеровская область"]
    assert names(page.tags.all()) == ["очистка", "шахтные воды"]
    response = client.get("/catalogue/mine-water/")
    assert response.status_code == 200
    assert "Модульная установка очистки шахтных вод" in response.content.decode()
    assert client.get("/catalogue/drone-survey/").status_code == 200


def test_new_pages_have_the_history_of_an_editors_publish(tmp_path, admin_client):
    run_import(write_json(tmp_path, [solution("mine-water")]))

    page = SolutionPage.objects.get(slug="mine-water")
    assert page.revisions.count() == 1
    assert page.live_revision_id == page.latest_revision_id and not page.has_unpublished_changes
    assert page.first_published_at == page.last_published_at is not None
    assert list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "revision")) == [
        ("wagtail.create", None), ("wagtail.publish", page.live_revision_id)]
    # The revision holds the whole page: reverting to it (or comparing with it) gives the same solution.
    restored = page.live_revision.as_object()
    assert (restored.title, restored.trl, names(restored.tags.all()), names(restored.sectors.all())) == (
        page.title, 8, ["очистка", "шахтные воды"], ["Экология и рекультивация"])
    history = " ".join(re.sub(r"<[^>]+>", " ", admin_client.get(f"/admin/pages/{page.pk}/history/")
                              .content.decode()).split())
    assert "Дата Опубликовано Опубликованная версия система" in history and "Создан система" in history
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def page_tree_problems():
    out = StringIO()
    call_command("fixtree", stdout=out)
    return out.getvalue().count("No problems found") != 2  # the page tree and the collection tree


def test_new_pages_join_the_catalogue_after_the_pages_already_there(tmp_path, client):
    before = SolutionPageFactory(slug="before")
    index = before.get_parent()

    run_import(write_json(tmp_path, [solution("mine-water"), solution("drone-survey", title="Съёмка с БПЛА")]))
    after = SolutionPageFactory(slug="after")

    assert [page.slug for page in index.get_children()] == ["before", "mine-water", "drone-survey", "after"]
    assert index.get_children().count() == Page.objects.get(pk=index.pk).numchild == 4
    assert not page_tree_problems()
    assert client.get("/catalogue/drone-survey/").status_code == 200
    assert after.url == "/catalogue/after/"


def test_body_paragraphs_become_paragraph_blocks(tmp_path):
    run_import(write_json(tmp_path, [solution("mine-water", body="Первый <абзац>\nс переносом.\n\n\nВторой.")]))

    body = SolutionPage.objects.get(slug="mine-water").body
    assert [block.block_type for block in body] == ["paragraph", "paragraph"]
    assert [block.value.source for block in body] == ["<p>Первый &lt;абзац&gt;<br/>с переносом.</p>",
                                                      "<p>Второй.</p>"]


def page_snapshot():
    return {page.slug: (page.title, page.trl, page.body.raw_data[0]["value"], names(page.tags.all()))
            for page in SolutionPage.objects.all()}


def test_csv_with_and_without_bom_imports_like_json(tmp_path):
    rows = [solution("mine-water"), solution("drone-survey", body="Строка с «кавычками», запятой\n\nи абзацем")]
    run_import(write_json(tmp_path, rows))
    from_json = page_snapshot()
    SolutionPage.objects.all().delete()

    out, _ = run_import(write_csv(tmp_path, rows, encoding="utf-8-sig"))
    assert "создано 2" in out and page_snapshot() == from_json

    out, _ = run_import(write_csv(tmp_path, rows, encoding="utf-8"))
    assert "без изменений 2" in out and page_snapshot() == from_json


def test_second_run_of_the_same_file_changes_nothing(tmp_path):
    path = write_json(tmp_path, [solution("mine-water"), solution("drone-survey", title="Съёмка с БПЛА")])
    run_import(path)
    revisions, log_entries = Revision.objects.count(), PageLogEntry.objects.count()
    published_at = dict(SolutionPage.objects.values_list("slug", "last_published_at"))
    generation = catalogue_cache.generation()

    out, _ = run_import(path)

    assert "создано 0, обновлено 0, без изменений 2" in out
    assert Revision.objects.count() == revisions and PageLogEntry.objects.count() == log_entries
    assert catalogue_cache.generation() == generation  # cached catalogue pages stay valid
    assert dict(SolutionPage.objects.values_list("slug", "last_published_at")) == published_at
    assert SolutionPage.objects.count() == 2


def test_letter_case_and_order_of_names_are_not_a_change(tmp_path):
    run_import(write_json(tmp_path, [solution("mine-water", tags=["шахтные воды", "очистка"])]))
    revisions = Revision.objects.count()

    out, _ = run_import(write_json(tmp_path, [solution("mine-water", tags=["Очистка", "шахтные  воды"],
                                                       regions=["кемеровская область"])]))

    assert "без изменений 1" in out
    assert Revision.objects.count() == revisions
    assert Tag.objects.count() == 2 and Region.objects.count() == 1


def test_a_changed_row_gets_exactly_one_new_published_revision(tmp_path):
    run_import(write_json(tmp_path, [solution("mine-water"), solution("drone-survey", title="Съёмка с БПЛА")]))
    untouched = SolutionPage.objects.get(slug="drone-survey")
    untouched_revisions = untouched.revisions.count()

    out, _ = run_import(write_json(tmp_path, [solution("mine-water", trl=9, needs=["Очистка воды"]),
                                              solution("drone-survey", title="Съёмка с БПЛА")]))

    assert "создано 0, обновлено 1, без изменений 1" in out
    page = SolutionPage.objects.get(slug="mine-water")
    assert page.revisions.count() == 2
    assert page.live_revision_id == page.latest_revision_id and not page.has_unpublished_changes
    assert page.trl == 9 and names(page.needs.all()) == ["Очистка воды"]
    assert SolutionPage.objects.get(slug="drone-survey").revisions.count() == untouched_revisions


def test_unknown_names_are_created_and_known_ones_reused(tmp_path, admin_client):
    SectorFactory(name="Экология и рекультивация")

    run_import(write_json(tmp_path, [solution("mine-water", sectors=["экология и рекультивация", "Энергетика"],
                                              organizations=["ФИЦ УУХ СО РАН"])]))

    assert names(Sector.objects.all()) == ["Экология и рекультивация", "Энергетика"]
    assert Sector.objects.get(name="Энергетика").slug == "energetika"
    assert Organization.objects.get(name="ФИЦ УУХ СО РАН").slug == "fits-uukh-so-ran"
    assert Need.objects.filter(name="Очистка шахтных вод").exists()
    # Created categories are in the search index behind the admin's listings and choosers.
    found = admin_client.get("/admin/snippets/catalogue/organization/", {"q": "ФИЦ"})
    assert "ФИЦ УУХ СО РАН" in found.content.decode()


def test_fields_missing_from_the_file_keep_their_values_and_empty_ones_clear(tmp_path):
    run_import(write_json(tmp_path, [solution("mine-water", contact="Через НОЦ", year=2024)]))
    row = solution("mine-water", regions=[])
    del row["body"]

    run_import(write_json(tmp_path, [row]))

    page = SolutionPage.objects.get(slug="mine-water")
    assert page.contact == "Через НОЦ" and page.year == 2024
    assert len(page.body.raw_data) == 2
    assert page.regions.count() == 0


def test_an_unpublished_page_with_the_slug_is_updated_and_published(tmp_path):
    page = SolutionPageFactory(slug="mine-water", title="Черновик")
    page.unpublish()

    out, _ = run_import(write_json(tmp_path, [solution("mine-water")]))

    assert "обновлено 1" in out
    page.refresh_from_db()
    assert page.live and page.title == "Модульная установка очистки шахтных вод"


def test_imported_solutions_are_found_by_search_and_later_saves_still_index(tmp_path, admin_client):
    run_import(write_json(tmp_path, [solution("mine-water", title="Очистка шахтных вод мембранами")]))

    live = SolutionPage.objects.live()
    imported = SolutionPage.objects.get(slug="mine-water")
    assert search(live, "мембранами").ids == [imported.pk]
    # Typo correction knows the imported words; editors find the page in the admin's search.
    corrected = search(live, "мембранаами")
    assert corrected.ids == [imported.pk] and corrected.corrected_query
    admin_search = admin_client.get("/admin/pages/search/", {"q": "мембранами"}).content.decode()
    assert f"/admin/pages/{imported.pk}/edit/" in admin_search
    # The import defers per-save indexing; a page an editor saves afterwards is indexed as usual.
    later = publish(SolutionPageFactory(title="Рекультивация отвалов саженцами"))
    assert search(live, "саженцами").ids == [later.pk]


BAD_ROWS = [
    pytest.param({"trl": 10}, "trl", "от 1 до 9", id="trl out of range"),
    pytest.param({"trl": "7"}, "trl", "строка", id="trl as text"),
    pytest.param({"title": "  "}, "title", "не заполнено", id="blank title"),
    pytest.param({"title": None}, "title", "не заполнено", id="null title"),
    pytest.param({"sectors": "Энергетика"}, "sectors", "ожидается список", id="names not a list"),
    pytest.param({"tags": ["ок", 5]}, "tags", "целое число", id="a number among names"),
    pytest.param({"price": 100}, "price", "неизвестное поле", id="unknown key"),
    pytest.param({"slug": "шахта/вода"}, "slug", "допустимы только", id="slug with a slash"),
    pytest.param({"year": 1812}, "year", "от 1950 до 2100", id="year out of range"),
]


@pytest.mark.parametrize(("override", "field", "message"), BAD_ROWS)
def test_one_bad_row_writes_nothing_and_names_row_and_field(tmp_path, override, field, message):
    rows = [solution("good-one"), solution("bad-one") | override, solution("good-two")]

    output = run_failing_import(write_json(tmp_path, rows))

    assert f"Запись 2 («{override.get('slug', 'bad-one')}»), поле «{field}»" in output
    assert message in output
    assert "ничего не записано" in output
    assert SolutionPage.objects.count() == 0 and Sector.objects.count() == 0


def test_missing_required_key_and_duplicate_slug_are_reported_together(tmp_path):
    missing = solution("no-title")
    del missing["title"]
    rows = [solution("mine-water"), missing, solution("mine-water", title="Другое")]

    output = run_failing_import(write_json(tmp_path, rows))

    assert "Запись 2 («no-title»), поле «title»: обязательное поле отсутствует" in output
    assert "Запись 3 («mine-water»), поле «slug»: повторяется (впервые: запись 1)" in output
    assert SolutionPage.objects.count() == 0


def test_csv_errors_name_the_line_and_unknown_columns(tmp_path):
    rows = [solution("mine-water"), solution("drone-survey", trl="семь")]
    path = write_csv(tmp_path, [row | {"цена": ""} for row in rows])

    output = run_failing_import(path)

    assert "Строка 1 (заголовок), поле «цена»: неизвестный столбец" in output
    # The first record's body spans four physical lines (2–5), so the second record starts on line 6.
    assert "Строка 6 («drone-survey»), поле «trl»: ожидается целое число от 1 до 9, получено «семь»" in output
    assert SolutionPage.objects.count() == 0


def test_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"slug": "a",]', encoding="utf-8")

    assert "ошибка JSON в строке 1" in run_failing_import(path)
    (tmp_path / "solutions.txt").write_text("slug,title", encoding="utf-8")
    assert "ожидается таблица .xlsx или .csv, либо .json" in run_failing_import(tmp_path / "solutions.txt")
    (tmp_path / "renamed.xlsx").write_bytes(b"slug,title\n")
    assert "не удалось прочитать как таблицу Excel" in run_failing_import(tmp_path / "renamed.xlsx")
    assert "не найден" in run_failing_import(tmp_path / "missing.json")


def test_a_bad_file_exits_with_a_non_zero_status(tmp_path, capsys, monkeypatch):
    path = write_json(tmp_path, [solution("mine-water", trl=0)])
    # manage.py closes every database connection on the way out; on PostgreSQL that would end the test's transaction.
    monkeypatch.setattr(management_base.connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_solutions", str(path)]).execute()

    assert exited.value.code != 0
    assert "поле «trl»" in capsys.readouterr().err
    assert SolutionPage.objects.count() == 0


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path):
    run_import(write_json(tmp_path, [solution("mine-water")]))
    revisions, sectors = Revision.objects.count(), Sector.objects.count()
    rows = [solution("mine-water", trl=9), solution("drone-survey", title="Съёмка с БПЛА", sectors=["Энергетика"])]

    out, _ = run_import(write_json(tmp_path, rows), "--dry-run")

    assert "обновить  mine-water: trl" in out
    assert "создать   drone-survey: «Съёмка с БПЛА»" in out
    assert "новые отрасли (1): Энергетика" in out
    assert "Будет создано 1, обновлено 1, без изменений 0" in out
    assert Revision.objects.count() == revisions and Sector.objects.count() == sectors
    assert SolutionPage.objects.get(slug="mine-water").trl == 8
    assert not SolutionPage.objects.filter(slug="drone-survey").exists()


def test_an_import_invalidates_cached_counts_once(tmp_path, client, django_capture_on_commit_callbacks):
    assert "Экология и рекультивация" not in client.get("/catalogue/").content.decode()
    generation = catalogue_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        run_import(write_json(tmp_path, [solution(f"solution-{number}") for number in range(3)]))

    # One bump as the writes end and one after the commit, for any number of pages and new categories.
    assert catalogue_cache.generation() == generation + 2
    facets = client.get("/catalogue/").context["facets"]
    assert [(value.name, value.count) for value in facets["sector"]] == [("Экология и рекультивация", 3)]


def test_progress_goes_to_stderr_on_large_files(tmp_path, monkeypatch):
    monkeypatch.setattr(import_solutions, "PROGRESS_EVERY", 2)
    rows = [solution(f"solution-{number}") for number in range(5)]

    out, err = run_import(write_json(tmp_path, rows))

    assert "Записано решений: 2 из 5" in err and "Записано решений: 5 из 5" in err
    assert "Проиндексировано для поиска: 5 из 5" in err
    assert "создано 5" in out
