"""The benchmark's content: the launch content plus a large archive, written in bulk.

10,000 news items, 2,000 publications (each with its own cover image and PDF) and 50 extra
pages, in English. Snippets are bulk-inserted as already-published rows, without revisions: the
public site reads only the live rows, and saving 12,000 revisions one by one would take far longer
than the benchmark itself. Then, as editors translate: a French translation of every hundredth news
item and an Arabic home page, each published through a revision as wagtail-localize publishes it;
the other languages' pages stay aliases of the English ones (English under a notice). Runs inside a
configured Django (see run.py).
"""

import datetime
import hashlib
import io
import random

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from core.models import Theme
from news.choices import Kind
from news.models import NewsItem
from pages.models import HomePage, StandardPage
from pages.seed.generate import text_pdf
from publications.choices import PublicationType
from publications.models import Publication, PublicationFile

NEWS_COUNT = 10_000
PUBLICATION_COUNT = 2_000
EXTRA_PAGE_COUNT = 50
NEWS_PHOTO_COUNT = 40  # shared by every fourth news item, as photos are reused in practice
FIRST_YEAR, LAST_YEAR = 2010, 2025
# Generated texts mix the programme's own words, which nearly every text has, with a long tail
# of others, as real texts do. SEARCH_WORD is in about one text in twenty (a typical search);
# COMMON_WORD is in every text (the worst case a search can meet).
DOMAIN_WORDS = (
    "trafficking victims protection prosecution prevention labour exploitation border "
    "partnership training survey justice support recovery children women rights community"
).split()
OTHER_WORDS = [
    consonant + vowel + ending
    for consonant in "bdfgklmnprstvz"
    for vowel in "aeiou"
    for ending in (
        "la",
        "ren",
        "dos",
        "mit",
        "sun",
        "var",
        "kel",
        "tor",
        "pim",
        "sa",
        "lum",
        "nek",
        "ros",
        "fin",
        "gal",
    )
]  # 1,050 made-up words
SEARCH_WORD = "migration"
SEARCH_WORD_SHARE = 0.05
COMMON_WORD = "trafficking"
FRENCH_WORDS = {
    "common": "traite",
    "domain": (
        "traite victimes protection poursuites prévention travail exploitation frontière partenariat "
        "formation enquête justice soutien rétablissement enfants femmes droits communauté"
    ).split(),
}
FRENCH_NEWS_COUNT = 100  # translations of every hundredth news item, all of them with a photo
# The launch home page in Arabic, as a translator would write it.
ARABIC_HOME = {
    "title": "مكتب الأمم المتحدة المعني بالمخدرات والجريمة والاتجار بالبشر",
    "summary": "يساعد البرنامج العالمي لمكافحة الاتجار بالأشخاص البلدان على منع هذه الجريمة وحماية ضحاياها "
    "وملاحقة مرتكبيها قضائياً.",
    "paragraphs": [
        "الاتجار بالبشر هو الحصول على أشخاص بوسائل غير مشروعة، كالقوة أو الاحتيال أو الخداع، بهدف استغلالهم. "
        "ولا يكاد يخلو بلد في العالم من الاتجار بالأشخاص لأغراض الاستغلال الجنسي أو العمل القسري.",
        "ويساعد البرنامج العالمي لمكافحة الاتجار بالأشخاص، التابع لمكتب الأمم المتحدة المعني بالمخدرات "
        "والجريمة، البلدان في جهودها لمكافحة هذه الجريمة، استناداً إلى اتفاقية الأمم المتحدة لمكافحة الجريمة "
        "المنظمة عبر الوطنية وبروتوكولها المتعلق بالاتجار بالأشخاص.",
    ],
    "call_to_action": "لمعرفة المزيد عن الاتجار بالبشر، اقرأ: ما هو الاتجار بالبشر؟",
}


