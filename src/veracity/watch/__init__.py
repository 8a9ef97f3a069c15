"""Watching the news: feeds and sitemaps polled for new articles
(:mod:`veracity.watch.feeds`, :mod:`veracity.watch.poll`), and standing
questions asked again after every ingest, with an alert when a verdict changes
(:mod:`veracity.watch.standing`). Fetching itself is
:mod:`veracity.ingest.fetch`; the shell is ``veracity watch``."""
