"""Every catalogue filter is answered from an index, on whichever database runs the suite: at 10,000 solutions a
filter that scans a table is what a visitor waits for."""
import pytest
from django.db import connection
from taggit.models import Tag

from catalogue.models import SolutionPage, SolutionTag
from catalogue.query import DIMENSIONS


def leading_index_columns(model):
    """The first column of every index and unique constraint on the model's table."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {details["columns"][0] for details in constraints.values()
            if (details["index"] or details["unique"] or details["primary_key"]) and details["columns"]}


def column(model, field_name):
    return model._meta.get_field(field_name).column


@pytest.mark.django_db
@pytest.mark.parametrize("dimension", DIMENSIONS, ids=lambda dimension: dimension.param)
def test_category_filters_use_indexes(dimension):
    # `?sector=ecology` finds the sector by its slug, then the solutions linked to it, then those solutions.
    assert column(dimension.model, "slug") in leading_index_columns(dimension.model)
    through = SolutionPage._meta.get_field(dimension.relation).remote_field.through
    target = through._meta.get_field(dimension.model._meta.model_name)
    assert target.column in leading_index_columns(through)


@pytest.mark.django_db
def test_keyword_readiness_and_date_filters_use_indexes():
    assert column(Tag, "slug") in leading_index_columns(Tag)
    assert column(SolutionTag, "tag") in leading_index_columns(SolutionTag)
    # The stage and readiness filters, and the default order; «newest» sorts by first publication.
    assert column(SolutionPage, "trl") in leading_index_columns(SolutionPage)
    page_table_model = SolutionPage._meta.get_field("first_published_at").model
    assert column(page_table_model, "first_published_at") in leading_index_columns(page_table_model)
