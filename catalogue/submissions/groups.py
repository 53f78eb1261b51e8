"""The НОЦ groups whose members see what visitors send (their permissions come from catalogue 0002_requests),
and the migrations' helper that grants them the permissions on a model of what visitors send."""
EDITORS = "Редакторы НОЦ"
MODERATORS = "Модераторы НОЦ"


def _permissions(apps, app_label, model, actions):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # Content types and permissions normally appear after migrate (post_migrate); make them now.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return [Permission.objects.get_or_create(content_type=content_type, codename=f"{action}_{model}",
                                             defaults={"name": f"Can {action} {model}"})[0]
            for action in actions]


def permission_operations(app_label, model, grants):
    """(forward, backward) for migrations.RunPython: grant {group name: actions} on the model; reversing removes
    the permissions, not the groups (another app's migration may create them, hence get_or_create by name)."""

    def grant(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for group_name, actions in grants.items():
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(*_permissions(apps, app_label, model, actions))

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        actions = sorted({action for group_actions in grants.values() for action in group_actions})
        for group in Group.objects.filter(name__in=grants):
            group.permissions.remove(*_permissions(apps, app_label, model, actions))

    return grant, revoke
