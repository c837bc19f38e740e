"""What a contributor sees under `python -m generator serve`: from saving a file to the served page.

Usage: python benchmarks/bench_serve.py [CASE ...] [--repeat N]
       CASE is `bundled` (a copy of jurisdictions/) or a number of synthetic
       files (benchmarks/synthetic.py); default: bundled 300.
Writes a Markdown table to stdout; copy it into benchmarks/RESULTS.md.

For each case, `serve` runs as a subprocess on a free loopback port, with a
copy of the data and of the site's sources in a temporary folder. Measured,
each from the moment the save returned (files are written whole, into a
temporary file that is renamed over the target, as many editors do) to what
an HTTP client polling every 20 ms sees:

- first build: starting `serve` until the home page answers;
- edit: a jurisdiction's `summary:` rewritten with a unique token, until the
  token is in that jurisdiction's page;
- add: a copy of a country file under a new, unused ISO code (with its own
  name and alias, so it passes validation), until its page answers 200;
- delete: that file removed, until its page answers 404;
- invalid save: `last_reviewed:` made invalid, until `__atlas/errors.json`
  lists an error; fix: the file restored, until it lists none.

Every measure runs once as a warm-up and then N times (default 7). Between
saves the benchmark waits until the server is idle (no process of its own
building the downloads), so one save's work does not run into the next's.
The last column is what MkDocs itself reports for the rebuild(s) a save set
off ("Documentation built in ..."); the difference is change detection
(the data folder is polled every 0.1 s, then MkDocs waits 0.1 s for more
changes) and the HTTP round trip.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from benchmarks.bench_build import ENV, PY, project  # noqa: E402
from benchmarks.synthetic import write  # noqa: E402

BASE_PATH = "/peer-support-atlas/"  # the path of mkdocs.yml's site_url, where serve mounts the site
ERRORS = "__atlas/errors.json"
READY_TIMEOUT = 900.0  # the first build of a large folder on a busy machine
IDLE_TIMEOUT = 180.0
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")

# loopback only, and never through a proxy configured in the environment
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- HTTP --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float) -> tuple[int, bytes]:
    """(status, body); a request made during a rebuild is held by the server until the rebuild ends."""
    try:
        with OPENER.open(url, timeout=max(0.1, timeout)) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, b""


def poll(url: str, done, start: float, timeout: float, interval: float) -> float:
    """Seconds from ``start`` (monotonic) until ``done(status, body)``; every ``interval`` s, at most ``timeout`` s."""
    deadline = start + timeout
    while True:
        now = time.monotonic()
        status, body = fetch(url, deadline - now)
        if done(status, body):
            return time.monotonic() - start
        if time.monotonic() + interval > deadline:
            raise TimeoutError(f"{url}: not as expected after {timeout:.0f} s (last status {status})")
        time.sleep(interval)


# --- the server --------------------------------------------------------------------


class Server:
    def __init__(self, proj: Path, data: Path, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{BASE_PATH}"
        self.log_path = log
        self.log = log.open("wb")
        # the server's own temporary site folder goes inside ours, so nothing is left behind
        env = {**ENV, "TMPDIR": str(log.parent)}
        self.start = time.monotonic()
        self.proc = subprocess.Popen(
            [PY, "-m", "generator", "serve", "--data", str(data), "--config", "mkdocs.yml",
             "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=proj, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def url(self, rel: str) -> str:
        return self.base + rel

    def log_text(self, offset: int = 0) -> str:
        with self.log_path.open("rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def fail(self, message: str):
        raise SystemExit(f"{message}\n--- serve's log (end) ---\n{self.log_text()[-3000:]}")

    def wait_ready(self) -> float:
        deadline = self.start + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"serve exited with status {self.proc.returncode} before answering")
            status, _ = fetch(self.base, 5)
            if status == 200:
                return time.monotonic() - self.start
            time.sleep(0.05)
        self.fail(f"serve did not answer within {READY_TIMEOUT:.0f} s")

    def _descendants(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [], [self.proc.pid]
        while frontier:
            kids = [pid for pid, ppid in parents.items() if ppid in frontier]
            found += kids
            frontier = kids
        return found

    def _building_downloads(self) -> bool:
        # the plugin makes the downloads, API and map document in a spawned worker after a data change
        for pid in self._descendants():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:
                return True
        return False

    def wait_idle(self) -> None:
        if not Path("/proc").is_dir():
            time.sleep(3)
            return
        deadline = time.monotonic() + IDLE_TIMEOUT
        while self._building_downloads():
            if time.monotonic() > deadline:
                self.fail(f"serve still busy after {IDLE_TIMEOUT:.0f} s")
            time.sleep(0.05)
        time.sleep(0.3)  # the worker has exited; its files are being written

    def stop(self) -> None:
        try:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGINT)  # serve stops cleanly on Ctrl-C
                try:
                    self.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    pass
            # whatever it started (the downloads worker) is in the session it leads
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        finally:
            self.log.close()


# --- editing the data --------------------------------------------------------------


def save(path: Path, text: str, scratch: Path) -> float:
    """Write the whole file and rename it into place; the monotonic time at which the save returned."""
    tmp = scratch / f"save-{path.name}"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return time.monotonic()


def remove(path: Path) -> float:
    path.unlink()
    return time.monotonic()


def _key_block(key: str) -> re.Pattern:
    # a top-level key, its value and its continuation lines (indented, or an indentless `- ` list)
    return re.compile(rf"^{key}:[^\n]*\n(?:(?:[ \t]+|- )[^\n]*\n|[ \t]*\n(?=[ \t]))*", re.M)


def set_key(text: str, key: str, line: str, after: str) -> str:
    pattern = _key_block(key)
    if pattern.search(text):
        return pattern.sub(lambda _: line + "\n", text, count=1)
    at = _key_block(after).search(text)
    return text[:at.end()] + line + "\n" + text[at.end():]


def with_summary_token(text: str, token: str) -> str:
    """The file with ``token`` put at the start of its top-level summary, whatever the scalar's style."""
    m = re.search(r"^summary:[ \t]*([^\n]*)\n", text, re.M)
    if m is None:
        raise SystemExit("no top-level summary: in the edited file")
    value = m.group(1)
    if value == "" or value[0] in ">|":  # the text starts on the next line, after its indentation
        nxt = re.compile(r"[ \t]+").match(text, m.end())
        return text[:nxt.end()] + token + " " + text[nxt.end():]
    at = m.start(1) + (1 if value[0] in "\"'" else 0)
    return text[:at] + token + " " + text[at:]


