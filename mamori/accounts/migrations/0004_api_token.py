"""Replace DRF's clear-text tokens by hashed API tokens; the keys already handed out keep working.

``rest_framework.authtoken`` kept each key in clear in ``authtoken_token``. Each key is moved here as
its SHA-256 digest (named by its first 8 characters), then that table is dropped.
"""

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OLD_TABLE = "authtoken_token"


def hash_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {OLD_TABLE}")  # noqa: S608 - a constant
        rows = cursor.fetchall()
    taken = set()
    for key, user_id, created in rows:
        prefix = key[:8] if key[:8] not in taken else f"{key[:8]}-{len(taken)}"
        taken.add(prefix)
        token = ApiToken.objects.create(
            user_id=user_id, name="DRF", prefix=prefix, digest=hashlib.sha256(key.encode()).hexdigest()
        )
        ApiToken.objects.filter(pk=token.pk).update(created_at=created)
    schema_editor.execute(f"DROP TABLE {OLD_TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_hr_import_from_training'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(blank=True, max_length=100, verbose_name='name')),
                ('prefix', models.CharField(max_length=16, unique=True, verbose_name='prefix')),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API token',
                'verbose_name_plural': 'API tokens',
                'ordering': ['-created_at'],
            },
        ),
        migrations.RunPython(hash_drf_tokens, migrations.RunPython.noop),
    ]
