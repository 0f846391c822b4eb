"""ionos_backupunit and ionos_backupunit_info against the emulator: found by name, one flat
PATCH of what differs, the password sent on create only unless update_password=always, and
never shown; the SSO URL of one unit."""

import json

import pytest
import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_backupunit import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_backupunit_info import main as info
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK
from conftest import PASSWORD, USERNAME

AUTH = dict(auth=(USERNAME, PASSWORD), timeout=10)
SECRET = "Backup-Pass-1234"


@pytest.fixture
def unscrubbed(monkeypatch):
    """exit_json without Ansible's masking of no_log values, so that the results checked
    are what the module built: a password it leaked would show."""
    from ansible.module_utils import basic
    monkeypatch.setattr(basic, "remove_values", lambda value, no_log_strings: value)


def built(result):
    """The result as the module built it, without Ansible's echo of the task's arguments."""
    return json.dumps(dict((key, value) for key, value in result.items() if key != "invocation"))


def test_a_leak_would_show(run_module, emulator, unscrubbed, monkeypatch):
    from ansible_collections.ionos.enterprise.plugins.modules.ionos_backupunit import BackupUnitModule
    original = BackupUnitModule.result

    def leaking(self, changed, resource, before, after):
        return dict(original(self, changed, resource, before, after), leak=self.params["backupunit_password"])
    monkeypatch.setattr(BackupUnitModule, "result", leaking)
    leaked = run_module(main, name="leaky", email="a@example.com", backupunit_password=SECRET, _check_mode=True)
    assert leaked["leak"] == SECRET and SECRET in built(leaked)


def test_create_converge_update_delete(run_module, emulator, unscrubbed):
    planned = run_module(main, name="nightly", email="a@example.com", backupunit_password=SECRET, _check_mode=True, _diff=True)
    assert planned["changed"] and planned["backupunit"]["id"] is None
    assert planned["diff"]["after"]["backupunit_password"] == planned["backupunit"]["properties"]["password"] == MASK
    assert emulator.counters()["writes"] == 0 and SECRET not in built(planned)

    created = run_module(main, name="nightly", email="a@example.com", backupunit_password=SECRET, _diff=True)
    unit = created["backupunit"]
    assert created["changed"] and unit["properties"]["name"] == "nightly" and SECRET not in built(created)
    assert emulator.calls("POST /backupunits") == 1

    emulator.control("DELETE", "/counters")
    again = run_module(main, name="nightly", email="a@example.com", backupunit_password="Another-Pass-99")
    assert not again["changed"] and again["backupunit"]["id"] == unit["id"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (1, 0)

    emulator.control("DELETE", "/counters")
    updated = run_module(main, name="nightly", email="b@example.com", _diff=True)
    assert updated["changed"] and updated["backupunit"]["properties"]["email"] == "b@example.com"
    assert updated["diff"]["before"]["email"] == "a@example.com" and updated["diff"]["after"]["email"] == "b@example.com"
    assert emulator.calls("PATCH /backupunits/{backupunitId}") == 1

    emulator.control("DELETE", "/counters")
    always = run_module(main, name="nightly", backupunit_password="Another-Pass-99", update_password="always", _diff=True)
    assert always["changed"] and "Another-Pass-99" not in built(always)
    assert always["diff"]["after"]["backupunit_password"] == MASK
    assert emulator.calls("PATCH /backupunits/{backupunitId}") == 1

    renamed = run_module(main, id=unit["id"], name="weekly")
    assert renamed["changed"] and renamed["backupunit"]["properties"]["name"] == "weekly"
    assert run_module(info, name="weekly")["backupunits"][0]["id"] == unit["id"]
    assert run_module(info, name="nightly")["backupunits"] == []

    assert run_module(main, name="weekly", state="absent")["changed"]
    assert not run_module(main, name="weekly", state="absent")["changed"]
    assert run_module(info, id=unit["id"])["backupunits"] == []


def test_patch_sends_only_the_changes(run_module, emulator):
    unit = run_module(main, name="u1", email="a@example.com", backupunit_password=SECRET)["backupunit"]
    sent = []
    original = requests.Session.request

    def spy(self, method, url, **kwargs):
        sent.append((method, kwargs.get("json")))
        return original(self, method, url, **kwargs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requests.Session, "request", spy)
        run_module(main, id=unit["id"], email="c@example.com")
    assert ("PATCH", {"email": "c@example.com"}) in sent


def test_bad_input_fails_before_any_call(run_module, emulator):
    for args, message in (
            (dict(name="bad-name"), "name: 'bad-name' is not a backup unit name (1 to 64 letters and digits, nothing else)"),
            (dict(name="ok", email="nope"), "email: 'nope' is not an e-mail address (name@domain.tld)"),
            (dict(name="ok", backupunit_password="abc"), "backupunit_password: must be 5 to 256 characters long, got 3"),
            (dict(email="a@example.com"), "one of the following is required: id, name"),
            (dict(name="ok", update_password="always"),
             "update_password is always but all of the following are missing: backupunit_password")):
        failed = run_module(main, **args)
        assert failed["failed"] and failed["msg"] == message, failed["msg"]
    failed = run_module(main, name="fresh", backupunit_password=SECRET)
    assert failed["failed"] and failed["msg"] == "email is required to create the backup unit 'fresh', which does not exist yet."
    counts = emulator.counters()
    assert counts["writes"] == 0


def test_sso_url_of_one_unit(run_module, emulator):
    unit = run_module(main, name="sso", email="a@example.com", backupunit_password=SECRET)["backupunit"]
    result = run_module(info, name="sso", sso_url=True)
    assert result["backupunits"][0]["id"] == unit["id"] and "token=" in result["sso_url"]
    assert run_module(info, id=unit["id"], sso_url=True)["sso_url"].startswith("https://")
    none = run_module(info, name="other", sso_url=True)
    assert none["backupunits"] == [] and none["sso_url"] is None
    failed = run_module(info, sso_url=True)
    assert failed["failed"] and failed["msg"] == "sso_url needs one backup unit: set id or name"
    assert "sso_url" not in run_module(info)


def test_info_never_shows_a_password(run_module, emulator, unscrubbed, monkeypatch):
    """The spec's BackupUnit example carries a password: the info module nulls it, by id and
    in the list."""
    from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient
    unit = run_module(main, name="shown", email="a@example.com", backupunit_password=SECRET)["backupunit"]
    get, listing = IonosClient.get_or_none, IonosClient.list

    def with_password(item):
        return dict(item, properties=dict(item["properties"], password=SECRET))
    monkeypatch.setattr(IonosClient, "get_or_none",
                        lambda self, *a, **k: with_password(get(self, *a, **k)))
    monkeypatch.setattr(IonosClient, "list",
                        lambda self, *a, **k: [with_password(item) for item in listing(self, *a, **k)])
    for args in (dict(), dict(name="shown"), dict(id=unit["id"])):
        result = run_module(info, **args)
        assert result["backupunits"][0]["id"] == unit["id"], args
        assert SECRET not in built(result) and result["backupunits"][0]["properties"]["password"] is None
    managed = run_module(main, name="shown", email="a@example.com")
    assert not managed["changed"] and managed["backupunit"]["properties"]["password"] == MASK
    assert SECRET not in built(managed)
