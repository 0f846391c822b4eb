"""Run the integration targets with ansible-test against a fresh emulator.

    tests/run_integration.py [--collection-root DIR] [--config FILE] [TARGET ...] [-- ANSIBLE-TEST-ARGS]

The Makefile's ``test-integration`` first copies the collection to
.cache/ansible-test/ansible_collections/ionos/enterprise (``tests/harness.py copy``),
then calls this script, which

1. starts the emulator (``python -m ionos_emulator --port 0``) on a free port, with its
   log in tests/output/emulator.log of that copy,
2. writes tests/integration/integration_config.yml there (``ionos_api_url``,
   ``ionos_username``, ``ionos_password``, ``ionos_emulator_url``),
3. runs ``ansible-test integration --local --python 3.11 --color no`` over the targets
   (all of tests/integration/targets/ unless some are named),
4. stops the emulator, also when the tests fail, and exits with ansible-test's status.

``--config FILE`` uses that integration config instead and starts no emulator: see
tests/integration/integration_config.yml.template for the real cloud.

``--scan-secrets`` runs ansible-test with ``-vvv``, keeps its whole output in
tests/output/integration-vvv.log of the copy (the console gets each target's start and
every failure), and afterwards searches that log and every file under tests/output for
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
import signal
import subprocess
import sys
import threading
import time
import urllib.request

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


def ansible_test(collection, targets, extra, log_path=None):
    """Run ansible-test integration; with ``log_path`` its output goes there and the
    console shows only each target's start and the failures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IONOS_")}
    # ansible-test --local --python 3.11 looks for python3.11 on PATH: this interpreter's first.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-test"), "integration",
               "--local", "--python", "3.11", "--color", "no", *extra, *targets]
    print("+ " + " ".join(command), flush=True)
    if log_path is None:
        return subprocess.run(command, cwd=collection, env=env, check=False).returncode
    print(f"(the whole output: {log_path})", flush=True)
    with open(log_path, "w", encoding="utf-8") as log:
        # pylint: disable-next=consider-using-with
        process = subprocess.Popen(command, cwd=collection, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace")
        for line in process.stdout:
            log.write(line)
            if SHOWN.search(line):
                print(line.rstrip()[:2000], flush=True)
        status = process.wait()
    if status:
        with open(log_path, encoding="utf-8", errors="replace") as log:
            print("".join(log.readlines()[-150:]), file=sys.stderr)
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
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    args = parser.parse_args(argv)

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

    emulator = Emulator(os.path.join(collection, "tests", "output", "emulator.log"))
    try:
        emulator.start()
        write_config(config_path, {
            "ionos_api_url": emulator.api,
            "ionos_username": USERNAME,
            "ionos_password": PASSWORD,
            "ionos_emulator_url": emulator.root,
        })
        if args.scan_secrets:
            output = os.path.join(collection, "tests", "output")
            status = ansible_test(collection, args.targets, ["-vvv", *extra],
                                  log_path=os.path.join(output, "integration-vvv.log"))
            status = report_leaks(secrets_of(emulator), [output]) or status
        else:
            status = ansible_test(collection, args.targets, extra)
    except (RuntimeError, OSError) as exc:
        print(f"test-integration: {exc}", file=sys.stderr)
        status = 1
    finally:
        emulator.stop()
    if status:
        print(f"\nansible-test integration failed (status {status}); emulator log {emulator.log_path}, "
              f"last lines:\n{emulator.log_tail()}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
