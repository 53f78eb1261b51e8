"""`make audit`: serve the demo site as in production and judge its public pages as outsiders do.

Lighthouse 12.2.3 (npm, with Debian's Chromium) at mobile and desktop and the Nu Html Checker (npm's vnu-jar, run
with Java) over the public pages; prints a Markdown table (paste it into docs/public-site.md). The tools are
installed once into .audit-tools/ (git-ignored); the site runs under gunicorn with production settings, WhiteNoise
static files and a scratch SQLite database holding the demo content, on AUDIT_PORT (default 8301). The server
stops whatever happens.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / ".audit-tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROME = "/usr/bin/chromium"
PYTHON = Path(sys.executable)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install_tools():
    if LIGHTHOUSE.exists() and VNU.exists():
        return
    TOOLS.mkdir(exist_ok=True)
    (TOOLS / "package.json").write_text('{"private": true}\n')
    subprocess.run(["npm", "i", "-E", "lighthouse@12.2.3", "vnu-jar"], cwd=TOOLS, check=True,
                   env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})


def manage(env, *args, **kwargs):
    return subprocess.run([str(PYTHON), "manage.py", *args], cwd=REPO, env=env, check=True, **kwargs)


def get_json(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return json.load(response)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the site did not answer at {url}")


def public_pages(base):
    """The pages a visitor meets, found from the demo content through the API."""
    listing = get_json(base + "/api/v2/solutions/?limit=1")
    solution = listing["items"][0]["meta"]["html_url"]
    need = listing["meta"]["facets"]["need"][0]["slug"]
    lab = get_json(base + "/api/v2/labs/?limit=1")["items"][0]["meta"]["html_url"]
    organization = get_json(base + "/api/v2/organizations/?limit=1")["items"][0]["html_url"]
    return {
        "home": base + "/",
        "catalogue": base + "/catalogue/",
        "deployment map": base + "/catalogue/map/",
        "labs": base + "/labs/",
        "laboratory": lab,
        "organisations": base + "/organizations/",
        "organisation profile": organization,
        "solution": solution,
        "request form": solution + "request/",
        "search": base + "/search/?q=очистка%20воды",
        "search, organisations tab": base + "/search/?q=уголь&type=organizations",
        "labs, filtered": base + "/labs/?service=testing",
        "need page": f"{base}/catalogue/need/{need}/",
        "needs form": base + "/needs/submit/",
        "needs board": base + "/needs/",
        "about": base + "/about/",
        "API docs": base + "/api/v2/docs/",
        "embed": base + "/embed/?limit=5",
    }


def lighthouse(url, form_factor, scratch):
    report = scratch / "lighthouse.json"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    # Lighthouse sometimes fails to record a load's trace (NO_NAVSTART) on a busy machine: one more try, then fail.
    for attempt in (1, 2):
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=240)
        if result.returncode == 0:
            break
        if attempt == 2:
            raise SystemExit(f"Lighthouse failed twice on {url} ({form_factor})")
    data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    misses = sorted({audit_id for name in CATEGORIES if scores[name] < 100
                     for ref in data["categories"][name]["auditRefs"] if ref["weight"] > 0
                     for audit_id in [ref["id"]] if (data["audits"][audit_id]["score"] or 0) < 0.9})
    cls = data["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores, misses, cls


def vnu_errors(urls):
    """Nu Html Checker errors per URL (warnings and info messages left out)."""
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *urls],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {url: [] for url in urls}
    for message in messages:
        if message.get("type") == "error":
            errors.setdefault(message.get("url"), []).append(message["message"])
    return errors


def main():
    install_tools()
    port = int(os.environ.get("AUDIT_PORT", "8301"))
    base = f"http://localhost:{port}"
    scratch = Path(tempfile.mkdtemp(prefix="noc-audit-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": secrets.token_urlsafe(50), "SECURE_SSL_REDIRECT": "false",
           "DATABASE_URL": f"sqlite:///{scratch}/site.sqlite3", "STATIC_ROOT": str(scratch / "static"),
           "MEDIA_ROOT": str(scratch / "media"), "ALLOWED_HOSTS": "localhost,127.0.0.1", "LOG_LEVEL": "WARNING",
           "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2", "SITE_BASE_URL": base}
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", stdout=subprocess.DEVNULL)
        manage(env, "collectstatic", "--noinput", "-v0")
        # Canonical links, the sitemap and feeds name the Wagtail site: make it the address being audited.
        manage(env, "shell", "-c", f"from wagtail.models import Site; Site.objects.update(hostname='localhost', "
                                   f"port={port})", stdout=subprocess.DEVNULL)
        server = subprocess.Popen([str(PYTHON.with_name("gunicorn")), "-c", "gunicorn.conf.py", "config.wsgi"],
                                  cwd=REPO / "site", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(base + "/healthz")
        pages = public_pages(base)
        errors = vnu_errors(list(pages.values()))
        print("| page | width | performance | accessibility | best practices | SEO | CLS | vnu errors | "
              "audits below 0.9 |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, url in pages.items():
            for form_factor in ("mobile", "desktop"):
                scores, misses, cls = lighthouse(url, form_factor, scratch)
                print(f"| {name} | {form_factor} | " + " | ".join(str(scores[c]) for c in CATEGORIES)
                      + f" | {cls:.3f} | {len(errors.get(url, []))} | {', '.join(misses) or '—'} |", flush=True)
        for url, messages in errors.items():
            for message in messages:
                print(f"- vnu: {url}: {message}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
