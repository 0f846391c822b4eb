"""Running the emulator: in the foreground (``python -m ionos_emulator``) or
in a background thread of a test process (``start_in_thread``)."""

import asyncio
import logging
import signal
import socket
import threading

from aiohttp import web

from .app import Emulator, build_app
from .settings import API_PREFIX


async def _start(emu):
    app = build_app(emu)
    runner = web.AppRunner(app, access_log=logging.getLogger("aiohttp.access") if emu.settings.access_log else None,
                           handle_signals=False)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((emu.settings.host, emu.settings.port))
    sock.listen(1024)
    port = sock.getsockname()[1]
    emu.settings.port = port
    emu.set_base(emu.settings.host, port)
    site = web.SockSite(runner, sock, backlog=1024)
    await site.start()
    return runner


def main_loop(settings):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    emu = Emulator(settings)

    async def run():
        runner = await _start(emu)
        print(f"IONOS Cloud API v5 emulator listening on http://{settings.host}:{settings.port}{API_PREFIX} "
              f"(user {settings.username}; controls under http://{settings.host}:{settings.port}/_emulator/)",
              flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        await runner.cleanup()
        emu.persister.flush_now()

    asyncio.run(run())


class Embedded:
    """An emulator on its own event loop thread; ``url`` is its API base."""

    def __init__(self, settings, observer=None):
        self.settings = settings
        self.emu = Emulator(settings, observer)
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ionos-emulator", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        self.url = f"http://{settings.host}:{settings.port}{API_PREFIX}"
        self.root = f"http://{settings.host}:{settings.port}"

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.runner = self.loop.run_until_complete(_start(self.emu))
        self._ready.set()
        self.loop.run_forever()

    def call(self, fn, *args):
        """Run ``fn`` on the emulator's loop thread and return its result."""
        async def wrapped():
            return fn(*args)
        return asyncio.run_coroutine_threadsafe(wrapped(), self.loop).result(30)

    def stop(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(30)
        self.emu.persister.flush_now()
