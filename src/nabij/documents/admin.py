from django.contrib import admin

from nabij.audit.admin import AuditedModelAdmin
from nabij.documents.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AuditedModelAdmin):
    list_display = ["key", "name", "audience", "is_active", "updated_at"]
    list_filter = ["audience", "is_active"]
    search_fields = ["key", "name", "subject"]
