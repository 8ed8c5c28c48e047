"""The staff roles every install has, and what each may do.

Used by the data migrations that create them, by the signal giving translators each language's pages and
by the command that adds users to them.
"""

NEWS_EDITORS = "News editors"
PUBLICATION_MANAGERS = "Publication managers"
TRANSLATORS = "Translators"
CLEARANCE = "Clearance"
# The workflow that clears news items and publications (pages 0017), and its one task, reviewed by CLEARANCE.
CLEARANCE_WORKFLOW = "Clearance"
CLEARED_MODELS = ["news.newsitem", "publications.publication"]

ROLES = {
    NEWS_EDITORS: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "news.newsitem": ["add", "change", "delete", "view", "publish", "lock", "unlock", "edit_original"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
            "wagtail_localize.translation": ["submit"],  # translate their items (pages 0009)
        },
        "collection_permissions": {"wagtailimages.image": ["add", "change", "choose", "delete"]},
    },
    PUBLICATION_MANAGERS: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "publications.publication": [
                "add",
                "change",
                "delete",
                "view",
                "publish",
                "lock",
                "unlock",
                "edit_original",
            ],  # fmt: skip
            "core.theme": ["add", "change", "delete", "view", "publish"],
            "wagtailredirects.redirect": ["add", "change", "delete"],
            "wagtail_localize.translation": ["submit"],
        },
        "collection_permissions": {
            "wagtailimages.image": ["add", "change", "choose", "delete"],
            "wagtaildocs.document": ["add", "change", "choose", "delete"],
        },
    },
    # Translate news items, publications and pages, and publish translations; never add, change,
    # publish or delete the English originals (no "edit_original": core.permissions).
    TRANSLATORS: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            "news.newsitem": ["change", "view", "publish"],
            "publications.publication": ["change", "view", "publish"],
            "wagtail_localize.translation": ["submit"],
        },
        "collection_permissions": {"wagtailimages.image": ["choose"]},
    },
    # Approve or reject news items and publications, in every language, submitted by the roles above (approving
    # publishes: core.permissions.publishes_directly); fix them while reviewing; never add or delete them.
    CLEARANCE: {
        "model_permissions": {
            "wagtailadmin.admin": ["access"],
            **{label: ["change", "view", "publish", "lock", "unlock", "edit_original"] for label in CLEARED_MODELS},
        },
        "collection_permissions": {"wagtailimages.image": ["choose"], "wagtaildocs.document": ["choose"]},
    },
}

# On each language's home page but English's, so on every page translated into it (pages.signals).
TRANSLATED_PAGE_PERMISSIONS = {TRANSLATORS: ["change", "publish"]}

ROLE_SLUGS = {
    "news-editor": NEWS_EDITORS,
    "publication-manager": PUBLICATION_MANAGERS,
    "translator": TRANSLATORS,
    "clearance": CLEARANCE,
}
