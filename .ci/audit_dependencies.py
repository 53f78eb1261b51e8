#!/usr/bin/env python3
"""Audit the installed dependencies with pip-audit, telling "no known vulnerabilities" apart from "could not look".

pip-audit reports "No known vulnerabilities found" even when it could look up none of the packages (its source,
PyPI's JSON API, answers 404 behind a mirror; OSV may be unreachable). This script counts the packages actually
audited: none → it says so and exits 0 (skipped, a release step then); a vulnerability → it lists them and exits 1.
Usage: .venv/bin/python .ci/audit_dependencies.py [extra pip-audit arguments, e.g. -s osv]
"""
import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main(extra_args):
    command = [str(PIP_AUDIT), "--skip-editable", "--progress-spinner", "off", "--format", "json", *extra_args]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        report = json.loads(result.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        print(f"pip-audit: SKIPPED — the vulnerability source did not answer ({type(error).__name__}). "
              "Run it by hand before a release (docs/security.md).")
        return 0
    dependencies = report["dependencies"]
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    if not audited:
        print(f"pip-audit: SKIPPED — none of the {len(dependencies)} packages could be looked up "
              "(vulnerability source unreachable). Run it by hand before a release (docs/security.md).")
        return 0
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"pip-audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    skipped = len(dependencies) - len(audited)
    print(f"pip-audit: {len(audited)} packages audited, {skipped} not found in the source, "
          f"{len(vulnerable)} with known vulnerabilities.")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
