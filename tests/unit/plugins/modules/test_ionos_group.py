"""ionos_group and ionos_group_info against the emulator: privileges compared only when set,
a PUT that keeps what the task did not set, members reconciled, bad input before any write."""

import pytest
from ansible_collections.ionos.enterprise.plugins.module_utils._client import IonosClient
from ansible_collections.ionos.enterprise.plugins.modules.ionos_group import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_group_info import main as info
from conftest import PASSWORD, USERNAME


def new_user(emulator, email):
    answer = emulator.http.post(emulator.url + "/um/users", auth=(USERNAME, PASSWORD), timeout=10, json={
        "properties": {"firstname": "Test", "lastname": "User", "email": email, "password": "secret-pw-1"}})
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def writes(emulator):
    return emulator.counters()["writes"]


def test_create_converge_and_put_keeps_unset_privileges(run_module, emulator):
    created = run_module(main, name="ops", create_datacenter=True, reserve_ip=True, _diff=True)
    assert created["changed"] and created["group"]["properties"]["createDataCenter"] is True
    assert created["diff"]["before"] == {} and created["diff"]["after"]["reserve_ip"] is True
    again = run_module(main, name="ops", create_datacenter=True, reserve_ip=True)
    assert not again["changed"]
    before = writes(emulator)
    updated = run_module(main, name="ops", create_snapshot=True)
    assert updated["changed"] and writes(emulator) == before + 1
    properties = updated["group"]["properties"]
    assert properties["createSnapshot"] is True
    # The PUT replaced every property: the ones not set in the task kept their values.
    assert properties["createDataCenter"] is True and properties["reserveIp"] is True
    assert emulator.calls("PUT /um/groups/{groupId}") == 1


def test_members_added_purged_and_reported_with_emails(run_module, emulator):
    alice = new_user(emulator, "alice@example.com")
    bob = new_user(emulator, "bob@example.com")
    created = run_module(main, name="team", users=["Alice@Example.com", bob])
    assert created["changed"]
    assert created["group"]["members"] == [{"id": alice, "email": "alice@example.com"},
                                           {"id": bob, "email": "bob@example.com"}]
    assert emulator.calls("POST /um/groups/{groupId}/users") == 2
    assert not run_module(main, name="team", users=["alice@example.com"])["changed"]
    before = writes(emulator)
    checked = run_module(main, name="team", users=["alice@example.com"], purge_users=True,
                         _check_mode=True, _diff=True)
    assert checked["changed"] and writes(emulator) == before
    assert checked["diff"]["before"]["users"] == ["alice@example.com", "bob@example.com"]
    assert checked["diff"]["after"]["users"] == ["alice@example.com"]
    purged = run_module(main, name="team", users=["alice@example.com"], purge_users=True)
    assert purged["changed"] and [m["id"] for m in purged["group"]["members"]] == [alice]
    assert emulator.calls("DELETE /um/groups/{groupId}/users/{userId}") == 1
    found = run_module(info, name="team")["groups"]
    assert [m["email"] for m in found[0]["members"]] == ["alice@example.com"]


def test_rename_by_id_and_delete(run_module, emulator):
    group_id = run_module(main, name="old")["group"]["id"]
    renamed = run_module(main, id=group_id, name="new")
    assert renamed["changed"] and renamed["group"]["properties"]["name"] == "new"
    assert run_module(info, name="old")["groups"] == []
    gone = run_module(main, name="new", state="absent")
    assert gone["changed"] and gone["group"]["id"] == group_id
    assert not run_module(main, name="new", state="absent")["changed"]


def test_bad_input_fails_before_any_write(run_module, emulator):
    run_module(main, name="taken")
    group_id = run_module(main, name="mine")["group"]["id"]
    before = writes(emulator)
    failed = run_module(main, name="x", users=["not-an-email"])
    assert failed["failed"] and failed["msg"].startswith("users[0]: 'not-an-email' is not an e-mail address")
    failed = run_module(main, name="x", users=["nobody@example.com"])
    assert failed["failed"] and failed["msg"] == "users: no user with id or e-mail 'nobody@example.com' exists."
    failed = run_module(main, name="x", purge_users=True)
    assert failed["failed"] and failed["msg"].startswith("purge_users needs users")
    failed = run_module(main, id=group_id, name="taken")
    assert failed["failed"] and failed["msg"].startswith("name: another group is named 'taken' already")
    failed = run_module(main, id="00000000-0000-0000-0000-000000000000", name="x")
    assert failed["failed"] and failed["msg"].startswith("id: no group with id")
    assert writes(emulator) == before


