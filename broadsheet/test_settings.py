"""Settings for the test suite: Broadsheet's own, with a throwaway data folder."""

import atexit
import os
import shutil
import tempfile

_data = tempfile.mkdtemp(prefix="broadsheet-test-")
atexit.register(shutil.rmtree, _data, ignore_errors=True)
os.environ["BROADSHEET_DATA"] = _data

from broadsheet.settings import *  # noqa: E402, F403

# The manifest needs collectstatic; tests render templates without running it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Hashing passwords slowly is a production virtue and a test-suite cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when missing)
# Off by default so tests see each change at once; the caching tests switch it on.
BROADSHEET_PAGE_CACHE = False
# Likewise the cached list counts and page milestones: a test's rows vanish by rollback.
BROADSHEET_LIST_CACHE = False
