"""ionos_snapshot and ionos_snapshot_info end to end against the emulator: take from a
volume, converge, update in place, restore, delete, and a lost create answer."""

import pytest
import requests

from ansible_collections.ionos.enterprise.plugins.modules import ionos_datacenter, ionos_volume
from ansible_collections.ionos.enterprise.plugins.modules.ionos_snapshot import main
from ansible_collections.ionos.enterprise.plugins.modules.ionos_snapshot_info import main as info
from conftest import PASSWORD, USERNAME


@pytest.fixture
def volume(run_module, emulator):
    """A datacenter "dc" with a 10 GB volume "data"; the counters start after them."""
    run_module(ionos_datacenter.main, name="dc", location="de/fra")
    created = run_module(ionos_volume.main, datacenter="dc", name="data", size=10, licence_type="LINUX")
    emulator.control("DELETE", "/counters")
    return created["volume"]


def snapshots_named(emulator, name):
    answer = requests.get(emulator.url + "/snapshots?depth=1", auth=(USERNAME, PASSWORD), timeout=10)
    return [item for item in answer.json()["items"] if item["properties"]["name"] == name]


def test_take_converge_update_restore_delete(run_module, emulator, volume):
    taken = run_module(main, datacenter="dc", volume="data", name="snap", description="one")
    assert taken["changed"], taken
    snapshot = taken["snapshot"]
    assert snapshot["properties"]["description"] == "one" and snapshot["properties"]["location"] == "de/fra"
    assert snapshot["properties"]["licenceType"] == "LINUX" and snapshot["metadata"]["state"] == "AVAILABLE"
    assert emulator.calls("POST /datacenters/{datacenterId}/volumes/{volumeId}/create-snapshot") == 1

    emulator.control("DELETE", "/counters")
    again = run_module(main, datacenter="dc", volume="data", name="snap", description="one")
    assert not again["changed"] and again["snapshot"]["id"] == snapshot["id"]
    assert emulator.counters()["writes"] == 0 and emulator.counters()["reads"] == 1

    updated = run_module(main, name="snap", description="two", licence_type="OTHER", cpu_hot_plug=False, _diff=True)
    assert updated["changed"]
    assert updated["diff"]["before"]["description"] == "one" and updated["diff"]["after"]["description"] == "two"
    props = updated["snapshot"]["properties"]
    assert (props["description"], props["licenceType"], props["cpuHotPlug"]) == ("two", "OTHER", False)

    emulator.control("DELETE", "/counters")
    planned = run_module(main, datacenter="dc", volume=volume["id"], name="snap", state="restored", _check_mode=True)
    assert planned["changed"] and planned["volume"]["id"] == volume["id"]
    assert emulator.counters()["writes"] == 0

    restored = run_module(main, datacenter="dc", volume="data", id=snapshot["id"], state="restored")
    assert restored["changed"] and restored["snapshot"]["id"] == snapshot["id"]
    assert emulator.calls("POST /datacenters/{datacenterId}/volumes/{volumeId}/restore-snapshot") == 1

    assert run_module(main, name="snap", state="absent")["changed"]
    assert not run_module(main, name="snap", state="absent")["changed"]
    assert snapshots_named(emulator, "snap") == []


@pytest.mark.parametrize("wait", [True, False])
def test_flags_on_create_follow_with_a_patch(run_module, emulator, volume, wait):
    # The emulator's volume has ramHotPlug true and discScsiHotPlug false; the snapshot takes them.
    options = dict(datacenter="dc", volume="data", name="flags", ram_hot_plug=False, disc_scsi_hot_plug=True,
                   licence_type="OTHER")
    taken = run_module(main, wait=wait, **options)
    props = taken["snapshot"]["properties"]
    assert taken["changed"] and (props["ramHotPlug"], props["discScsiHotPlug"]) == (False, True)
    assert props["licenceType"] == "OTHER"
    assert emulator.calls("PATCH /snapshots/{snapshotId}") == 1
    assert not run_module(main, **options)["changed"]


def test_check_mode_create_writes_nothing(run_module, emulator, volume):
    planned = run_module(main, datacenter="dc", volume="data", name="plan", description="d",
                         _check_mode=True, _diff=True)
    assert planned["changed"] and planned["snapshot"]["id"] is None
    assert planned["diff"]["before"] == {} and planned["diff"]["after"]["name"] == "plan"
    assert emulator.counters()["writes"] == 0 and snapshots_named(emulator, "plan") == []


def test_missing_volume_for_create_fails_before_any_write(run_module, emulator, volume):
    failed = run_module(main, name="novolume")
    assert failed["failed"]
    assert failed["msg"] == "datacenter, volume are required to create the snapshot 'novolume', which does not exist yet."
    failed = run_module(main, datacenter="dc", volume="nothing", name="novolume")
    assert failed["failed"] and failed["msg"] == "volume: no volume with id or name 'nothing' exists."
    failed = run_module(main, datacenter="dc", volume="data", name="gone", state="restored")
    assert failed["failed"] and failed["msg"] == "name: no snapshot named 'gone' exists to restore."
    assert emulator.counters()["writes"] == 0


def test_a_name_matching_two_fails_and_takes_nothing(run_module, emulator, volume):
    for _run in range(2):
        requests.post(emulator.url + "/datacenters/%s/volumes/%s/create-snapshot"
                      % (volume["href"].split("/")[-3], volume["id"]),
                      data={"name": "twin"}, auth=(USERNAME, PASSWORD), timeout=10)
    emulator.control("DELETE", "/counters")
    for state in ("present", "absent", "restored"):
        failed = run_module(main, datacenter="dc", volume="data", name="twin", state=state)
        assert failed["failed"] and len(failed["failure"]["candidates"]) == 2, failed
    assert emulator.counters()["writes"] == 0 and len(snapshots_named(emulator, "twin")) == 2


def test_lost_create_answer_is_adopted_not_duplicated(run_module, emulator, volume):
    emulator.faults({"kind": "drop_after", "methods": ["POST"], "path": "/create-snapshot$", "times": 1})
    result = run_module(main, datacenter="dc", volume="data", name="lost")
    assert result["changed"] and result["snapshot"]["properties"]["name"] == "lost"
    assert len(snapshots_named(emulator, "lost")) == 1
    assert emulator.calls("POST /datacenters/{datacenterId}/volumes/{volumeId}/create-snapshot") == 1


def test_create_answered_503_is_looked_up_then_sent_again(run_module, emulator, volume):
    emulator.faults({"kind": "503", "methods": ["POST"], "path": "/create-snapshot$", "times": 1})
    result = run_module(main, datacenter="dc", volume="data", name="busy")
    assert result["changed"] and len(snapshots_named(emulator, "busy")) == 1


def test_info_by_name_id_and_location(run_module, emulator, volume):
    taken = run_module(main, datacenter="dc", volume="data", name="listed")["snapshot"]
    emulator.control("DELETE", "/counters")
    assert [s["id"] for s in run_module(info, name="listed")["snapshots"]] == [taken["id"]]
    assert [s["id"] for s in run_module(info, id=taken["id"])["snapshots"]] == [taken["id"]]
    assert run_module(info, name="listed", location="us/las")["snapshots"] == []
    assert run_module(info, name="list")["snapshots"] == []
    assert run_module(info, id="00000000-0000-4000-8000-000000000000")["snapshots"] == []
    counts = emulator.counters()
    assert (counts["reads"], counts["writes"]) == (5, 0)
