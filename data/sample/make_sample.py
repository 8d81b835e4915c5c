"""Make the bundled sample data: 24 monthly participation files and a milestones register.

Practices come from the real payments extract in source/; their networks, integration levels,
GP counts and milestones are invented, deterministically (every run writes the same bytes).

    python data/sample/make_sample.py [--extract nhs-payments-to-general-practice_2017-18.csv]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXTRACT = HERE / "source" / "payments_2017-18_extract.csv"
PATIENTS = "Number of Registered Patients (Last Known Figure)"
EXTRACT_COLUMNS = [
    "CCG Code", "CCG NAME", "Practice Code", "Practice Name", "Practice Postcode",
    "Practice Open Date", "Practice Close Date", "Contract Type", PATIENTS,
]  # fmt: skip
STATUS_COLUMNS = [
    "snapshot_date", "ccg_code", "practice_code", "practice_name", "list_size", "contract_type",
    "integration_level", "network_code", "network_name", "contract_status", "gp_count", "notes",
]  # fmt: skip
MILESTONE_COLUMNS = [
    "ccg_code", "network_code", "milestone", "due_date", "achieved_date", "owner", "notes",
]  # fmt: skip
MONTHS = 24  # month 0 is April 2017, month 23 is March 2019
LAST = MONTHS - 1
# Area names in the order the neighbour groups come out (sorted by postcode district).
NETWORK_AREAS = {
    "02N": ["Aire Valley", "Keighley Central", "Worth Valley", "Craven and Wharfedale"],
    "02X": ["Doncaster Central", "Doncaster Town", "Doncaster East", "Balby and Bentley",
            "Doncaster West", "Doncaster North", "Doncaster North East", "Doncaster South"],
    "04K": ["Nottingham City Centre", "Sneinton and St Ann's", "Nottingham City North",
            "Bestwood and Basford", "Bulwell and Hyson Green", "Nottingham University",
            "Radford and Lenton", "Bilborough and Aspley", "Nottingham City South"],
    "08C": ["Fulham North", "Fulham South", "Hammersmith South", "Hammersmith Central",
            "Shepherds Bush", "White City and West Kensington"],
}  # fmt: skip
CCG_MILESTONES = [  # name, owner, earliest and latest due month
    ("Data sharing agreement signed", "CCG information governance lead", 3, 10),
    ("Partnership agreement signed", "CCG chief officer", 8, 20),
    ("ACS designated", "ACS programme director", 14, 29),
]
LEAD, DIRECTOR = "CCG primary care lead", "Network clinical director"
DELAYS = [-1, 0, 0, 0, 1, 2, 3, 6, 9]  # months from a milestone's due month to its achieved month


@dataclass
class Network:
    code: str
    name: str
    members: list[Practice]
    formed: int  # month the network agreement was signed and its first members joined
    alliance: int | None = None  # month the alliance agreement was signed: members go virtual
    integration: int | None = None  # month the integration agreement was signed: many go partial


@dataclass
class Practice:
    ccg_code: str
    code: str
    name: str
    postcode: str
    contract_type: str
    list_size: float
    gp_count: int = 2
    goes_partial: bool = False
    full_from: int | None = None
    network: list[Network | None] = field(default_factory=lambda: [None] * MONTHS)
    notes: dict[int, str] = field(default_factory=dict)


def month_start(month: int) -> date:
    return date(2017 + (3 + month) // 12, (3 + month) % 12 + 1, 1)


def patients(practices: list[Practice]) -> float:
    return sum(p.list_size for p in practices)


def write_csv(path: Path, columns: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def make_extract(full_payments: Path) -> None:
    """Copy the sample CCGs' rows, and only the columns used here, out of the full payments file."""
    with full_payments.open(encoding="utf-8-sig", newline="") as source:
        rows = [row for row in csv.DictReader(source) if row["CCG Code"] in NETWORK_AREAS]
    EXTRACT.parent.mkdir(exist_ok=True)
    write_csv(EXTRACT, EXTRACT_COLUMNS, rows)