def invalid(text: str) -> str:
    out, n = re.subn(r"^last_reviewed:[^\n]*$", "last_reviewed: not-a-date", text, count=1, flags=re.M)
    if n != 1:
        raise SystemExit("no top-level last_reviewed: in the edited file")
    return out


def copy_as(text: str, new_id: str) -> tuple[str, str]:
    """A country file's text under a new id, name and alias (names and aliases must be unique); and the name."""
    name = f"Benchmark Copy {new_id.upper()}"
    text = set_key(text, "id", f"id: {new_id}", after="id")
    text = set_key(text, "name", f"name: {name}", after="id")
    text = set_key(text, "aliases", f"aliases: [Benchmark alias {new_id}]", after="name")
    return text, name


def unused_country_codes(data: Path) -> list[str]:
    taken = {p.stem for p in data.glob("*.yml")}
    return sorted((c.alpha_2.lower() for c in pycountry.countries if c.alpha_2.lower() not in taken), reverse=True)


# --- one case ------------------------------------------------------------------------


def prepare(case: str, work: Path) -> tuple[str, Path]:
    data = work / "data"
    if case == "bundled":
        shutil.copytree(ROOT / "jurisdictions", data, ignore=shutil.ignore_patterns(".*"))
    else:
        write(int(case), data)
    return case, data


