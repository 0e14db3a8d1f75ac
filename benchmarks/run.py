"""`make bench`: the public pages under load at archive scale, beside Datasette on the same
meetings, written to benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--scales 3000,100000] [--duration 8] [--out FILE]

For each scale it prepares (or reuses) a PostgreSQL database and an SQLite file holding the
same meetings: at 3,000 the seed and the State Department visits (3,262 meetings), at 100,000
every fixture plus 100,000 generated ones (``generate_demo --seed 1``). A database is rebuilt
only when its meeting count differs. It exports the published meetings for Datasette
(benchmarks/datasette_export.py), serves the app with gunicorn under production settings and
Datasette on its file, and measures each request with wrk at 1 and at 16 connections, each
page built (the whole-page cache bypassed) and as served.
Then it profiles every page in one process: SQL queries, and the share of the page's time
spent waiting on SQL. The figures go to benchmarks/RESULTS.md between its bench markers.

Environment: PGURL (default postgres://postgres@127.0.0.1:5432), the server the scratch
databases ``summitry_bench3k`` and ``summitry_bench100k`` are created on (their contents are
replaced); BENCH_DIR (default /tmp/summitry-bench) for the SQLite files; WORKER_CLASS and
WORKERS for gunicorn (default from gunicorn.conf.py); BACKENDS (default "postgresql,sqlite").
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
REAL_DATA = {
    3000: ["fixtures/seed.jsonl", "fixtures/hsg-visits.jsonl"],
    100000: [
        "fixtures/seed.jsonl",
        "fixtures/hsg-visits.jsonl",
        "fixtures/hsg-travels.jsonl",
        "fixtures/central-asia.jsonl",
    ],
}
GENERATED = {3000: 0, 100000: 100000}
SEED_MEETING = "kabar-2021-05-12-central-asia-china-foreign-ministers"
CONNECTIONS = (1, 16)
SEARCH_WORD, NARROW_WORD, COUNTRY, LEVEL = "cooperation", "Pedro", "KZ", "foreign_ministers"


@dataclass
class Request:
    name: str
    ours: str
    peer: str = ""  # the Datasette request that answers the same question, if any


@dataclass
class Measure:
    rps: float
    p50: float  # milliseconds
    p99: float
    errors: int


@dataclass
class Run:
    scale: int
    backend: str
    meetings: int = 0
    load: list[str] = field(default_factory=list)
    ours: dict = field(default_factory=dict)  # (request, connections) -> Measure
    peer: dict = field(default_factory=dict)
    profile: dict = field(default_factory=dict)  # request -> {...}
    rss_mb: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def env_for(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="meetings.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        RATE_LIMIT="off",  # the CSV and the API are rate-limited per client in production
        LOG_LEVEL="WARNING",
    )
    return env


def manage(url: str, *args: str, quiet: bool = False) -> str:
    done = subprocess.run(
        [BIN / "python", "manage.py", *args],
        cwd=ROOT,
        env=env_for(url),
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return done.stdout


def shell(url: str, code: str) -> str:
    return manage(url, "shell", "--verbosity", "0", "-c", code, quiet=True).strip()


def meeting_count(url: str) -> int:
    try:
        return int(
            shell(url, "from meetings.models import Meeting; print(Meeting.objects.count())")
        )
    except (subprocess.CalledProcessError, ValueError):
        return -1


def database_urls(scale: int, bench_dir: Path) -> dict[str, str]:
    pg = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
    name = f"summitry_bench{scale // 1000}k"
    return {
        "postgresql": f"{pg}/{name}",
        "sqlite": f"sqlite:///{bench_dir}/summitry-{scale // 1000}k.sqlite3",
    }


def empty_postgres_database(url: str) -> None:
    """Drops the database at ``url`` if it exists and creates it empty, with a UTF-8 ctype
    (without one, Russian search silently breaks)."""
    server, name = url.rsplit("/", 1)
    for statement in (
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
        f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
        "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'",
    ):
        subprocess.run(["psql", f"{server}/postgres", "-qc", statement], check=True)


def prepare(backend: str, url: str, scale: int, bench_dir: Path) -> None:
    """The database with the scale's meetings, rebuilt from nothing unless it still holds the
    count it was left with when it was last built (a stamp file in the bench folder)."""
    files = REAL_DATA[scale]
    stamp = bench_dir / f"{backend}-{scale}.built"
    held = meeting_count(url)
    if stamp.exists() and stamp.read_text().strip() == str(held):
        print(f"  {backend}: reusing {held} meetings", flush=True)
        return
    print(f"  {backend}: building {scale:,} meetings and the real data", flush=True)
    if backend == "postgresql":
        empty_postgres_database(url)
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    manage(url, "migrate", "--noinput", "--verbosity", "0")
    started = time.perf_counter()
    manage(url, "import_meetings", *files)
    print(f"  imported real data in {time.perf_counter() - started:.0f} s", flush=True)
    if GENERATED[scale]:
        started = time.perf_counter()
        manage(url, "generate_demo", "--meetings", str(GENERATED[scale]), "--seed", "1")
        seconds = time.perf_counter() - started
        LOADING.append(
            f"{backend}: `generate_demo --meetings {GENERATED[scale]:,}` into a register "
            f"holding the real data: {seconds:.0f} s ({GENERATED[scale] / seconds:,.0f} "
            f"meetings/s), load average after: {_load()}."
        )
        print(f"  generated in {seconds:.0f} s", flush=True)
    stamp.write_text(str(meeting_count(url)))


# Lines for the report on how fast the databases were filled (only what this run built).
LOADING: list[str] = []
IMPORTED = 10_000  # generated meetings written to a file and imported, to time the importer


def measure_import(bench_dir: Path) -> None:
    """Generates IMPORTED meetings in a scratch PostgreSQL database, exports them as JSON Lines
    and times importing that file into another, empty one."""
    pg = os.environ.get("PGURL", "postgres://postgres@127.0.0.1:5432")
    source, target = f"{pg}/summitry_bench_export", f"{pg}/summitry_bench_import"
    for url in (source, target):
        empty_postgres_database(url)
        manage(url, "migrate", "--noinput", "--verbosity", "0")
    generated = bench_dir / f"generated-{IMPORTED // 1000}k.jsonl"
    manage(source, "generate_demo", "--meetings", str(IMPORTED), "--seed", "2", quiet=True)
    manage(source, "export_meetings", "--output", str(generated), quiet=True)
    started = time.perf_counter()
    manage(target, "import_meetings", str(generated), quiet=True)
    seconds = time.perf_counter() - started
    LOADING.append(
        f"postgresql: `import_meetings` of {IMPORTED:,} generated meetings "
        f"({generated.stat().st_size / 1e6:.0f} MB of JSON Lines) into an empty register: "
        f"{seconds:.0f} s ({IMPORTED / seconds:,.0f} meetings/s, revisions and search index "
        f"included), load average after: {_load()}."
    )
    print(f"  {LOADING[-1]}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def start_gunicorn(url: str, port: int) -> subprocess.Popen:
    args = [BIN / "gunicorn", "meetings.wsgi", "--bind", f"127.0.0.1:{port}"]
    args += ["--log-level", "warning"]
    if os.environ.get("WORKERS"):
        args += ["--workers", os.environ["WORKERS"]]
    if os.environ.get("WORKER_CLASS"):
        args += ["--worker-class", os.environ["WORKER_CLASS"]]
    return subprocess.Popen(args, cwd=ROOT, env=env_for(url), start_new_session=True)


def start_datasette(path: Path, port: int) -> subprocess.Popen:
    args = [BIN / "datasette", "serve", str(path), "--port", str(port), "--host", "127.0.0.1"]
    # Facet suggestions off (as the issue measured), and time limits raised so that every
    # facet is computed rather than cut off at 200 ms as Datasette does by default.
    for setting in (
        "suggest_facets off",
        "facet_time_limit_ms 20000",
        "sql_time_limit_ms 20000",
        "default_page_size 20",
    ):
        args += ["--setting", *setting.split()]
    return subprocess.Popen(
        args, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * UNITS[unit]


# Sent to build every page: the whole-page cache (meetings.http_cache) passes over requests
# with credentials, which no public page reads.
BYPASS = ["-H", "Authorization: benchmark"]
MODES = {"built": BYPASS, "cached": []}


def wrk(url: str, connections: int, duration: int, extra: list[str] = ()) -> Measure:
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
         "--latency", *extra, url],
        check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*timeout (\d+)", out)
    return Measure(
        rps=float(rps.group(1)) if rps else 0.0,
        p50=_ms(p50.group(1)) if p50 else float("nan"),
        p99=_ms(p99.group(1)) if p99 else float("nan"),
        errors=(int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0),
    )


def worker_rss(master: int) -> list[float]:
    found = []
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", status, re.M):
            rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
            if rss:
                found.append(int(rss.group(1)) / 1024)
    return found


def requests_for(url: str, peer_db: str) -> list[Request]:
    """The requests, with the values that depend on the data (a meeting, a CSV of about
    1,000 rows) looked up in the database."""
    code = (
        "import json; from meetings.models import Meeting;"
        "p = Meeting.objects.published();"
        f"m = p.filter(external_id={SEED_MEETING!r}).values('pk', 'slug').first() or "
        "p.order_by('-start_date').values('pk', 'slug').first();"
        "newest = p.order_by('-start_date').values_list('start_date', flat=True);"
        "first = newest[min(999, p.count() - 1)];"
        "last = newest.first();"
        "rows = p.filter(start_date__gte=first).count();"
        "print(json.dumps({'meeting': m, 'first': str(first), 'last': str(last), 'rows': rows}))"
    )
    found = json.loads(shell(url, code).splitlines()[-1])
    first, last, total = found["first"], found["last"], found["rows"]
    meeting = found["meeting"]
    peer = f"/{peer_db}/meetings"
    facets = "_facet_array=countries&_facet=year&_facet=level"
    return [
        Request("home", "/"),
        Request("list, unfiltered", "/meetings/", f"{peer}?{facets}"),
        Request(
            "list, q + country + level",
            f"/meetings/?q={SEARCH_WORD}&country={COUNTRY}&level={LEVEL}",
            f"{peer}?_search={SEARCH_WORD}&countries__arraycontains={COUNTRY}&level={LEVEL}"
            f"&{facets}",
        ),
        Request("narrow search", f"/meetings/?q={NARROW_WORD}", f"{peer}?_search={NARROW_WORD}"),
        Request("meeting page", f"/meetings/{meeting['slug']}/", f"{peer}/{meeting['pk']}"),
        Request(f"CSV, {total:,} rows", f"/meetings/export.csv?from={first}&to={last}"),
        Request("country page", f"/countries/{COUNTRY}/"),
        Request("topic page", "/topics/transport/"),
        Request("documents", "/documents/"),
        Request("who meets whom", "/who-meets-whom/"),
        Request("API list", "/api/meetings/?country=KZ"),
    ]


def profile(url: str, requests: list[Request], repeat: int) -> dict:
    out = subprocess.run(
        [BIN / "python", str(ROOT / "benchmarks" / "profile_pages.py"), "--repeat", str(repeat),
         *[r.ours for r in requests]],
        cwd=ROOT, env=env_for(url), check=True, text=True, capture_output=True, timeout=900,
    ).stdout  # fmt: skip
    rows = json.loads(out.splitlines()[-1])
    return {r.name: row for r, row in zip(requests, rows, strict=True)}


def measure_server(
    base: str, requests: list[Request], which: str, duration: int, modes=("cached",)
) -> dict:
    results = {}
    for request in requests:
        path = request.ours if which == "ours" else request.peer
        if not path:
            continue
        try:
            began = time.perf_counter()
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
            once = time.perf_counter() - began
        except OSError as error:
            print(f"    {request.name}: {error}, skipped", flush=True)
            continue
        for mode, connections in ((m, c) for m in modes for c in CONNECTIONS):
            # Long enough for a few answers even where one takes seconds (Datasette's facets
            # at 100,000 meetings), within a minute a cell.
            seconds = min(60, max(duration, math.ceil(once * (5 if connections == 1 else 12))))
            measure = wrk(base + path, connections, seconds, MODES[mode])
            results[(request.name, connections, mode)] = measure
            print(
                f"    {which:4} {mode:6} {request.name:32} c={connections:<2} "
                f"{measure.rps:7.1f} req/s  "
                f"p50 {measure.p50:7.1f} ms  p99 {measure.p99:7.1f} ms  errors {measure.errors}",
                flush=True,
            )
    return results


def bench_scale(scale: int, backends: list[str], args, bench_dir: Path) -> list[Run]:
    urls = database_urls(scale, bench_dir)
    for backend in backends:
        prepare(backend, urls[backend], scale, bench_dir)
    peer_db = f"peer{scale // 1000}k"
    peer_path = bench_dir / f"{peer_db}.db"
    subprocess.run(
        [BIN / "python", ROOT / "benchmarks" / "datasette_export.py", peer_path],
        cwd=ROOT, env=env_for(urls[backends[0]]), check=True,
    )  # fmt: skip
    runs = []
    peer_results = None
    for backend in backends:
        url = urls[backend]
        run = Run(scale, backend, meetings=meeting_count(url))
        requests = requests_for(url, peer_db)
        run.load.append(_load())
        port = free_port()
        server = start_gunicorn(url, port)
        try:
            wait_for(f"http://127.0.0.1:{port}/")
            run.ours = measure_server(
                f"http://127.0.0.1:{port}", requests, "ours", args.duration, args.modes
            )
            run.rss_mb = worker_rss(server.pid)
        finally:
            stop(server)
        run.load.append(_load())
        if peer_results is None:
            port = free_port()
            peer = start_datasette(peer_path, port)
            try:
                wait_for(f"http://127.0.0.1:{port}/{peer_db}")
                peer_results = measure_server(
                    f"http://127.0.0.1:{port}", requests, "peer", args.duration
                )
            finally:
                stop(peer)
        run.peer = peer_results
        run.load.append(_load())
        try:
            run.profile = profile(url, requests, args.repeat)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            print(f"  profile failed or took too long: {error}", flush=True)
        run.requests = requests
        runs.append(run)
    return runs


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _f(value: float, digits: int = 1) -> str:
    return "–" if value != value else f"{value:,.{digits}f}"


def report(runs: list[Run], args) -> str:
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    lines = [
        f"Run of {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} "
        f"cores ({_cpu()}), {memory:,} MB memory; wrk {args.duration} s per cell, "
        f"gunicorn {os.environ.get('WORKER_CLASS') or 'as gunicorn.conf.py says'}"
        f"{', ' + os.environ['WORKERS'] + ' workers' if os.environ.get('WORKERS') else ''}.",
        "",
    ]
    if LOADING:
        lines += ["Loading:", "", *(f"- {line}" for line in LOADING), ""]
    for run in runs:
        rss = ", ".join(f"{r:.0f}" for r in sorted(run.rss_mb)) or "–"
        lines += [
            f"### {run.backend}, {run.meetings:,} meetings",
            "",
            f"Load average (1, 5, 15 min) before, after our pages, after Datasette's: "
            f"{'; '.join(run.load)}. Worker RSS after the run: {rss} MB.",
            "",
            "Each page built (whole-page cache bypassed) and as served (page cache on); "
            "Datasette on the equivalent request; × is our figure over Datasette's "
            "(throughput: higher is better for us; p50: Datasette's over ours, higher is "
            "better for us).",
            "",
            "| request | c | built req/s | p50 ms | p99 ms | cached req/s | p50 ms | p99 ms | "
            "Datasette req/s | p50 ms | × req/s built / cached | × p50 built / cached |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for request in run.requests:
            for connections in CONNECTIONS:
                built = run.ours.get((request.name, connections, "built"))
                kept = run.ours.get((request.name, connections, "cached"))
                if built is None and kept is None:
                    continue
                peer = run.peer.get((request.name, connections, "cached")) if request.peer else None
                cells = [request.name, str(connections)]
                for m in (built, kept, peer):
                    cells += (
                        [_f(m.rps), _f(m.p50), _f(m.p99)][: 2 if m is peer else 3]
                        if m
                        else (["–", "–"] if m is peer else ["–", "–", "–"])
                    )
                cells.append(
                    " / ".join(
                        _f(m.rps / peer.rps, 2) if m and peer and peer.rps else "–"
                        for m in (built, kept)
                    )
                )
                cells.append(
                    " / ".join(
                        _f(peer.p50 / m.p50, 2) if m and peer and m.p50 else "–"
                        for m in (built, kept)
                    )
                )
                errors = sum(m.errors for m in (built, kept) if m)
                if errors:
                    cells[0] += f" ({errors} errors)"
                lines.append("| " + " | ".join(cells) + " |")  # fmt: skip
        lines += [
            "",
            "In one process, every page built: first request (caches empty) and median of "
            "the next ones (caches of parts warm), the SQL time within it and the share of "
            "the page's time it is, and the queries.",
            "",
            "| request | status | first ms | median ms | SQL ms | SQL share | queries first / "
            "warm |",
            "|---|---|---|---|---|---|---|",
        ]
        for request in run.requests:
            p = run.profile.get(request.name)
            if p:
                lines.append(
                    f"| {request.name} | {p['status']} | {_f(p['first_ms'])} | "
                    f"{_f(p['median_ms'])} | {_f(p['sql_ms'])} | {_f(100 * p['sql_share'], 0)}% | "
                    f"{p['first_queries']} / {p['queries']} |"
                )
        lines.append("")
    lines.append("Requests: " + "; ".join(f"{r.name}: `{r.ours}`" for r in runs[0].requests))
    lines.append("")
    lines.append(
        "Datasette: " + "; ".join(f"{r.name}: `{r.peer}`" for r in runs[0].requests if r.peer)
    )
    return "\n".join(lines) + "\n"


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write(out: Path, text: str) -> None:
    """The run's figures between the markers of ``out``, keeping the notes around them."""
    old = out.read_text() if out.exists() else ""
    if START in old and END in old:
        before, rest = old.split(START, 1)
        text = f"{before}{START}\n{text}{END}{rest.split(END, 1)[1]}"
    out.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="3000,100000")
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 8)))
    parser.add_argument("--repeat", type=int, default=10, help="requests per page in the profile")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md",
        help="written between its bench markers, or whole when it has none",
    )  # fmt: skip
    parser.add_argument(
        "--modes", default="built,cached", type=lambda v: v.split(","),
        help="built: every page built (page cache bypassed); cached: as served",
    )  # fmt: skip
    parser.add_argument(
        "--skip-import", action="store_true", help="do not time importing generated meetings"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: sudo make system-packages")
    bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp/summitry-bench"))
    bench_dir.mkdir(parents=True, exist_ok=True)
    backends = os.environ.get("BACKENDS", "postgresql,sqlite").split(",")
    manage(
        database_urls(3000, bench_dir)["sqlite"],
        "collectstatic", "--noinput", "--verbosity", "0", quiet=True,
    )  # fmt: skip
    if "postgresql" in backends and not args.skip_import:
        print("== importing generated meetings", flush=True)
        measure_import(bench_dir)
    runs = []
    for scale in (int(s) for s in args.scales.split(",")):
        print(f"== {scale:,} meetings", flush=True)
        runs += bench_scale(scale, backends, args, bench_dir)
        write(args.out, report(runs, args))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
