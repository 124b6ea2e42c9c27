"""The REST API (django-ninja): every read and write the pages make, with an OpenAPI schema at
/api/openapi.json and its docs page at /api/docs. Scripts authenticate with a personal token
(`Authorization: Bearer tk_...`); the browser session works too (with its CSRF token).

Every workspace endpoint declares the role it needs in its OpenAPI entry (`x-min-role`), which the
authorisation test reads to check each endpoint for each role.
"""

from tomkit.web.api import plan_edits as _plan_edits  # noqa: F401  (initiatives, dependencies, milestones)
from tomkit.web.api import readiness as _readiness  # noqa: F401  (readiness scores, questionnaires, links)
from tomkit.web.api import roadmap as _roadmap  # noqa: F401  (roadmap, journey, progress, pictures)
from tomkit.web.api import routes as _routes  # noqa: F401  (registers the endpoints)
from tomkit.web.api import scenario_runs as _scenario_runs  # noqa: F401  (runs, comparison, charts)
from tomkit.web.api import scenarios as _scenarios  # noqa: F401  (scenario definitions, adopting one)
from tomkit.web.api import story as _story  # noqa: F401  (narrative, pins, deliverables)
from tomkit.web.api.core import api

__all__ = ["api"]
