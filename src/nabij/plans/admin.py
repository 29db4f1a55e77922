"""Configuration a functional admin edits: instruments and life domains, closure reasons.

Case data (plans, assessments, closures) is not edited here: it changes through the
services only, so every change has its timeline line and audit event.
"""

from django.contrib import admin

from nabij.audit.admin import AuditedModelAdmin
from nabij.plans.models import ClosureReason, Instrument, LifeDomain


class LifeDomainInline(admin.TabularInline):
    model = LifeDomain
    extra = 1
    fields = ["order", "code", "label", "resident_label", "is_active"]
    ordering = ["order"]


@admin.register(Instrument)
class InstrumentAdmin(AuditedModelAdmin):
    list_display = ["name", "version", "scale_min", "scale_max", "is_default", "is_active"]
    list_filter = ["is_active"]
    inlines = [LifeDomainInline]

    def save_formset(self, request, form, formset, change):
        # Domain rows added or changed inline land in the audit log too.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.delete_model(request, obj)
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            self.log_inline(request, obj, is_new)
        formset.save_m2m()

    def log_inline(self, request, obj, is_new):
        from nabij.audit.services import Action, record_event

        record_event(
            actor=request.user,
            event_type=f"admin.lifedomain.{'add' if is_new else 'change'}",
            action=Action.CREATE if is_new else Action.UPDATE,
            object_type="lifedomain",
            object_id=obj.pk,
        )


@admin.register(LifeDomain)
class LifeDomainAdmin(AuditedModelAdmin):
    list_display = ["label", "resident_label", "instrument", "order", "is_active"]
    list_filter = ["instrument", "is_active"]
    search_fields = ["label", "resident_label", "code"]


@admin.register(ClosureReason)
class ClosureReasonAdmin(AuditedModelAdmin):
    list_display = ["label", "code", "requires_referral", "order", "is_active"]
    list_filter = ["is_active"]
    prepopulated_fields = {"code": ["label"]}
