"""ionos_s3key and ionos_s3key_info against the emulator: at least `count` active keys, never
one per run; the secret only for keys the task created; active by key id; delete by key id.
Every new user comes with one inactive key, as on the real API (wire reference section 7b):
it is not counted, and kept."""

import json

import requests

from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key_info import main as info
from conftest import PASSWORD, USERNAME, warnings_of

AUTH = dict(auth=(USERNAME, PASSWORD), timeout=10)
EMAIL = "s3.user@example.com"


def new_user(emulator, email=EMAIL):
    body = {"properties": {"firstname": "S3", "lastname": "User", "email": email, "password": "s3cret-pass"}}
    answer = requests.post(emulator.url + "/um/users", json=body, **AUTH)
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def automatic_key(emulator, user_id):
    """The inactive key the API gave the new user."""
    keys = requests.get(emulator.url + "/um/users/%s/s3keys?depth=1" % user_id, **AUTH).json()["items"]
    assert [key["properties"]["active"] for key in keys] == [False]
    return keys[0]["id"]


def test_ensure_count_creates_only_what_is_missing(run_module, emulator):
    user_id = new_user(emulator)
    automatic = automatic_key(emulator, user_id)
    emulator.control("DELETE", "/counters")
    first = run_module(main, user=EMAIL.upper(), _diff=True)
    assert first["changed"] and [k["id"] for k in first["s3keys"]][0] == automatic and len(first["s3keys"]) == 2
    key = first["s3keys"][1]
    assert key["created"] and len(key["secret_key"]) == 40 and len(key["id"]) == 20 and key["active"]
    assert first["s3keys"][0]["secret_key"] is None and not first["s3keys"][0]["created"]
    assert key["secret_key"] not in json.dumps(first["diff"])
    before = [{"id": automatic, "active": False}]
    assert first["diff"] == {"before": {"s3keys": before},
                             "after": {"s3keys": before + [{"id": key["id"], "active": True}]}}
    assert emulator.calls("POST /um/users/{userId}/s3keys") == 1

    emulator.control("DELETE", "/counters")
    again = run_module(main, user=EMAIL)
    assert not again["changed"] and [k["id"] for k in again["s3keys"]] == [automatic, key["id"]]
    assert all(k["secret_key"] is None and not k["created"] for k in again["s3keys"])
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (2, 0)

    emulator.control("DELETE", "/counters")
    by_id = run_module(main, user=user_id)
    assert not by_id["changed"]
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (1, 0)

    three = run_module(main, user=user_id, count=3)
    assert three["changed"] and len(three["s3keys"]) == 4
    assert [k["created"] for k in three["s3keys"]] == [False, False, True, True]
    assert all(len(k["secret_key"]) == 40 for k in three["s3keys"][2:])
    assert not run_module(main, user=user_id, count=2)["changed"]
    listed = run_module(info, user=EMAIL)["s3keys"]
    assert len(listed) == 4 and all(k["properties"]["secretKey"] is None for k in listed)
    emulator.control("DELETE", "/counters")
    over = run_module(main, user=user_id, count=5)  # 3 active + 1 inactive + 2 new would be 6
    assert over["failed"] and over["msg"] == (
        "count: %s has 3 active S3 keys and 1 inactive (%s); 2 more would make more than the 5 keys a user can"
        " have. Activate an inactive key (key_id, active: true) or delete it (key_id, state: absent)."
        % (user_id, automatic))
    assert emulator.counters()["writes"] == 0


def test_check_mode_creates_nothing_and_shows_no_secret(run_module, emulator):
    user_id = new_user(emulator)
    automatic = automatic_key(emulator, user_id)
    emulator.control("DELETE", "/counters")
    planned = run_module(main, user=EMAIL, count=2, _check_mode=True, _diff=True)
    assert planned["changed"] and [k["id"] for k in planned["s3keys"]] == [automatic, None, None]
    assert all(k["secret_key"] is None for k in planned["s3keys"])
    assert emulator.counters()["writes"] == 0
    assert [k["id"] for k in run_module(info, user=EMAIL)["s3keys"]] == [automatic]


