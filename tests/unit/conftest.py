"""Unit-test fixtures: the collection made importable, one emulator per session
(reset before every test), and a factory of IonosClient pointed at it.

The client's retries and waits sleep through an injected ``sleep``; tests get a fake
one that records each pause and advances a fake clock, so retry and polling logic runs
at full speed. With ``virtual_time`` the emulator's clock stands still and moves only
with those fake sleeps: a request with a 1 s delay is DONE after the client slept 1 s,
however slow or busy the machine is. Modules run by ``run_module`` always live in that
virtual time, so no test depends on how long anything really took.
"""

import base64
import contextlib
import json
import os
import sys

import pytest
import requests

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COLLECTIONS = os.path.join(REPO, ".cache", "collections")


def _make_collection_importable():
    """ansible_collections.ionos.enterprise -> this repository (PEP 420 namespace)."""
    parent = os.path.join(COLLECTIONS, "ansible_collections", "ionos")
    os.makedirs(parent, exist_ok=True)
    link = os.path.join(parent, "enterprise")
    if not os.path.islink(link):
        try:
            os.symlink(REPO, link)
        except FileExistsError:  # another pytest process made it first
            pass
    for path in (os.path.join(REPO, "tests", "emulator"), COLLECTIONS):
        if path not in sys.path:
            sys.path.insert(0, path)


def _home_of_this_worker():
    """Each pytest-xdist worker gets a HOME of its own (tests/homes.py says why): the
    ansible-playbook, ansible-galaxy and ansible-runner runs of two workers share nothing
    a tool makes once per user, and leave the user's HOME as it was."""
    sys.path.insert(0, os.path.join(REPO, "tests"))
    from homes import with_own_home  # pylint: disable=import-outside-toplevel
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    own = with_own_home(dict(os.environ), os.path.join(REPO, ".cache", "home", "unit-" + worker))
    os.environ.clear()
    os.environ.update(own)


_make_collection_importable()
_home_of_this_worker()

from ansible_collections.ionos.enterprise.plugins.module_utils import _pacing  # noqa: E402
from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient  # noqa: E402
from ionos_emulator.serve import Embedded  # noqa: E402
from ionos_emulator.settings import DEFAULT_PASSWORD, DEFAULT_TOKEN, DEFAULT_USERNAME, Settings  # noqa: E402

try:
    from ansible.module_utils.testing import patch_module_args  # noqa: E402  pylint: disable=unused-import
except ImportError:  # ansible-core 2.18: a module reads its arguments from basic._ANSIBLE_ARGS
    @contextlib.contextmanager
    def patch_module_args(args):
        from ansible.module_utils import basic  # pylint: disable=import-outside-toplevel
        before = basic._ANSIBLE_ARGS  # pylint: disable=protected-access
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()  # pylint: disable=protected-access
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = before  # pylint: disable=protected-access

from ansible.release import __version__ as _ANSIBLE_VERSION  # noqa: E402

USERNAME, PASSWORD, TOKEN = DEFAULT_USERNAME, DEFAULT_PASSWORD, DEFAULT_TOKEN
# The ansible-core running the tests, (2, 19): where cores differ in what a test can see.
CORE = tuple(int(part) for part in _ANSIBLE_VERSION.split(".")[:2])
# Strings that must never show up in an error: the secrets and the Basic header made of them.
SECRETS = (PASSWORD, TOKEN, base64.b64encode(("%s:%s" % (USERNAME, PASSWORD)).encode()).decode())


def playbook_env(api_url):
    """The environment of an ansible-playbook run against the emulator at ``api_url``: this
    collection, this interpreter, the emulator's user and password (never a token)."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               IONOS_API_URL=api_url, IONOS_USERNAME=USERNAME, IONOS_PASSWORD=PASSWORD, ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    env.pop("IONOS_TOKEN", None)
    return env


def unescaped(output):
    """The failure's message as written: ansible-core 2.18 shows it only inside the JSON of the
    result (quotes escaped), 2.19 and later also as an [ERROR] line."""
    return output.replace('\\"', '"')


def assert_no_secret(error, *extra_secrets):
    """Neither the message nor the structured failure of ``error`` holds a secret."""
    texts = [str(error), repr(error), repr(error.args), json.dumps(error.to_failure(), default=str)]
    for secret in SECRETS + extra_secrets:
        for text in texts:
            assert secret not in text, "secret leaked into %r" % text


def new_datacenter(client, name="dc", location="us/las"):
    """POST a datacenter; return the client's Response (202, request_id)."""
    return client.post("/datacenters", {"properties": {"name": name, "location": location}})


class Emulator:
    """The session's emulator and its controls (faults, config, counters)."""

    def __init__(self, embedded):
        self.url = embedded.url
        self.root = embedded.root
        self.http = requests.Session()

    def control(self, method, path, body=None):
        answer = self.http.request(method, self.root + "/_emulator" + path, json=body, timeout=30)
        assert answer.status_code < 300, answer.text
        return answer.json()

    def reset(self):
        self.control("POST", "/reset")
        self.faults()
        self.config(provisioning_delay=0, k8s_delay=None, rate_limit=0, rate_burst=0)
        self.control("DELETE", "/counters")

    def faults(self, *rules, seed=0):
        self.control("PUT", "/faults", {"rules": list(rules), "seed": seed})

    def config(self, **values):
        self.control("PUT", "/config", values)

    def clock(self, **values):
        """PUT /_emulator/clock: ``frozen=True``, ``advance=seconds``, ``frozen=False``."""
        return self.control("PUT", "/clock", values)

    def counters(self):
        return self.control("GET", "/counters")

    def calls(self, key):
        """How often the API saw ``key``, e.g. "POST /datacenters"."""
        return self.counters()["calls"].get(key, 0)

    def datacenter_count(self):
        answer = self.http.get(self.url + "/datacenters", auth=(USERNAME, PASSWORD), timeout=30)
        return len(answer.json()["items"])