def read_open_practices(rng: random.Random) -> list[Practice]:
    """The extract's open practices with a known contract and patients, each given a GP count."""
    practices = []
    with EXTRACT.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            registered = row[PATIENTS].strip()
            closed = row["Practice Close Date"] or row["Contract Type"] == "UNKNOWN"
            if closed or not registered.isdigit() or int(registered) == 0:
                continue
            practice = Practice(
                row["CCG Code"], row["Practice Code"], row["Practice Name"],
                row["Practice Postcode"], row["Contract Type"], int(registered),
            )  # fmt: skip
            gps = round(practice.list_size / 1800) + rng.choice([-1, 0, 0, 1])
            practice.gp_count = 1 if practice.list_size < 2000 else min(max(gps, 2), 12)
            practices.append(practice)
    return sorted(practices, key=lambda p: (p.ccg_code, p.code))


def district_order(practice: Practice) -> tuple[str, int, str]:
    """Sort key that puts practices of the same and neighbouring postcode districts together."""
    district = practice.postcode.split()[0]
    area = district.rstrip("0123456789")
    return area, int(district[len(area) :]), practice.code


def group_neighbours(practices: list[Practice]) -> list[list[Practice]]:
    """Cut the district-ordered practices into groups of about 40,000 patients (each practice goes
    where its middle falls in the running total); a practice of 30,000+ is a group of its own."""
    large = [[p] for p in practices if p.list_size >= 30_000]
    others = [p for p in practices if p.list_size < 30_000]
    count = round(patients(others) / 40_000)
    groups: list[list[Practice]] = [[] for _ in range(count)]
    running = 0.0
    for practice in sorted(others, key=district_order):
        share = int((running + practice.list_size / 2) / (patients(others) / count))
        groups[min(share, count - 1)].append(practice)
        running += practice.list_size
    return sorted([group for group in groups + large if group], key=lambda g: district_order(g[0]))


def networkable(practices: list[Practice], rng: random.Random) -> list[Practice]:
    """The CCG's practices less a few small ones (about 6%) that never join a network."""
    small = [p for p in practices if p.list_size < 5000]
    left_out = rng.sample(small, max(1, round(0.06 * len(practices))))
    for practice in left_out:
        practice.notes[LAST] = "Not in a network; LMC offered support"
    return [p for p in practices if p not in left_out]


def form_networks(ccg_code: str, groups: list[list[Practice]], rng: random.Random) -> list[Network]:
    """Let the CCG's groups form networks over 18 months, about 40% of them from the start."""
    early = round(0.4 * len(groups))
    starts = [0] * early + [rng.randint(1, 18) for _ in range(len(groups) - early)]
    rng.shuffle(starts)
    networks = []
    for number, (members, formed) in enumerate(zip(groups, starts, strict=True), start=1):
        name = f"{NETWORK_AREAS[ccg_code][number - 1]} Network"
        network = Network(f"{ccg_code}-N{number:02d}", name, members, formed)
        for practice in members:
            joined = formed + (0 if rng.random() < 0.75 else rng.randint(1, 6))
            practice.network[joined:] = [network] * (MONTHS - joined)
            practice.goes_partial = rng.random() < 0.7
        networks.append(network)
    return networks


def achieved(due: int, earliest: int, rng: random.Random) -> int | None:
    """The month a milestone due in month `due` was achieved, or None if not by March 2019."""
    month = max(due + rng.choice(DELAYS), earliest)
    return month if month <= LAST else None


def plan_milestones(ccg_code: str, networks: list[Network], rng: random.Random) -> list[dict]:
    """Schedule the CCG's and each network's agreements; the networks keep the months achieved.
    A milestone is due on the last day of its due month."""
    plan = []  # network code, milestone, owner, due month, achieved month
    for name, owner, first, last in CCG_MILESTONES:
        due = rng.randint(first, last)
        plan.append(("", name, owner, due, achieved(due, 0, rng)))
    for n in networks:
        agreement_due = max(2, n.formed - rng.choice([0, 0, 1, 2]))
        director_due = n.formed + rng.randint(3, 9)
        alliance_due = n.formed + rng.randint(2, 6)
        integration_due = alliance_due + rng.randint(4, 10)
        director = achieved(director_due, n.formed, rng)
        n.alliance = achieved(alliance_due, n.formed, rng)
        if n.alliance is not None:
            n.integration = achieved(integration_due, n.alliance + 1, rng)
        plan += [
            (n.code, "Network agreement signed", LEAD, agreement_due, n.formed),
            (n.code, "Clinical director appointed", LEAD, director_due, director),
            (n.code, "Alliance agreement signed", DIRECTOR, alliance_due, n.alliance),
            (n.code, "Integration agreement signed", DIRECTOR, integration_due, n.integration),
        ]
    return [
        {"ccg_code": ccg_code, "network_code": code, "milestone": name, "owner": owner,
         "due_date": month_start(min(due, 29) + 1) - timedelta(days=1),
         "achieved_date": "" if done is None else month_start(done) + timedelta(rng.randint(0, 27))}
        for code, name, owner, due, done in plan
    ]  # fmt: skip


