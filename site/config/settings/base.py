"""Settings shared by every environment. The only module that reads the process environment."""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

CONFIG_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = CONFIG_DIR.parent.parent  # the repository root: site/config/settings -> repo


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Environment -----------------------------------------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# None when unset, so each environment picks its own default (dev: on; everything else: off).
DEBUG_REQUESTED = env_bool("DEBUG", None)
DEBUG = bool(DEBUG_REQUESTED)
# Production redirects to HTTPS unless TLS ends elsewhere and the redirect would loop.
SECURE_SSL_REDIRECT_REQUESTED = env_bool("SECURE_SSL_REDIRECT", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
# The embedded database (production runs on PostgreSQL): WAL lets readers go on while one process writes, and
# IMMEDIATE transactions take the write lock at BEGIN, so concurrent writers queue for up to `timeout` seconds
# instead of failing with «database is locked» when a read transaction tries to become a write.
SQLITE_FILE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_FILE_OPTIONS)
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Optional raster tiles under the deployment maps, e.g. https://tiles.example.ru/{z}/{x}/{y}.png (docs/map.md). Empty:
# the maps use only the bundled region outlines and no third-party server. The CSP follows it (ops/csp.py).
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")
ELASTICSEARCH_ENGINE = os.environ.get("ELASTICSEARCH_ENGINE", "elasticsearch9")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "noc_")
REDIS_URL = os.environ.get("REDIS_URL", "")
# True when a reverse proxy (nginx) in front of gunicorn appends the client's address to X-Forwarded-For.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "НОЦ «Кузбасс – Донбасс» <noreply@localhost>")
NOC_NOTIFY_EMAILS = env_list("NOC_NOTIFY_EMAILS")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "static_collected")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# Closed requests and needs are anonymised this many days after closing (`manage.py purge_submissions`).
NOC_RETENTION_DAYS = int(os.environ.get("NOC_RETENTION_DAYS", "365"))
# Unconfirmed alert subscriptions are deleted this many days after they were made (`manage.py send_alerts`).
NOC_ALERT_CONFIRM_DAYS = int(os.environ.get("NOC_ALERT_CONFIRM_DAYS", "7"))
# Imports started in the admin are applied in a background thread of the web process (catalogue/importer/jobs.py).
NOC_IMPORT_IN_BACKGROUND = True
# «Состояние каталога» calls a solution stale when «последняя проверка» is older than this (catalogue/health.py).
NOC_VERIFY_MONTHS = int(os.environ.get("NOC_VERIFY_MONTHS", "12"))
# Anonymous visitors' answers are kept this long at most (catalogue/response_cache.py); 0 switches that off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", "600"))
# The search page's query log is written in batches at most this often per process (search/query_log.py).
SEARCH_LOG_FLUSH_SECONDS = float(os.environ.get("SEARCH_LOG_FLUSH_SECONDS", "2"))
# Daily counts of solutions opened from the search page are deleted after this many days (`purge_submissions`).
SEARCH_CLICK_RETENTION_DAYS = int(os.environ.get("SEARCH_CLICK_RETENTION_DAYS", "400"))

# --- Applications ----------------------------------------------------------------------------------------
INSTALLED_APPS = [
    "ops",
    "home",
    "catalogue",
    "labs",
    "search",
    "shortlist",
    "alerts",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every middleware that shapes a response (headers, cookies), so a stored answer is a finished one.
    "catalogue.response_cache.ResponseCacheMiddleware",
    "ops.csp.SiteCSPMiddleware",
    "ops.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Only the partner widget (/embed/) may be framed: it is exempted in its view; Wagtail's preview overrides for itself.
X_FRAME_OPTIONS = "DENY"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security (every environment, so the test suite sees what production sends) ---------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is even checked.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Username and address together: a typo-prone editor behind a university NAT does not lock out colleagues,
# and nobody can lock an editor out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.views.lockout"
AXES_HTTP_RESPONSE_CODE = 429
# Trust X-Forwarded-For only behind our own proxy, and there only its right-most public address (the one nginx
# appended): entries a client writes itself come first. Without a proxy the header is ignored.
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]

# Editors sign in for a working day, not for weeks.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browser features no page of the site uses: denied to the site and to anything it embeds (ops/headers.py).
PERMISSIONS_POLICY_DENIED = ["accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
                             "microphone", "midi", "payment", "usb"]

