from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import ApiToken, Area, Membership, Organisation, Team, User
from nabij.accounts.services import api_token_create, api_token_revoke
from nabij.audit.admin import AuditedModelAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["team"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["is_active", "organisation", "memberships__role"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Nabij"), {"fields": ["organisation", "phone"]}),
    )


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "kind", "is_active"]
    filter_horizontal = ["areas"]


@admin.register(Area)
class AreaAdmin(AuditedModelAdmin):
    search_fields = ["name", "cbs_code"]
    list_display = ["name", "kind", "cbs_code", "inhabitants", "parent"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "team", "role"]
    list_filter = ["role", "team"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_by", "last_used_at", "revoked_at"]
    fields = ["name", "user", "prefix", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, key = api_token_create(actor=request.user, user=obj.user, name=obj.name)
        obj.pk = token.pk
        messages.warning(
            request, _("De sleutel is: %(key)s — kopieer hem nu; hij wordt niet nog eens getoond.") % {"key": key}
        )

    @admin.action(description=_("Geselecteerde sleutels intrekken"))
    def revoke_tokens(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(actor=request.user, token=token)
