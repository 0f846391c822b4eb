"""Run the integration targets with ansible-test against a fresh emulator.

    tests/run_integration.py [--collection-root DIR] [--config FILE] [TARGET ...] [-- ANSIBLE-TEST-ARGS]

The Makefile's ``test-integration`` first copies the collection to
.cache/ansible-test/ansible_collections/ionos/enterprise (``tests/harness.py copy``),
then calls this script, which

1. starts the emulator (``python -m ionos_emulator --port 0``) on a free port, with its
   log in tests/output/emulator.log of that copy,
2. writes tests/integration/integration_config.yml there (``ionos_api_url``,
   ``ionos_username``, ``ionos_password``, ``ionos_emulator_url``),
3. runs ``ansible-test integration --local --python <this Python> --color no`` over the targets
   (all of tests/integration/targets/ unless some are named), with HOME in the copy's
   tests/output/home (``home_of``: nothing a tool keeps per user is shared with another
   shard or touches the user's HOME), the emulator's clock running and its delays at 0
   before each target (``fresh_start``),
4. stops the emulator, also when the tests fail, and exits with ansible-test's status.

``--jobs N`` runs N workers at once, each in a copy of the collection next to the first
(``...-shard1`` and so on) with an emulator of its own, taking one target at a time (the
likely slowest first) until none is left; the secrets scan covers every copy's output.
``--faults mixed`` (or a JSON list of the emulator's fault rules) has every emulator inject
faults into the collection's own calls, not the targets' checks; ``mixed`` is every kind a
retry makes safe, each on a small share of calls. With a ``slow`` rule the targets' modules
get an ``api_timeout`` shorter than its delay (``ionos_api_timeout`` in the config), so the
slow answers time out. ``--min-faults N`` fails the run when a rule was injected fewer than
N times over all workers, which proves the suite really ran under each kind.
``--failed-requests`` runs each target with one of its writes' requests ending FAILED (a
``failed`` rule, once per target, on dice seeded by the target's name). A target may then
fail, but only with a message naming that request's id; it must then pass when run again
without faults. A target that fails otherwise fails the run.
``--config FILE`` uses that integration config instead and starts no emulator: see
tests/integration/integration_config.yml.template for the real cloud.

``--scan-secrets`` runs ansible-test with ``-vvv``, keeps its whole output in
tests/output/integration-vvv.log of the copy (the console gets each target's start and
every failure), keeps what targets would delete in tests/output/kept (``ionos_keep_dir``
in the config: the inventory cache of inventory_ionos), and afterwards searches that log
and every file under tests/output for
each secret the emulator was sent or issued (GET /_emulator/secrets: the API password and
token, user, backup unit and image passwords, S3 secret keys). A secret found fails the run.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zlib

from homes import with_own_home

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_COPY = os.path.join(ROOT, ".cache", "ansible-test", "ansible_collections", "ionos", "enterprise")
EMULATOR_PATH = os.path.join(ROOT, "tests", "emulator")
USERNAME = "emulator@example.com"
PASSWORD = "emulator-password"
LISTENING = re.compile(r"listening on (http://\S+?)(/cloudapi/v5)\b")
START_TIMEOUT = 30


class Emulator:
    """The emulator as a child process; ``root`` is its server root, ``api`` its API base."""

    def __init__(self, log_path):
        self.log_path = log_path
        self.process = None
        self.root = self.api = None

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IONOS_", "EMULATOR_"))}
        env.update(PYTHONPATH=EMULATOR_PATH, PYTHONUNBUFFERED="1", IONOS_USERNAME=USERNAME, IONOS_PASSWORD=PASSWORD)
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        # pylint: disable-next=consider-using-with
        log = open(self.log_path, "w", encoding="utf-8")
        # pylint: disable-next=consider-using-with
        self.process = subprocess.Popen([sys.executable, "-m", "ionos_emulator", "--host", "127.0.0.1", "--port", "0"],
                                        stdout=subprocess.PIPE, stderr=log, env=env, text=True,
                                        start_new_session=True)
        lines = queue.Queue()

        def pump():
            for line in self.process.stdout:
                log.write(line)
                log.flush()
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, name="emulator-stdout", daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            match = LISTENING.search(line or "")
            if match:
                self.root, self.api = match.group(1), match.group(1) + match.group(2)
                print(line.strip(), flush=True)
                return
            if line is None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the emulator did not start; its log:\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, encoding="utf-8") as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError as exc:
            return str(exc)


def write_config(path, values):
    """integration_config.yml: JSON strings are YAML strings."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("# Written by tests/run_integration.py for this run.\n---\n")
        for key, value in values.items():
            handle.write(f"{key}: {json.dumps(value)}\n")


