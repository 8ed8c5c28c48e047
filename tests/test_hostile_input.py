"""What staff paste and visitors type, however odd, never makes a page, feed or export fail.

Seen (issue 12): a news title with U+000B (what Word inserts for Shift+Enter) was saved, then both feeds
and the XLSX export of the news listing answered 500; ``/news/feed/?theme=%00`` answered 500 on
PostgreSQL; the CSV exports wrote cells such as ``=HYPERLINK(...)`` as they were, for a spreadsheet
to run as formulas.
"""

import csv
import importlib
import io

import feedparser
import openpyxl
import pytest
from django.apps import apps
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import rich_text, streamfield

from news.models import NewsItem
from pages.models import StandardPage
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS
from publications.models import Publication

from .factories import make_image, make_news_item, make_publication
from .test_admin import NEWS_ADMIN, PUBLICATIONS_ADMIN, news_form, page_form, publication_form, upload_document, user_in

# Characters XML 1.0 forbids, as pasted from Word (U+000B, U+000C) or worse, and as PostgreSQL can
# store them (it refuses NUL), around the text a reader should still get.
PASTED = "Word\x0bline\x0cpage\x01\x08\x0e\x1b\x1f\ufffe\uffff end"
CLEANED = "Word line page end"
FORMULAS = ['=HYPERLINK("https://attacker.example/","Click")', "+1", "-1", "@SUM(A1:A2)"]
TOO_LONG = "x" * 100_000
FEEDS = ["/news/feed/", "/news/feed/atom/"]
EXPORTS = [
    pytest.param(NEWS_ADMIN, NEWS_EDITORS, make_news_item, id="news"),
    pytest.param(PUBLICATIONS_ADMIN, PUBLICATION_MANAGERS, make_publication, id="publications"),
]


def export(client, admin_url, export_format):
    """The listing's export as rows of cells: CSV strings, or openpyxl cells for XLSX."""
    response = client.get(admin_url, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode(), newline="")))
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows())


