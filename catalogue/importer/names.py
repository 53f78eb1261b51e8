"""Matching the names in an import file to categories and tags, creating the ones the catalogue lacks."""
from taggit.models import Tag

from catalogue.importer.rows import name_key
from catalogue.models import Need, Organization, Region, Sector

# Import field → the model its names refer to. New categories get their slug from the model's own save().
NAME_MODELS = {
    "sectors": Sector,
    "needs": Need,
    "organizations": Organization,
    "regions": Region,
    "tags": Tag,
}


class NameIndex:
    """The existing objects of one model by name key (case and spacing ignored); a few hundred, held in memory."""

    def __init__(self, model):
        self.model = model
        self.by_key = {name_key(obj.name): obj for obj in model.objects.only("pk", "name")}

    def missing(self, names):
        return [name for name in names if name_key(name) not in self.by_key]

    def create(self, names):
        """Create these new names as spelled; returns the created objects."""
        created = [self.model.objects.create(name=name) for name in names]
        self.by_key.update((name_key(obj.name), obj) for obj in created)
        return created

    def resolve(self, names):
        """The objects for these names, in order (every one of them exists or was created)."""
        return [self.by_key[name_key(name)] for name in names]


def name_indexes():
    return {field: NameIndex(model) for field, model in NAME_MODELS.items()}