def move_one_practice(networks: list[Network], rng: random.Random) -> None:
    """A practice leaves its network in June 2018 (dropping it below 30,000) and joins the next."""
    left, rejoined = 14, 17
    candidates = [
        (p, old, new)
        for old, new in itertools.pairwise(networks)
        for p in old.members[-1:]
        if old.code[:3] == new.code[:3] and p.network[left - 1] is old and new.formed <= rejoined
        and patients(old.members) - p.list_size < 30_000
        and patients(new.members) + p.list_size < 50_000
    ]  # fmt: skip
    practice, old, new = rng.choice(candidates)
    practice.network[left:] = [None] * (rejoined - left) + [new] * (MONTHS - rejoined)
    practice.notes[left] = f"Left {old.name}"
    practice.notes[rejoined] = f"Joined {new.name} after leaving {old.name}"


def suspend_contracts(practices: list[Practice], rng: random.Random) -> None:
    """Two partially integrated practices become fully integrated, suspending their contract."""
    candidates = [
        (p, network.integration)
        for p in practices
        if p.goes_partial and not p.notes and (network := p.network[LAST])
        and network.integration is not None and network.integration <= 16
    ]  # fmt: skip
    for practice, integration in rng.sample(candidates, 2):
        practice.full_from = integration + rng.randint(3, 6)
        practice.notes[practice.full_from] = f"{practice.contract_type} contract suspended"


def integration_level(practice: Practice, month: int) -> str:
    network = practice.network[month]
    if network is None:
        return "none"
    if practice.full_from is not None and month >= practice.full_from:
        return "full"
    if practice.goes_partial and network.integration is not None and month >= network.integration:
        return "partial"
    return "virtual" if network.alliance is not None and month >= network.alliance else "none"


def status_rows(practices: list[Practice], month: int, rng: random.Random) -> list[dict]:
    rows = []
    for p in practices:
        if month:  # list sizes drift by up to half a percent a month
            p.list_size *= 1 + rng.uniform(-0.005, 0.005)
        network, level = p.network[month], integration_level(p, month)
        rows.append({
            "snapshot_date": month_start(month), "ccg_code": p.ccg_code, "practice_code": p.code,
            "practice_name": p.name, "list_size": round(p.list_size), "gp_count": p.gp_count,
            "contract_type": p.contract_type, "integration_level": level,
            "network_code": network.code if network else "",
            "network_name": network.name if network else "", "notes": p.notes.get(month, ""),
            "contract_status": "suspended" if level == "full" else "active",
        })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=Path, metavar="FULL_PAYMENTS_CSV",
                        help="first re-make source/ from the full payments file")  # fmt: skip
    if (full_payments := parser.parse_args().extract) is not None:
        make_extract(full_payments)
    rng = random.Random(2017)
    practices = read_open_practices(rng)
    by_ccg = {ccg: [p for p in practices if p.ccg_code == ccg] for ccg in sorted(NETWORK_AREAS)}
    # Group before any other draw, so that the groups (named above) stay as they are.
    groups = {ccg: group_neighbours(networkable(in_ccg, rng)) for ccg, in_ccg in by_ccg.items()}
    networks, milestones = [], []
    for ccg_code, ccg_groups in groups.items():
        ccg_networks = form_networks(ccg_code, ccg_groups, rng)
        milestones += plan_milestones(ccg_code, ccg_networks, rng)
        networks += ccg_networks
    move_one_practice(networks, rng)
    suspend_contracts(practices, rng)
    for month in range(MONTHS):
        path = HERE / f"status_{month_start(month):%Y-%m}.csv"
        write_csv(path, STATUS_COLUMNS, status_rows(practices, month, rng))
    write_csv(HERE / "milestones.csv", MILESTONE_COLUMNS, milestones)


if __name__ == "__main__":
    main()