def feed_titles(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return [entry.title for entry in feed.entries]


# Rows saved before text was cleaned at the door


@pytest.mark.django_db
@pytest.mark.parametrize(
    "admin_url, role, make_item, feeds",
    [
        pytest.param(NEWS_ADMIN, NEWS_EDITORS, make_news_item, FEEDS, id="news"),
        pytest.param(PUBLICATIONS_ADMIN, PUBLICATION_MANAGERS, make_publication, [], id="publications"),  # no feed
    ],
)
def test_rows_stored_with_control_characters_still_give_feeds_and_exports(
    client, site_tree, admin_url, role, make_item, feeds
):
    item = make_item(title="Placeholder")
    # QuerySet.update skips save(), as rows written before this change did.
    type(item).objects.filter(pk=item.pk).update(title=f"Title {PASTED}", summary=f"Summary {PASTED}")
    for path in feeds:
        assert feed_titles(client, path) == [f"Title {CLEANED}"]
    client.force_login(user_in(role, "staff"))
    assert export(client, admin_url, "csv")[1][0] == f"Title {CLEANED}"
    assert export(client, admin_url, "xlsx")[1][0].value == f"Title {CLEANED}"


@pytest.mark.django_db
def test_the_data_migration_cleans_rows_stored_before(site_tree):
    """Wagtail's own reports export page titles: rows saved before cleaning must lose the characters too."""
    clean_stored_text = importlib.import_module("pages.migrations.0006_clean_stored_text").clean_stored_text
    page, item, image = site_tree["standard"], make_news_item(), make_image()
    for obj in (page, item, image):
        type(obj).objects.filter(pk=obj.pk).update(title=f"Stored {PASTED}")
    clean_stored_text(apps, None)
    for obj in (page, item, image):
        obj.refresh_from_db()
        assert obj.title == f"Stored {CLEANED}"


# Text is clean at the door


@pytest.mark.django_db
def test_text_saved_outside_the_admin_is_cleaned_too(client, site_tree):
    """The seed loader and the shell save through the models: a lone surrogate or U+000B never reaches the rows."""
    item = make_news_item(title=f"Split \ud800pair {PASTED}", body=[("paragraph", f"<p>Body {PASTED}</p>")])
    item.refresh_from_db()
    assert item.title == f"Split pair {CLEANED}"
    assert item.body[0].value.source == f"<p>Body {CLEANED}</p>"
    image = make_image(title=f"Photo {PASTED}")
    image.refresh_from_db()
    assert image.title == f"Photo {CLEANED}"
    assert client.get(f"/news/{item.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_draft_of_a_live_item_is_stored_clean(client, site_tree):
    """Editing a live item keeps the changes in a revision only, until they are published."""
    theme = site_tree["themes"]["prevention"]
    item = make_news_item(title="Published", slug="published", themes=[theme])
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    body = streamfield([("paragraph", rich_text(f"<p>Draft {PASTED}</p>"))])
    form = news_form(theme, title=f"Draft {PASTED}", slug="published", body=body)
    assert client.post(f"{NEWS_ADMIN}edit/{item.pk}/", form).status_code == 302
    item.refresh_from_db()
    draft = item.latest_revision.as_object()
    assert draft.title == f"Draft {CLEANED}" and item.latest_revision.object_str == f"Draft {CLEANED}"
    assert f">Draft {CLEANED}</p>" in draft.body[0].value.source
    assert item.title == "Published"


# Exports a spreadsheet opens as text


@pytest.mark.django_db
@pytest.mark.parametrize("admin_url, role, make_item", EXPORTS)
def test_csv_cells_that_could_start_a_formula_are_made_inert(client, site_tree, admin_url, role, make_item):
    titles = FORMULAS + ["\tTabbed", "\rReturned", "1 = 1, -2"]
    for title in titles:
        make_item(title=title)
    client.force_login(user_in(role, "staff"))
    csv_titles = {row[0] for row in export(client, admin_url, "csv")[1:]}
    assert csv_titles == {f"'{title}" for title in titles[:-1]} | {"1 = 1, -2"}
    xlsx_titles = [row[0] for row in export(client, admin_url, "xlsx")[1:]]
    assert {cell.value for cell in xlsx_titles} == {title.replace("\r", "\n") for title in titles}  # as XML reads CR
    assert {cell.data_type for cell in xlsx_titles} == {"s"}, "text, never a formula"


# Addresses


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, cleaned",
    [
        ("/news/feed/?theme=%00", "/news/feed/?theme="),
        ("/news/feed/atom/?kind=%00event", "/news/feed/atom/?kind=event"),
        ("/news/?theme=%00prevention", "/news/?theme=prevention"),
        ("/news/?year=2008%00&kind=%1Bnews", "/news/?year=2008&kind=news"),
        ("/publications/?language=%00", "/publications/?language="),
        ("/publications/?q=%00&publication_type=report%01", "/publications/?q=&publication_type=report"),
        ("/search/?q=%00", "/search/?q="),
        ("/search/?q=human%0Btrafficking", "/search/?q=human+trafficking"),
        ("/news/?page=%00&utm_source=x", "/news/?page="),
    ],
)
def test_control_characters_in_query_values_redirect_to_the_cleaned_address(client, site_tree, url, cleaned):
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == cleaned
    assert client.get(cleaned).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/news/%00/",
        "/news/abc%00/",
        "/%00",
        "/response%0B/",
        "/publications/abc%00/download/en/",
        "/news/feed/%00",
        "/media/%00.png",
        "/documents/1/a%00.pdf",
        "/static/%00.css",
    ],
)
def test_a_path_with_a_control_character_is_not_found(client, site_tree, path):
    make_news_item(slug="abc")
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# Every four-digit year is a filter (the years at the edges of what dates hold, on both databases), and
# the rest are malformed: none reaches a date lookup that would overflow.
YEARS = ["1000", "9999", "0000", "0001", "10000", "-1", "1e3", "٢٠٠٨", "2008 ", "9" * 5000, "2008\u00a0"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/news/", "/publications/"])
def test_any_year_filter_answers(client, site_tree, url):
    make_news_item(themes=[site_tree["themes"]["prevention"]])
    make_publication(themes=[site_tree["themes"]["prevention"]])
    for year in YEARS:
        response = client.get(url, {"year": year, "theme": "prevention"})
        assert response.status_code == 200, year
        listed_none = "0 results" in response.content.decode()
        assert listed_none == (year in ("1000", "9999")), year


# Everything at once, as the staff roles use the admin


def image_form(image, **fields):
    return {
        "title": image.title,
        "description": "",
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **fields,
    }


def body_of(value):
    return streamfield(
        [
            ("heading", {"text": value, "level": "h2"}),
            ("paragraph", rich_text(f"<p>{value}</p>")),
            ("quote", {"quote": value, "attribution": value}),
        ]
    )


def assert_rejected(response, message):
    assert response.status_code == 200, "the form again, with the error"
    assert message in response.content.decode()


def hostile_news(client, theme, values):
    """As a news editor: publish an item of each value, then fail to overwrite the first with bad values."""
    for number, value in enumerate(values):
        form = news_form(
            theme, "publish", title=value, slug=f"news-{number}", summary=value, location=value, body=body_of(value)
        )
        assert client.post(f"{NEWS_ADMIN}add/", form).status_code == 302
    first = NewsItem.objects.get(slug="news-0")
    saved = (first.title, first.summary, first.latest_revision_id)
    assert saved[:2] == (CLEANED, CLEANED)
    for fields, message in [
        ({"title": TOO_LONG}, "Ensure this value has at most 255 characters (it has 100000)."),
        ({"summary": TOO_LONG}, "Ensure this value has at most 500 characters (it has 100000)."),
        ({"title": "Null\x00byte"}, "Null characters are not allowed."),
    ]:
        form = news_form(theme, "publish", **{"title": "Changed", "slug": "news-0", **fields})
        assert_rejected(client.post(f"{NEWS_ADMIN}edit/{first.pk}/", form), message)
    first.refresh_from_db()
    assert (first.title, first.summary, first.latest_revision_id) == saved, "nothing saved is lost"
    # A very long body is a long article, not an error.
    long_body = streamfield([("paragraph", rich_text(f"<p>{TOO_LONG}</p>"))])
    form = news_form(theme, "publish", title="Long read", slug="long-read", body=long_body)
    assert client.post(f"{NEWS_ADMIN}add/", form).status_code == 302


def hostile_publications(client, values):
    """As a publication manager: documents, publications and an image with each value; then too long a title."""
    for number, value in enumerate(values):
        document = upload_document(client, f"Document {number}", b"%PDF-1.4 hostile", f"hostile-{number}.pdf")
        edit = {"title": f"{value} ({number})", "collection": document.collection_id}
        assert client.post(f"/admin/documents/edit/{document.pk}/", edit).status_code == 302
        form = publication_form(
            [("en", document)], "publish", title=value, slug=f"publication-{number}", summary=value, body=body_of(value)
        )
        assert client.post(f"{PUBLICATIONS_ADMIN}add/", form).status_code == 302
    first = Publication.objects.get(slug="publication-0")
    assert (first.title, first.files.get().document.title) == (CLEANED, f"{CLEANED} (0)")
    form = publication_form([("en", first.files.get().document)], "publish", title=TOO_LONG, slug="publication-0")
    assert_rejected(
        client.post(f"{PUBLICATIONS_ADMIN}edit/{first.pk}/", form),
        "Ensure this value has at most 255 characters (it has 100000).",
    )
    assert Publication.objects.get(pk=first.pk).title == CLEANED

    image = make_image()
    response = client.post(f"/admin/images/{image.pk}/", image_form(image, title=PASTED, description=PASTED))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.title, image.description) == (CLEANED, CLEANED)
    assert_rejected(
        client.post(f"/admin/images/{image.pk}/", image_form(image, title=TOO_LONG)),
        "Ensure this value has at most 255 characters (it has 100000).",
    )
    assert get_image_model().objects.get(pk=image.pk).title == CLEANED


