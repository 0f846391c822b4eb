"""ionos_user and ionos_user_info against the emulator: identity by e-mail in any case,
PUT with the current values merged, memberships reconciled, the password never shown."""

import json

from ansible_collections.ionos.enterprise.plugins.modules.ionos_user import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_user_info import main as info
from conftest import PASSWORD, USERNAME

SECRET = "Pw7UserSecretNotShown"
# What exit_json puts in place of a no_log value it finds in a result: a leak of the password
# would show as this, not as the password.
SCRUBBED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def assert_no_password(result):
    if result.get("user"):
        assert "password" not in result["user"]["properties"]
    shown = json.dumps(dict((key, value) for key, value in result.items() if key != "invocation"))
    assert SCRUBBED not in shown and SECRET not in shown


def api(emulator, method, path, body=None):
    answer = emulator.http.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=10)
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.content else None


def new_group(emulator, name):
    return api(emulator, "POST", "/um/groups", {"properties": {"name": name}})["id"]


def jane(**extra):
    args = dict(email="jane@example.com", firstname="Jane", lastname="Doe", user_password=SECRET)
    args.update(extra)
    return args


def test_bad_email_and_password_fail_before_any_call(run_module, emulator):
    failed = run_module(main, email="not-an-address", user_password="abc")
    assert failed["failed"]
    assert failed["msg"] == ("email: 'not-an-address' is not an e-mail address (name@domain.tld); "
                             "user_password: must be 5 to 256 characters long, got 3")
    assert emulator.counters()["reads"] == 0 and emulator.counters()["writes"] == 0


def test_missing_names_are_named_on_create(run_module, emulator):
    failed = run_module(main, email="new@example.com", user_password=SECRET)
    assert failed["failed"]
    assert failed["msg"] == "firstname and lastname are required to create the user 'new@example.com', which does not exist yet."
    assert emulator.counters()["writes"] == 0


def test_create_with_groups_then_converged_in_one_read(run_module, emulator):
    ops = new_group(emulator, "ops")
    dev = new_group(emulator, "dev")
    created = run_module(main, _diff=True, groups=["ops", dev], **jane(force_sec_auth=True))
    assert created["changed"]
    assert sorted((g["id"], g["name"]) for g in created["user"]["groups"]) == sorted([(ops, "ops"), (dev, "dev")])
    assert created["user"]["properties"]["forceSecAuth"] is True
    assert_no_password(created)
    assert created["diff"]["after"]["user_password"] == "********"
    emulator.control("DELETE", "/counters")
    again = run_module(main, email="JANE@example.com", firstname="Jane", groups=[dev], user_password=SECRET)
    assert not again["changed"]
    counters = emulator.counters()
    assert counters["writes"] == 0 and counters["reads"] == 2  # the users list + the groups list
    assert emulator.calls("GET /um/users") == 1 and emulator.calls("GET /um/groups") == 1
    emulator.control("DELETE", "/counters")
    assert not run_module(main, email="jane@example.com", firstname="Jane")["changed"]
    assert emulator.counters()["reads"] == 2  # the users list + the user's groups


def test_user_view_drops_the_password():
    from ansible_collections.ionos.enterprise.plugins.module_utils import _um
    shown = _um.user_view({"id": "u", "properties": {"email": "a@b.cd", "password": SECRET},
                           "entities": {"groups": {}}}, [])
    assert shown == {"id": "u", "properties": {"email": "a@b.cd"}, "groups": []}


def test_update_sends_every_property_and_purges_groups(run_module, emulator):
    ops = new_group(emulator, "ops")
    dev = new_group(emulator, "dev")
    user_id = run_module(main, groups=["ops", "dev"], **jane(force_sec_auth=True))["user"]["id"]
    updated = run_module(main, _diff=True, email="jane@example.com", lastname="Smith", groups=["ops"],
                         purge_groups=True)
    assert updated["changed"]
    user = api(emulator, "GET", "/um/users/%s" % user_id)
    assert user["properties"]["lastname"] == "Smith" and user["properties"]["forceSecAuth"] is True
    assert [g["id"] for g in updated["user"]["groups"]] == [ops]
    assert updated["diff"]["before"]["groups"] == ["dev", "ops"] and updated["diff"]["after"]["groups"] == ["ops"]
    assert dev not in [g["id"] for g in api(emulator, "GET", "/um/users/%s/groups" % user_id)["items"]]


