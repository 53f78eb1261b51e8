from django import template

from shortlist import store

register = template.Library()


@register.simple_tag(takes_context=True)
def shortlist_count(context):
    """How many solutions the visitor has shortlisted, read from the session (no query; 0 without a session, so
    pages of anonymous visitors stay the same for everyone and can be stored whole)."""
    request = context.get("request")
    return len(store.session_ids(request)) if request else 0
