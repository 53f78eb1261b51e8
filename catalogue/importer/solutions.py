"""The solutions section of an import: rows.py validates, plan.py plans, apply.py writes."""
from catalogue.importer.apply import apply_plan
from catalogue.importer.plan import CREATE, build_plan
from catalogue.importer.rows import name_key, validate_source
from catalogue.importer.sections import Section


def plan(rows, context):
    solutions_plan = build_plan(rows, context.parent)
    # Names that another section of the file brings (its organisations) are not new categories of the solutions.
    for name_field in list(solutions_plan.new_names):
        provided = {name_key(name) for name in context.provided_names(name_field)}
        remaining = [name for name in solutions_plan.new_names[name_field] if name_key(name) not in provided]
        if remaining:
            solutions_plan.new_names[name_field] = remaining
        else:
            del solutions_plan.new_names[name_field]
    return solutions_plan


def apply(solutions_plan, context):
    return apply_plan(solutions_plan, context.parent, progress=lambda done, total: context.row_written(),
                      index_progress=context.index_progress, submit_by=context.submit_by)


def describe(item):
    """The slug, and the title of a new page: «mine-water: «Установка…»»."""
    return f"{item.row.slug}: «{item.row.values['title']}»" if item.action == CREATE else item.row.slug


SECTION = Section(key="solutions", label="Решения", order=100, validate=validate_source, plan=plan, apply=apply,
                  describe=describe)