def create(stdout=None):
    """Launch content, then the archive, then the search index. Commands' messages go to ``stdout``."""
    call_command("load_seed_content", stdout=stdout)
    rng = random.Random(2025)  # the same dataset every time
    with transaction.atomic():
        themes = list(Theme.objects.all())
        collection_id = Collection.get_first_root_node().pk
        photos = _images(rng, "photo", NEWS_PHOTO_COUNT, (1200, 800), collection_id)
        _news(rng, themes, photos)
        _publications(rng, themes, collection_id)
        _pages(rng)
        call_command("sync_locale_trees", stdout=stdout)  # every page in every language, as on the site
        _french_news(rng)
        _arabic_home()
    call_command("update_index", stdout=stdout)


def _sentence(rng, words=12, common=COMMON_WORD, domain=DOMAIN_WORDS):
    picked = [common] + [rng.choice(domain if rng.random() < 0.3 else OTHER_WORDS) for _ in range(words - 1)]
    if rng.random() < SEARCH_WORD_SHARE / 4:  # a text has four sentences or so (title, summary, body)
        picked[rng.randrange(words)] = SEARCH_WORD
    rng.shuffle(picked)
    return " ".join(picked).capitalize() + "."


def _published_at(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))


def _random_date(rng):
    start = datetime.date(FIRST_YEAR, 1, 1)
    return start + datetime.timedelta(days=rng.randrange((datetime.date(LAST_YEAR, 12, 31) - start).days))


def _body(rng, **vocabulary):
    return [{"type": "paragraph", "value": f"<p>{_sentence(rng, 60, **vocabulary)}</p>"} for _ in range(3)]


