"""`make bench` (emulator part): how fast the emulator seeds a large fleet
and answers the inventory's one big read. Writes docs/benchmarks.md."""

import os
import statistics
import sys
import time

import requests

from ionos_emulator.serve import Embedded
from ionos_emulator.settings import Settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchmarks_doc import replace_section  # noqa: E402  (tests/: shared by the three benchmarks)

RUNS = 5


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main(datacenters=100, servers=20):
    settings = Settings(port=0)
    emulator = Embedded(settings)
    session = requests.Session()
    session.auth = (settings.username, settings.password)
    try:
        seed_seconds, seed_response = timed(lambda: session.post(f"{emulator.root}/_emulator/seed", timeout=600,
                                                                 json={"datacenters": datacenters, "servers": servers}))
        rows = []
        for label, query in (("pretty (the API's default)", "depth=5"), ("pretty=false", "depth=5&pretty=false")):
            times, size = [], 0
            for unused in range(RUNS):
                seconds, response = timed(lambda: session.get(f"{emulator.url}/datacenters?{query}", timeout=600))
                assert response.status_code == 200
                times.append(seconds)
                size = len(response.content)
            rows.append((label, statistics.median(times), min(times), max(times), size))
        body = session.get(f"{emulator.url}/datacenters?depth=5&pretty=false", timeout=600).json()
        counted = sum(len(d["entities"]["servers"]["items"]) for d in body["items"])
        assert counted == datacenters * servers, counted
    finally:
        emulator.stop()
    lines = [
        "## Emulator", "",
        f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}. Command: `make bench`.", "",
        f"Fleet: {datacenters} datacenters x {servers} servers, each server with 2 NICs (public and private LAN) "
        f"and 2 volumes, seeded through the composite create in {seed_seconds:.2f} s.", "",
        f"`GET /datacenters?depth=5` (every datacenter with its servers, NICs, volumes and LANs), "
        f"median of {RUNS} runs, client included:", "",
        "| answer | median s | min s | max s | body MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, median, low, high, size in rows:
        lines.append(f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | {size / 1e6:.1f} |")
    text = "\n".join(lines) + "\n"
    replace_section(text)
    print(text)


if __name__ == "__main__":
    main()
