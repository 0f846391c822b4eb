"""ionos_volume against the emulator: what the API would refuse about a volume's source is
said before the create is sent."""

import json

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


def test_without_waiting_the_result_is_the_apis_first_answer_with_its_echoed_secrets_masked(run_module, emulator):
    """The 202 repeats imagePassword and sshKeys in clear (wire reference section 7b); the
    result of a task that does not wait is that answer, masked."""
    from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK
    run_module(datacenter, name="echo", location="de/fra")
    key = "ssh-ed25519 AAAAC3NzaEchoedKey test"
    created = run_module(main, datacenter="echo", name="root", size=10, image_alias="ubuntu:latest",
                         image_password="Echoed1Secret", ssh_keys=[key], wait=False)
    assert created["changed"] and not created.get("failed"), created
    props = created["volume"]["properties"]
    assert props["imagePassword"] == MASK and props["sshKeys"] == MASK
    assert key not in str(created["volume"]) and "Echoed1Secret" not in str(created)


def test_a_password_without_an_image_for_a_new_volume_needs_a_public_image(run_module, emulator):
    run_module(datacenter, name="vols", location="de/fra")
    emulator.control("DELETE", "/counters")
    for args, options in ((dict(image_password="Secret123"), "image_password needs"),
                          (dict(ssh_keys=["ssh-ed25519 AAAA key"]), "ssh_keys needs"),
                          (dict(image_password="Secret123", ssh_keys=["ssh-ed25519 AAAA key"]),
                           "image_password and ssh_keys need")):
        for check_mode in (False, True):
            failed = run_module(main, datacenter="vols", name="new", size=10, licence_type="LINUX",
                                _check_mode=check_mode, **args)
            assert failed["failed"] and failed["msg"] == (
                "%s a public image: the volume 'new' does not exist yet, and only a volume created from a public"
                " image (set image or image_alias) has a root or administrator user to give a password or SSH keys"
                " to." % options), failed
            assert "Secret123" not in json.dumps(failed)
    assert emulator.counters()["writes"] == 0


def test_a_password_without_an_image_for_an_existing_volume_says_it_cannot_change(run_module, emulator):
    run_module(datacenter, name="vols", location="de/fra")
    created = run_module(main, datacenter="vols", name="root", size=10, image_alias="ubuntu:latest",
                         image_password="First1Password")["volume"]
    emulator.control("DELETE", "/counters")
    for check_mode in (False, True):
        failed = run_module(main, datacenter="vols", name="root", image_password="Second2Password",
                            _check_mode=check_mode)
        assert failed["failed"] and failed["msg"] == (
            "image_password: volume 'root' (%s) exists, and its image's password and SSH keys are set only when a"
            " volume is created from a public image (with image or image_alias); the API cannot set or change them"
            " afterwards. Leave it out of the task, or delete the volume and create it again." % created["id"]), failed
        assert "Second2Password" not in json.dumps(failed) and "First1Password" not in json.dumps(failed)
    keys = run_module(main, datacenter="vols", name="root", size=12, ssh_keys=["ssh-ed25519 AAAA key"])
    assert keys["failed"] and keys["msg"].startswith("ssh_keys: volume 'root' (%s) exists" % created["id"])
    assert "Leave it out" in keys["msg"]
    assert emulator.counters()["writes"] == 0
    # The task that created it (with its image) stays quiet and unchanged.
    again = run_module(main, datacenter="vols", name="root", size=10, image_alias="ubuntu:latest",
                       image_password="First1Password")
    assert not again.get("failed") and not again["changed"], again
    assert emulator.counters()["writes"] == 0
    # Deleting it does not care about the password.
    assert run_module(main, datacenter="vols", name="root", image_password="Second2Password", state="absent")["changed"]