def test_active_and_delete_by_key_id(run_module, emulator):
    user_id = new_user(emulator)
    key_id = run_module(main, user=user_id)["s3keys"][-1]["id"]
    assert not run_module(main, user=EMAIL, key_id=key_id, active=True)["changed"]
    planned = run_module(main, user=EMAIL, key_id=key_id, active=False, _check_mode=True)
    assert planned["changed"] and planned["s3keys"][0]["active"] is False
    emulator.control("DELETE", "/counters")
    off = run_module(main, user=EMAIL, key_id=key_id, active=False, _diff=True)
    assert off["changed"] and off["s3keys"][0]["active"] is False
    assert off["diff"]["before"]["s3keys"][0]["active"] is True
    assert emulator.calls("PUT /um/users/{userId}/s3keys/{keyId}") == 1
    assert run_module(info, user=user_id, key_id=key_id)["s3keys"][0]["properties"]["active"] is False
    assert not run_module(main, user=EMAIL, key_id=key_id, active=False)["changed"]
    # An inactive key does not count: a new active one is made.
    replacement = run_module(main, user=EMAIL)
    assert replacement["changed"] and replacement["s3keys"][-1]["created"] and replacement["s3keys"][-1]["active"]

    gone = run_module(main, user=EMAIL, key_id=key_id, state="absent")
    assert gone["changed"] and gone["s3keys"][0]["id"] == key_id
    again = run_module(main, user=EMAIL, key_id=key_id, state="absent")
    assert not again["changed"] and again["s3keys"] == []
    assert key_id not in [k["id"] for k in run_module(info, user=EMAIL)["s3keys"]]


def test_bad_input_fails_before_any_call(run_module, emulator):
    new_user(emulator)
    emulator.control("DELETE", "/counters")
    for args, message in (
            (dict(count=0), "count: a user has 1 to 5 S3 keys, got 0"),
            (dict(count=6), "count: a user has 1 to 5 S3 keys, got 6"),
            (dict(state="absent"), "state is absent but all of the following are missing: key_id"),
            (dict(active=False), "missing parameter(s) required by 'active': key_id"),
            (dict(key_id="ABC", count=2), "parameters are mutually exclusive: key_id|count")):
        failed = run_module(main, user=EMAIL, **args)
        assert failed["failed"] and failed["msg"] == message, failed["msg"]
    for module in (main, info):
        failed = run_module(module, user="backup-operator")
        assert failed["failed"] and failed["msg"] == ("user: 'backup-operator' is not an e-mail address"
                                                      " (name@domain.tld); give the user's id or e-mail address.")
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (0, 0)


def test_missing_user_and_key(run_module, emulator):
    failed = run_module(main, user="nobody@example.com")
    assert failed["failed"] and failed["msg"] == "user: no user with id or e-mail 'nobody@example.com' exists."
    missing_id = "00000000-0000-4000-8000-000000000000"
    failed = run_module(main, user=missing_id)
    assert failed["failed"] and missing_id in failed["msg"] and "no user" in failed["msg"]
    # Absent means absent: with the user gone, its keys are gone too.
    gone = run_module(main, user=missing_id, key_id="ABC", state="absent")
    assert not gone.get("failed") and not gone["changed"] and gone["s3keys"] == []
    failed = run_module(info, user=missing_id)
    assert failed["failed"] and "no user" in failed["msg"]
    new_user(emulator)
    failed = run_module(main, user=EMAIL, key_id="NOSUCHKEY", active=True)
    assert failed["failed"] and failed["msg"].startswith("key_id: user %s has no S3 key 'NOSUCHKEY'" % EMAIL)
    assert emulator.counters()["writes"] == 1  # the user's creation only


def test_sso_url(run_module, emulator):
    new_user(emulator)
    result = run_module(info, user=EMAIL, sso_url=True)
    assert [k["properties"]["active"] for k in result["s3keys"]] == [False] and result["sso_url"].startswith("https://") and "token=" in result["sso_url"]
    assert "sso_url" not in run_module(info, user=EMAIL)


KEYS_POST = "POST /um/users/{userId}/s3keys"


