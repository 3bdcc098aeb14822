"""The internal rules moved to the rulebook app; their tables stay where they are (no data moves)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0001_initial'),
        ('rulebook', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='rulesdocument',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='rulesversion',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='rulesversion',
                    name='approved_by',
                ),
                migrations.DeleteModel(
                    name='Acknowledgement',
                ),
                migrations.DeleteModel(
                    name='RulesDocument',
                ),
                migrations.DeleteModel(
                    name='RulesVersion',
                ),
            ],
            database_operations=[],
        ),
    ]