def test_a_name_matching_two_groups_fails_listing_both(run_module, emulator, monkeypatch):
    group_id = run_module(main, name="twin")["group"]["id"]
    real_list = IonosClient.list

    def doubled(self, path, depth=None, params=None):
        items = real_list(self, path, depth=depth, params=params)
        if path == "/um/groups":
            items = items + [dict(item, id="11111111-2222-3333-4444-555555555555") for item in items]
        return items
    monkeypatch.setattr(IonosClient, "list", doubled)
    failed = run_module(main, name="twin", create_pcc=True)
    assert failed["failed"] and group_id in failed["msg"] and "11111111-2222-3333-4444-555555555555" in failed["msg"]
    assert sorted(failed["failure"]["candidates"]) == sorted([group_id, "11111111-2222-3333-4444-555555555555"])


def test_info_with_shares_and_one_read_without(run_module, emulator):
    run_module(main, name="a")
    run_module(main, name="b")
    reads = emulator.counters()["reads"]
    found = run_module(info)["groups"]
    assert sorted(g["properties"]["name"] for g in found) == ["a", "b"]
    assert all(g["members"] == [] and "shares" not in g for g in found)
    assert emulator.counters()["reads"] == reads + 1
    shared = run_module(info, name="a", shares=True)["groups"]
    assert shared[0]["shares"] == []


def test_create_with_members_without_wait_adds_them_after_the_group(run_module, emulator):
    carol = new_user(emulator, "carol@example.com")
    created = run_module(main, name="nowait", users=[carol], wait=False)
    assert created["changed"] and created["group"]["members"] == [{"id": carol, "email": "carol@example.com"}]
    found = run_module(info, name="nowait")["groups"]
    assert [m["id"] for m in found[0]["members"]] == [carol]


def test_every_bad_user_is_named_at_once(run_module, emulator):
    failed = run_module(main, name="x", users=["a@b", "ok@example.com", "nope"])
    assert failed["failed"]
    assert failed["msg"] == ("users[0]: 'a@b' is not an e-mail address (name@domain.tld), nor a user id; "
                             "users[2]: 'nope' is not an e-mail address (name@domain.tld), nor a user id")
    assert emulator.counters()["reads"] == 0


def test_a_name_like_an_id_is_a_name(run_module, emulator):
    name = "12345678-1234-1234-1234-123456789abc"
    created = run_module(main, name=name)
    assert created["changed"]
    again = run_module(main, name=name)
    assert not again["changed"] and again["group"]["id"] == created["group"]["id"]


def test_check_mode_shows_defaults_and_the_emails_of_users_given_by_id(run_module, emulator):
    dave = new_user(emulator, "dave@example.com")
    planned = run_module(main, name="plan", users=[dave], _check_mode=True, _diff=True)
    assert planned["group"]["members"] == [{"id": dave, "email": "dave@example.com"}]
    created = run_module(main, name="plan", users=[dave], _diff=True)
    assert planned["diff"] == created["diff"]
    assert planned["group"]["properties"]["createPcc"] is False
    group_id = created["group"]["id"]
    erin = new_user(emulator, "erin@example.com")
    added = run_module(main, id=group_id, users=[erin], wait=False)
    assert {"id": erin, "email": "erin@example.com"} in added["group"]["members"]


@pytest.mark.parametrize("kind", ["drop_after", "drop_before", "502"])
def test_a_member_add_whose_answer_is_lost_is_checked_before_it_is_sent_again(run_module, emulator, kind):
    # Adding a member twice is refused (422): after a lost answer the module reads the members first.
    alice = new_user(emulator, "alice@example.com")
    run_module(main, name="team")
    emulator.faults({"kind": kind, "path": "/um/groups/[^/]+/users$", "methods": ["POST"], "times": 1})
    added = run_module(main, name="team", users=["alice@example.com"])
    assert added["changed"] and not added.get("failed"), added
    assert [m["id"] for m in added["group"]["members"]] == [alice]
    # The lost POST, then one more only if it had not taken effect.
    assert emulator.calls("POST /um/groups/{groupId}/users") == (1 if kind == "drop_after" else 2)
    assert not run_module(main, name="team", users=["alice@example.com"])["changed"]
