from django.contrib import admin

from mamori.rulebook.models import RulesDocument, RulesVersion


class RulesVersionInline(admin.StackedInline):
    model = RulesVersion
    extra = 0
    readonly_fields = ("approved_by",)


@admin.register(RulesDocument)
class RulesDocumentAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "organisation")
    inlines = [RulesVersionInline]