def test_a_create_whose_answer_was_lost_leaves_one_key_whose_secret_the_task_returns(run_module, emulator):
    # The key was made, but its secret was only in the lost answer: that key is deleted
    # again and another one created, so the user never holds a key nobody has the secret of.
    user_id = new_user(emulator)
    emulator.faults({"kind": "drop_after", "path": "/s3keys$", "methods": ["POST"], "times": 1})
    result = run_module(main, user=EMAIL)
    assert result["changed"] and not result.get("failed"), result
    keys = requests.get(emulator.url + "/um/users/%s/s3keys" % user_id, **AUTH).json()["items"]
    assert [key["id"] for key in keys] == [key["id"] for key in result["s3keys"]]
    created = [key for key in result["s3keys"] if key["created"]]
    assert len(result["s3keys"]) == 2 and len(created) == 1 and len(created[0]["secret_key"]) == 40
    lost = [w for w in warnings_of(result) if "was lost" in w]
    assert len(lost) == 1 and created[0]["id"] not in lost[0]
    assert emulator.calls(KEYS_POST) == 2
    assert emulator.calls("DELETE /um/users/{userId}/s3keys/{keyId}") == 1


def test_a_create_answered_5xx_that_made_nothing_is_sent_again(run_module, emulator):
    new_user(emulator)
    emulator.faults({"kind": "503", "path": "/s3keys$", "methods": ["POST"], "times": 1})
    emulator.control("DELETE", "/counters")
    result = run_module(main, user=EMAIL, count=2)
    created = [key for key in result["s3keys"] if key["created"]]
    assert result["changed"] and len(created) == 2 and len(result["s3keys"]) == 3 and not warnings_of(result), result
    assert all(len(key["secret_key"]) == 40 for key in created)
    assert emulator.calls(KEYS_POST) == 3 and emulator.counters()["writes"] == 3


def test_a_failed_create_still_returns_the_keys_created_before(run_module, emulator, monkeypatch):
    from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient
    from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ValidationError
    user_id = new_user(emulator)
    original, calls = IonosClient.post, []

    def post(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise ValidationError("POST %s failed with HTTP 422: injected" % path, status=422)
        return original(self, path, *args, **kwargs)
    monkeypatch.setattr(IonosClient, "post", post)
    failed = run_module(main, user=user_id, count=3)
    assert failed["failed"] and failed["changed"]
    assert "(after creating 1 of 3 S3 keys, returned in s3keys). The API had accepted a write" in failed["msg"]
    assert len(failed["s3keys"]) == 2 and len(failed["s3keys"][1]["secret_key"]) == 40


def test_info_never_shows_a_secret_key(run_module, emulator, monkeypatch):
    """The spec's S3KeyProperties (GET) carry secretKey: the info module nulls it. exit_json
    does not mask it (it is no option of the task), so a leak would show."""
    from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient
    user_id = new_user(emulator)
    key_id = run_module(main, user=user_id)["s3keys"][-1]["id"]
    secret = "S" * 40
    get, listing = IonosClient.get_or_none, IonosClient.list

    def with_secret(item):
        return dict(item, properties=dict(item["properties"], secretKey=secret)) if "properties" in item else item
    monkeypatch.setattr(IonosClient, "get_or_none",
                        lambda self, *a, **k: with_secret(get(self, *a, **k)))
    monkeypatch.setattr(IonosClient, "list",
                        lambda self, *a, **k: [with_secret(item) for item in listing(self, *a, **k)])
    for args in (dict(user=user_id), dict(user=EMAIL), dict(user=user_id, key_id=key_id)):
        result = run_module(info, **args)
        assert [key["id"] for key in result["s3keys"]][-1] == key_id, args
        assert result["s3keys"][-1]["properties"] == {"secretKey": None, "active": True}
        assert secret not in json.dumps(result)
    for args in (dict(user=EMAIL), dict(user=user_id, key_id=key_id, active=True)):
        managed = run_module(main, **args)
        assert not managed["changed"] and all(key["secret_key"] is None for key in managed["s3keys"])
        assert secret not in json.dumps(managed)