def hostile_page(client, page, values):
    """As a moderator: publish a standard page with each value in turn, then fail to with too long a title."""
    for value in values:
        form = page_form(page, "publish", title=value, summary=value, search_description=value, body=body_of(value))
        assert client.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    assert_rejected(
        client.post(f"/admin/pages/{page.pk}/edit/", page_form(page, "publish", title=TOO_LONG)),
        "Ensure this value has at most 255 characters (it has 100000).",
    )
    page = StandardPage.objects.get(pk=page.pk)
    assert page.title == values[-1] and page.live, "the last good version stays published"


def public_requests(site_tree, values):
    """Every public page, feed and download, and the filters and search with each value."""
    urls = ["/", "/news/", "/publications/", "/sitemap.xml", "/robots.txt", *FEEDS]
    urls += [page.url for page in site_tree.values() if hasattr(page, "url")]
    urls += [f"/news/{item.slug}/" for item in NewsItem.objects.all()]
    for item in Publication.objects.all():
        urls += [f"/publications/{item.slug}/", f"/publications/{item.slug}/download/en/"]
    requests = [(url, {}) for url in urls]
    for value in values:
        requests += [("/search/", {"q": value}), ("/publications/", {"q": value, "language": value})]
        requests += [("/news/", {"theme": value, "year": value}), ("/news/feed/", {"theme": value, "kind": value})]
    return requests