def _images(rng, kind, count, size, collection_id):
    """``count`` distinct PNG images written straight into MEDIA_ROOT, as Wagtail Image rows."""
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True, exist_ok=True)
    images = []
    for number in range(count):
        picture = PILImage.new("RGB", size, tuple(rng.randrange(40, 200) for _ in range(3)))
        ImageDraw.Draw(picture).rectangle([size[0] // 8, size[1] // 8, size[0] // 2, size[1] // 3], fill="white")
        output = io.BytesIO()
        picture.save(output, format="PNG")
        data = output.getvalue()
        name = f"original_images/bench-{kind}-{number:05d}.png"
        (settings.MEDIA_ROOT / name).write_bytes(data)
        images.append(
            get_image_model()(
                title=f"Bench {kind} {number}",
                file=name,
                width=size[0],
                height=size[1],
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
                collection_id=collection_id,
            )
        )
    return get_image_model().objects.bulk_create(images)


def _documents(rng, titles, collection_id):
    folder = settings.MEDIA_ROOT / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for number, title in enumerate(titles):
        data = text_pdf(title, [_sentence(rng, 40)])
        name = f"documents/bench-publication-{number:05d}.pdf"
        (settings.MEDIA_ROOT / name).write_bytes(data)
        documents.append(
            get_document_model()(
                title=title,
                file=name,
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
                collection_id=collection_id,
            )
        )
    return get_document_model().objects.bulk_create(documents)


def _theme_rows(rng, through, owner_field, owners, themes):
    """One or two themes for each owner, as rows of the many-to-many table."""
    rows = []
    for owner in owners:
        for theme in rng.sample(themes, rng.choice((1, 2))):
            rows.append(through(**{owner_field: owner, "theme": theme}))
    through.objects.bulk_create(rows)


def _news(rng, themes, photos):
    english = Locale.get_default()  # bulk_create skips the save() that would set it
    items = []
    for number in range(NEWS_COUNT):
        date = _random_date(rng)
        is_event = number % 5 == 0
        photo = photos[number % len(photos)] if number % 4 == 0 else None
        items.append(
            NewsItem(
                title=f"{_sentence(rng, 6)[:-1]} {number}",
                slug=f"bench-news-{number:05d}",
                kind=Kind.EVENT if is_event else Kind.NEWS,
                date=date,
                end_date=date + datetime.timedelta(days=2) if is_event and number % 2 else None,
                location="Vienna" if is_event else "",
                summary=_sentence(rng, 25),
                body=_body(rng),
                image=photo,
                image_alt="A generated photo" if photo else "",
                locale=english,
                live=True,
                first_published_at=_published_at(date),
                last_published_at=_published_at(date),
            )
        )
    items = NewsItem.objects.bulk_create(items, batch_size=1000)
    _theme_rows(rng, NewsItem.themes.through, "newsitem", items, themes)


def _publications(rng, themes, collection_id):
    covers = _images(rng, "cover", PUBLICATION_COUNT, (300, 424), collection_id)
    titles = [f"{_sentence(rng, 5)[:-1]} report {number}" for number in range(PUBLICATION_COUNT)]
    documents = _documents(rng, titles, collection_id)
    english = Locale.get_default()
    publications = []
    for number, (title, cover) in enumerate(zip(titles, covers, strict=True)):
        date = _random_date(rng)
        publications.append(
            Publication(
                title=title,
                slug=f"bench-publication-{number:05d}",
                publication_type=rng.choice(PublicationType.values),
                date=date,
                summary=_sentence(rng, 40),
                body=_body(rng),
                cover_image=cover,
                locale=english,
                live=True,
                first_published_at=_published_at(date),
                last_published_at=_published_at(date),
            )
        )
    publications = Publication.objects.bulk_create(publications, batch_size=1000)
    PublicationFile.objects.bulk_create(
        PublicationFile(publication=publication, language="en", document=document, sort_order=0)
        for publication, document in zip(publications, documents, strict=True)
    )
    _theme_rows(rng, Publication.themes.through, "publication", publications, themes)


def _pages(rng):
    """Extra standard pages. The page model allows them only under the home page (not under sections)."""
    home = HomePage.objects.get(locale=Locale.get_default())
    for number in range(EXTRA_PAGE_COUNT):
        home.add_child(
            instance=StandardPage(
                title=f"{_sentence(rng, 4)[:-1]} {number}",
                slug=f"bench-page-{number:02d}",
                summary=_sentence(rng, 20),
                body=_body(rng),
                show_in_menus=False,
                live=True,
                first_published_at=timezone.now(),
            )
        )
        home.refresh_from_db()  # treebeard counts children on the parent instance


def _french_news(rng):
    """French translations of news items, as wagtail-localize's editor makes them: a copy in French with
    its texts translated, then published."""
    french = Locale.objects.get(language_code="fr")
    step = NEWS_COUNT // FRENCH_NEWS_COUNT
    slugs = [f"bench-news-{number:05d}" for number in range(0, NEWS_COUNT, step)]
    for item in NewsItem.objects.filter(locale=Locale.get_default(), slug__in=slugs).order_by("slug"):
        translation = item.copy_for_translation(french)
        number = item.title.rsplit(" ", 1)[1]  # the English title's, so each translation says whose it is
        translation.title = f"{_sentence(rng, 6, **FRENCH_WORDS)[:-1]} {number}"
        translation.summary = _sentence(rng, 25, **FRENCH_WORDS)
        translation.body = _body(rng, **FRENCH_WORDS)
        translation.image_alt = "Une photo générée" if item.image_id else ""
        translation.save()
        translation.save_revision().publish()


def _arabic_home():
    """The Arabic home page translated, with the English one's blocks: wagtail-localize turns the alias into
    a page of its own, then publishes the translation (deleting the alias would delete the Arabic tree under
    it). Its call to action links to the Arabic version of the English one's page, as wagtail-localize does."""
    arabic = Locale.objects.get(language_code="ar")
    english = HomePage.objects.get(locale=Locale.get_default())
    call_to_action = next(block["value"] for block in english.body.raw_data if block["type"] == "call_to_action")
    home = english.get_translation(arabic).specific
    home.alias_of = None
    home.save(update_fields=["alias_of_id"], clean=False)
    home.title = ARABIC_HOME["title"]
    home.summary = ARABIC_HOME["summary"]
    home.body = [
        {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in ARABIC_HOME["paragraphs"])},
        {
            "type": "call_to_action",
            "value": {
                "text": ARABIC_HOME["call_to_action"],
                "page": Page.objects.get(pk=call_to_action["page"]).get_translation(arabic).pk,
                "url": "",
            },
        },
    ]
    home.save_revision().publish()
