"""ionos_volume against the emulator: what the API would refuse about a volume's source is
said before the create is sent."""

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main
from conftest import PASSWORD, USERNAME


def test_ssh_keys_on_a_private_image_fail_before_any_write(run_module, emulator):
    run_module(datacenter, name="vols", location="de/fra")
    image = emulator.control("POST", "/images", {"name": "golden", "location": "de/fra", "licenceType": "LINUX"})
    writes = emulator.counters()["writes"]
    failed = run_module(main, datacenter="vols", name="v1", size=20, image=image["id"],
                        ssh_keys=["ssh-ed25519 AAAAC3Nza test"])
    assert failed["failed"] and "only apply to a public image" in failed["msg"] and image["id"] in failed["msg"]
    assert emulator.counters()["writes"] == writes


def test_a_volume_name_matching_two_fails_listing_both(run_module, emulator):
    dc_id = run_module(datacenter, name="twins", location="de/fra")["datacenter"]["id"]
    ids = [run_module(main, datacenter=dc_id, name="data", size=5, licence_type="OTHER")["volume"]["id"]]
    ids.append(emulator.http.post(emulator.url + "/datacenters/%s/volumes" % dc_id,
                                  json={"properties": {"name": "data", "size": 5, "licenceType": "OTHER"}},
                                  auth=(USERNAME, PASSWORD), timeout=10).json()["id"])
    failed = run_module(main, datacenter="twins", name="data", size=6)
    assert failed["failed"] and all(volume_id in failed["msg"] for volume_id in ids)
    assert sorted(failed["failure"]["candidates"]) == sorted(ids)
