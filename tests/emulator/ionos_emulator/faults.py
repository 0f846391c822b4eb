"""Fault injection: rules that make chosen API calls fail, on dice with a seed.

A rule is a JSON object::

    {"kind": "503", "probability": 0.3, "path": "^/datacenters/[^/]+/servers$",
     "methods": ["POST"], "times": 2}

kind        429 | 500 | 502 | 503 | 504 | drop_before | drop_after | slow | failed
probability chance per matching call (default 1)
path        regular expression searched in the path below /cloudapi/v5 (default: all)
methods     list of methods, default every method
times       stop after this many injections (default: no limit)
agent       regular expression searched in the caller's User-Agent (default: every caller);
            e.g. "ionos-enterprise" hits the collection's modules but not a test's own checks
retry_after 429 only: the Retry-After value in seconds, or null for none (default 1)
delay       slow only: seconds the answer is held back after the work is done (default 5)
message     failed only: the request status message
html        502 and 504 only: the answer is a gateway's HTML page, not the API's JSON error
            (as a proxy in front of the real API may send; wire reference section 7b)

``drop_before`` closes the connection before the call has any effect,
``drop_after`` after the write took effect; ``failed`` answers 202 and lets
the request end FAILED with nothing changed (tracked writes only).
"""

import random
import re
import threading

KINDS = ("429", "500", "502", "503", "504", "drop_before", "drop_after", "slow", "failed")


class Rule:
    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError("a fault rule must be an object")
        unknown = set(spec) - {"kind", "probability", "path", "methods", "times", "retry_after", "delay", "message",
                               "agent", "html"}
        if unknown:
            raise ValueError(f"unknown fault rule keys: {', '.join(sorted(unknown))}")
        self.kind = str(spec.get("kind"))
        if self.kind not in KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(KINDS)}, got {spec.get('kind')!r}")
        self.probability = float(spec.get("probability", 1.0))
        if not 0 <= self.probability <= 1:
            raise ValueError("probability must be between 0 and 1")
        self.path_text = spec.get("path") or ""
        self.path = re.compile(self.path_text)
        self.methods = [m.upper() for m in spec.get("methods") or []]
        self.agent_text = spec.get("agent") or ""
        self.agent = re.compile(self.agent_text)
        self.times = spec.get("times")
        self.retry_after = spec.get("retry_after", 1)
        self.delay = float(spec.get("delay", 5.0))
        self.message = spec.get("message") or "Request failed: provisioning error injected by the emulator"
        self.html = bool(spec.get("html")) and self.kind in ("502", "504")
        self.injected = 0
        # failed only: the ids of the requests it made end FAILED, for a test to look for
        self.requests = []

    def applies(self, method, path, tracked_write, agent=""):
        if self.times is not None and self.injected >= self.times:
            return False
        if self.agent_text and not self.agent.search(agent):
            return False
        if self.methods and method not in self.methods:
            return False
        if self.kind == "failed" and not tracked_write:
            return False
        return bool(self.path.search(path))

    def describe(self):
        return {"kind": self.kind, "probability": self.probability, "path": self.path_text,
                "methods": self.methods, "agent": self.agent_text, "times": self.times, "retry_after": self.retry_after,
                "delay": self.delay, "html": self.html, "injected": self.injected, "requests": list(self.requests)}


class Faults:
    def __init__(self, seed=0, rules=()):
        self._lock = threading.Lock()
        self.configure(rules, seed)

    def configure(self, rules, seed=None):
        parsed = [Rule(r) for r in rules]
        with self._lock:
            self.rules = parsed
            if seed is not None:
                self.seed = seed
            self.rng = random.Random(self.seed)

    def pick(self, method, path, tracked_write, agent=""):
        """The fault to inject into this call, or None."""
        with self._lock:
            for rule in self.rules:
                if rule.applies(method, path, tracked_write, agent) and self.rng.random() < rule.probability:
                    rule.injected += 1
                    return rule
        return None

    def refund(self, rule):
        """Give back an injection that had no effect (the call was rejected)."""
        with self._lock:
            rule.injected = max(0, rule.injected - 1)

    def describe(self):
        return {"seed": self.seed, "rules": [r.describe() for r in self.rules]}
