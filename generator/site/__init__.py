"""Stages 4-6, the site: the MkDocs plugin (thin hooks), the pages it plans, the template filters,
the Markdown subset, JSON-LD, and the folder a build may replace."""