@pytest.mark.usefixtures("without_clearance")
@pytest.mark.django_db
def test_hostile_text_through_the_admin_never_breaks_a_page_feed_or_export(client, site_tree):
    editor = user_in(NEWS_EDITORS, "editor")
    manager = user_in(PUBLICATION_MANAGERS, "manager")
    values = [PASTED, *FORMULAS]
    client.force_login(editor)
    hostile_news(client, site_tree["themes"]["prevention"], values)
    client.force_login(manager)
    hostile_publications(client, values)
    client.force_login(user_in("Moderators", "moderator"))
    hostile_page(client, site_tree["standard"], values)

    client.logout()
    for path in FEEDS:
        assert set(feed_titles(client, path)) >= {CLEANED, *FORMULAS}
    for url, query in public_requests(site_tree, [*values, TOO_LONG]):
        assert client.get(url, query, follow=True).status_code < 500, (url, query)

    for user, admin_url in [(editor, NEWS_ADMIN), (manager, PUBLICATIONS_ADMIN)]:
        client.force_login(user)
        assert export(client, admin_url, "xlsx")
        titles = {row[0] for row in export(client, admin_url, "csv")[1:]}
        assert {CLEANED, *(f"'{formula}" for formula in FORMULAS)} <= titles


@pytest.mark.django_db
def test_made_up_addresses_add_nothing_to_the_cache(client, site_tree, settings):
    """A 404 at any address is rendered, never kept: nobody can fill the cache by asking for pages that do not
    exist (the page cache keeps no 404, and no piece of one is kept either)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 0
    client.get("/no-such-page-0/")  # what every page reads once per content generation
    entries = len(cache._cache)
    for number in range(1, 6):
        assert client.get(f"/no-such-page-{number}/").status_code == 404
        assert client.get(f"/news/no-such-item-{number}/").status_code == 404
    assert len(cache._cache) == entries


@pytest.mark.django_db
def test_a_post_cannot_plant_parameters_in_the_content_others_are_shown(client, site_tree, settings):
    """A listing's links carry its query. Only a GET's query is made canonical first, so only a GET's content is kept:
    a POST with a made-up parameter once put it in the page links every visitor got for 5 minutes."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.PAGINATE_BY = 1
    make_news_item()
    make_news_item()
    client.post("/news/?x=planted")
    html = client.get("/news/").content.decode()
    assert "?page=2" in html and "planted" not in html
