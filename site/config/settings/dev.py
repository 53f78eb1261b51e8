"""Local development: `make run`."""
from .base import *  # noqa: F403
from .base import DEBUG_REQUESTED, SECRET_KEY

DEBUG = True if DEBUG_REQUESTED is None else DEBUG_REQUESTED
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
