"""Pacing by the rate limit (_pacing): a token bucket mirrored from the X-RateLimit headers,
shared by the tasks of one account on this machine through a state file, in fake time."""

import os

import pytest
from conftest import PASSWORD, USERNAME

from ansible_collections.ionos.enterprise.plugins.module_utils import _pacing
from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient


def headers(remaining, burst=10, per_minute=60):
    return {"X-RateLimit-Remaining": str(remaining), "X-RateLimit-Burst": str(burst), "X-RateLimit-Limit": str(per_minute)}


def turns(pacer, kind, count):
    """The waits of ``count`` calls of ``kind`` booked one after the other."""
    return [pacer.turn(kind) for _call in range(count)]


@pytest.fixture
def pacer(tmp_path, fake_time):
    """pacer() -> a Pacer of the account "acct" on the fake clock, in its own directory."""
    def build(account="acct", directory=None):
        return _pacing.Pacer(account, directory=str(directory or tmp_path), now=fake_time.clock)
    return build


def test_nothing_known_nothing_paced_and_no_file(pacer, tmp_path):
    one = pacer()
    assert turns(one, "poll", 50) == [0.0] * 50
    assert os.listdir(str(tmp_path)) == []


def test_an_api_without_limit_is_not_paced_and_leaves_no_file(pacer, tmp_path, fake_time):
    one = pacer()
    one.learn(headers(1000000, burst=1000000, per_minute=1000000), fake_time.now)
    assert turns(one, "poll", 50) == [0.0] * 50
    assert os.listdir(str(tmp_path)) == []


def test_writes_go_until_nothing_is_left_then_each_waits_its_turn(pacer, fake_time):
    one = pacer()
    one.learn(headers(10), fake_time.now)  # 10 left, 1 per second
    assert turns(one, "write", 12) == [0.0] * 10 + [1.0, 2.0]


def test_polls_yield_first_and_writes_last(pacer, fake_time):
    one = pacer()
    one.learn(headers(10), fake_time.now)
    # Polls keep half the burst back, other reads a quarter: the 6th poll waits, the 8th read.
    assert turns(one, "poll", 6) == [0.0] * 5 + [1.0]
    fake_time.sleep(100)  # refilled
    assert turns(one, "read", 8) == [0.0] * 7 + [0.5]
    fake_time.sleep(100)
    turns(one, "write", 7)
    # Three left: a write goes now, a read and a poll wait, the poll longest.
    assert one.turn("write") == 0.0
    assert one.turn("read") == 1.5
    assert one.turn("poll") == 5.0


def test_the_bucket_refills_at_the_announced_rate(pacer, fake_time):
    one = pacer()
    one.learn(headers(0, per_minute=120), fake_time.now)  # 2 per second
    assert one.turn("write") == 0.5
    fake_time.sleep(3)  # 6 more, less the one booked
    assert turns(one, "write", 6) == [0.0] * 5 + [0.5]


def test_tasks_of_one_account_share_the_budget_through_the_file(pacer, fake_time):
    first, second = pacer(), pacer()
    first.learn(headers(4), fake_time.now)
    assert turns(first, "write", 3) == [0.0] * 3
    # A second task process knows at once what the first learned and booked.
    assert second.turn("write") == 0.0
    assert second.turn("write") == 1.0
    assert first.turn("write") == 2.0


def test_another_account_has_its_own_budget(pacer, fake_time):
    ours = pacer("acct")
    ours.learn(headers(0), fake_time.now)
    assert ours.turn("write") == 1.0
    assert pacer("other").turn("write") == 0.0


def test_someone_else_spending_lowers_the_budget(pacer, fake_time):
    one = pacer()
    one.learn(headers(10), fake_time.now)
    one.turn("write")
    # The API says fewer are left than this machine spent: another tool uses the account.
    one.learn(headers(2), fake_time.now)
    assert turns(one, "write", 3) == [0.0, 0.0, 1.0]


def test_an_answer_counts_the_refill_since_its_call_went_out(pacer, fake_time):
    one = pacer()
    sent = fake_time.now
    fake_time.sleep(2)  # a slow answer: the API counted the call up to 2 s ago
    one.learn(headers(0), sent)
    assert turns(one, "write", 3) == [0.0, 0.0, 1.0]


def test_a_broken_file_counts_as_nothing_known(pacer, tmp_path, fake_time):
    one = pacer()
    one.learn(headers(0), fake_time.now)
    path = os.path.join(str(tmp_path), os.listdir(str(tmp_path))[0])
    with open(path, "w") as handle:
        handle.write("{not json")
    assert one.turn("write") == 0.0
    one.learn(headers(0), fake_time.now)
    assert one.turn("write") == 1.0


def test_a_link_in_place_of_the_file_is_not_followed(pacer, tmp_path, fake_time):
    one = pacer()
    target = tmp_path / "elsewhere"
    target.write_text("untouched")
    os.symlink(str(target), one.path)
    one.learn(headers(0), fake_time.now)
    assert target.read_text() == "untouched"
    # Paced all the same, in this process.
    assert one.turn("write") == 1.0


def test_a_file_of_another_user_is_not_trusted(pacer, monkeypatch, fake_time):
    first = pacer()
    first.learn(headers(0, per_minute=1), fake_time.now)  # a minute per call: someone's trap
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
    second = pacer()
    assert second.turn("write") == 0.0
    assert second.path is None


def test_a_turn_never_waits_longer_than_the_cap(pacer, fake_time):
    one = pacer()
    one.learn(headers(-100000, burst=10, per_minute=1), fake_time.now)
    assert one.turn("write") == _pacing.MAX_TURN


# -- through the client, against the emulator's limiter ------------------------------

class NoPacing:
    """What the client did before: it learnt of the limit by hitting it."""

    def __init__(self, now):
        self.now = now

    def turn(self, kind):
        return 0.0

    def learn(self, headers, sent_at):
        pass


@pytest.mark.parametrize("paced", [True, False])
def test_forks_sharing_a_credential_stay_under_the_limit(emulator, virtual_time, tmp_path, paced):
    emulator.config(rate_limit=60, rate_burst=5)

    def fork():
        pacer = _pacing.Pacer("shared", directory=str(tmp_path), now=virtual_time.clock) if paced else NoPacing(virtual_time.clock)
        return IonosClient(api_url=emulator.url, username=USERNAME, password=PASSWORD,
                           api_retries=30, sleep=virtual_time.sleep, clock=virtual_time.clock,
                           jitter=lambda: 0.5, pacer=pacer)
    forks = [fork() for _fork in range(10)]
    for client in forks * 4:
        client.get("/datacenters")
    refused = emulator.counters()["statuses"].get("429", 0)
    if paced:
        # Only the first call of all went out blind. The 40 calls take the 35 s the limit allows,
        # and a little more: reads keep a reserve, and the API counts what is left in whole calls.
        assert refused == 0
        assert 35 <= virtual_time.now - 1000.0 <= 38
    else:
        assert refused > 10
