# Repair the built-in course's answers that an unquoted comma in its YAML once cut short.
#
# Courses installed before the YAML was quoted (commit e3e3781) store 「約2」「約5」「約9」「約20」 for
# 「約2,000件」… and 「約3」 for 「約3,000円」. A question is repaired only when its choices are still exactly
# the cut set (a manager's own edits are left alone), so the migration is safe to re-run. Each repaired
# course gets an entry in the audit log.

from django.db import migrations

#: (the cut choices of one question, the texts they were written as)
REPAIRS = (
    (("約2", "約5", "約9", "約20"), ("約2,000件", "約5,000件", "約9,300件", "約20,000件")),
    (("約300円", "約3", "約3万円", "約300万円"), ("約300円", "約3,000円", "約3万円", "約300万円")),
)


def repair(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    Choice = apps.get_model("training", "Choice")
    AuditLogEntry = apps.get_model("core", "AuditLogEntry")
    for course in Course.objects.filter(builtin_key="privacy-basics"):
        repaired = []
        for question in course.questions.all():
            choices = list(Choice.objects.filter(question=question).order_by("order", "id"))
            texts = tuple(c.text for c in choices)
            for cut, written in REPAIRS:
                if texts != cut:
                    continue
                for choice, text in zip(choices, written, strict=True):
                    if choice.text != text:
                        choice.text = text
                        choice.save(update_fields=["text"])
                repaired.append(question.pk)
        if repaired:
            AuditLogEntry.objects.create(
                organisation_id=course.organisation_id,
                actor=None,
                actor_name="system",
                action="training.course.repaired",
                object_type="training.course",
                object_id=str(course.pk),
                object_repr=course.title[:200],
                data={"questions": repaired, "reason": "answers cut at a comma by the course file"},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_reporter_and_letters"),
        ("training", "0003_hr_import_move_to_accounts"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