# Video hosts an editor may embed in a solution's story (wagtail.embeds).
VIDEO_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://rutube.ru",
    "https://vk.com",
    "https://vkvideo.ru",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # ops.csp.SiteCSPMiddleware replaces this per response to agree with X-Frame-Options.
        "frame-ancestors": [NONE],
    }
}
# Laid over the policy under the Wagtail admin only (tests/e2e/test_content_security_policy.py): the page editor's
# panels and widgets run inline <script>s, the image uploader previews blob: URLs. Inline styles are allowed too as
# a precaution: Wagtail's CSP work is unfinished upstream (wagtail#1288) and a broken editor screen costs more than
# the little an injected style could do behind the login.
ADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}
# The admin talks to no third party: no Gravatar avatars, no browser-side check for new Wagtail releases
# (upgrades follow the release checklist in docs/security.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Language and time -----------------------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
WAGTAIL_I18N_ENABLED = False
# Page slugs in the admin are transliterated to Latin («Очистка воды» → ochistka-vody), like the categories' slugs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский")]
# Kuzbass is the pilot region and the seat of НОЦ; Kemerovo and Novokuznetsk share UTC+7.
TIME_ZONE = "Asia/Novokuznetsk"
USE_I18N = True
USE_TZ = True
# The project's own Russian (locale/ru/LC_MESSAGES/django.po, compiled .mo committed) wins over every app's.
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "НОЦ «Кузбасс – Донбасс»: каталог готовых решений"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAILADMIN_USER_LOGIN_FORM = "ops.forms.LoginForm"  # labels in Russian (ops/forms.py)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Any one uploaded file part, and a whole request body, on any form (ops/uploads.py): the largest file the admin
# accepts, plus room for the other fields. nginx's client_max_body_size (docs/operations.md) matches it.
NOC_MAX_UPLOAD_SIZE = max(WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE)
NOC_MAX_REQUEST_SIZE = NOC_MAX_UPLOAD_SIZE + 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "ops.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "tiff": "png"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No autosave (Wagtail 7.3+ turns it on by default): in 8.0 it posts a copy of the form taken half a second before,
# marks what changed meanwhile as saved (so leaving the page no longer warns, and the change is lost), and a copy that
# lands during the editor's own «Сохранить черновик» overwrites it. Editors save with the buttons; the footer's
# «несохраненные изменения» warning and the leave-page confirmation stay (docs/editorial.md).
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
TAGGIT_CASE_INSENSITIVE = True
# Public API (/api/v2/): at most 100 items per request; rich text as ready-to-show HTML unless asked otherwise.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used by the PostgreSQL backend; SQLite gets word forms from search.text stems.
        "SEARCH_CONFIG": "russian",
    }
}
if ELASTICSEARCH_URL:
    # Elasticsearch/OpenSearch with Russian analysis; the database backend stays as the fall-back.
    from search.server import elasticsearch_backends

    WAGTAILSEARCH_BACKENDS = elasticsearch_backends(ELASTICSEARCH_URL, engine=ELASTICSEARCH_ENGINE,
                                                   index_prefix=ELASTICSEARCH_INDEX_PREFIX)

# --- Cache: Redis when REDIS_URL is set (shared by every gunicorn worker), else this process's memory ---------
def cache_settings(redis_url):
    if redis_url:
        backend = {"BACKEND": "ops.cache_backend.RedisCache", "LOCATION": redis_url}
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "noc"}
    return {"default": {**backend, "KEY_PREFIX": "noc", "TIMEOUT": 60 * 60}}


CACHES = cache_settings(REDIS_URL)

# --- Mail ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if EMAIL_URL.startswith(("smtp://", "smtps://")):
    from urllib.parse import unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_USE_TLS = "tls=1" in (_mail.query or "")
    EMAIL_TIMEOUT = 10

# --- Requests and needs from visitors ------------------------------------------------------------------
# Form posts allowed per client address within the window; one more gets a 429 page.
NOC_SUBMISSION_LIMIT = 10
NOC_SUBMISSION_WINDOW_SECONDS = 3600

# --- Logging: one JSON object per line on stdout -----------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.log_format.JsonFormatter"},
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Every page save queues search-index and reference-index tasks; one line each drowns `make run`.
        "django_tasks": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # The OpenSearch client logs every request at INFO, and its tracer each one again as a curl command.
        "opensearch": {"level": "WARNING"},
        "opensearchpy.trace": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # its start-up banner on every command
    },
}
