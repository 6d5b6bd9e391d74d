"""The preview behind `guides serve`: serves the last good build, rebuilds on change, and shows
the guides' problems on every page while there are any.

`server.py` watches the project, builds each change into a fresh folder and swaps it in only
when the build succeeded; requests are always answered at once from the last good site
(MkDocs' own live server makes every request wait for a build that may never succeed).
`banner.py` renders the problems banner and page, which exist only in the preview: they are
added to a page as it is served, never written into a built site.
"""
