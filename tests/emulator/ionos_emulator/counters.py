"""Call counters for benchmarks and tests: per method and spec path
template, per answer status, and per injected fault."""

from collections import Counter


class Counters:
    def __init__(self):
        self.reset()

    def reset(self):
        self.calls = Counter()
        self.statuses = Counter()
        self.faults = Counter()

    def call(self, method, template):
        self.calls[f"{method} {template}"] += 1

    def status(self, status):
        self.statuses[str(status)] += 1

    def fault(self, kind):
        self.faults[kind] += 1

    def refund(self, kind):
        self.faults[kind] -= 1
        if not self.faults[kind]:
            del self.faults[kind]

    def snapshot(self):
        writes = sum(n for key, n in self.calls.items() if not key.startswith("GET "))
        return {
            "total": sum(self.calls.values()),
            "reads": sum(self.calls.values()) - writes,
            "writes": writes,
            "calls": dict(sorted(self.calls.items())),
            "statuses": dict(sorted(self.statuses.items())),
            "faults": dict(sorted(self.faults.items())),
        }
