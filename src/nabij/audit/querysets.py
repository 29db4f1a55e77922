"""Block bulk changes on audited models, so nothing slips past the audit trail.

Queryset `.update()`, `.delete()`, `bulk_update()` and `bulk_create()` skip `save()`,
`delete()` and every service, so they would change data without an audit event. Models
whose changes must be audited use `AuditedQuerySet.as_manager()` (or `AuditedManager`);
changes then go through the app's service functions, one row at a time, each with its
event. Deleting a parent row still cascades (Django's collector does not call these
methods), so the owning service stays responsible for auditing the cascade.

(After Open Zaak's BlockChangeMixin.)
"""

from django.db import models


class BulkChangeBlocked(TypeError):
    """A bulk change was attempted on an audited model."""


class AuditedQuerySet(models.QuerySet):
    def _refuse(self, operation: str):
        raise BulkChangeBlocked(
            f"{self.model._meta.label}.{operation}() is blocked: audited models change through their "
            "service functions, one row at a time, each with an audit event."
        )

    def update(self, **kwargs):
        self._refuse("update")

    def delete(self):
        self._refuse("delete")

    def bulk_update(self, objs, fields, batch_size=None):
        self._refuse("bulk_update")

    def bulk_create(self, objs, *args, **kwargs):
        self._refuse("bulk_create")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        self._refuse("update_or_create")


class AuditedManager(models.Manager.from_queryset(AuditedQuerySet)):
    pass
