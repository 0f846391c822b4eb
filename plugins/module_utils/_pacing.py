# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ionos.enterprise contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pacing by the API's rate limit: slow down before the limit, not at it.

Every answer carries ``X-RateLimit-Limit`` (requests per minute on average),
``X-RateLimit-Burst`` and ``X-RateLimit-Remaining``. The budget they describe is the
account's: every fork of a play, every task and every other tool using the credential
spends it. A task is a process of its own, so what one task learns the others on this
machine read from a small state file: a token bucket that mirrors the headers. Every call
takes its turn there. A call that would leave less than its kind's reserve gets a later
turn and waits for it. Status polls keep the largest reserve, so they yield first. Other
reads keep less. Writes keep none: they wait only when nothing is left.

The same file keeps what the waiting learns about the account's requests (see
``remember``): whether they are done by the first poll.

Where the file cannot be used (another user owns it, no ``fcntl``), the bucket is kept in
the process only. What is written is not secret: a bucket's figures, under a name made from
a hash of the API URL and the credential.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import stat
import tempfile
import time

try:
    import fcntl
except ImportError:  # not on this platform: each process paces on its own
    fcntl = None

# The share of the burst each kind of call leaves for the others.
RESERVE = {"poll": 0.5, "read": 0.25, "write": 0.0}
# The emulator and an API without a limit announce a huge one: nothing to pace.
UNLIMITED = 100000
# A turn further away than this means the state is wrong, not the API busy.
MAX_TURN = 120.0
# Where the state files go; tests point it elsewhere.
DIRECTORY = None


def kind_of(method, url):
    if method != "GET":
        return "write"
    return "poll" if "/requests" in url else "read"


class Pacer:
    """One account's rate-limit budget, and hints, shared by the tasks on this machine.

    ``turn(kind)`` books a call and says how long to wait before sending it; ``learn()``
    takes in what an answer's headers say; ``remember()``/``recall()`` keep a hint (see
    _waiting). ``now`` must be a clock all processes share.
    """

    def __init__(self, account, directory=None, now=time.time):
        name = "ionos-enterprise-pace-%s.json" % hashlib.sha256(account.encode("utf-8")).hexdigest()[:16]
        self.path = os.path.join(directory or DIRECTORY or tempfile.gettempdir(), name) if fcntl else None
        self.now = now
        self.memory = {}  # the state, when no file can hold it

    def turn(self, kind):
        """Book one call of ``kind`` ("poll", "read" or "write"); the seconds to wait before it."""
        return self._update(lambda state: _in_bucket(state, _book, kind, self.now()))

    def learn(self, headers, sent_at):
        """Take in an answer's X-RateLimit headers; ``sent_at`` is when the call went out (on ``now``)."""
        figures = _figures(headers)
        if figures is not None:
            self._update(lambda state: _in_bucket(state, _learned, figures, sent_at, self.now()))

    def remember(self, name, value):
        """Keep a hint for the account's next tasks (written only when it changes)."""
        self._update(lambda state: (dict(state, **{name: value}), None))

    def recall(self, name):
        return self._update(lambda state: (state, state.get(name)))

    # -- the state, in a file when possible ---------------------------------------------

    def _update(self, change):
        """Apply ``change(state) -> (state, result)`` under the file's lock; return the result."""
        handle = self._open(create=False)
        if handle is None and self.path is not None and change({})[0] != {}:
            handle = self._open(create=True)  # only once there is something to keep
        if handle is None:
            self.memory, result = change(self.memory if self.path is None else {})
            return result
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            before = _parse(os.read(handle, 4096))
            after, result = change(before)
            if after != before:
                os.lseek(handle, 0, os.SEEK_SET)
                os.ftruncate(handle, 0)
                os.write(handle, json.dumps(after).encode("utf-8"))
            return result
        finally:
            os.close(handle)  # which also releases the lock

    def _open(self, create):
        if self.path is None:
            return None
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
        try:
            handle = os.open(self.path, flags, 0o600)
        except OSError:
            if not create and not os.path.lexists(self.path):
                return None  # not made yet
            return self._give_up()
        # A file someone else made could pace this account into the ground: ignore it.
        info = os.fstat(handle)
        if info.st_uid != os.geteuid() or not stat.S_ISREG(info.st_mode):
            os.close(handle)
            return self._give_up()
        return handle

    def _give_up(self):
        """Keep the bucket in this process from now on."""
        self.path = None
        return None


def _parse(raw):
    """The state a file holds: {"bucket": {...}, hints...}; {} for anything unreadable."""
    try:
        state = json.loads(raw.decode("utf-8"))
        if not isinstance(state, dict):
            return {}
        if "bucket" in state:
            state["bucket"] = dict((key, float(state["bucket"][key])) for key in ("tokens", "at", "burst", "per_second"))
        return state
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def _in_bucket(state, change, *args):
    """Apply ``change(bucket, *args) -> (bucket, result)`` to the state's bucket (None: there is none)."""
    bucket, result = change(state.get("bucket"), *args)
    changed = dict((key, value) for key, value in state.items() if key != "bucket")
    if bucket is not None:
        changed["bucket"] = bucket
    return changed, result


def _figures(headers):
    """(remaining, burst, per second) from an answer's headers, or None."""
    try:
        remaining = float(headers["X-RateLimit-Remaining"])
        burst = float(headers["X-RateLimit-Burst"])
        per_second = float(headers["X-RateLimit-Limit"]) / 60.0
    except (KeyError, TypeError, ValueError):
        return None
    if burst <= 0 or per_second <= 0:
        return None
    return remaining, burst, per_second


def _refilled(bucket, now):
    return min(bucket["burst"], bucket["tokens"] + max(0.0, now - bucket["at"]) * bucket["per_second"])


def _book(bucket, kind, now):
    if bucket is None or bucket["burst"] >= UNLIMITED:
        return bucket, 0.0  # nothing known yet, or nothing to pace
    # Turns are booked in advance: the bucket may go below zero, each booking then waits
    # its place in the queue, and no two calls are given the same moment.
    tokens = _refilled(bucket, now) - 1
    reserve = RESERVE[kind] * bucket["burst"]
    wait = 0.0 if tokens >= reserve else (reserve - tokens) / bucket["per_second"]
    return dict(bucket, tokens=tokens, at=now), min(wait, MAX_TURN)


def _learned(bucket, figures, sent_at, now):
    remaining, burst, per_second = figures
    if burst >= UNLIMITED:
        return None, None
    # What the API has left now: it counted this call somewhere between sending and now.
    left = min(burst, remaining + max(0.0, now - sent_at) * per_second)
    if bucket is None:
        return dict(tokens=left, at=now, burst=burst, per_second=per_second), None
    # The bucket here counts every call booked on this machine, sent or not, so it holds
    # no more than the API's. Holding more means someone else spends the budget too, or
    # the limit changed.
    if _refilled(bucket, now) <= left and (bucket["burst"], bucket["per_second"]) == (burst, per_second):
        return bucket, None
    return dict(tokens=min(left, _refilled(bucket, now)), at=now, burst=burst, per_second=per_second), None
