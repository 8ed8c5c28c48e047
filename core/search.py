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

A search for the best few matches (the site's search asks each kind for its best 100) ranks at most
RANKED_MATCHES of them: ranking reads each match's whole text, and a word every text has made PostgreSQL
rank all 12,000 texts of the benchmark (360 ms of a 450 ms search) to keep 100. The matches ranked are the newest whose
title has the words, then, if they are fewer than that, the newest whose text has them: a title match is
what Wagtail's ranking puts first (the title is weighted 'A', the body 'B'), and a title is quick to test
where a whole text is not. A search for words fewer texts have ranks every match, as Wagtail's does.

SQLite's FTS5 has one tokenizer for every language and keeps Wagtail's backend (settings).
"""

from functools import reduce
from operator import add, or_

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db.models import Expression, F, Lookup
from django.db.models.expressions import CombinedExpression
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.query import PlainText

# At 1,000 a word in all 12,000 texts costs PostgreSQL 20-30 ms per kind, and a best 100 comes from ten
# times as many texts.
RANKED_MATCHES = 1000

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


class Matches(Lookup):
    """``vector @@ query``, for a query already compiled (SearchVectorExact would read it as text)."""

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", (*lhs_params, *rhs_params)


class AnyOf(Lookup):
    """``value = ANY(array)``: with the candidates as an array PostgreSQL fetches each by its primary key, where
    ``IN (subquery)`` had it read the whole table to hash-join them."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


class CompiledQuery(Expression):
    """A tsquery's SQL, compiled once and written as is wherever the query appears. Read in six
    configurations a query is some 40 expressions, which Django would copy and compile again for each of
    its seven places in a bounded search, taking twice as long to build it."""

    output_field = SearchQueryField()

    def __init__(self, sql, params):
        super().__init__()
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        return self.sql, self.params


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

    def search(self, config, start, stop, score_field=None, backend=None):
        # The best few matches (a slice) for some words, as the site's search asks; anything else is Wagtail's.
        if self.order_by_relevance and stop is not None and self.fields is None and isinstance(self.query, PlainText):
            tsquery = self.build_tsquery(self.query, config=config)
            if tsquery is not None:
                return self.best_matches(tsquery, start, stop, score_field)
        return super().search(config, start, stop, score_field=score_field, backend=backend)

    def best_matches(self, tsquery, start, stop, score_field):
        """Wagtail's search ranked among at most RANKED_MATCHES matches (see the module's docstring)."""
        compiler = self.queryset.query.get_compiler(using=self.queryset.db)
        query = CompiledQuery(*compiler.compile(tsquery.resolve_expression(compiler.query)))
        vectors = self.get_index_vectors(query)
        (title, _title_norm), (body, _boost) = vectors
        in_title, in_body = Matches(title, query), Matches(body, query)
        in_text = Matches(CombinedExpression(title, "||", body), query)
        # In the queryset's order: newest first for news and publications, whose models order them so.
        ordered = self.queryset if self.queryset.ordered else self.queryset.order_by("-pk")
        limit = max(stop, RANKED_MATCHES)  # never fewer than the results asked for
        by_title = ordered.filter(in_title).values("pk")[:limit]
        # The others by Wagtail's condition alone, whose matches PostgreSQL estimates from the index of pages.0005
        # and so knows whether to read the newest texts until enough match or to take them from the index
        # (asked of the body first too, it walked 7,800 texts for a word in one in eight: 200 ms).
        by_text = ordered.filter(~in_title, in_text).values("pk")[:limit]
        # PostgreSQL reads the second part only when the first has fewer rows than the limit.
        candidates = ArraySubquery(by_title.union(by_text, all=True)[:limit])
        # Ranked as Wagtail ranks a plain-text query (build_tsrank), among the matches of Wagtail's own
        # condition, asked of the title and the body first: a candidate either has the words in needs no
        # concatenated text (15 µs each).
        rank = reduce(add, [SearchRank(vector, query, weights=self.sql_weights) * boost for vector, boost in vectors])
        matches = self.queryset.filter(in_title | in_body | in_text, AnyOf(F("pk"), candidates))
        if score_field is not None:
            matches = matches.annotate(**{score_field: rank})
        return matches.order_by(rank.desc(), "-pk")[start:stop]


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
