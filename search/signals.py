"""Keep the search dictionary in step with published content."""
from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models

from search import vocabulary


def learn_words(sender, instance, raw=False, **kwargs):
    # Drafts and private pages must not leak words into suggestions shown to the public.
    if raw or not getattr(instance, "live", True):
        return
    vocabulary.add_document(instance)


def connect():
    for model in get_indexed_models():
        if hasattr(model, "search_document"):
            post_save.connect(learn_words, sender=model, dispatch_uid=f"search-words-{model._meta.label}")
