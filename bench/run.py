# ruff: noqa: S603, S607, S310  (a local benchmark driver: fixed tools, local URLs)
"""`make bench`: load PostgreSQL at two sizes, run gunicorn against each, drive the main
screens with wrk (20 connections, login excluded: one session cookie), count queries per
request, time the raw-SQL twins with pgbench, and write bench/results/latest.md.

Environment: BENCH_SMALL (10000), BENCH_LARGE (1000000), BENCH_DURATION (seconds per screen,
15), BENCH_PACED_DURATION (seconds of each paced run, 45: ~280 requests, so p95 is not one
of the five slowest of 90), BENCH_CONNECTIONS (20), BENCH_FRONT (nginx: as deployed; direct:
wrk straight at gunicorn gthread), BENCH_WORKERS (gunicorn workers, 5), BENCH_THREADS (threads
per gthread worker with BENCH_FRONT=direct, 1), BENCH_CONTACTS (contact moments per resident,
10), BENCH_RELOAD=1 to rebuild databases that already hold the data, BENCH_THINK_MS (3000: the
paced runs' thinking time), BENCH_OUT (latest: the results file name), BENCH_REDIS_URL
(redis://127.0.0.1:6379/15: sessions and cache, as in production; empty for database
sessions), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
"""

import http.cookiejar
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
RESULTS = ROOT / "bench" / "results"
PG = {
    "host": os.environ.get("PGHOST", "127.0.0.1"),
    "port": os.environ.get("PGPORT", "5432"),
    "user": os.environ.get("PGUSER", "postgres"),
}
SMALL = int(os.environ.get("BENCH_SMALL", "10000"))
LARGE = int(os.environ.get("BENCH_LARGE", "1000000"))
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
PACED_DURATION = int(os.environ.get("BENCH_PACED_DURATION", "45"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "20"))
# How the pages are served. "nginx" (the default) is docs/deploy.md's machine: nginx holds the
# clients' keep-alive connections and passes each whole request to gunicorn's sync workers, so
# a free worker takes the oldest waiting request. "direct" is wrk straight at gunicorn gthread
# workers, as the bench ran until run 8: each worker serves the connections it happened to
# accept, one worker may hold six of the 20 and another two, and the saturated p95 measured
# that imbalance (docs/performance-log.md, "nginx in front").
FRONT = os.environ.get("BENCH_FRONT", "nginx")
# 2 × cores + 1 single-threaded workers as in docs/deploy.md: on 2 cores 3 × 4 threads served
# 10–15% fewer pages (the threads of a worker contend for its GIL; docs/performance-log.md).
WORKERS = int(os.environ.get("BENCH_WORKERS", "5"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
CONTACTS = os.environ.get("BENCH_CONTACTS", "10")
THINK_MS = int(os.environ.get("BENCH_THINK_MS", "3000"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PASSWORD = "schaal-nabij-2026"  # noqa: S105 (the synthetic accounts' password, see scale/generate.py)


def log(text: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {text}", flush=True)


def db_url(name: str) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"


def psql(db: str, sql: str) -> str:
    args = ["psql", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-d", db, "-tAc", sql]
    return subprocess.run(args, capture_output=True, text=True, check=False).stdout.strip()


def django_env(db: str, **extra) -> dict:
    env = {**os.environ, "DATABASE_URL": db_url(db), "DEBUG": "0", "NABIJ_REQUIRE_2FA": "0", "NABIJ_DEMO_MODE": "1"}
    # The public form's spam limit counts per client address; every bench request comes from one.
    env.setdefault("NABIJ_PUBLIC_FORM_LIMIT", str(10**9))
    # Persistent connections, as in production (60 s there); kept for the whole run here, so
    # that the database processes whose CPU is counted per request (cpu_seconds) live through it.
    env.setdefault("DB_CONN_MAX_AGE", "3600")
    # Sessions and cache in Redis, as in production (docs/deploy.md); BENCH_REDIS_URL="" for
    # database sessions. Database 15 keeps the bench's keys apart from a developer's.
    if REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
    env.pop("NABIJ_TESTING", None)
    return env | extra


def prepare(size: int) -> dict:
    """Create and load the database for `size` residents, unless it already holds them."""
    db = f"nabij_bench_{size}"
    state_file = RESULTS / f"load-{size}.json"
    have = psql(db, "SELECT count(*) FROM residents_resident WHERE email LIKE '%synthetisch%'")
    if have.isdigit() and int(have) >= size and state_file.exists() and os.environ.get("BENCH_RELOAD") != "1":
        log(f"{db}: {have} synthetic residents already loaded, reused (migrations applied)")
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=django_env(db), check=True)
        return json.loads(state_file.read_text()) | {"db": db, "reused": True}
    subprocess.run(["dropdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "--if-exists", db], check=True)
    subprocess.run(["createdb", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], db], check=True)
    env = django_env(db)
    started = time.monotonic()
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    migrated = time.monotonic()
    log(f"{db}: migrated in {migrated - started:.0f} s; loading {size:,} residents")
    out = subprocess.run(
        [PY, "manage.py", "scale_data", "--residents", str(size), "--contacts-per-resident", CONTACTS],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    loaded = time.monotonic()
    print(out.stdout[-3000:], flush=True)
    worker = re.search(r"Benchmark-accounts: (\S+) \(werker\)", out.stdout).group(1)
    size_mb = psql(db, "SELECT pg_database_size(current_database()) / 1048576")
    state = {
        "size": size,
        "migrate_s": round(migrated - started, 1),
        "load_s": round(loaded - migrated, 1),
        "db_mb": int(size_mb or 0),
        "worker": worker,
        "counts": dict(re.findall(r"^  (\S[^\n]*?)\s{2,}([\d,]+)$", out.stdout, re.M)),
    }
    state_file.write_text(json.dumps(state, indent=1))
    log(f"{db}: loaded in {state['load_s']} s, {state['db_mb']} MB")
    return state | {"db": db, "reused": False}


class Server:
    """gunicorn with the bench's settings: Nabij itself, or (`app`, `pythonpath`) another WSGI
    app such as the HTTP twin, answering `ready_path` once it is up."""

    def __init__(
        self, db: str, port: int, *, app: str = "nabij.wsgi", pythonpath: str = "src", ready_path: str = "/inloggen/"
    ):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(RESULTS / f"gunicorn-{db}-{app.split('.')[0]}.log", "w")  # noqa: SIM115
        # nginx's workers run as nobody: they must reach the socket and their temp folders.
        self.folder = tempfile.mkdtemp(prefix="nabij-bench-")
        os.chmod(self.folder, 0o755)  # noqa: S103 (a socket and nginx's temp files, no data)
        if FRONT == "nginx":
            workers = ["-k", "sync", "-b", f"unix:{self.folder}/gunicorn.sock"]
        else:
            workers = ["-k", "gthread", "--threads", str(THREADS), "--keep-alive", "10", "-b", f"127.0.0.1:{port}"]
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), app, "--pythonpath", pythonpath, "-w", str(WORKERS), *workers]
            + ["--timeout", "120", "--log-level", "warning"],
            cwd=ROOT,
            env=django_env(db, TWIN_DATABASE_URL=db_url(db)),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.proxy = None
        if FRONT == "nginx":
            conf = Path(self.folder) / "nginx.conf"
            template = (ROOT / "bench" / "nginx.conf").read_text()
            conf.write_text(template.replace("@FOLDER@", self.folder).replace("@PORT@", str(port)))
            self.proxy = subprocess.Popen(
                ["nginx", "-p", self.folder, "-c", str(conf)],
                stdout=self.log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + ready_path, timeout=2)  # noqa: S310 (local)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()  # not nginx left listening on the port for the next run
        raise RuntimeError("gunicorn did not start; see " + self.log.name)

    def stop(self) -> None:
        if self.proxy:
            os.killpg(self.proxy.pid, signal.SIGTERM)
            self.proxy.wait(timeout=30)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def login(self, username: str) -> str:
        """Log in once through the real form; the session cookie is reused by every request."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(self.base + "/inloggen/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        request = urllib.request.Request(self.base + "/inloggen/", data=data.encode(), headers={"Referer": self.base})
        response = opener.open(request)
        if "/inloggen" in response.url:
            raise RuntimeError("login failed")
        return "; ".join(f"{c.name}={c.value}" for c in jar)

    def check(self, path: str, cookie: str, body: str | None = None) -> int:
        """GET (or POST `body`, not following the redirect) once; the status."""
        headers = {"Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = FORM_TYPE
        request = urllib.request.Request(self.base + path, data=body.encode() if body else None, headers=headers)
        opener = urllib.request.build_opener(NoRedirect) if body is not None else urllib.request.build_opener()
        try:
            with opener.open(request, timeout=60) as response:
                if "/inloggen" in response.url:
                    raise RuntimeError(f"{path}: redirected to login")
                return response.status
        except urllib.error.HTTPError as answer:  # the 302 after a POST
            if body is not None and answer.code == 302:
                return answer.code
            raise

    def csrf_token(self, path: str, cookie: str) -> str:
        """A form token that matches the csrftoken in `cookie` (masked tokens are reusable)."""
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            page = response.read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


FORM_TYPE = "application/x-www-form-urlencoded"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


LUA = """
paths = {%s}
bodies = {%s}
method = "%s"
think = %d
counter = 0
delay = function()
  if think > 0 then return math.random(math.floor(think / 2), math.floor(think * 3 / 2)) end
  return 0
end
request = function()
  counter = counter + 1
  if #bodies > 0 then
    -- wrk.format replaces wrk.headers (the -H Cookie) with the table it is given: copy them.
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format(method, paths[(counter %% #paths) + 1], headers, bodies[(counter %% #bodies) + 1])
  end
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def cpu_seconds() -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) so far of every process on the machine: (role, seconds) by
    pid. Roles: "app" (gunicorn), "database" (postgres), "proxy" (nginx), "load" (wrk), "other"."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        role = (
            "app"
            if b"gunicorn" in command
            else "database"
            if name.startswith("postgres")
            else "proxy"
            if name == "nginx"
            else "load"
            if name == "wrk"
            else "other"
        )
        found[int(pid)] = (role, (int(fields[11]) + int(fields[12])) / ticks)
    return found


def cpu_per_request(before: dict, after: dict, requests: float) -> dict[str, float]:
    """Milliseconds of CPU per request by role between two cpu_seconds() readings. A process
    that ended in between is lost, hence the bench's long-lived database connections."""
    spent: dict[str, float] = {}
    for pid, (role, seconds) in after.items():
        spent[role] = spent.get(role, 0.0) + seconds - before.get(pid, (role, 0.0))[1]
    return {role: round(total * 1000 / max(requests, 1), 2) for role, total in spent.items()}


def wrk(base: str, paths: list[str], cookie: str, *, think_ms: int = 0, bodies=(), method: str = "GET") -> dict:
    """Closed loop: each connection sends its next request when the last one is answered,
    after `think_ms` (±50%) of thinking time; 0 is saturation. With `bodies`, a POST each."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            LUA % (", ".join(json.dumps(p) for p in paths), ", ".join(json.dumps(b) for b in bodies), method, think_ms)
        )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "--timeout",
            "30s",
            "-s",
            script.name,
            "-H",
            f"Cookie: {cookie}",
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    requests, duration_us, p50, p95, errors = map(int, re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+)", out).groups())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_s = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime  # wrk's own CPU
    return {
        "rps": requests / (duration_us / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "errors": errors,
        "load_cpu_s": load_s,
    }


def paced(base: str, paths: list[str], cookie: str, *, think_ms: int, bodies=(), method: str = "GET") -> dict:
    """CONNECTIONS simulated users, each with a persistent connection, thinking `think_ms`
    (±50%) before each request; latency from send to the last byte. A Python driver rather
    than wrk's `delay`: wrk opens the connection before thinking, and the paced wrk runs
    reported 1.7 s p95 while single requests at the same time took 55–130 ms."""
    import http.client
    import random
    import threading

    host, port = base.removeprefix("http://").split(":")
    latencies, errors, stop_at = [], [0], time.monotonic() + PACED_DURATION

    def user(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        while True:
            time.sleep(rng.uniform(think_ms / 2000, think_ms * 1.5 / 1000))
            if time.monotonic() >= stop_at:
                return
            started = time.perf_counter()
            try:
                if bodies:
                    headers = {"Cookie": cookie, "Content-Type": FORM_TYPE}
                    connection.request(method, rng.choice(paths), body=rng.choice(bodies), headers=headers)
                else:
                    connection.request("GET", rng.choice(paths), headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0  # noqa: E731
    return {
        "rps": len(latencies) / PACED_DURATION,
        "p50_ms": pick(0.5),
        "p95_ms": pick(0.95),
        "errors": errors[0],
        "requests": len(latencies),
    }


def pgbench(db: str, scripts: list[Path], variables: dict | None = None) -> dict:
    """pgbench with the bench's connections and duration; several scripts are picked at random."""
    args = ["pgbench", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "-n", f"-c{CONNECTIONS}", "-j2"]
    args += [f"-T{DURATION}"]
    for script in scripts:
        args += ["-f", f"{script}@1"]
    for key, value in (variables or {}).items():
        args += ["-D", f"{key}={value}"]
    out = subprocess.run([*args, db], capture_output=True, text=True, check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))
    return {"rps": tps, "avg_ms": latency}


def replay_reads(db: str, screen: dict) -> dict:
    """The "all reads" twin: every SELECT one request of the page sent (probe.py), one pgbench
    script per probed request, replayed with the same connections and duration."""
    with tempfile.TemporaryDirectory() as folder:
        scripts = []
        for index, statements in enumerate(screen["reads"]):
            script = Path(folder) / f"reads-{index}.sql"
            # pgbench reads ":name" as a variable; none is defined here, so it is left as is.
            script.write_text("".join(f"{sql};\n" for sql in statements))
            scripts.append(script)
        result = pgbench(db, scripts)
    return result | {"statements": max(len(statements) for statements in screen["reads"])}


def http_twins(db: str, port: int, probe: dict) -> dict:
    """The raw-SQL twins served over HTTP by bench/twin_app.py (same front and gunicorn settings, same
    wrk connections): the worklist for workers picked at random from the synthetic staff (as
    pgbench does), the dossier for the very cases the dossier screen was driven with."""
    import random

    rng = random.Random(7)
    wmin, wmax = probe["worker_range"]
    paths = {"worklist": [f"/worklist/{rng.randint(wmin, wmax)}" for _ in range(50)]}
    dossier = next((s for s in probe["screens"] if s["name"] == "dossier"), None)
    if dossier:
        paths["dossier"] = ["/dossier/" + re.search(r"/(\d+)/", path).group(1) for path in dossier["paths"]]
    server = Server(db, port, app="twin_app", pythonpath=str(ROOT / "bench"), ready_path=paths["worklist"][0])
    results = {}
    try:
        for name, twin_paths in paths.items():
            results[name] = wrk(server.base, twin_paths, cookie="")
            log(
                f"{db} HTTP twin {name:<9} {results[name]['rps']:7.1f} req/s  p50 {results[name]['p50_ms']:.1f} ms  "
                f"p95 {results[name]['p95_ms']:.1f} ms  errors {results[name]['errors']}"
            )
    finally:
        server.stop()
    return results


def bench_size(size: int, port: int) -> dict:
    state = prepare(size)
    db = state["db"]
    probe = subprocess.run(
        [PY, str(ROOT / "bench" / "probe.py"), state["worker"]],
        cwd=ROOT,
        env=django_env(db),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    probe = json.loads(probe.split("PROBE ", 1)[1])
    for name in probe["skipped"]:
        log(f"screen skipped: {name} (URL name does not resolve in this branch)")
    server = Server(db, port)
    results = {"state": state, "skipped": probe["skipped"], "screens": {}, "twins": {}}
    try:
        cookie = server.login(state["worker"])
        only = {name.strip() for name in os.environ.get("BENCH_SCREENS", "").split(",") if name.strip()}
        for screen in probe["screens"]:
            if only and screen["name"] not in only:
                continue
            bodies, method = [], screen["method"]
            if method == "POST":
                token = server.csrf_token(screen["paths"][0], cookie)
                bodies = [f"{body}&csrfmiddlewaretoken={token}" for body in screen["bodies"]]
            status = server.check(screen["paths"][0], cookie, bodies[0] if bodies else None)
            server.check(screen["paths"][0], cookie, bodies[1] if bodies else None)  # warm the caches once
            before = cpu_seconds()
            measured = wrk(server.base, screen["paths"], cookie, bodies=bodies, method=method)
            served = measured["rps"] * DURATION
            measured["cpu_ms"] = cpu_per_request(before, cpu_seconds(), served)
            # wrk has ended before the second reading: its CPU comes from the children's rusage.
            measured["cpu_ms"]["load"] = round(measured.pop("load_cpu_s") * 1000 / max(served, 1), 2)
            paced_run = paced(server.base, screen["paths"], cookie, think_ms=THINK_MS, bodies=bodies, method=method)
            measured |= {
                "queries": max(screen["queries"]),
                "status": status,
                "paced_rps": paced_run["rps"],
                "paced_p50_ms": paced_run["p50_ms"],
                "paced_p95_ms": paced_run["p95_ms"],
                "paced_errors": paced_run["errors"],
                "paced_requests": paced_run["requests"],
            }
            results["screens"][screen["name"]] = measured
            log(
                f"{size:>9,} {screen['name']:<20} {measured['rps']:7.1f} req/s  p50 {measured['p50_ms']:7.1f} ms  "
                f"p95 {measured['p95_ms']:7.1f} ms  {measured['queries']} queries  errors {measured['errors']}  "
                f"| paced {paced_run['rps']:.1f} req/s p95 {paced_run['p95_ms']:.1f} ms"
            )
    finally:
        server.stop()
    wmin, wmax = probe["worker_range"]
    cmin, cmax = probe["case_range"]
    sql = ROOT / "bench" / "sql"
    results["twins"]["worklist"] = pgbench(db, [sql / "worklist.sql"], {"wmin": wmin, "wmax": wmax})
    results["twins"]["dossier"] = pgbench(db, [sql / "dossier.sql"], {"cmin": cmin, "cmax": cmax})
    for name, twin in results["twins"].items():
        log(f"{size:>9,} raw SQL {name:<12} {twin['rps']:7.1f} tx/s  avg {twin['avg_ms']:.1f} ms")
    results["http_twins"] = http_twins(db, port + 100, probe)
    results["replays"] = {}
    for screen in probe["screens"]:
        if screen["name"] in ("worklist", "dossier") and screen["name"] in results["screens"]:
            replay = replay_reads(db, screen)
            results["replays"][screen["name"]] = replay
            log(
                f"{size:>9,} all reads of {screen['name']:<10} {replay['rps']:7.1f} tx/s  avg {replay['avg_ms']:.1f} ms"
            )  # noqa: E501
    audit = subprocess.run(
        [PY, str(ROOT / "bench" / "audit_cost.py"), state["worker"]],
        cwd=ROOT,
        env=django_env(db),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results["audit"] = json.loads(audit.split("AUDIT ", 1)[1])
    log(f"{size:>9,} audit cost {results['audit']}")
    return results


def machine() -> str:
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    pg = psql("postgres", "SHOW server_version")
    load = os.getloadavg()
    return (
        f"{cpu} cores, {mem} GB RAM, PostgreSQL {pg}; load average at the end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}"
    )


def front() -> str:
    if FRONT == "nginx":
        return f"nginx in front of gunicorn, {WORKERS} sync workers (docs/deploy.md)"
    return f"wrk straight at gunicorn, {WORKERS} gthread workers × {THREADS} threads"


def at_both_sizes(small: dict, large: dict, key: str):
    """(name, small result, large result) for each entry of `key` measured at both sizes."""
    for name, s in small.get(key, {}).items():
        big = large.get(key, {}).get(name)
        if big:
            yield name, s, big


def report(small: dict, large: dict) -> str:
    ratio_size = large["state"]["size"] / small["state"]["size"]
    lines = [
        f"# Benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}.",
        front() + ", persistent DB connections; "
        f"wrk 2 threads, {CONNECTIONS} connections, {DURATION} s per screen; "
        "one logged-in worker session (login excluded); sessions " + ("in Redis." if REDIS_URL else "in PostgreSQL."),
        "",
        "| screen | req/s small | p50 small | p95 small | req/s large | p50 large | p95 large "
        f"| p95 large/small ({ratio_size:.0f}× data) | queries small | queries large | errors small/large |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s, big in at_both_sizes(small, large, "screens"):
        lines.append(
            f"| {name} | {s['rps']:.1f} | {s['p50_ms']:.0f} ms | {s['p95_ms']:.0f} ms | {big['rps']:.1f} | "
            f"{big['p50_ms']:.0f} ms | {big['p95_ms']:.0f} ms | {big['p95_ms'] / max(s['p95_ms'], 0.001):.2f}× | "
            f"{s['queries']} | {big['queries']} | {s['errors']}/{big['errors']} |"
        )
    lines += [
        "",
        "CPU per request at saturation (ms; all processes on the machine by role, during the wrk run):",
        "",
        "| screen | app small | database small | nginx small | wrk small | other small | app large "
        "| database large | nginx large | wrk large | other large |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    roles = ("app", "database", "proxy", "load", "other")
    for name, s, big in at_both_sizes(small, large, "screens"):
        if "cpu_ms" in s and "cpu_ms" in big:
            cells = [part["cpu_ms"].get(role, 0) for part in (s, big) for role in roles]
            lines.append(f"| {name} | " + " | ".join(f"{value:.1f}" for value in cells) + " |")
    lines += [
        "",
        f"Paced: {CONNECTIONS} simulated users (Python driver), each thinking {THINK_MS} ms (±50%) between requests, "
        f"{PACED_DURATION} s per screen:",
        "",
        "| screen | req/s small | p50 small | p95 small | req/s large | p50 large | p95 large | p95 large/small "
        "| errors small/large |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s, big in at_both_sizes(small, large, "screens"):
        lines.append(
            f"| {name} | {s['paced_rps']:.1f} | {s['paced_p50_ms']:.0f} ms | {s['paced_p95_ms']:.0f} ms | "
            f"{big['paced_rps']:.1f} | {big['paced_p50_ms']:.0f} ms | {big['paced_p95_ms']:.0f} ms | "
            f"{big['paced_p95_ms'] / max(s['paced_p95_ms'], 0.001):.2f}× | "
            f"{s.get('paced_errors', '?')}/{big.get('paced_errors', '?')} |"
        )
    lines += [
        "",
        "Audit event on a dossier view (bench/audit_cost.py, test client in one process; each path viewed "
        "with and without the event back to back, the added cost is the median of those pairs):",
        "",
    ]
    for part in (small, large):
        a = part["audit"]
        lines.append(
            f"- {part['state']['size']:,} residents: {a['dossier_with_audit_ms']} ms with, "
            f"{a['dossier_without_audit_ms']} ms without the event (medians); added "
            f"{a.get('added_ms', '?')} ms: +{a['added_pct']}%; "
            f"record_event alone {a['record_event_median_ms']} ms ({a['requests_each']} views each)"
        )
    lines += [
        "",
        "Raw-SQL twins (pgbench, same connections and duration):",
        "",
        "| twin | tx/s small | avg small | tx/s large | avg large | page req/s ÷ twin tx/s (large) |",
        "|---|---|---|---|---|---|",
    ]
    for name, s, big in at_both_sizes(small, large, "twins"):
        page = large["screens"].get("dossier" if name == "dossier" else "worklist", {}).get("rps", 0)
        lines.append(
            f"| {name} | {s['rps']:.0f} | {s['avg_ms']:.1f} ms | {big['rps']:.0f} | {big['avg_ms']:.1f} ms | "
            f"{page / big['rps']:.3f} |"
        )
    lines += [
        "",
        "Raw-SQL twins served over HTTP (bench/twin_app.py: the same statements, a bare WSGI app without "
        "Django, session, policy or audit, same front, gunicorn settings and wrk connections): what a page pays for "
        "HTTP and Python before it does anything of its own.",
        "",
        "| twin | req/s small | p95 small | req/s large | p95 large | HTTP twin ÷ pgbench twin (large) "
        "| page ÷ HTTP twin (large) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s, big in at_both_sizes(small, large, "http_twins"):
        page = large["screens"].get(name, {}).get("rps", 0)
        lines.append(
            f"| {name} | {s['rps']:.0f} | {s['p95_ms']:.0f} ms | {big['rps']:.0f} | {big['p95_ms']:.0f} ms | "
            f"{big['rps'] / large['twins'][name]['rps']:.3f} | {page / big['rps']:.3f} |"
        )
    lines += [
        "",
        "All reads of the page replayed (every SELECT one request sent, from probe.py; pgbench, same "
        "connections and duration): the database's whole share of the page, against the page itself.",
        "",
        "| page | statements | tx/s small | avg small | tx/s large | avg large | page req/s ÷ replay tx/s (large) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s, big in at_both_sizes(small, large, "replays"):
        page = large["screens"][name]["rps"]
        lines.append(
            f"| {name} | {big['statements']} | {s['rps']:.0f} | {s['avg_ms']:.1f} ms | {big['rps']:.0f} | "
            f"{big['avg_ms']:.1f} ms | {page / big['rps']:.3f} |"
        )
    skipped = sorted(set(small["skipped"]) | set(large["skipped"]))
    lines += [
        "",
        "Skipped (URL name not resolvable in this branch): " + (", ".join(skipped) or "none"),
        "",
        "Loads:",
        "",
    ]
    for part in (small, large):
        st = part["state"]
        lines.append(
            f"- {st['size']:,} residents: load {st['load_s']} s (+ migrate {st['migrate_s']} s), "
            f"database {st['db_mb']:,} MB{' (reused from an earlier run)' if part['state'].get('reused') else ''}; "
            + ", ".join(f"{k} {v}" for k, v in st["counts"].items())
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    for tool in ("wrk", "pgbench", "psql", "createdb") + (("nginx",) if FRONT == "nginx" else ()):
        if shutil.which(tool) is None:
            print(f"{tool} is missing (apt-get install wrk nginx postgresql-client)", file=sys.stderr)
            return 1
    RESULTS.mkdir(exist_ok=True)
    small = bench_size(SMALL, 8301)
    large = bench_size(LARGE, 8302)
    name = os.environ.get("BENCH_OUT", "latest")
    (RESULTS / f"{name}.json").write_text(json.dumps({"small": small, "large": large}, indent=1, default=str))
    text = report(small, large)
    (RESULTS / f"{name}.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
