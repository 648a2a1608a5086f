"""`locpipe build` and what it is made of: the build (`build.py`), the
publishing gates, publisher, site addresses and manifest (pure), and what
each translation was last published from (`published.py`)."""
