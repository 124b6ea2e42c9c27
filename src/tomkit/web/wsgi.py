"""WSGI entry point, for running tomkit behind any WSGI server (`tomkit.web.wsgi:application`).

Every view is imported here, as `tomkit serve` does before it prints its URL, so each worker is ready
when it starts instead of making its first request wait.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from tomkit.web.server import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tomkit.web.settings")
application = get_wsgi_application()
warm_up()
