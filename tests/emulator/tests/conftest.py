"""Fixtures: one emulator per test session, in a thread of the test
process, reset before every test; every API answer it gives during a test
is checked against the official spec when the test ends."""

import os
import sys
import time

import pytest
import requests

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from ionos_emulator.serve import Embedded  # noqa: E402
from ionos_emulator.settings import Settings  # noqa: E402
from spec_check import SpecChecker  # noqa: E402

USER, PASSWORD, TOKEN = "tester@example.com", "test-password-1", "test-token-1"


class Api:
    """A small client for tests: JSON in, JSON out, the answer kept."""

    def __init__(self, emulator):
        self.emulator = emulator
        self.url = emulator.url
        self.root = emulator.root
        self.session = requests.Session()
        self.session.auth = (USER, PASSWORD)

    def call(self, method, path, body=None, expect=None, **kw):
        url = path if path.startswith("http") else self.url + path
        response = self.session.request(method, url, json=body, timeout=30, **kw)
        if expect is not None:
            assert response.status_code == expect, f"{method} {path}: {response.status_code} {response.text[:500]}"
        return response

    def get(self, path, expect=200, **kw):
        return self.call("GET", path, expect=expect, **kw).json()

    def post(self, path, body=None, expect=202, **kw):
        return self.call("POST", path, body, expect=expect, **kw)

    def patch(self, path, body, expect=202):
        return self.call("PATCH", path, body, expect=expect)

    def put(self, path, body, expect=202):
        return self.call("PUT", path, body, expect=expect)

    def delete(self, path, expect=202):
        return self.call("DELETE", path, expect=expect)

    def error(self, method, path, body=None, expect=422):
        """The message of an expected error answer."""
        response = self.call(method, path, body, expect=expect)
        data = response.json()
        assert data["httpStatus"] == expect
        return data["messages"][0]["message"]

    def wait(self, response, timeout=10):
        """Poll a write's Location until DONE; return the final status object."""
        location = response.headers["Location"]
        deadline = time.time() + timeout
        while True:
            status = self.get(location)
            if status["metadata"]["status"] in ("DONE", "FAILED") or time.time() > deadline:
                return status
            time.sleep(0.05)

    # -- emulator controls ------------------------------------------------
    def control(self, method, path, body=None):
        response = self.session.request(method, self.root + "/_emulator" + path, json=body, timeout=30)
        assert response.status_code < 300, response.text
        return response.json()

    def counters(self):
        return self.control("GET", "/counters")

    def make_datacenter(self, name="dc", location="us/las"):
        response = self.post("/datacenters", {"properties": {"name": name, "location": location}})
        return response.json()["id"]


@pytest.fixture(scope="session")
def checker():
    return SpecChecker()


@pytest.fixture(scope="session")
def answers():
    return []


@pytest.fixture(scope="session")
def emulator(answers):
    settings = Settings(port=0, username=USER, password=PASSWORD, token=TOKEN)

    def observe(method, path, status, body):
        answers.append((method, path, status, bytes(body)))
    emb = Embedded(settings, observe)
    yield emb
    emb.stop()


@pytest.fixture
def api(emulator, answers, checker, request):
    emu = emulator.emu
    emulator.call(emu.reset)
    emulator.call(emu.faults.configure, [], 0)
    emulator.call(emu.settings.update, {"provisioning_delay": 0, "k8s_delay": None, "rate_limit": 0,
                                        "rate_burst": 0})
    emulator.call(emu.counters.reset)
    emulator.call(emu.limiter.buckets.clear)
    del answers[:]
    client = Api(emulator)
    yield client
    if request.node.get_closest_marker("no_spec_check"):
        return
    problems = []
    for method, path, status, body in answers:
        problems.extend(checker.check(method, path, status, body))
    assert not problems, "answers that break the spec:\n" + "\n".join(problems[:20])


def pytest_configure(config):
    config.addinivalue_line("markers", "no_spec_check: do not check this test's answers against the spec")
