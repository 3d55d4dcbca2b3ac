"""The WSGI application: Django, behind the page cache's fast path (broadsheet.caching.fastpath),
which answers repeat anonymous requests for cached pages before Django runs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")

from broadsheet.caching.fastpath import PageCacheApp

application = PageCacheApp(get_wsgi_application())
