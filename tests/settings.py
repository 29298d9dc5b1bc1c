"""The settings the test run imports: the site's own, read as a local run reads them.

DEBUG defaults to off (fail closed), and with it off the site refuses to start without a
SECRET_KEY and a Redis. Tests need neither, so the run sets DEBUG=1 before the settings are
read, unless the environment already says otherwise. pytest-django still runs every test
with settings.DEBUG False; tests that need production settings start a process of their own
(tests/test_shell.py).
"""

import os

os.environ.setdefault("DEBUG", "1")

from clinic_site.settings import *  # noqa: F403
