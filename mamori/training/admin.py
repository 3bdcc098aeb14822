from django.contrib import admin

from mamori.training.models import Campaign, Choice, Course, Lesson, Question


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "pass_mark", "is_active")
    inlines = [LessonInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "course", "kind", "order")
    list_filter = ("course",)
    inlines = [ChoiceInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "scope", "due_date")
    readonly_fields = ("created_by",)