def home_of(collection):
    """The HOME that ansible-test and everything it starts get in ``collection``'s tree
    (tests/homes.py says why): parallel shards share nothing a tool makes once per user.
    It lies in tests/output, which the secrets scan searches too."""
    return os.path.join(collection, "tests", "output", "home")


# The Python running this script (and its ansible-core): 3.11 with requirements-dev.txt,
# another in tests/matrix.py's environments.
PYTHON_VERSION = "%d.%d" % sys.version_info[:2]


def ansible_test_env(collection):
    env = with_own_home({k: v for k, v in os.environ.items() if not k.startswith("IONOS_")}, home_of(collection))
    # ansible-test --local --python X.Y looks for pythonX.Y on PATH: this interpreter's first.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def ansible_test(collection, targets, extra, log_path=None, label="", started=None):
    """Run ansible-test integration; with ``log_path`` its output is appended there and the
    console shows only each target's start (with the minutes and seconds since ``started``)
    and the failures, each line after ``label``."""
    env = ansible_test_env(collection)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-test"), "integration",
               "--local", "--python", PYTHON_VERSION, "--color", "no", *extra, *targets]
    if log_path is None:
        print("+ " + " ".join(command), flush=True)
        return subprocess.run(command, cwd=collection, env=env, check=False).returncode
    if not os.path.exists(log_path):  # the first of a worker's runs: say where its output goes
        print(f"{label}+ " + " ".join(command), flush=True)
        print(f"{label}(the whole output, and that of the next targets: {log_path})", flush=True)
    started = started or time.monotonic()
    with open(log_path, "a", encoding="utf-8") as log:
        # pylint: disable-next=consider-using-with
        process = subprocess.Popen(command, cwd=collection, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace")
        for line in process.stdout:
            log.write(line)
            if SHOWN.search(line):
                minutes, seconds = divmod(int(time.monotonic() - started), 60)
                print(f"{label}[{minutes:02d}:{seconds:02d}] {line.rstrip()[:2000]}", flush=True)
        status = process.wait()
    if status:
        with open(log_path, encoding="utf-8", errors="replace") as log:
            print(f"{label}last lines of {log_path}:\n" + "".join(log.readlines()[-150:]), file=sys.stderr)
    return status


# Every kind of fault a retry makes safe, each on about 1 in 170 of the collection's calls
# (about 3,200 in the suite): each kind lands about 20 times, and 6 faults in a row (what
# exhausts the default 5 retries) stay unlikely (5.4 % of calls faulted: 2.5e-8 per call). A
# slow answer costs a whole api_timeout, so there are at most 4 per worker.
MIXED_FAULTS = [
    {"kind": "429", "probability": 0.006, "retry_after": 1},
    {"kind": "429", "probability": 0.006, "retry_after": None},
    {"kind": "500", "probability": 0.006},
    {"kind": "502", "probability": 0.006},
    {"kind": "503", "probability": 0.006},
    {"kind": "504", "probability": 0.006},
    {"kind": "drop_before", "probability": 0.006},
    {"kind": "drop_after", "probability": 0.006},
    {"kind": "slow", "probability": 0.006, "delay": 4, "times": 4},
]


# --failed-requests: the first tracked write the dice pick (about 1 in 3) ends FAILED.
FAILED_RULE = {"kind": "failed", "probability": 0.3, "times": 1, "agent": "ionos-enterprise"}


def emulator_control(emulator, path, body=None):
    """GET (or with ``body``, PUT) /_emulator/<path>; the emulator's answer."""
    if body is None:
        request = urllib.request.Request(f"{emulator.root}/_emulator/{path}")
    else:
        request = urllib.request.Request(f"{emulator.root}/_emulator/{path}", method="PUT",
                                         data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def emulator_faults(emulator, rules=None, seed=1):
    """Set the emulator's fault rules (with ``rules``), and return them as it describes them."""
    return emulator_control(emulator, "faults", None if rules is None else {"rules": rules, "seed": seed})["rules"]


def fresh_start(emulator):
    """What a target may have left set when it failed half-way (a clock standing still,
    delays) does not follow the next target into the same emulator."""
    emulator_control(emulator, "clock", {"frozen": False})
    emulator_control(emulator, "config", {"provisioning_delay": 0, "k8s_delay": None})


def fault_rules(text):
    """The rules of ``--faults``: ``mixed`` or a JSON list; each limited to the collection's calls."""
    rules = MIXED_FAULTS if text == "mixed" else json.loads(text)
    return [dict(rule, agent=rule.get("agent") or "ionos-enterprise") for rule in rules]


def api_timeout_for(rules):
    """An api_timeout that the slowest ``slow`` rule's answers exceed, or None without one."""
    delays = [float(rule.get("delay", 5)) for rule in rules if rule["kind"] == "slow"]
    return max(1, int(min(delays)) - 1) if delays else None


def describe_rule(rule):
    if rule["kind"] == "429":
        return "429 " + ("with Retry-After %s s" % rule["retry_after"] if rule.get("retry_after") else "without Retry-After")
    if rule["kind"] == "slow":
        return "slow (%s s)" % rule.get("delay")
    return rule["kind"]


def report_faults(rules, runs, minimum):
    """Print how often each rule was injected over all workers; 1 when one fell short of ``minimum``."""
    status = 0
    counts = [sum(run.injected[index] for run in runs if run.injected) for index in range(len(rules))]
    print("faults injected: " + ", ".join(
        "%s %d" % (describe_rule(rule), count) for rule, count in zip(rules, counts)), flush=True)
    for rule, count in zip(rules, counts):
        if count < minimum:
            print(f"FAULTS: {describe_rule(rule)} was injected {count} times, fewer than --min-faults {minimum}",
                  file=sys.stderr)
            status = 1
    return status


# The lines of a -vvv run the console shows: the targets, and what failed.
SHOWN = re.compile(r"^Running \S+ integration test|^\S+\s+: ok=\d+ +changed=|^ERROR|^FATAL")
# Shorter secrets would match by chance; the tests use longer ones.
MIN_SCANNED = 8


def secrets_of(emulator):
    with urllib.request.urlopen(emulator.root + "/_emulator/secrets", timeout=30) as answer:
        secrets = json.loads(answer.read())["secrets"]
    secrets.append(base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode())
    return [secret for secret in secrets if len(secret) >= MIN_SCANNED]


def scan_secrets(secrets, roots):
    """(files searched, [(file, line number, masked secret)] where a secret appears)."""
    found = []
    searched = 0
    encoded = [(secret, secret.encode()) for secret in secrets]
    for root in roots:
        paths = [root] if os.path.isfile(root) else [
            os.path.join(folder, name) for folder, unused, names in os.walk(root) for name in names]
        for path in paths:
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            searched += 1
            for secret, raw in encoded:
                if raw in data:
                    line = data[:data.index(raw)].count(b"\n") + 1
                    found.append((path, line, secret[:2] + "*" * 6))
    return searched, found


def report_leaks(secrets, roots):
    searched, leaks = scan_secrets(secrets, roots)
    for path, line, masked in leaks:
        print(f"SECRET LEAKED: {masked} in {path}:{line}", file=sys.stderr)
    print(f"secrets: {len(secrets)} passwords and keys searched for in {searched} files (the -vvv output and"
          f" tests/output): {len(leaks)} found", flush=True)
    return 1 if leaks else 0


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--collection-root", default=DEFAULT_COPY,
                        help="the copied collection ansible-test runs in (default: %(default)s)")
    parser.add_argument("--config", help="an integration_config.yml to use instead of a started emulator")
    parser.add_argument("--scan-secrets", action="store_true",
                        help="run with -vvv, keep the output, fail if any secret appears in it or in tests/output")
    parser.add_argument("--jobs", type=int, default=1,
                        help="run the targets with this many workers at once, each in its own copy of the collection"
                             " with its own emulator (default: %(default)s)")
    parser.add_argument("--faults", metavar="mixed|JSON",
                        help="fault rules the emulator applies to the collection's own calls (User-Agent"
                             " ionos-enterprise), not to the targets' checks: 'mixed' (every kind a retry makes safe)"
                             " or a JSON list (see tests/emulator/ionos_emulator/faults.py); the targets then skip"
                             " their API call counts")
    parser.add_argument("--fault-seed", type=int, default=1, metavar="N",
                        help="the seed of the emulators' fault dice (default: %(default)s; worker i adds i)")
    parser.add_argument("--failed-requests", action="store_true",
                        help="run each target with one request of its writes ending FAILED: it must pass, or fail"
                             " naming that request and pass a clean re-run (implies --scan-secrets)")
    parser.add_argument("--min-faults", type=int, default=0, metavar="N",
                        help="fail unless each fault rule was injected at least N times over all workers")
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    args = parser.parse_args(argv)
    if args.failed_requests:
        # Each target alone (its failure must name its own request), its output kept to look in.
        args.scan_secrets = True

    collection = os.path.abspath(args.collection_root)
    if not os.path.isdir(os.path.join(collection, "tests", "integration", "targets")):
        print(f"no tests/integration/targets in {collection}: run `make test-integration`", file=sys.stderr)
        return 2
    config_path = os.path.join(collection, "tests", "integration", "integration_config.yml")
    if args.config:
        with open(args.config, encoding="utf-8") as src, open(config_path, "w", encoding="utf-8") as dst:
            dst.write(src.read())
        print(f"using {args.config}; no emulator started", flush=True)
        return ansible_test(collection, args.targets, extra)

    if args.jobs > 1 or args.failed_requests:
        work = queue.Queue()
        for target in longest_first(collection, args.targets or runnable_targets(collection)):
            work.put([target])
        jobs = min(args.jobs, work.qsize())
        collections = [collection] + [shard_copy(collection, index) for index in range(1, jobs)]
    else:
        work, collections = queue.Queue(), [collection]
        work.put(args.targets)
    started = time.monotonic()
    faults = fault_rules(args.faults) if args.faults else []
    runs = [EmulatorRun(root, work, extra, args.scan_secrets, f"[{index + 1}/{len(collections)}] " if len(collections) > 1 else "",
                        started, faults, args.fault_seed + index, args.failed_requests)
            for index, root in enumerate(collections)]
    threads = [threading.Thread(target=run.run, name=run.label) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    status = max(run.status for run in runs)
    if args.scan_secrets:
        # Every shard's output is searched for every shard's secrets.
        secrets = sorted({secret for run in runs for secret in run.secrets})
        status = report_leaks(secrets, [os.path.join(root, "tests", "output") for root in collections]) or status
    if faults:
        status = report_faults(faults, runs, args.min_faults) or status
    if args.failed_requests:
        outcomes = [outcome for run in runs for outcome in run.outcomes]
        print("failed requests: %d targets; %d failed naming their FAILED request and passed a clean re-run, %d passed"
              " with one, %d made no write the dice picked, %d did not behave"
              % (len(outcomes), outcomes.count("named"), outcomes.count("passed"), outcomes.count("none"),
                 outcomes.count("bad")), flush=True)
    return status


class EmulatorRun:
    """ansible-test against an emulator of its own, in one collection copy, over each list of
    targets it takes from ``work`` until none is left."""

    def __init__(self, collection, work, extra, scan_secrets, label, started, faults=(), seed=1,
                 failed_requests=False):
        self.collection, self.work, self.extra = collection, work, extra
        self.scan_secrets, self.label, self.started, self.faults = scan_secrets, label, started, list(faults)
        self.seed, self.failed_requests = seed, failed_requests
        # --failed-requests: per target "named", "passed", "none" or "bad"
        self.outcomes = []
        self.status, self.secrets, self.injected = 1, [], []

    def targets(self):
        while True:
            try:
                yield self.work.get_nowait()
            except queue.Empty:
                return

    def run(self):
        output = os.path.join(self.collection, "tests", "output")
        emulator = Emulator(os.path.join(output, "emulator.log"))
        try:
            emulator.start()
            api_timeout = api_timeout_for(self.faults)
            write_config(os.path.join(self.collection, "tests", "integration", "integration_config.yml"), {
                "ionos_api_url": emulator.api,
                "ionos_username": USERNAME,
                "ionos_password": PASSWORD,
                "ionos_emulator_url": emulator.root,
                # Where targets keep what they would otherwise delete (the inventory cache).
                **({"ionos_keep_dir": os.path.join(output, "kept")} if self.scan_secrets else {}),
                # Retries make call counts vary: setup_ionos_calls skips them under faults.
                **({"ionos_faults": True} if self.faults else {}),
                # The targets' modules give up on an answer sooner than a slow fault gives it.
                **({"ionos_api_timeout": api_timeout} if api_timeout else {}),
            })
            if self.faults:
                emulator_faults(emulator, self.faults, self.seed)
                print(f"{self.label}faults on: {json.dumps(self.faults)}", flush=True)
            log_path = os.path.join(output, "integration-vvv.log")
            if os.path.exists(log_path):
                os.remove(log_path)
            shutil.rmtree(os.path.join(output, "kept"), ignore_errors=True)
            # ansible-test's working copies of the targets (with the run's integration_config.yml,
            # the API password in it); a run that was killed leaves them behind, and the scan
            # would find a past run's password there.
            shutil.rmtree(os.path.join(output, ".tmp", "integration"), ignore_errors=True)
            self.status = 0
            for targets in self.targets():
                fresh_start(emulator)
                if self.failed_requests:
                    status = self.with_a_failed_request(emulator, targets[0], log_path)
                elif self.scan_secrets:
                    status = ansible_test(self.collection, targets, ["-vvv", *self.extra], log_path=log_path,
                                          label=self.label, started=self.started)
                else:
                    status = ansible_test(self.collection, targets, self.extra)
                self.status = max(self.status, status)
            if self.scan_secrets:
                self.secrets = secrets_of(emulator)
            if self.faults:
                self.injected = [rule["injected"] for rule in emulator_faults(emulator)]
        except Exception as exc:  # pylint: disable=broad-exception-caught  # any error of a worker fails the run
            print(f"{self.label}test-integration: {exc!r}", file=sys.stderr)
            self.status = 1
        finally:
            emulator.stop()
        if self.status:
            print(f"\n{self.label}ansible-test integration failed (status {self.status}); emulator log "
                  f"{emulator.log_path}, last lines:\n{emulator.log_tail()}", file=sys.stderr)

    def with_a_failed_request(self, emulator, target, log_path):
        """``target`` with one of its writes' requests ending FAILED: it passes, or it fails with a
        message naming that request and then passes without faults. Returns its status."""
        emulator_faults(emulator, [FAILED_RULE], zlib.crc32(target.encode()))
        start = os.path.getsize(log_path) if os.path.exists(log_path) else 0
        status = ansible_test(self.collection, [target], ["-vvv", *self.extra], log_path=log_path,
                              label=self.label, started=self.started)
        failed = emulator_faults(emulator)[0]["requests"]
        emulator_faults(emulator, [])
        if status == 0:
            self.outcomes.append("passed" if failed else "none")
            return 0
        with open(log_path, encoding="utf-8", errors="replace") as log:
            log.seek(start)
            said = [line for line in log if '"msg":' in line or "Task failed" in line]
        named = [rid for rid in failed if any(rid in line for line in said)]
        if not named:
            self.outcomes.append("bad")
            print(f"{self.label}FAILED REQUESTS: {target} failed without naming a FAILED request (injected:"
                  f" {', '.join(failed) or 'none'})", file=sys.stderr)
            return status
        print(f"{self.label}{target} failed naming FAILED request {named[0]}; running it again without faults",
              flush=True)
        status = ansible_test(self.collection, [target], ["-vvv", *self.extra], log_path=log_path,
                              label=self.label, started=self.started)
        self.outcomes.append("bad" if status else "named")
        return status


def runnable_targets(collection):
    """The targets ansible-test runs when none are named: all but the hidden and disabled."""
    root = os.path.join(collection, "tests", "integration", "targets")
    names = []
    for name in sorted(os.listdir(root)):
        try:
            with open(os.path.join(root, name, "aliases"), encoding="utf-8") as handle:
                aliases = {line.split("#")[0].strip() for line in handle}
        except FileNotFoundError:
            aliases = set()
        if not aliases & {"hidden", "disabled", "unsupported"}:
            names.append(name)
    return names


def longest_first(collection, targets):
    """The targets, the likely slowest first, so that parallel workers end together: a
    target's size (its files' bytes) stands for its number of tasks, and the Kubernetes
    targets, which wait for clusters and pools, count double."""
    root = os.path.join(collection, "tests", "integration", "targets")

    def weight(target):
        size = sum(os.path.getsize(os.path.join(folder, name))
                   for folder, unused, names in os.walk(os.path.join(root, target)) for name in names)
        return size * (2 if "k8s" in target else 1)
    return sorted(targets, key=weight, reverse=True)


def shard_copy_path(collection, index):
    base = os.path.dirname(os.path.dirname(os.path.dirname(collection)))
    return os.path.join(f"{base}-shard{index}", "ansible_collections", "ionos", "enterprise")


def shard_copy(collection, index):
    """A copy of the collection for shard ``index``: ansible-test runs one target at a time
    per tree (its tests/output is shared), so parallel shards need trees of their own."""
    dest = shard_copy_path(collection, index)
    if os.path.lexists(dest):
        shutil.rmtree(dest)
    shutil.copytree(collection, dest, symlinks=True,
                    ignore=lambda folder, names: ["output"] if os.path.samefile(folder, os.path.join(collection, "tests")) else [])
    return dest


if __name__ == "__main__":
    sys.exit(main())
