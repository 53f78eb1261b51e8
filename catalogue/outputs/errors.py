"""How a machine-readable output (feed, export) refuses a bad query string: 400 with a short Russian text."""
from django.http import HttpResponseBadRequest


def bad_query_text(error):
    """A plain-text 400 naming every bad parameter, readable in a browser and in a feed reader's log."""
    lines = ["Неверные параметры запроса:"]
    lines += [f"{param}: {message}" for param, message in error.errors.items()]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
