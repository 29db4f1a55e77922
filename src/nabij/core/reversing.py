"""reverse() for the many rows of one page.

A list page links every row to the same URL pattern with another id; `{% url %}` or reverse()
per row was a large share of the worklist's and the triage board's CPU. Here each pattern is
reversed once, with a marker in the id's place, and each row's URL is the marker replaced.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARKER = "987654321"


def url_for(url_name: str, pk: int, *rest) -> str:
    """reverse(url_name, args=[pk, *rest]), reversed once per name, prefix and URLconf."""
    urlconf = get_urlconf(settings.ROOT_URLCONF)  # in the key: tests may swap the URLconf
    # The first marker is the id's place: it comes before `rest` in the path.
    return _url_pattern(url_name, tuple(rest), get_script_prefix(), urlconf).replace(_MARKER, str(pk), 1)


@lru_cache(maxsize=128)
def _url_pattern(url_name: str, rest: tuple, prefix: str, urlconf) -> str:
    return reverse(url_name, urlconf=urlconf, args=[int(_MARKER), *rest])
