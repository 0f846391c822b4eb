"""The emulator's state: every resource as a record in a table, plus the
request log and allocation counters.

All handlers run on the event loop's one thread and never await between
reading and writing the store, so a write is atomic for every other client:
no torn reads, no lost updates. A request that fault injection marks FAILED
runs inside a journal and is rolled back after its 202 echo is rendered.
"""

import copy
import heapq
import time
import uuid
from collections import OrderedDict
from datetime import datetime, timezone

from .errors import not_found


def now():
    return time.time()


def iso(t):
    return datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id():
    return str(uuid.uuid4())


class Res:
    """One API resource.

    ``props`` is the API's ``properties`` object as the client reads it;
    secrets and relations live in ``ext``, which is never rendered.
    ``timeline`` is a list of ``(until, state)``: the resource shows ``state``
    until that moment, then ``final_state``.
    """

    __slots__ = ("kind", "key", "id", "path", "props", "meta", "ext", "timeline", "final_state", "cache")

    def __init__(self, kind, rid, path, props, meta=None, ext=None, key=None, final_state="AVAILABLE"):
        self.kind = kind
        self.id = rid
        self.key = key if key is not None else rid
        self.path = path
        self.props = props
        self.meta = meta if meta is not None else {}
        self.ext = ext if ext is not None else {}
        self.timeline = []
        self.final_state = final_state
        self.cache = None

    def state(self, t):
        for until, state in self.timeline:
            if t < until:
                return state
        return self.final_state

    def settled(self, t):
        return not self.timeline or t >= self.timeline[-1][0]

    def clone(self):
        other = Res(self.kind, self.id, self.path, copy.deepcopy(self.props), copy.deepcopy(self.meta),
                    copy.deepcopy(self.ext), self.key, self.final_state)
        other.timeline = list(self.timeline)
        return other

    def dump(self):
        return {
            "kind": self.kind, "key": self.key, "id": self.id, "path": self.path, "props": self.props,
            "meta": self.meta, "ext": self.ext, "timeline": self.timeline, "final_state": self.final_state,
        }

    @classmethod
    def load(cls, data):
        res = cls(data["kind"], data["id"], data["path"], data["props"], data["meta"], data["ext"],
                  data["key"], data["final_state"])
        res.timeline = [tuple(x) for x in data["timeline"]]
        return res


class Store:
    def __init__(self):
        self.tables = {}
        self.requests = OrderedDict()
        self.counters = {}
        self.generation = 0
        self._removals = []
        # Work of requests not DONE yet: a heap of (due, sequence, name, args).
        self.deferred = []
        self._journal = None
        self._journaled = None

    # -- reading -------------------------------------------------------
    def table(self, kind):
        table = self.tables.get(kind)
        if table is None:
            table = self.tables[kind] = {}
        return table

    def find(self, kind, key):
        return self.table(kind).get(key)

    def get(self, kind, key, what=None):
        res = self.table(kind).get(key)
        if res is None:
            raise not_found(what)
        return res

    def all(self, kind):
        return list(self.table(kind).values())

    # -- writing -------------------------------------------------------
    def insert(self, res):
        if self._journal is not None:
            self._journal.append(("insert", res.kind, res.key, None))
        self.table(res.kind)[res.key] = res
        return res

    def modify(self, res):
        """Declare that ``res`` is about to change; returns it for chaining."""
        if self._journal is not None and (res.kind, res.key) not in self._journaled:
            self._journaled.add((res.kind, res.key))
            self._journal.append(("modify", res.kind, res.key, res.clone()))
        res.cache = None
        return res

    def remove(self, res):
        if self._journal is not None:
            self._journal.append(("remove", res.kind, res.key, res))
        self.table(res.kind).pop(res.key, None)

    def next_counter(self, name, start=1):
        value = self.counters.get(name, start)
        self.counters[name] = value + 1
        return value

    def schedule_removal(self, res, at):
        """Remove ``res`` at ``at`` (a Kubernetes resource that is DESTROYING)."""
        res.ext["gone_at"] = at
        heapq.heappush(self._removals, (at, res.kind, res.key))

    def sweep(self, t, cascades):
        """Apply removals that are due; ``cascades`` maps kind -> remover."""
        while self._removals and self._removals[0][0] <= t:
            due, kind, key = heapq.heappop(self._removals)
            res = self.find(kind, key)
            if res is not None and res.ext.get("gone_at") is not None and res.ext["gone_at"] <= t:
                cascades[kind](self, res)
                self.generation += 1

    def defer(self, due, name, args):
        """Do ``name(*args)`` (api.base.LATER) at ``due``."""
        heapq.heappush(self.deferred, (due, self.next_counter("deferred"), name, args))

    def due_work(self, t):
        """The deferred work whose time has come, in order, taken off the heap."""
        while self.deferred and self.deferred[0][0] <= t:
            yield heapq.heappop(self.deferred)

    # -- transactions --------------------------------------------------
    def begin(self):
        self._journal = []
        self._journaled = set()

    def rollback(self):
        for action, kind, key, old in reversed(self._journal or []):
            table = self.table(kind)
            if action == "insert":
                table.pop(key, None)
            else:
                old.cache = None
                table[key] = old
        self._journal = None
        self._journaled = None

    def commit(self):
        self._journal = None
        self._journaled = None
        self.generation += 1

    # -- persistence ---------------------------------------------------
    def dump(self):
        return {
            "version": 1,
            "counters": self.counters,
            "resources": [res.dump() for table in self.tables.values() for res in table.values()],
            "requests": list(self.requests.values()),
            "deferred": [list(item) for item in self.deferred],
        }

    def load(self, data):
        self.tables = {}
        self.counters = dict(data.get("counters", {}))
        for item in data.get("resources", []):
            res = Res.load(item)
            self.table(res.kind)[res.key] = res
            if res.ext.get("gone_at") is not None:
                heapq.heappush(self._removals, (res.ext["gone_at"], res.kind, res.key))
        self.requests = OrderedDict((r["id"], r) for r in data.get("requests", []))
        self.deferred = [tuple(item) for item in data.get("deferred", [])]
        heapq.heapify(self.deferred)
