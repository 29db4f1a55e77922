"""A synthetic city: residents, households, networks, cases in every phase, contact moments,
plans, registrations and audit events, in the shape of the demo data and at any size.

Everything is visibly synthetic: surnames are made of nonsense syllables, streets are called
"Proefstraat", e-mail addresses end in `synthetisch.nabij.example`, texts say "synthetisch".
Ratios follow issue 7: ~0.3 cases and `contacts_per_resident` contact moments per resident.
Deterministic for a given seed. Rows are streamed to `writer.load` (COPY on PostgreSQL).
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from nabij.scale import writer

SYNTHETIC_PASSWORD = "schaal-nabij-2026"  # noqa: S105 (synthetic benchmark accounts only)
WORKERS_PER_TEAM = 14
RESIDENTS_PER_WORKER = 250  # ~0.3 cases per resident, ~40% open: about 30 open cases per worker

GIVEN = [
    "Anna",
    "Bram",
    "Cor",
    "Daan",
    "Eva",
    "Fenna",
    "Gijs",
    "Hanna",
    "Ilse",
    "Joep",
    "Kim",
    "Lotte",
    "Mees",
    "Noor",
    "Otto",
    "Pien",
    "Quinn",
    "Roos",
    "Sem",
    "Tess",
    "Ugo",
    "Vera",
    "Wout",
    "Xena",
    "Yara",
    "Zeno",
    "Amira",
    "Bilal",
    "Chaima",
    "Dewi",
    "Emre",
    "Farah",
    "Ilias",
    "Jamal",
    "Lina",
]
SYLLABLES_A = [
    "Bor",
    "Dal",
    "Fen",
    "Gro",
    "Hul",
    "Kes",
    "Lom",
    "Mer",
    "Nol",
    "Pim",
    "Ros",
    "Sta",
    "Tul",
    "Vel",
    "Wim",
    "Zan",
    "Bru",
    "Dri",
    "Ker",
    "Plo",
    "Qua",
    "Snu",
    "Tro",
    "Vok",
    "Wap",
    "Jel",
    "Kro",
    "Mul",
]
SYLLABLES_B = [
    "",
    "de",
    "ne",
    "ro",
    "li",
    "ma",
    "ko",
    "ter",
    "van",
    "bi",
    "so",
    "xe",
    "pa",
    "du",
    "ri",
    "ga",
]
SYLLABLES_C = [
    "kamp",
    "veld",
    "berg",
    "hof",
    "dijk",
    "stra",
    "man",
    "sma",
    "ink",
    "ens",
    "werf",
    "horst",
    "voort",
    "laar",
    "bosch",
    "meer",
    "wijk",
    "rade",
    "loo",
    "broek",
    "kes",
    "tink",
]
PREFIXES = ["", "", "", "", "", "van", "de", "van der", "van den", "ter"]
STREETS = ["Proefstraat", "Synthetische laan", "Testweg", "Schaalplein", "Voorbeeldkade", "Nepdreef"]
TEXTS = [
    "Synthetisch verslag: huisbezoek, inwoner vertelt over de week; afspraken herhaald.",
    "Synthetisch verslag: telefonisch contact over de schuldhulp; formulier samen ingevuld.",
    "Synthetisch verslag: overleg met de mantelzorger over de boodschappen op zaterdag.",
    "Synthetisch verslag: inwoner kwam naar het inloopspreekuur; vraag over de huur.",
    "Synthetisch verslag: gesprek over dagbesteding; volgende week een proefdag.",
    "Synthetisch verslag: korte check-in, het gaat beter; geen nieuwe vragen.",
]
NETWORK_NAMES = ["Synthetische buur", "Proef-mantelzorger", "Test-vriend", "Schaal-vrijwilliger"]

PHASES = [  # (phase, share of cases, closed?)
    ("aanmelding", 0.05, False),
    ("vraagverheldering", 0.08, False),
    ("planning", 0.07, False),
    ("uitvoering", 0.17, False),
    ("afronding", 0.03, False),
    ("waakvlam", 0.05, True),
    ("gesloten", 0.55, True),
]
PLAN_PHASES = {"planning", "uitvoering", "afronding", "waakvlam", "gesloten"}
EVALUATED_PHASES = {"uitvoering", "afronding", "waakvlam", "gesloten"}


def surname_for(rng: random.Random) -> str:
    return rng.choice(SYLLABLES_A) + rng.choice(SYLLABLES_B) + rng.choice(SYLLABLES_C)


def eleven_proof_bsn(rng: random.Random) -> str:
    """A BSN that passes the elfproef (synthetic: not tied to anyone)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        digits[0] = rng.randint(1, 9)
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


