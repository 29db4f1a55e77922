"""The triage board's table rows, built in Python.

The same markup as a template loop cost two thirds of the board's CPU at 200 rows: a
`{% url %}`, a dozen `{% translate %}` tags, three get_FOO_display calls and two date
filters per row. Here every translation and URL prefix is looked up once per page and the
rows are joined as text. Escaping follows the template engine: values are escaped,
translated texts are not (a translated literal is safe in a template too).
`tests/test_board_rendering.py` keeps the per-row template this must match byte for byte.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from nabij.core.reversing import url_for

register = template.Library()


@register.simple_tag
def board_table_rows(rows) -> str:
    """The <tr>s of the board, each as the template wrote it (whitespace included)."""

    def registration_url(pk):
        return escape(url_for("intake:registration", pk))

    def case_url(pk):
        return escape(url_for("cases:detail", pk))

    label_registration = gettext("Aanmelding")
    label_urgency = gettext("Urgentie en signalen")
    label_waiting = gettext("Wachttijd")
    label_state = gettext("Stand")
    no_name = gettext("(naam onbekend)")
    redirected_by = gettext("Doorverwezen door %(team)s")
    known_with_case = gettext("Bekende inwoner: open casus")
    known = gettext("Bekende inwoner")
    known_elsewhere = gettext("Bekende inwoner: open casus bij een ander team")
    safety = gettext("Zorgen over veiligheid")
    minor = gettext("Minderjarig: voor jeugdteam")
    contacted = gettext("Eerste contact gehad")
    late = gettext("Te laat")
    due_today = gettext("Vandaag")
    due_by = gettext("eerste contact uiterlijk %(date)s")
    days_text = {}  # working days → "n werkdagen"
    out = []
    for row in rows:
        r = row.registration
        name = r.full_name
        received = row.received_local
        part = (
            '\n    <tr class="utrecht-table__row">\n'
            f'      <td class="utrecht-table__cell" data-label="{label_registration}">\n'
            f'        <a class="utrecht-link" href="{registration_url(r.pk)}">{escape(r.reference)}</a>\n'
            f"        <br>{escape(name) if name else no_name}\n"
            f'        <br><span class="nabij-muted">{escape(row.channel_label)} · '
            f"{received.day}-{received.month}-{received.year:04d} {received.hour:02d}:{received.minute:02d}</span>\n"
            "        "
        )
        out.append(part)
        if row.redirected_from_team is not None:
            team = redirected_by % {"team": escape(row.redirected_from_team)}
            out.append(f'<br><span class="nabij-badge">{team}</span>')
        out.append("\n        ")
        if r.resident_id:
            if row.known_case_id:
                out.append(f'<br><a class="utrecht-link" href="{case_url(row.known_case_id)}">{known_with_case}</a>')
            elif row.known_elsewhere:
                out.append(f'<br><span class="nabij-badge">{known_elsewhere}</span>')
            else:
                out.append(f'<br><span class="nabij-badge">{known}</span>')
        urgency = escape(row.urgency_label)
        if r.urgency != "normaal":
            urgency = f"<strong>{urgency}</strong>"
        out.append(f'\n      </td>\n      <td class="utrecht-table__cell" data-label="{label_urgency}">\n')
        out.append(f"        {urgency}\n        ")
        if r.safety_flag:
            out.append(f'<br><span class="nabij-flag">{safety}</span>')
        out.append("\n        ")
        if row.minor:
            out.append(f'<br><span class="nabij-badge">{minor}</span>')
        n = row.working_days_waiting
        if n not in days_text:
            days_text[n] = ngettext("%(n)s werkdag", "%(n)s werkdagen", n) % {"n": n}
        out.append(
            f'\n      </td>\n      <td class="utrecht-table__cell" data-label="{label_waiting}">\n'
            f"        {days_text[n]}\n        "
        )
        if r.first_contact_at:
            out.append(f'<br><span class="nabij-muted">{contacted}</span>\n        ')
        elif r.first_contact_due:
            due = r.first_contact_due
            out.append("<br>\n          ")
            if row.overdue:
                out.append(f'<span class="nabij-due nabij-due--overdue">{late}</span>')
            elif row.due_today:
                out.append(f'<span class="nabij-due nabij-due--today">{due_today}</span>')
            date = f"{due.day}-{due.month}-{due.year:04d}"
            out.append(f'\n          <span class="nabij-muted">{due_by % {"date": date}}</span>\n        ')
        out.append(
            f'\n      </td>\n      <td class="utrecht-table__cell" data-label="{label_state}">\n'
            f"        {escape(row.status_label)}\n        "
        )
        if row.outcome_label is not None:
            worker = "" if row.outcome_worker is None else f": {escape(row.outcome_worker)}"
            out.append(f'<br><span class="nabij-muted">{escape(row.outcome_label)}{worker}</span>')
        out.append("\n      </td>\n    </tr>\n  ")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped
