"""Service-guide site generator."""
