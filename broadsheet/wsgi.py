"""The WSGI application: Django, behind the page cache's fast path (broadsheet.caching.fastpath),
which answers repeat anonymous requests for cached pages before Django runs."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")

from broadsheet.caching.fastpath import PageCacheApp

application = PageCacheApp(get_wsgi_application())

# Every view module imported now rather than by a worker's first requests, then all of it
# (~150,000 objects that live as long as the process) moved out of the cyclic collector's
# sight: otherwise each full collection walks them all, a pause of 50-80 ms that lands on
# whichever request is running (measured on the article page at 100k articles: the
# slowest of 300 requests went from ~80 ms to ~30 ms). Each worker imports this itself.
get_resolver().url_patterns  # noqa: B018  (imports the URLconf and its views)
gc.collect()
gc.freeze()
