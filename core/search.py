"""Wagtail's PostgreSQL search with each text stemmed as its own language is: French "protégées" is found
by "protéger", Russian "жертвам" by "жертвы", Arabic "الاتجار" by "اتجار".

PostgreSQL turns a text into lexemes with a text-search configuration, and reads a query with one; Wagtail's
backend has a single configuration for everything. Here each object is indexed with the configuration of
the language it is written in, and a query is read with every configuration the index holds, a text
matching if any reading does. A search cannot tell which language each text it meets is in (the site's
search meets the visitor's language and untranslated English; Wagtail's search API, called from anywhere
else, all six), and the reading in a text's own configuration is the one that matches it: even a text
indexed as the wrong language is still found by its words as written. Autocomplete (the admin's listings)
is Wagtail's own: word beginnings as written ('simple'), whatever the language.

SQLite's FTS5 has one tokenizer for every language and keeps Wagtail's backend (settings).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# PostgreSQL's own configurations for the languages it stems. Chinese, whose words it cannot split, is
# matched as written: 'simple' only lowercases, so a word is found where spaces or punctuation set it apart.
TEXT_SEARCH_CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}


def text_search_config(language_code):
    return TEXT_SEARCH_CONFIGS.get(language_code, "simple")


def text_languages(model, objs):
    """The language each object's text is written in: its locale's, except that an alias page holds the
    English it is kept in step with (as pages.seo.content_language says), and that images, documents and
    anything else without a locale are in English, the language editors write in."""
    if not issubclass(model, TranslatableMixin):
        return [settings.LANGUAGE_CODE] * len(objs)
    language_codes = dict(Locale.objects.values_list("pk", "language_code"))
    return [
        settings.LANGUAGE_CODE if getattr(obj, "alias_of_id", None) else language_codes[obj.locale_id] for obj in objs
    ]


class MultilingualIndex(PostgresIndex):
    def add_items(self, model, objs):
        # Wagtail's index writes every object it is given with its backend's one configuration: each
        # language's objects go through the backend kept for their configuration.
        objs_by_config = {}
        for obj, language in zip(objs, text_languages(model, objs), strict=True):
            objs_by_config.setdefault(text_search_config(language), []).append(obj)
        for config, objs_in_config in objs_by_config.items():
            self.backend.backends_by_config[config].get_index_for_model(model).add_items(model, objs_in_config)


class MultilingualQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        # What the compiler is handed to read the query with, in build_tsquery: every configuration.
        return backend.configs

    def build_tsquery(self, query, config=None):
        readings = [self.build_tsquery_content(query, config=each) for each in config]
        if readings[0] is None:  # a query without a word, in every configuration alike
            return None
        # to_tsquery(...) || to_tsquery(...): constants, so the GIN index of pages.0005 still serves it.
        return reduce(or_, readings)


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    """Indexes each object with its language's text-search configuration; reads a query with all of them."""

    index_class = MultilingualIndex
    query_compiler_class = MultilingualQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        # English first: a search of model fields (search(fields=...)) builds its vectors with the first.
        languages = [settings.LANGUAGE_CODE, *get_content_languages()]
        self.configs = tuple(dict.fromkeys(text_search_config(language) for language in languages))
        # Wagtail's own backend set to each configuration, which writes the index entries of its languages.
        self.backends_by_config = {
            config: PostgresSearchBackend({**params, "SEARCH_CONFIG": config}) for config in self.configs
        }


SearchBackend = MultilingualPostgresSearchBackend
