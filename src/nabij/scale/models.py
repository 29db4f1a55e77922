"""Pre-aggregated counts: what a page would otherwise compute from large tables per request."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamCaseload(models.Model):
    """Per team and contact person (None: unassigned), the open cases and the worklist items
    overdue or due soon. Rebuilt every ten minutes by `scale.tasks.refresh_team_caseloads`;
    `cases.selectors.team_caseloads` reads these rows while they are fresh. A team without
    open cases keeps one all-zero row, so "no row" always means "not computed yet"."""

    team = models.ForeignKey("accounts.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    open = models.PositiveIntegerField(_("open casussen"), default=0)
    overdue = models.PositiveIntegerField(_("te laat"), default=0)
    due = models.PositiveIntegerField(_("binnenkort"), default=0)
    refreshed_at = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("caseload (voorberekend)")
        verbose_name_plural = _("caseloads (voorberekend)")
        indexes = [models.Index(fields=["team", "refreshed_at"], name="caseload_team_fresh")]

    def __str__(self) -> str:
        return f"{self.team_id}/{self.worker_id}: {self.open}"
