"""The tabs of the case page, as a registry other apps extend.

Overzicht · Tijdlijn · Plan · Netwerk · Toestemming · Documenten (../shared/ui.md). `cases`
registers its own four; the plans and consent apps add theirs in AppConfig.ready():

    from nabij.cases.tabs import CaseTab, register_tab
    register_tab(CaseTab(slug="plan", label=_("Plan"), url_name="plans:case_plan", order=30))

A tab's URL name takes the case id as its one argument. Their pages can show the same
summary card and tab bar by including "cases/_case_header.html" with the context from
`cases.selectors.case_header_context(user, case, active_tab=...)`.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CaseTab:
    slug: str
    label: str
    url_name: str
    order: int
    url_args_with_slug: bool = False  # cases' own tabs share one URL pattern with the slug


_TABS: dict[str, CaseTab] = {}


def register_tab(tab: CaseTab) -> None:
    _TABS[tab.slug] = tab


def tabs_for(case_id: int, *, active: str) -> list[dict]:
    """The tab bar for one case: label, url, current. Tabs whose URL does not resolve (app
    not installed) are left out."""
    result = []
    for tab in sorted(_TABS.values(), key=lambda t: t.order):
        try:
            args = [case_id, tab.slug] if tab.url_args_with_slug else [case_id]
            url = reverse(tab.url_name, args=args)
        except NoReverseMatch:
            continue
        result.append({"slug": tab.slug, "label": tab.label, "url": url, "current": tab.slug == active})
    return result


OWN_TABS = ("overzicht", "tijdlijn", "netwerk", "documenten")


def register_builtin_tabs() -> None:
    register_tab(CaseTab("overzicht", _("Overzicht"), "cases:tab", 10, True))
    register_tab(CaseTab("tijdlijn", _("Tijdlijn"), "cases:tab", 20, True))
    register_tab(CaseTab("netwerk", _("Netwerk"), "cases:tab", 40, True))
    register_tab(CaseTab("documenten", _("Documenten"), "cases:tab", 60, True))
