"""What a fresh worker would otherwise do on its first requests, done once in gunicorn's master before it forks.

With `preload_app` the master has Django set up but has not imported the URLconf (and with it every view module),
compiled a template or parsed the search's synonyms and reading tables; each worker did that on its first requests
(bench/serve.py, phase «cold»: a first search ≈ 0.2 s more). Done here, the workers inherit it (and share the
memory, gc.freeze in site/gunicorn.conf.py). Nothing is cached that outlives a change: the synonyms are keyed by
their terms, templates and URLs do not change while the site runs.
"""
import logging
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

logger = logging.getLogger(__name__)

SAMPLE_QUERY = "очистка шахтных вод"


def warm_up():
    """Import every view, compile the project's templates and plan one search; then close the database
    connections, which must not be shared with the forked workers. A failure (the database not up yet) is logged and
    the workers simply start cold."""
    try:
        resolver = get_resolver()
        resolver.reverse_dict  # noqa: B018 — imports every URLconf and view module, builds the reverse table
        compile_project_templates()
        from search import planning

        planning.plan(SAMPLE_QUERY)
    except Exception:  # the site starts anyway; only its first requests are slower
        logger.warning("warm-up before forking failed; the workers start cold", exc_info=True)
    finally:
        connections.close_all()


def compile_project_templates():
    """Every template of the site's own folders, through Django's cached loader (the one the pages use); returns
    how many compiled."""
    engine, compiled = engines["django"], 0
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            try:
                engine.get_template(path.relative_to(folder).as_posix())
            except TemplateSyntaxError:
                logger.warning("template %s does not compile", path, exc_info=True)
            else:
                compiled += 1
    return compiled
