"""Run inside Django (DATABASE_URL set by run.py): builds each screen's paths from the loaded
data and measures queries per request with the test client. Prints one JSON object."""

import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabij.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from screens import SCREENS  # noqa: E402

from nabij.accounts.models import User  # noqa: E402
from nabij.cases.models import Case  # noqa: E402
from nabij.residents.models import Resident  # noqa: E402

PATHS_PER_SCREEN = 50
# The plain reads of each screen as the ORM sent them, (sql with %s, params), for
# bench/explain.py's generic-plan pass (in process only: params are not JSON).
BOUND_READS: dict[str, list[tuple[str, tuple | dict]]] = {}


def registration_bodies(rng: random.Random) -> list[dict]:
    """Public-form submissions by synthetic residents (the honeypot `website` left empty)."""
    return [
        {
            "reporter_kind": "zelf",
            "given_names": "Bench",
            "surname": f"Aanmelder-{n}",
            "phone": f"06-{rng.randrange(10_000_000, 99_999_999)}",
            "postcode": f"{rng.randint(3260, 3299)} AB",
            "house_number": str(rng.randint(1, 200)),
            "question": "Synthetische vraag voor de benchmark: hulp bij post en geldzaken.",
            "agreement": "ja",
            "website": "",
        }
        for n in range(PATHS_PER_SCREEN)
    ]


BODIES = {"registration": registration_bodies}


def is_plain_read(sql: str) -> bool:
    """A SELECT that needs no transaction of its own (not the audit chain's advisory lock)."""
    return sql.lstrip().upper().startswith("SELECT") and "pg_advisory" not in sql


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # two letters swapped


def main() -> dict:
    username = sys.argv[1]
    rng = random.Random(3)
    user = User.objects.get(username=username)
    team_id = user.memberships.values_list("team_id", flat=True).first()
    case_ids = list(Case.objects.filter(team_id=team_id).order_by("id").values_list("id", flat=True)[:2000])
    case_ids = rng.sample(case_ids, min(PATHS_PER_SCREEN, len(case_ids)))
    top = Resident.objects.filter(surname__regex=r"^[A-Z][a-z]{5,}$").order_by("-id").values_list("surname", flat=True)
    surnames = list(dict.fromkeys(top[:2000]))
    surnames = rng.sample(surnames, min(PATHS_PER_SCREEN, len(surnames)))
    builders = {
        "worklist": lambda url: [reverse(url)],
        "plain": lambda url: [reverse(url)],
        "dossier": lambda url: [reverse(url, kwargs={"case_id": c, "tab": "overzicht"}) for c in case_ids],
        "timeline": lambda url: [reverse(url, kwargs={"case_id": c, "tab": "tijdlijn"}) for c in case_ids],
        "search_exact": lambda url: [f"{reverse(url)}?naam={s}" for s in surnames],
        "search_typo": lambda url: [f"{reverse(url)}?naam={typo(s, rng)}" for s in surnames],
    }
    client = Client()
    client.force_login(user)
    screens, skipped = [], []
    for screen in SCREENS:
        try:
            paths = builders[screen["paths"]](screen["url"])
        except NoReverseMatch:
            skipped.append(screen["name"])
            continue
        method = screen.get("method", "GET")
        bodies = [urlencode(body, doseq=True) for body in BODIES[screen["body"]](rng)] if method == "POST" else []
        counts, statuses, reads = [], [], []
        bound = BOUND_READS.setdefault(screen["name"], [])

        def record_bound(execute, sql, params, many, context, bound=bound):
            if not many and params and is_plain_read(sql):
                bound.append((sql, dict(params) if isinstance(params, dict) else tuple(params)))
            return execute(sql, params, many, context)

        for index, path in enumerate(paths[:3]):
            with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(record_bound):
                if method == "POST":
                    body = bodies[index % len(bodies)]
                    response = client.post(path, body, content_type="application/x-www-form-urlencoded")
                else:
                    response = client.get(path)
            counts.append(len(ctx.captured_queries))
            statuses.append(response.status_code)
            # The page's reads as sent (parameters inlined), replayed by pgbench as its
            # "all reads" twin: what the database alone spends on this page.
            reads.append([q["sql"] for q in ctx.captured_queries if is_plain_read(q["sql"])])
        screens.append(
            {
                **screen,
                "method": method,
                "paths": paths,
                "bodies": bodies,
                "queries": counts,
                "status": statuses,
                "reads": reads,
            }
        )
    workers = list(User.objects.filter(username__startswith="schaal-w").order_by("id").values_list("id", flat=True))
    scale_cases = Case.objects.filter(reference__startswith="S-").order_by("id").values_list("id", flat=True)
    return {
        "screens": screens,
        "skipped": skipped,
        "worker_range": [workers[0], workers[-1]],
        "case_range": [scale_cases.first(), scale_cases.last()],
    }


if __name__ == "__main__":
    print("PROBE " + json.dumps(main()))
