"""The accessibility suite behind `guides check`: axe-core plus the checks axe cannot do,
on every page of a built site in every mode. See docs/ci.md; the command is
generator/commands/check.py.
"""
