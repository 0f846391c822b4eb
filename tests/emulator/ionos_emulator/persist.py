"""The optional state file: written atomically (temporary file, fsync,
rename) after every write and before the write is answered, so a restart, or
a crash after an answer, loses nothing. Writes that arrive together share one
flush (group commit)."""

import asyncio
import os
import tempfile

import orjson


def write_atomic(path, data):
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".state-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class Persister:
    def __init__(self, store, path):
        self.store = store
        self.path = path
        self.flushed = -1
        self._lock = None

    def load(self):
        """Load the state file; True when there was one."""
        if not self.path or not os.path.exists(self.path):
            return False
        with open(self.path, "rb") as fh:
            self.store.load(orjson.loads(fh.read()))
        self.flushed = self.store.generation
        return True

    def _snapshot(self):
        return self.store.generation, orjson.dumps(self.store.dump())

    async def sync(self):
        """Return once the state including every write so far is on disk."""
        if not self.path:
            return
        target = self.store.generation
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            if self.flushed >= target:
                return
            generation, data = self._snapshot()
            await asyncio.get_running_loop().run_in_executor(None, write_atomic, self.path, data)
            self.flushed = generation

    def flush_now(self):
        if self.path and self.flushed < self.store.generation:
            generation, data = self._snapshot()
            write_atomic(self.path, data)
            self.flushed = generation
