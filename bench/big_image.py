"""A 40-megapixel photo on a news item: how long its upload and the item's first view take with the
renditions made by the first visitor's request (as before) and made when the image is saved (now).
Prints the figures of docs/operations.md.

    .venv/bin/python bench/big_image.py

Everything happens in this process, with Django's test client (no network): a throwaway SQLite database,
media folder and cache in a temporary folder, the launch content, then for each way a superuser uploads
the photo through the admin and publishes a news item showing it, and an anonymous visitor opens it twice.
Last, each rendition the site uses is made once on its own, to show what each format costs.
"""

import io
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TEMP = Path(tempfile.mkdtemp(prefix="unodc-big-image-"))
SIZE = (8000, 5000)  # 40,000,000 pixels: WAGTAILIMAGES_MAX_IMAGE_PIXELS, the largest upload allowed

for name in (
    "REDIS_URL",
    "FRONTEND_CACHE_PURGE_URL",
    "FRONTEND_CACHE_PURGE_URLS",
    "DEBUG",
    "AWS_STORAGE_BUCKET_NAME",
    "EMAIL_URL",
    "EMAIL_HOST",
):
    os.environ.pop(name, None)
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "unodc_site.settings.base",
        "DATABASE_URL": f"sqlite:///{TEMP / 'db.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": "http://localhost",
        "MEDIA_ROOT": str(TEMP / "media"),
        "CACHE_DIR": str(TEMP / "cache"),
        "PAGE_CACHE_SECONDS": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "ERROR",
    }
)
sys.path.insert(0, str(PROJECT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.models import Filter, Rendition  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from core.images import RENDITIONS, create_renditions_on_save  # noqa: E402
from news.models import NewsItem  # noqa: E402


def photo():
    """A 40-megapixel JPEG with a photo's variety of detail, under the upload limit (10 MB)."""
    picture = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for step in range(0, SIZE[0], 97):
        draw.ellipse(
            [step, (step * 7) % SIZE[1], step + 900, (step * 7) % SIZE[1] + 600], outline=(step % 255, 90, 160)
        )
    noise = Image.effect_noise(SIZE, 24).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    picture = Image.blend(picture, noise, 0.3)
    output = io.BytesIO()
    picture.save(output, format="JPEG", quality=85)
    data = output.getvalue()
    assert len(data) <= settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, f"{len(data)} bytes: over the upload limit"
    return data


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def run(label, data, editor, visitor, number):
    def upload():
        file = SimpleUploadedFile(f"photo-{number}.jpg", data, content_type="image/jpeg")
        form = {"title": f"Photo {number}", "file": file, "collection": Collection.get_first_root_node().pk}
        response = editor.post("/admin/images/add/", form)
        assert response.status_code == 302, response.status_code

    upload_seconds, _ = timed(upload)
    image = get_image_model().objects.get(title=f"Photo {number}")
    item = NewsItem(title=f"A story {number}", slug=f"a-story-{number}", date="2026-11-20", summary="A story.")
    item.image, item.image_alt, item.live = image, "A wide photo", False
    item.save()
    item.save_revision().publish()

    before = Rendition.objects.count()
    first_seconds, response = timed(lambda: visitor.get(f"/news/{item.slug}/"))
    assert response.status_code == 200, response.status_code
    made_in_view = Rendition.objects.count() - before
    later_seconds, _ = timed(lambda: visitor.get(f"/news/{item.slug}/"))
    row = {
        "renditions": label,
        "upload_s": round(upload_seconds, 2),
        "first_view_s": round(first_seconds, 2),
        "renditions_made_in_first_view": made_in_view,
        "second_view_s": round(later_seconds, 3),
    }
    print(json.dumps(row), flush=True)


def each_rendition(data):
    """Each rendition the site uses, made on its own from the 40-megapixel original (decoding included)."""
    image = get_image_model().objects.create(
        title="Alone", file=SimpleUploadedFile("alone.jpg", data, content_type="image/jpeg")
    )
    image.renditions.all().delete()
    for spec in RENDITIONS:
        seconds, rendition = timed(lambda spec=spec: image.create_rendition(Filter(spec)))
        print(json.dumps({"spec": spec, "seconds": round(seconds, 2), "bytes": rendition.file.size}), flush=True)


def main():
    try:
        call_command("migrate", verbosity=0)
        call_command("load_seed_content", verbosity=0)
        data = photo()
        print(json.dumps({"photo": f"{SIZE[0]}x{SIZE[1]} JPEG", "bytes": len(data), "cpus": os.cpu_count()}))
        editor, visitor = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
        editor.force_login(User.objects.create_superuser("bench"))

        post_save.disconnect(sender=get_image_model(), dispatch_uid="core.images.create_renditions")
        run("made by the first visitor (before)", data, editor, visitor, 1)
        create_renditions_on_save()
        run("made when the image is saved (now)", data, editor, visitor, 2)
        each_rendition(data)
    finally:
        shutil.rmtree(TEMP, ignore_errors=True)


if __name__ == "__main__":
    main()
