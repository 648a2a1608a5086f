"""`locpipe build`: localized pages for every document and language,
behind the publishing gates, plus an index, a sitemap and a manifest.

`build.py` runs a build; `jobs.py` is one document's job (its language
versions through the gates, `pages.py` their pages); `state.py` the typed
build state; `writers.py` what a build writes; `gates.py`, `publisher.py`,
`site.py` and `manifest.py` are pure; `published.py` keeps what each
translation was last published from. Import from the modules themselves:
this package imports nothing, so the renderers can use `site.py`.
"""
