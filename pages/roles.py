"""The staff roles every install has, and what each may do.

Used by the data migration that creates them and by the command that adds users to them.
"""

NEWS_EDITORS = "News editors"
PUBLICATION_MANAGERS = "Publication managers"

ROLES = {
    NEWS_EDITORS: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "news.newsitem": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
            "wagtail_localize.translation": ["submit"],  # translate their items (pages 0009)
        },
        "collection_permissions": {"wagtailimages.image": ["add", "change", "choose", "delete"]},
    },
    PUBLICATION_MANAGERS: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "publications.publication": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
            "core.theme": ["add", "change", "delete", "view"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
            "wagtail_localize.translation": ["submit"],
        },
        "collection_permissions": {
            "wagtailimages.image": ["add", "change", "choose", "delete"],
            "wagtaildocs.document": ["add", "change", "choose", "delete"],
        },
    },
}

ROLE_SLUGS = {"news-editor": NEWS_EDITORS, "publication-manager": PUBLICATION_MANAGERS}