def measure(case: str, repeat: int, interval: float, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        work = Path(tmp)
        _, data = prepare(case, work)
        proj = project(work)
        scratch = work / "scratch"
        scratch.mkdir()
        files = sorted(data.glob("*.yml"))
        target = files[len(files) // 2]
        original = target.read_text(encoding="utf-8")
        country = next(p for p in files if not re.search(r"^parent:", p.read_text(encoding="utf-8"), re.M))
        country_text = country.read_text(encoding="utf-8")
        new_ids = unused_country_codes(data)[: repeat + 1]
        if len(new_ids) < repeat + 1:
            raise SystemExit("not enough unused ISO country codes for the add/delete measure")

        result: dict = {"case": case, "files": len(files), "target": target.stem, "copied": country.stem,
                        "times": {k: [] for k in ("edit", "add", "delete", "invalid", "fix")},
                        "builds": {k: [] for k in ("edit", "add", "delete", "invalid", "fix")}}
        server = Server(proj, data, work / "serve.log")
        try:
            result["first"] = server.wait_ready()
            page = server.url(f"atlas/{target.stem}/")
            errors_url = server.url(ERRORS)
            status, body = fetch(page, timeout)
            if status != 200:
                server.fail(f"{page}: status {status} after the first build")
            server.wait_idle()

            def errors_now() -> list:
                status, body = fetch(errors_url, timeout)
                return json.loads(body) if status == 200 else [f"status {status}"]

            if errors_now():
                server.fail(f"the data has errors before any change: {errors_now()}")

            def step(kind: str, i: int, action, url: str, done) -> None:
                offset = server.log_size()
                start = action()
                try:
                    seconds = poll(url, done, start, timeout, interval)
                except TimeoutError as exc:
                    server.fail(f"{kind} #{i}: {exc}; errors.json: {errors_now()}")
                server.wait_idle()
                if i > 0:  # the first of each is the warm-up
                    result["times"][kind].append(seconds)
                    result["builds"][kind].append([float(x) for x in BUILT.findall(server.log_text(offset))])

            for i in range(repeat + 1):
                token = f"benchtok{i:03d}{secrets.token_hex(4)}"
                step("edit", i, lambda: save(target, with_summary_token(original, token), scratch), page,
                     lambda s, b: s == 200 and token.encode() in b)

            for i, new_id in enumerate(new_ids):
                text, name = copy_as(country_text, new_id)
                new_path, new_page = data / f"{new_id}.yml", server.url(f"atlas/{new_id}/")
                step("add", i, lambda: save(new_path, text, scratch), new_page,
                     lambda s, b: s == 200 and name.encode() in b)
                step("delete", i, lambda: remove(new_path), new_page, lambda s, b: s == 404)

            def has_errors(status: int, body: bytes) -> bool:
                return status == 200 and bool(json.loads(body))

            def no_errors(status: int, body: bytes) -> bool:
                return status == 200 and json.loads(body) == []

            for i in range(repeat + 1):
                step("invalid", i, lambda: save(target, invalid(original), scratch), errors_url, has_errors)
                step("fix", i, lambda: save(target, original, scratch), errors_url, no_errors)
        finally:
            server.stop()
        return result


# --- report --------------------------------------------------------------------------

LABELS = {
    "edit": "edit `summary:` → token in the page",
    "add": "new file → its page answers 200",
    "delete": "file deleted → its page answers 404",
    "invalid": "invalid save → error in errors.json",
    "fix": "fix saved → errors.json empty",
}


def report(results: list[dict], repeat: int) -> None:
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"{repeat} runs of each measure after 1 warm-up; HTTP polled every 20 ms\n")
    print("| data | measure | runs | min s | median s | max s | MkDocs build s, median (builds per save) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        data = f"{r['case']} ({r['files']} files)" if r["case"] == "bundled" else f"synthetic {r['files']}"
        print(f"| {data} | first build: start → site answers | 1 | | {r['first']:.2f} | | |")
        for kind, label in LABELS.items():
            t = r["times"][kind]
            builds = r["builds"][kind]
            built = statistics.median(sum(b) for b in builds) if builds else float("nan")
            per_save = "/".join(sorted({str(len(b)) for b in builds}))
            print(f"| {data} | {label} | {len(t)} | {min(t):.2f} | {statistics.median(t):.2f} | {max(t):.2f} "
                  f"| {built:.2f} ({per_save}) |")
    print()
    for r in results:
        print(f"- {r['case']}: edited `{r['target']}.yml`; added copies of `{r['copied']}.yml`")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", default=["bundled", "300"], help="`bundled` or a number of synthetic files")
    parser.add_argument("--repeat", type=int, default=7, help="measured runs of each measure (default 7)")
    parser.add_argument("--interval", type=float, default=0.02, help="HTTP polling interval in s (default 0.02)")
    parser.add_argument("--timeout", type=float, default=30.0, help="s to wait for each change (default 30)")
    args = parser.parse_args(argv)
    for case in args.cases:
        if case != "bundled" and not case.isdigit():
            parser.error(f"{case!r}: give `bundled` or a number of files")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    results = []
    for case in args.cases:
        results.append(measure(case, args.repeat, args.interval, args.timeout))
        print(f"[{case} done]", file=sys.stderr, flush=True)
    report(results, args.repeat)


if __name__ == "__main__":
    main()
