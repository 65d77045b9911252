"""The health endpoint for the proxy and the process manager: answers 200 only when
the database and the shared cache both answer, 503 (naming what failed) otherwise."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


@require_safe
def healthz(request):
    checks = {}
    for name, probe in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = "ok" if probe() else "failed"
        except Exception as error:  # any failure is an answer here, not a 500
            logger.warning("health check %s failed: %s", name, error)
            checks[name] = "failed"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "failed", **checks}, status=200 if healthy else 503
    )
    add_never_cache_headers(response)
    return response
