from django.db import migrations

from catalogue.submissions.groups import EDITORS, MODERATORS, permission_operations

# Subscriptions hold e-mail addresses: the НОЦ groups that read the inbox may see them, moderators delete them.
GRANT, REVOKE = permission_operations("alerts", "subscription", {EDITORS: ("view",), MODERATORS: ("view", "delete")})


class Migration(migrations.Migration):

    dependencies = [
        ("alerts", "0001_initial"),
        ("catalogue", "0002_requests"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(GRANT, REVOKE)]
