"""What a test does when a server it needs is not there: skip on a developer's machine, fail in CI.

`.ci/run` sets NOC_REQUIRE_SERVICES=1 after starting PostgreSQL, Redis and Chromium itself (`.ci/services`), so a
test that would quietly skip there is a broken set-up, not a pass.
"""
import os

import pytest

STRICT = os.environ.get("NOC_REQUIRE_SERVICES", "") not in ("", "0")
HOW = "run `make services` (or `bash .ci/services --browser`) to install and start it"


def missing_service(reason):
    """Skip the running test, or fail it when CI requires every service."""
    if STRICT:
        pytest.fail(f"{reason} although NOC_REQUIRE_SERVICES is set; {HOW}", pytrace=False)
    pytest.skip(f"{reason}; {HOW}")
