"""Options of the `guides` MkDocs plugin, as set under `plugins: - guides:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GuidesConfig(base.Config):
    """The plugin's options, typed and checked by MkDocs."""

    enabled = c.Type(bool, default=True)
    """Generate the guide and listing pages; false builds only the static pages."""

    guides_dir = c.Type(str, default="guides")
    """Folder holding `services/` and `reference/`, relative to mkdocs.yml."""

    review_max_age_days = c.Type(int, default=365)
    """A guide whose `reviewed` date is older than this many days gets a warning."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind after the build."""

    featured = c.ListOfItems(c.Type(str), default=[])
    """Guide ids shown as most-used services on the home page, in this order."""