@dataclass
class Built:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)
    bench_worker: str = ""
    bench_coordinator: str = ""


@dataclass
class _Case:
    id: int
    household_id: int
    resident_id: int
    team_id: int
    worker_id: int | None
    phase: str
    opened_at: object
    closed_at: object


class Generator:
    def __init__(
        self,
        *,
        residents: int,
        contacts_per_resident: float = 10.0,
        bsn_fraction: float = 0.01,
        seed: int = 7,
        stdout=None,
    ):
        self.n = residents
        self.contacts_per_resident = contacts_per_resident
        self.bsn_fraction = bsn_fraction
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.now = timezone.now()
        self.built = Built()
        self.model = apps.get_model

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)
            self.stdout.flush()

    def step(self, name: str, fn) -> None:
        started = time.monotonic()
        self.say(f"{name} …")
        with transaction.atomic():
            fn()
        self.built.seconds[name] = round(time.monotonic() - started, 1)
        self.say(f"{name}: {self.built.seconds[name]} s")

    def load(self, label: str, model_label: str, columns, rows) -> int:
        count = writer.load(self.model(model_label), tuple(columns), rows, stdout=self.stdout, label=label)
        self.built.counts[label] = self.built.counts.get(label, 0) + count
        return count

    # --- the steps ----------------------------------------------------------------------

    def run(self) -> Built:
        self.step("medewerkers en teams", self.staff)
        self.step("huishoudens en inwoners", self.people)
        self.step("sociaal netwerk", self.network)
        self.step("casussen", self.cases)
        self.step("aanmeldingen", self.registrations)
        self.step("contactmomenten en tijdlijn", self.contacts)
        self.step("plannen, scores en evaluaties", self.plans)
        self.step("auditgebeurtenissen", self.audit)
        self.step("sequences en statistieken", self.finish)
        return self.built

    def staff(self) -> None:
        Organisation = self.model("accounts.Organisation")
        org, _ = Organisation.objects.get_or_create(
            name="Synthetische zorgorganisatie (schaaldata)", defaults={"short_name": "Synth"}
        )
        self.org_name = org.name
        workers = max(WORKERS_PER_TEAM, self.n // RESIDENTS_PER_WORKER)
        team_count = max(1, workers // WORKERS_PER_TEAM)
        Team, User, Membership = (self.model(x) for x in ("accounts.Team", "accounts.User", "accounts.Membership"))
        first_team = writer.next_id(Team)
        self.load(
            "teams",
            "accounts.Team",
            ("id", "name", "kind"),
            ((first_team + i, f"Schaalteam {first_team + i:05d} (synthetisch)", "wijkteam") for i in range(team_count)),
        )
        self.team_ids = list(range(first_team, first_team + team_count))
        password = make_password(SYNTHETIC_PASSWORD)
        first_user = writer.next_id(User)
        users, memberships, self.team_workers = [], [], {t: [] for t in self.team_ids}
        self.user_names = {}
        member_id = writer.next_id(Membership)
        uid = first_user
        for t in self.team_ids:
            for k in range(WORKERS_PER_TEAM + 1):
                role = "coordinator" if k == 0 else "worker"
                username = f"schaal-{'c' if k == 0 else 'w'}{uid:06d}"
                users.append(
                    (
                        uid,
                        username,
                        password,
                        "Synthetisch",
                        f"{role.capitalize()} {uid}",
                        f"{username}@synthetisch.nabij.example",
                        org.pk,
                    )
                )
                memberships.append((member_id, uid, t, role))
                self.user_names[uid] = (username, role, t)
                if role == "worker":
                    self.team_workers[t].append(uid)
                else:
                    self.built.bench_coordinator = self.built.bench_coordinator or username
                member_id += 1
                uid += 1
        self.load(
            "medewerkers",
            "accounts.User",
            ("id", "username", "password", "first_name", "last_name", "email", "organisation_id"),
            users,
        )
        self.load("lidmaatschappen", "accounts.Membership", ("id", "user_id", "team_id", "role"), memberships)
        self.built.bench_worker = self.user_names[self.team_workers[self.team_ids[0]][0]][0]

    def people(self) -> None:
        from nabij.core import crypto

        rng = self.rng
        Area = self.model("accounts.Area")
        areas = list(Area.objects.filter(kind="buurt").values_list("pk", flat=True)) or [None]
        hh_id = self.first_household = writer.next_id(self.model("residents.Household"))
        res_id = writer.next_id(self.model("residents.Resident"))
        households, residents = [], []
        self.households = []  # (household id, [resident ids], main surname)
        made = 0
        roles = ["hoofdbewoner", "partner", "kind", "kind", "kind"]
        while made < self.n:
            size = min(self.n - made, rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 15, 14, 6])[0])
            i = hh_id - self.first_household
            households.append(
                (
                    hh_id,
                    rng.choice(STREETS),
                    i % 20 + 1,
                    f"{1000 + (i // 20) % 9000}{chr(65 + (i // 180000) % 26)}Z",
                    "Proefstad",
                    rng.choice(areas),
                )
            )
            surname, prefix = surname_for(rng), rng.choice(PREFIXES)
            members = []
            for k in range(size):
                born = self.now.date() - timedelta(
                    days=rng.randint(18 * 365, 90 * 365) if k < 2 else rng.randint(0, 17 * 365)
                )
                bsn_encrypted = bsn_hash = ""
                if rng.random() < self.bsn_fraction:
                    digits = eleven_proof_bsn(rng)
                    bsn_encrypted, bsn_hash = crypto.encrypt(digits), crypto.lookup_hash(digits)
                residents.append(
                    (
                        res_id,
                        rng.choice(GIVEN),
                        prefix if k != 1 else "",
                        surname if k != 1 else surname_for(rng),
                        born,
                        f"06-0000{res_id % 10000:04d}",
                        f"inwoner{res_id}@synthetisch.nabij.example",
                        hh_id,
                        roles[k],
                        bsn_encrypted,
                        bsn_hash,
                    )
                )
                members.append(res_id)
                res_id += 1
            self.households.append((hh_id, members))
            made += size
            hh_id += 1
        self.load(
            "huishoudens",
            "residents.Household",
            ("id", "street", "house_number", "postcode", "city", "area_id"),
            households,
        )
        del households
        self.load(
            "inwoners",
            "residents.Resident",
            (
                "id",
                "given_names",
                "surname_prefix",
                "surname",
                "birth_date",
                "phone",
                "email",
                "household_id",
                "household_role",
                "bsn_encrypted",
                "bsn_hash",
            ),
            residents,
        )

    def network(self) -> None:
        rng = self.rng
        kinds = ["familie", "mantelzorger", "vriend", "buur", "vrijwilliger", "professional"]
        start = writer.next_id(self.model("residents.NetworkMember"))

        def rows():
            nid = start
            for hh, members in self.households:
                if rng.random() < 0.6:
                    yield (nid, hh, members[0], rng.choice(kinds), f"{rng.choice(NETWORK_NAMES)} {nid}", "synthetisch")
                    nid += 1

        self.load(
            "netwerkleden",
            "residents.NetworkMember",
            ("id", "household_id", "resident_id", "kind", "name", "role"),
            rows(),
        )

    def cases(self) -> None:
        rng = self.rng
        wanted = round(self.n * 0.3)
        households = rng.sample(self.households, min(wanted, len(self.households)))
        start = writer.next_id(self.model("cases.Case"))
        phases, weights = [p[0] for p in PHASES], [p[1] for p in PHASES]
        self.case_list = []
        rows = []
        for offset, (hh, members) in enumerate(households):
            cid = start + offset
            phase = rng.choices(phases, weights)[0]
            team = rng.choice(self.team_ids)
            worker = rng.choice(self.team_workers[team]) if phase != "aanmelding" or rng.random() < 0.5 else None
            if phase in ("waakvlam", "gesloten"):
                opened = self.now - timedelta(days=rng.uniform(90, 3650))
                closed = min(opened + timedelta(days=rng.uniform(30, 700)), self.now - timedelta(days=1))
            else:
                opened, closed = self.now - timedelta(days=rng.uniform(1, 700)), None
            if phase == "aanmelding":
                opened = self.now - timedelta(days=rng.uniform(0, 10))
            c = _Case(cid, hh, members[0], team, worker, phase, opened, closed)
            self.case_list.append(c)
            rows.append(
                (
                    cid,
                    hh,
                    members[0],
                    team,
                    worker,
                    phase,
                    opened,
                    closed,
                    f"S-{cid:07d}",
                    (opened + timedelta(days=5)).date() if phase == "aanmelding" else None,
                    (self.now + timedelta(days=rng.randint(-10, 60))).date() if phase == "waakvlam" else None,
                )
            )
        self.load(
            "casussen",
            "cases.Case",
            (
                "id",
                "household_id",
                "primary_resident_id",
                "team_id",
                "contact_person_id",
                "phase",
                "opened_at",
                "closed_at",
                "reference",
                "first_contact_due",
                "watch_next_checkin",
            ),
            rows,
        )

    def registrations(self) -> None:
        from nabij.intake import norms

        rng = self.rng
        Registration = self.model("intake.Registration")
        start = writer.next_id(Registration)
        channels = [c for c, _ in Registration._meta.get_field("channel").choices]
        reporters = [c for c, _ in Registration._meta.get_field("reporter_kind").choices]
        res = self.model("residents.Resident")
        open_count = max(1, self.n // 100)
        self.open_registrations = []
        # First contact due as registration_create sets it (the default norm, urgency normal),
        # so the board at scale shows due and overdue dates as in production. Looked up for every
        # day an open registration can be received before the COPY starts: the norm is a query,
        # and no query may run on the connection while the COPY streams.
        today = timezone.localdate(self.now)
        due_by_day = {
            day: norms.first_contact_due(team=None, urgency="normaal", received_on=day)
            for day in (today - timedelta(days=n) for n in range(32))
        }

        def first_contact_due(received_at):
            return due_by_day[timezone.localtime(received_at).date()]

        def rows():
            rid = start
            for c in self.case_list:  # every case came in as a registration
                yield (
                    rid,
                    f"SR-{rid:07d}",
                    c.team_id,
                    rng.choice(channels),
                    "besloten",
                    c.opened_at,
                    rng.choice(reporters),
                    "Synthetische aanmelding: vraag over geld en wonen.",
                    c.resident_id,
                    c.id,
                    "Synthetisch",
                    "Aanmelding",
                    None,  # decided long ago: off the board
                )
                rid += 1
            for _hh, members in rng.sample(self.households, min(open_count, len(self.households))):
                team = rng.choice(self.team_ids)
                self.open_registrations.append((rid, team))
                received_at = self.now - timedelta(days=rng.uniform(0, 30))
                yield (
                    rid,
                    f"SR-{rid:07d}",
                    team,
                    rng.choice(channels),
                    rng.choice(["nieuw", "getrieerd", "wachtlijst"]),
                    received_at,
                    rng.choice(reporters),
                    "Synthetische aanmelding: zorgen over eenzaamheid.",
                    members[0],
                    None,
                    "Synthetisch",
                    "Aanmelding",
                    first_contact_due(received_at),
                )
                rid += 1

        del res
        self.load(
            "aanmeldingen",
            "intake.Registration",
            (
                "id",
                "reference",
                "team_id",
                "channel",
                "status",
                "received_at",
                "reporter_kind",
                "question",
                "resident_id",
                "case_id",
                "given_names",
                "surname",
                "first_contact_due",
            ),
            rows(),
        )

    def contacts(self) -> None:
        rng = self.rng
        mean = self.contacts_per_resident / 0.3
        kinds = ["huisbezoek", "telefoon", "kantoor", "inloop", "video", "e-mail", "overleg"]
        tasks = ["hulpverlenen", "signaleren", "vraagverheldering", "regievoeren", "monitoren"]
        cm_start = writer.next_id(self.model("cases.ContactMoment"))
        counts = [max(0, round(rng.uniform(0, 2 * mean))) for _ in self.case_list]
        any_worker = self.team_workers[self.team_ids[0]][0]

        def moments():
            mid = cm_start
            for c, count in zip(self.case_list, counts, strict=True):
                author = c.worker_id or any_worker
                span = ((c.closed_at or self.now) - c.opened_at).total_seconds()
                for _ in range(count):
                    at = c.opened_at + timedelta(seconds=rng.random() * span)
                    yield (
                        mid,
                        c.id,
                        at,
                        rng.choice(kinds),
                        rng.choice(tasks),
                        rng.choice((15, 30, 45, 60, 90)),
                        rng.choice(TEXTS),
                        author,
                        rng.random() < 0.03,
                    )
                    mid += 1

        self.load(
            "contactmomenten",
            "cases.ContactMoment",
            ("id", "case_id", "occurred_at", "kind", "core_task", "minutes", "text", "author_id", "restricted"),
            moments(),
        )
        ev_start = writer.next_id(self.model("cases.CaseEvent"))
        rng_times = random.Random(11)  # the same draws again: timeline lines match their moments

        def events():
            eid, mid = ev_start, cm_start
            for c, count in zip(self.case_list, counts, strict=True):
                yield (
                    eid,
                    c.id,
                    "registration",
                    c.opened_at,
                    c.worker_id,
                    "Aanmelding ontvangen (synthetisch)",
                    "",
                    "",
                )
                eid += 1
                if c.phase != "aanmelding":
                    yield (
                        eid,
                        c.id,
                        "phase",
                        c.opened_at + timedelta(days=7),
                        c.worker_id,
                        f"Fase gewijzigd naar {c.phase} (synthetisch)",
                        "",
                        "",
                    )
                    eid += 1
                span = ((c.closed_at or self.now) - c.opened_at).total_seconds()
                for _ in range(count):
                    at = c.opened_at + timedelta(seconds=rng_times.random() * span)
                    yield (
                        eid,
                        c.id,
                        "contact",
                        at,
                        c.worker_id or any_worker,
                        "Contactmoment (synthetisch)",
                        "contactmoment",
                        str(mid),
                    )
                    eid += 1
                    mid += 1

        self.load(
            "tijdlijnregels",
            "cases.CaseEvent",
            ("id", "case_id", "kind", "occurred_at", "actor_id", "summary", "object_type", "object_id"),
            events(),
        )

    def plans(self) -> None:
        if not apps.is_installed("nabij.plans"):
            self.say("  plannen-app niet geïnstalleerd: overgeslagen")
            return
        from nabij.plans.reference import reference_data_ensure

        reference_data_ensure()
        rng = self.rng
        Instrument, LifeDomain = self.model("plans.Instrument"), self.model("plans.LifeDomain")
        instrument = Instrument.objects.filter(is_default=True).first()
        domains = list(LifeDomain.objects.filter(instrument=instrument).values_list("pk", flat=True))
        if instrument is None or not domains:
            self.say("  geen ZRM-instrument: plannen overgeslagen")
            return
        ids = {
            label: writer.next_id(self.model(label))
            for label in (
                "plans.SupportPlan",
                "plans.PlanVersion",
                "plans.Goal",
                "plans.Action",
                "plans.Assessment",
                "plans.AssessmentScore",
                "plans.Evaluation",
            )
        }
        tables = {label: [] for label in ids}
        any_worker = self.team_workers[self.team_ids[0]][0]

        def take(label):
            value = ids[label]
            ids[label] += 1
            return value

        for c in self.case_list:
            if c.phase not in PLAN_PHASES or (c.phase == "gesloten" and rng.random() < 0.5):
                continue
            by = c.worker_id or any_worker
            start_day = (c.opened_at + timedelta(days=14)).date()
            assessment = take("plans.Assessment")
            tables["plans.Assessment"].append((assessment, c.id, instrument.pk, "start", start_day, by))
            for domain in rng.sample(domains, min(3, len(domains))):
                tables["plans.AssessmentScore"].append(
                    (take("plans.AssessmentScore"), assessment, domain, rng.randint(1, 5))
                )
            plan = take("plans.SupportPlan")
            next_eval = (self.now + timedelta(days=rng.randint(-20, 90))).date() if c.closed_at is None else None
            tables["plans.SupportPlan"].append((plan, c.id, by, next_eval))
            version = take("plans.PlanVersion")
            agreed = c.phase != "planning"
            tables["plans.PlanVersion"].append(
                (
                    version,
                    plan,
                    1,
                    "agreed" if agreed else "draft",
                    by,
                    start_day if agreed else None,
                    "oral" if agreed else "",
                )
            )
            for order, domain in enumerate(rng.sample(domains, min(2, len(domains)))):
                goal = take("plans.Goal")
                tables["plans.Goal"].append(
                    (goal, version, uuid.uuid4(), domain, "Synthetisch doel in eigen woorden.", order)
                )
                tables["plans.Action"].append(
                    (
                        take("plans.Action"),
                        goal,
                        uuid.uuid4(),
                        "Synthetische actie.",
                        rng.randint(1, 5),
                        "Synthetische uitvoerder",
                    )
                )
            if c.phase in EVALUATED_PHASES:
                tables["plans.Evaluation"].append(
                    (
                        take("plans.Evaluation"),
                        plan,
                        version,
                        start_day + timedelta(days=90),
                        by,
                        "Synthetische evaluatie.",
                    )
                )
        columns = {
            "plans.Assessment": ("id", "case_id", "instrument_id", "moment", "assessed_on", "assessed_by_id"),
            "plans.AssessmentScore": ("id", "assessment_id", "domain_id", "score"),
            "plans.SupportPlan": ("id", "case_id", "created_by_id", "next_evaluation_on"),
            "plans.PlanVersion": (
                "id",
                "plan_id",
                "number",
                "status",
                "created_by_id",
                "agreed_on",
                "agreement_method",
            ),
            "plans.Goal": ("id", "version_id", "lineage", "domain_id", "wording", "order"),
            "plans.Action": ("id", "goal_id", "lineage", "description", "layer", "performer"),
            "plans.Evaluation": ("id", "plan_id", "version_id", "held_on", "held_by_id", "summary"),
        }
        for label in (
            "plans.Assessment",
            "plans.AssessmentScore",
            "plans.SupportPlan",
            "plans.PlanVersion",
            "plans.Goal",
            "plans.Action",
            "plans.Evaluation",
        ):
            self.load(self.model(label)._meta.verbose_name_plural, label, columns[label], tables.pop(label))

    def audit(self) -> None:
        """Two events per case (created, viewed) and one per open registration, appended to the
        existing chain: each hashes the previous one, exactly as record_event does, so
        `audit_verify` passes. Times are the load time (the chain stays in time order)."""
        AuditEvent = self.model("audit.AuditEvent")
        from nabij.audit import services as audit_services

        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [audit_services._CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values("hash", "event_datetime").first()
        previous = last["hash"] if last else ""
        if last is None:
            Anchor = self.model("audit.AuditChainAnchor")
            previous = Anchor.objects.order_by("-purged_through_id").values_list("anchor_hash", flat=True).first() or ""
        base = max(self.now, last["event_datetime"]) if last else self.now
        start = writer.next_id(AuditEvent)
        source = settings.NABIJ_INSTALLATION
        compute = AuditEvent.compute_hash
        columns = ("id", *AuditEvent.HASHED_FIELDS, "previous_hash", "hash")

        def specs():
            for c in self.case_list:
                yield c.worker_id, c.team_id, "C", "case.create", c, c.resident_id
                yield c.worker_id, c.team_id, "R", "case.view", c, c.resident_id
            for rid, team in self.open_registrations:
                yield None, team, "C", "registration.create", rid, None

        def rows():
            nonlocal previous
            for offset, (user_id, team, action, kind, obj, resident_id) in enumerate(specs()):
                username, role, _team = self.user_names.get(user_id, ("", "", None))
                e = SimpleNamespace(
                    event_id=uuid.uuid4(),
                    event_action=action,
                    event_type=kind,
                    event_datetime=base + timedelta(microseconds=offset + 1),
                    event_outcome="success",
                    user_id=user_id,
                    user_name=username,
                    on_behalf_of="",
                    user_role=role,
                    user_organisation=self.org_name if user_id else "",
                    user_team_id=team,
                    purpose_of_use="",
                    network_access_point=None,
                    participant_object_type="case" if kind.startswith("case") else "registration",
                    participant_object_id=str(obj.id if kind.startswith("case") else obj),
                    resident_id=resident_id,
                    audit_source=source,
                    details={"synthetisch": True},
                    previous_hash=previous,
                    HASHED_FIELDS=AuditEvent.HASHED_FIELDS,
                )
                e.hash = compute(e)
                previous = e.hash
                yield (
                    start + offset,
                    *(getattr(e, name) for name in AuditEvent.HASHED_FIELDS),
                    e.previous_hash,
                    e.hash,
                )

        self.load("auditgebeurtenissen", "audit.AuditEvent", columns, rows())

    def finish(self) -> None:
        for label in (
            "accounts.Team",
            "accounts.User",
            "accounts.Membership",
            "residents.Household",
            "residents.Resident",
            "residents.NetworkMember",
            "cases.Case",
            "cases.ContactMoment",
            "cases.CaseEvent",
            "intake.Registration",
            "plans.SupportPlan",
            "plans.PlanVersion",
            "plans.Goal",
            "plans.Action",
            "plans.Assessment",
            "plans.AssessmentScore",
            "plans.Evaluation",
            "audit.AuditEvent",
        ):
            if apps.is_installed(f"nabij.{label.split('.')[0]}"):
                writer.reset_sequence(self.model(label))
        with connection.cursor() as cursor:
            # The search's surname vocabulary (residents.SurnameTerm): COPY skipped its signal.
            cursor.execute(
                "INSERT INTO residents_surnameterm (term) SELECT DISTINCT UPPER(surname) FROM residents_resident"
                " WHERE TRIM(surname) <> '' ON CONFLICT DO NOTHING"
            )
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")


def build(**kwargs) -> Built:
    return Generator(**kwargs).run()
