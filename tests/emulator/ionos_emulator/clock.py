"""The emulator's time: every request status, resource state, Kubernetes transition,
rate-limit bucket and timestamp reads it from one Clock.

A test that must see a state in between (a request QUEUED or RUNNING, a resource BUSY,
a cluster DEPLOYING or DESTROYING) freezes the clock: nothing in flight moves on, however
slow or busy the machine is, until the test advances it or lets it run again. Running
again, the clock takes up real time where it stands (never going back), so whatever
would have finished meanwhile is finished at once.

In-process tests can give the clock another ``source`` (a fake clock that their client's
sleeps advance), which makes waiting fully deterministic.
"""

import time


class Clock:
    def __init__(self, source=time.time):
        self.source = source
        # Running: source() + offset; frozen: frozen_at.
        self.offset = 0.0
        self.frozen_at = None

    def now(self):
        if self.frozen_at is not None:
            return self.frozen_at
        return self.source() + self.offset

    @property
    def frozen(self):
        return self.frozen_at is not None

    def freeze(self):
        if self.frozen_at is None:
            self.frozen_at = self.now()

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError("the clock only moves forward: 'advance' must not be negative")
        if self.frozen_at is not None:
            self.frozen_at += seconds
        else:
            self.offset += seconds

    def resume(self):
        """Run again from where the clock stands, or from real time if that is later."""
        if self.frozen_at is not None:
            self.offset = max(0.0, self.frozen_at - self.source())
            self.frozen_at = None

    def reset(self):
        """Running on the source's own time: for a fresh account, which holds nothing
        that going back in time could confuse."""
        self.offset = 0.0
        self.frozen_at = None

    def update(self, values):
        """PUT /_emulator/clock: ``frozen: true`` freezes, then ``advance`` moves it on,
        then ``frozen: false`` lets it run."""
        unknown = set(values) - {"frozen", "advance"}
        if unknown:
            raise ValueError(f"unknown clock setting(s) {', '.join(sorted(unknown))}; use 'frozen' and 'advance'")
        frozen = values.get("frozen")
        if frozen is not None and not isinstance(frozen, bool):
            raise ValueError("'frozen' is true or false")
        advance = values.get("advance", 0)
        if isinstance(advance, bool) or not isinstance(advance, (int, float)):
            raise ValueError("'advance' is a number of seconds")
        if advance < 0:
            raise ValueError("the clock only moves forward: 'advance' must not be negative")
        if frozen:
            self.freeze()
        self.advance(float(advance))
        if frozen is False:
            self.resume()

    def describe(self):
        return {"now": self.now(), "frozen": self.frozen, "ahead_of_real_time": round(self.now() - self.source(), 6)}
