"""Images are resized when an editor saves them, never while a visitor waits."""

import io
import logging
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Collection
from wagtail.test.utils.form_data import streamfield

from core.images import RENDITIONS
from pages.roles import NEWS_EDITORS, PUBLICATION_MANAGERS

from .test_admin import NEWS_ADMIN, PUBLICATIONS_ADMIN, news_form, page_form, publication_form, upload_document, user_in


def jpeg(size=(3000, 2000)):  # wider than core.images.REDUCED_WIDTH: made from the reduced copy
    output = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture
def upload_image(client, django_capture_on_commit_callbacks):
    """Upload a photo through the admin's image library, as an editor does."""

    def upload(title):
        file = SimpleUploadedFile(f"{title}.jpg", jpeg(), content_type="image/jpeg")
        collection = Collection.get_first_root_node()
        # The test's transaction never commits: run what the request's commit would.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/admin/images/add/", {"title": title, "file": file, "collection": collection.pk})
        assert response.status_code == 302, response.content.decode()[:500]
        return get_image_model().objects.get(title=title)

    return upload


def image_block(image):
    return ("image", {"image": image.pk, "alt_text": "Delegates in the plenary hall", "caption": ""})


@pytest.mark.usefixtures("without_clearance")
@pytest.mark.slow
def test_saving_an_image_in_the_admin_creates_every_rendition_the_templates_use(client, site_tree, upload_image):
    """Every template's picture and the share image, for a news item, a publication and a page, uploaded and
    attached through the admin: visitors then see them all without a single rendition made for them."""
    theme = site_tree["themes"]["prevention"]
    client.force_login(user_in(NEWS_EDITORS, "editor"))
    photo, figure = upload_image("photo"), upload_image("figure")
    body = streamfield([image_block(figure)])
    form = news_form(theme, action="publish", image=photo.pk, image_alt="Prosecutors in training", body=body)
    assert client.post(f"{NEWS_ADMIN}add/", form).status_code == 302

    client.force_login(user_in(PUBLICATION_MANAGERS, "manager"))
    cover = upload_image("cover")
    files = [("en", upload_document(client, "Handbook", b"%PDF-1.4 handbook", "handbook.pdf"))]
    form = publication_form(files, action="publish", cover_image=cover.pk, featured="on", body=body)
    assert client.post(f"{PUBLICATIONS_ADMIN}add/", form).status_code == 302

    client.force_login(User.objects.create_superuser("admin"))
    page = site_tree["standard"]
    form = page_form(page, "publish", body=streamfield([image_block(photo)]), share_image=cover.pk)
    assert client.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    client.logout()

    for image in (photo, figure, cover):
        sizes = {rendition.filter_spec: (rendition.width, rendition.height) for rendition in image.renditions.all()}
        for spec in RENDITIONS:
            width = int(re.search(r"width-(\d+)", spec)[1]) if "width-" in spec else 1200
            assert sizes[spec] == (width, width * 630 // 1200 if "fill" in spec else width * 2 // 3), spec
    made_by_editors = Rendition.objects.count()  # and the admin's own thumbnails
    pages = {
        "/news/training-for-prosecutors/": 2,  # the item's image and the one in its body
        "/publications/handbook-for-judges/": 2,  # the cover and the image in the body
        "/publications/": 1,  # the cover, small
        "/": 1,  # the featured publication's cover, small
        "/what-is-human-trafficking/": 1,  # the image in the body (and the share image)
    }
    for url, pictures in pages.items():
        html = client.get(url).content.decode()
        assert html.count("<picture>") == pictures, url
        assert Rendition.objects.count() == made_by_editors, f"{url} made a rendition while a visitor waited"


def test_storage_refusing_renditions_never_fails_the_upload(
    client, site_tree, settings, tmp_path, upload_image, caplog
):
    """A full disk or an unreachable bucket is logged; the editor's upload still works, and a visitor's request
    tries again later."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").write_text("a file where the renditions' folder should be")
    client.force_login(User.objects.create_superuser("admin"))
    with caplog.at_level(logging.ERROR):
        image = upload_image("photo")
    assert not image.renditions.exists()
    assert f"Could not create the renditions of image {image.pk}" in caplog.text


@pytest.mark.django_db
def test_an_image_whose_renditions_were_missing_is_resized_once_not_on_every_request(
    client, site_tree, settings, monkeypatch, django_assert_num_queries
):
    """A cover whose renditions were not made on upload (here: the test's transaction never commits) is resized by
    the first visitor's request. Later renders of the page in the same content generation used to resize it again,
    each one, from the publication kept with the empty list of renditions found when it was first read."""
    from .factories import make_publication

    settings.PAGE_CACHE_SECONDS = 0
    # The page's content rendered on every request, as when its rendered copy has expired or been evicted.
    monkeypatch.setattr("core.templatetags.fragments.ADDRESS_CACHE_SECONDS", 0)
    publication = make_publication()
    assert not publication.cover_image.renditions.exists()
    url = f"/publications/{publication.slug}/"
    assert client.get(url).status_code == 200
    assert publication.cover_image.renditions.exists()
    with django_assert_num_queries(1):  # the content generation: no rendition looked up in the database or made
        assert client.get(url).status_code == 200