class FakeTime:
    """A clock that only moves when the client sleeps; every sleep is recorded, and
    passed on to the ``followers`` (the emulator's clock, with ``virtual_time``)."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []
        self.followers = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
        for follow in self.followers:
            follow(seconds)


@pytest.fixture(autouse=True)
def _own_pacing(tmp_path, monkeypatch):
    """Each test its own rate-limit state (_pacing): one test's budget is not the next one's."""
    monkeypatch.setattr(_pacing, "DIRECTORY", str(tmp_path))


@pytest.fixture(scope="session")
def _embedded():
    embedded = Embedded(Settings(port=0, username=USERNAME, password=PASSWORD, token=TOKEN))
    yield embedded
    embedded.stop()


@pytest.fixture
def emulator(_embedded):
    """The emulator, back to a fresh account with no faults, no delays, zero counters."""
    emulator = Emulator(_embedded)
    emulator.reset()
    return emulator


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def virtual_time(emulator, fake_time):
    """fake_time, with the emulator's clock frozen and moved on by every fake sleep: what
    a client sees in between (QUEUED, BUSY, DEPLOYING) lasts exactly as long as it waits."""
    emulator.clock(frozen=True)
    fake_time.followers.append(lambda seconds: emulator.clock(advance=seconds))
    return fake_time


@pytest.fixture
def client(emulator, fake_time):
    """Build an IonosClient against the emulator: Basic auth, fake time, jitter 1.0.

    Any IonosClient argument can be overridden.
    """
    def build(**overrides):
        options = dict(api_url=emulator.url, username=USERNAME, password=PASSWORD, api_timeout=10,
                       api_retries=5, jitter=lambda: 1.0, sleep=fake_time.sleep, clock=fake_time.clock)
        options.update(overrides)
        return IonosClient(**options)
    return build


@pytest.fixture
def run_module(emulator, capsys, monkeypatch, virtual_time):
    """run_module(main, **args) -> the result dict of a module's main(), failed or not.

    The module runs in-process against the emulator, as Ansible would run it, in
    ``virtual_time``: its waits are fake sleeps that move the frozen emulator clock on
    (a cluster DEPLOYING for 1 s is ACTIVE once the module slept 1 s), and its back-off
    is instant, since these tests are about what the module does, not how long it waits.
    ``virtual_time.sleeps`` lists every pause the modules took.
    """
    from ansible.module_utils.common import warnings as _warnings
    for name in ("IONOS_API_URL", "IONOS_USERNAME", "IONOS_PASSWORD", "IONOS_TOKEN", "IONOS_CONTRACT_NUMBER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(IonosClient, "_backoff", lambda self, retry: 0.0)
    built = IonosClient.__init__

    def in_virtual_time(self, *args, **kwargs):
        kwargs.setdefault("sleep", virtual_time.sleep)
        kwargs.setdefault("clock", virtual_time.clock)
        built(self, *args, **kwargs)
    monkeypatch.setattr(IonosClient, "__init__", in_virtual_time)

    def run(main, _check_mode=False, _diff=False, **args):
        # Warnings are kept process-wide; each run reports only its own, as in a real task.
        _warnings._global_warnings.clear()
        _warnings._global_deprecations.clear()
        options = dict(api_url=emulator.url, username=USERNAME, password=PASSWORD)
        options.update(args)
        options.update(_ansible_check_mode=_check_mode, _ansible_diff=_diff)
        with patch_module_args(options):
            with pytest.raises(SystemExit):
                main()
        return json.loads(capsys.readouterr().out)
    return run


def warnings_of(result):
    """The texts of a module result's warnings (ansible-core 2.19 wraps each in a WarningSummary)."""
    return [warning["event"]["msg"] if isinstance(warning, dict) else warning
            for warning in result.get("warnings") or []]


def datacenters_named(emulator, name):
    answer = requests.get(emulator.url + "/datacenters?depth=1", auth=(USERNAME, PASSWORD), timeout=10)
    return [dc for dc in answer.json()["items"] if dc["properties"]["name"] == name]


@pytest.fixture
def rejected(run_module, emulator):
    """rejected(main, args, *fragments) -> the failure message of a module run with bad input.

    The run must fail with a message holding every fragment (the option's name and the
    reason), without a traceback or a secret, and without a single API call (the emulator's
    counters): bad input is refused before the module talks to the API.
    """
    def check(main, args, *fragments):
        emulator.control("DELETE", "/counters")
        result = run_module(main, **args)
        assert result.get("failed"), "accepted: %r" % (result,)
        message = result["msg"]
        for fragment in fragments:
            assert fragment in message, "%r is not in the message %r" % (fragment, message)
        assert "Traceback" not in json.dumps(result), result
        for secret in SECRETS:
            assert secret not in json.dumps(result), "a secret in %r" % (result,)
        counters = emulator.counters()
        assert counters["total"] == 0, "%d API calls before the refusal: %s" % (counters["total"], counters["calls"])
        return message
    return check
