"""«Поделиться» and the programme annex: a read-only snapshot, its copy into one's own shortlist, and the DOCX,
XLSX and PDF files opened with their own libraries."""
import io

import docx
import openpyxl
import pytest
from django.test import Client
from pypdf import PdfReader

from home.models import NocSettings
from shortlist.models import Shortlist, ShortlistItem
from tests.shortlist.conftest import add

pytestmark = pytest.mark.django_db


@pytest.fixture
def noc_contacts(db):
    from wagtail.models import Site

    NocSettings.objects.update_or_create(site=Site.objects.get(is_default_site=True), defaults={
        "email": "noc@example.ru", "phone": "+7 000 000-00-00", "address": "Тестовый адрес"})


@pytest.fixture
def owner(client, solutions):
    for solution in solutions[:2]:
        add(client, solution)
    client.post("/podborka/note/", {"solution": solutions[0].pk, "note": "Очистные для шахты «Коксовая»"})
    client.post("/podborka/city/", {"city": "Прокопьевск"})
    return client


def share(client):
    response = client.post("/podborka/share/")
    assert response.status_code == 302
    return response["Location"]


def test_share_makes_a_read_only_snapshot(owner, solutions):
    url = share(owner)
    key = url.strip("/").split("/")[-1]
    assert len(key) >= 43
    snapshot = Shortlist.objects.get(key=key)
    assert snapshot.is_snapshot and snapshot.city == "Прокопьевск"
    stranger = Client()
    page = stranger.get(url).content.decode()
    assert solutions[0].title in page and solutions[1].title in page
    assert "Очистные для шахты «Коксовая»" in page
    assert "Убрать из" not in page and 'action="/podborka/note/"' not in page
    # Later changes to the owner's shortlist do not reach the shared copy.
    owner.post("/podborka/remove/", {"solution": solutions[0].pk})
    assert solutions[0].title in stranger.get(url).content.decode()


def test_the_owners_own_key_opens_nothing(owner):
    own_key = owner.session["shortlist"]["key"]
    assert Client().get(f"/podborka/{own_key}/").status_code == 404
    assert Client().get("/podborka/no-such-key/").status_code == 404
    assert Client().get("/podborka/no-such-key/export.pdf").status_code == 404


def test_sharing_an_empty_shortlist_says_so(client, db):
    response = client.post("/podborka/share/")
    assert response["Location"] == "/podborka/"
    assert "Подборка пуста" in client.get("/podborka/").content.decode()
    assert not Shortlist.objects.filter(is_snapshot=True).exists()


def test_a_shared_shortlist_can_be_copied_into_ones_own(owner, solutions):
    url = share(owner)
    colleague = Client()
    add(colleague, solutions[2])
    colleague.post(url + "copy/")
    page = colleague.get("/podborka/").content.decode()
    assert "Решения из общей подборки добавлены в вашу: 2." in page
    assert all(solution.title in page for solution in solutions)
    mine = Shortlist.objects.get(key=colleague.session["shortlist"]["key"])
    assert mine.items.count() == 3 and mine.items.get(solution=solutions[0]).note == "Очистные для шахты «Коксовая»"
    # Copying again adds nothing twice.
    colleague.post(url + "copy/")
    assert mine.items.count() == 3


def test_unknown_export_format(owner):
    assert owner.get("/podborka/export.odt").status_code == 404


def check_annex_text(text, solutions):
    assert "Подборка готовых решений НОЦ «Кузбасс – Донбасс»" in text
    assert "Прокопьевск" in text
    for solution in solutions[:2]:
        assert solution.title in text
        assert solution.full_url in text
    assert "Серийное производство" in text and "Очистные для шахты «Коксовая»" in text
    assert "noc@example.ru" in text and "Тестовый адрес" in text


def test_docx(owner, solutions, noc_contacts):
    response = owner.get("/podborka/export.docx")
    assert response["Content-Disposition"].startswith('attachment; filename="podborka-')
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    links = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert links == {solution.full_url for solution in solutions[:2]}
    # A hyperlink's text is in w:hyperlink runs, which paragraph.text leaves out in older versions: add the links.
    check_annex_text(text + "\n".join(links), solutions)
    assert document.core_properties.title == "Подборка готовых решений НОЦ «Кузбасс – Донбасс»"


def test_xlsx(owner, solutions, noc_contacts):
    response = owner.get("/podborka/export.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Подборка"]
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    contacts = [str(cell.value) for row in workbook["Контакты НОЦ"].iter_rows() for cell in row]
    check_annex_text("\n".join(values + contacts), solutions)
    links = [cell.hyperlink.target for row in sheet.iter_rows() for cell in row if cell.hyperlink]
    assert links == [solution.full_url for solution in solutions[:2]]


def test_pdf_embeds_a_cyrillic_font(owner, solutions, noc_contacts):
    response = owner.get("/podborka/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Long lines wrap in the PDF: compare without line breaks.
    check_annex_text(text.replace("\n", " ").replace("  ", " ") + "\n" + text.replace("\n", ""), solutions)
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
             for font in [font.get_object()]}
    assert any("DejaVuSans" in name for name in fonts)
    descendants = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert all("/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in descendants)
    links = {annotation.get_object()["/A"]["/URI"] for page in reader.pages
             for annotation in page.get("/Annots", [])}
    assert {solution.full_url for solution in solutions[:2]} <= links


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_shared_snapshot_exports_the_same(owner, solutions, noc_contacts, fmt):
    url = share(owner)
    own = owner.get(f"/podborka/export.{fmt}")
    shared = Client().get(f"{url}export.{fmt}")
    assert shared.status_code == 200 and shared["Content-Type"] == own["Content-Type"]
    assert len(shared.content) > 1000


def test_contacts_are_never_invented(owner, solutions):
    """Without contacts in the settings the annex names НОЦ and nothing else."""
    workbook = openpyxl.load_workbook(io.BytesIO(owner.get("/podborka/export.xlsx").content))
    contacts = [cell.value for row in workbook["Контакты НОЦ"].iter_rows() for cell in row]
    assert contacts == ["НОЦ «Кузбасс – Донбасс»"]


def test_an_empty_shortlist_exports_an_empty_annex(client, db):
    reader = PdfReader(io.BytesIO(client.get("/podborka/export.pdf").content))
    assert "В подборке нет решений." in reader.pages[0].extract_text()
    assert ShortlistItem.objects.count() == 0
