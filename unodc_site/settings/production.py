"""Production settings: everything of base, plus what a public deployment needs."""

from .env import env_bool, require_env

# Checked before base is imported, so production never falls back to a local key file.
require_env("SECRET_KEY")

from .base import *  # noqa: E402, F403

DEBUG = False
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)