def test_check_mode_changes_nothing(run_module, emulator):
    new_group(emulator, "ops")
    emulator.control("DELETE", "/counters")
    planned = run_module(main, _check_mode=True, _diff=True, groups=["ops"], **jane())
    assert planned["changed"] and planned["user"]["id"] is None
    assert planned["user"]["groups"][0]["name"] == "ops"
    assert emulator.counters()["writes"] == 0
    assert_no_password(planned)
    created = run_module(main, _diff=True, groups=["ops"], **jane())
    # The plan shows the API's defaults: the same diff as the real run.
    assert planned["diff"] == created["diff"]
    assert planned["diff"]["after"]["active"] is True and planned["diff"]["after"]["administrator"] is False


def test_update_password_always_always_changes(run_module, emulator):
    run_module(main, **jane())
    same = run_module(main, **jane())
    assert not same["changed"]
    checked = run_module(main, _check_mode=True, _diff=True, update_password="always", **jane())
    always = run_module(main, _diff=True, update_password="always", **jane())
    assert always["changed"]
    assert_no_password(always)
    assert_no_password(checked)
    assert emulator.calls("PUT /um/users/{userId}") == 1
    for result in (checked, always):
        assert result["diff"]["after"]["user_password"] == "********"
        assert "user_password" not in result["diff"]["before"]
        assert result["diff"]["before"] != result["diff"]["after"]


def test_blank_names_and_lone_options_fail_before_any_call(run_module, emulator):
    run_module(main, **jane())
    emulator.control("DELETE", "/counters")
    failed = run_module(main, email="jane@example.com", firstname="", lastname="  ", purge_groups=True,
                        update_password="always")
    assert failed["failed"]
    assert failed["msg"] == ("firstname must not be empty; lastname must not be empty; purge_groups needs groups, "
                             "the groups to keep (groups=[] removes the user from every group); "
                             "update_password=always needs user_password, the password to send")
    assert emulator.counters()["reads"] == 0 and emulator.counters()["writes"] == 0


def test_group_named_like_an_id_and_by_id_in_check_mode(run_module, emulator):
    ops = new_group(emulator, "ops")
    run_module(main, **jane())
    planned = run_module(main, _check_mode=True, email="jane@example.com", groups=[ops])
    assert planned["changed"] and planned["user"]["groups"] == [{"id": ops, "name": "ops"}]
    added = run_module(main, wait=False, email="jane@example.com", groups=[ops])
    assert added["user"]["groups"] == [{"id": ops, "name": "ops"}]


def test_unknown_group_fails_before_any_write(run_module, emulator):
    failed = run_module(main, groups=["nobody"], **jane())
    assert failed["failed"] and failed["msg"] == "groups: no group with id or name 'nobody' exists."
    assert emulator.counters()["writes"] == 0


def test_contract_owner_is_not_deleted(run_module, emulator):
    failed = run_module(main, email=USERNAME, state="absent")
    assert failed["failed"] and "The contract owner cannot be deleted" in failed["msg"]
    assert failed["msg"].startswith("The API refused to delete the user %s" % USERNAME)


def test_delete_and_delete_again(run_module, emulator):
    run_module(main, **jane())
    assert run_module(main, email="jane@example.com", state="absent")["changed"]
    assert not run_module(main, email="jane@example.com", state="absent")["changed"]


def test_info_lists_groups_in_two_calls(run_module, emulator):
    ops = new_group(emulator, "ops")
    user_id = run_module(main, groups=["ops"], **jane())["user"]["id"]
    emulator.control("DELETE", "/counters")
    listed = run_module(info)
    assert emulator.counters()["reads"] == 2  # the users, then the groups with their member ids
    by_email = dict((u["properties"]["email"], u) for u in listed["users"])
    assert by_email["jane@example.com"]["groups"] == [{"id": ops, "name": "ops"}]
    assert by_email[USERNAME]["groups"] == []
    assert run_module(info, email="JANE@EXAMPLE.COM")["users"][0]["id"] == user_id
    assert run_module(info, id=user_id)["users"][0]["groups"] == [{"id": ops, "name": "ops"}]
    assert run_module(info, email="nobody@example.com")["users"] == []
