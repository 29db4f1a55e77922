"""What writing the audit event costs a dossier view: the same dossier pages through the
Django test client (in one process, no network), each path viewed twice back to back, once
with the real record_event and once with it replaced by a no-op in the case chokepoint (which
goes first alternates), plus record_event timed on its own. The added cost is the median of
those paired differences: drift of the machine between blocks of views (this is a shared VM)
moved the earlier block-wise medians by more than the event costs.
Prints one JSON line. Run by run.py against each database (DATABASE_URL)."""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nabij.settings")

import django  # noqa: E402

django.setup()

import probe  # noqa: E402
from django.test import Client  # noqa: E402

from nabij.accounts.models import User  # noqa: E402
from nabij.audit.services import Action, record_event  # noqa: E402

ROUNDS = int(os.environ.get("AUDIT_ROUNDS", "10"))


def timed(client, path) -> float:
    started = time.perf_counter()
    client.get(path)
    return time.perf_counter() - started


def timed_without_event(client, path) -> float:
    with mock.patch("nabij.cases.selectors.record_event"):
        return timed(client, path)


def main() -> dict:
    username = sys.argv[1]
    data = probe.main()
    paths = next(s for s in data["screens"] if s["name"] == "dossier")["paths"][:20]
    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    for path in paths:  # warm up
        timed(client, path)
    with_audit, without = [], []
    for round_ in range(ROUNDS):
        for index, path in enumerate(paths):
            if (round_ + index) % 2:
                without.append(timed_without_event(client, path))
                with_audit.append(timed(client, path))
            else:
                with_audit.append(timed(client, path))
                without.append(timed_without_event(client, path))
    events = []
    for _ in range(200):
        started = time.perf_counter()
        record_event(actor=user, event_type="bench.audit_cost", action=Action.READ, object_type="case", object_id=1)
        events.append(time.perf_counter() - started)
    on, off = statistics.median(with_audit) * 1000, statistics.median(without) * 1000
    added = statistics.median(a - b for a, b in zip(with_audit, without, strict=True)) * 1000
    return {
        "dossier_with_audit_ms": round(on, 2),
        "dossier_without_audit_ms": round(off, 2),
        "added_ms": round(added, 2),
        "added_pct": round(added / off * 100, 1),
        "record_event_median_ms": round(statistics.median(events) * 1000, 2),
        "requests_each": len(with_audit),
    }


if __name__ == "__main__":
    print("AUDIT " + json.dumps(main()))
