"""The REST API (django-ninja): every read and write the pages make, with an OpenAPI schema at
/api/openapi.json and its docs page at /api/docs. Scripts authenticate with a personal token
(`Authorization: Bearer tk_...`); the browser session works too (with its CSRF token).

Every workspace endpoint declares the role it needs in its OpenAPI entry (`x-min-role`), which the
authorisation test reads to check each endpoint for each role.

Each module registers the endpoints of one resource on `api` when imported. The imports below are in
registration order, which is the order of the paths in the schema and on the docs page.
"""

# isort: off
from tomkit.web.api import plan_edits as _plan_edits  # noqa: F401  (initiatives, dependencies, milestones)
from tomkit.web.api import readiness as _readiness  # noqa: F401  (readiness scores, questionnaires, links)
from tomkit.web.api import roadmap as _roadmap  # noqa: F401  (roadmap, journey, progress, pictures)
from tomkit.web.api import workspaces as _workspaces  # noqa: F401  (workspaces, the draft as a document)
from tomkit.web.api import members as _members  # noqa: F401  (members and their roles)
from tomkit.web.api import elements as _elements  # noqa: F401  (elements, allowed relation types)
from tomkit.web.api import operations as _operations  # noqa: F401  (edits to the draft)
from tomkit.web.api import analysis as _analysis  # noqa: F401  (gaps, health, impact, pictures)
from tomkit.web.api import versions as _versions  # noqa: F401  (versions, diff, restore, sign-off)
from tomkit.web.api import comments as _comments  # noqa: F401  (comments, the feedback inbox)
from tomkit.web.api import audit as _audit  # noqa: F401  (the audit trail)
from tomkit.web.api import scenario_runs as _scenario_runs  # noqa: F401  (runs, comparison, charts)
from tomkit.web.api import scenarios as _scenarios  # noqa: F401  (scenario definitions, adopting one)
from tomkit.web.api import story as _story  # noqa: F401  (narrative, pins, deliverables)

# isort: on
from tomkit.web.api.core import api

__all__ = ["api"]
