from django.contrib import admin

from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, record_event


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin edits and deletions land in the audit log like every other change."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record_event(
            actor=request.user,
            event_type=f"admin.{obj._meta.model_name}.{'change' if change else 'add'}",
            action=Action.UPDATE if change else Action.CREATE,
            object_type=obj._meta.model_name,
            object_id=obj.pk,
            details={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        record_event(
            actor=request.user,
            event_type=f"admin.{obj._meta.model_name}.delete",
            action=Action.DELETE,
            object_type=obj._meta.model_name,
            object_id=pk,
        )

    def delete_queryset(self, request, queryset):
        # One event per row: the bulk delete action must not slip past the trail.
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["event_datetime", "event_type", "event_outcome", "user_name", "participant_object_type"]
    # Only filters with fixed choices: a filter on the event type (SELECT DISTINCT over the
    # whole log) or a date hierarchy (the distinct years and months) reads every event on each
    # page view, a hundred million and more at city scale. The privacy officer's audit log
    # screen searches by type prefix, user, resident and period by index.
    list_filter = ["event_action", "event_outcome"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
