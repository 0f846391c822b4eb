"""Messages name an existing resource by name and id ("volume 'data' (56e5...)"), never by a
bare id: ionos_volume, ionos_nic and ionos_image (the other modules' messages are checked in
their own test files)."""

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_image import main as image
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main as nic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main as volume
from conftest import PASSWORD, USERNAME


def test_a_volume_that_would_shrink_is_named(run_module, emulator):
    run_module(datacenter, name="vols", location="de/fra")
    data = run_module(volume, datacenter="vols", name="data", size=20, licence_type="OTHER")["volume"]
    writes = emulator.counters()["writes"]
    failed = run_module(volume, datacenter="vols", name="data", size=10)
    assert failed["failed"] and failed["msg"] == (
        "size can only grow: volume 'data' (%s) is 20 GB, the task asks for 10 GB." % data["id"])
    assert emulator.counters()["writes"] == writes


def test_the_lan_of_a_nic_with_unfit_ips_is_named(run_module, emulator):
    run_module(datacenter, name="nics", location="de/fra",
               lans=[dict(name="internet", public=True), dict(name="backend")])
    run_module(server, datacenter="nics", name="web", cores=1, ram=1024)
    writes = emulator.counters()["writes"]
    private = run_module(nic, datacenter="nics", server="web", name="n", lan="backend", ips=["212.227.1.7"])
    assert private["failed"] and private["msg"] == (
        "ips: 212.227.1.7 is not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16);"
        " LAN 'backend' (2) is private.")
    public = run_module(nic, datacenter="nics", server="web", name="n", lan="1", ips=["212.227.1.7"])
    assert public["failed"] and public["msg"] == (
        "ips: 212.227.1.7 is not in an IP block reserved in de/fra; the fixed IPs of a NIC on the public"
        " LAN 'internet' (1) must come from a reserved IP block of the datacenter's location"
        " (see ionos.enterprise.ionos_ipblock).")
    assert emulator.counters()["writes"] == writes


def test_a_public_image_is_named_when_it_cannot_be_deleted(run_module, emulator):
    images = emulator.http.get(emulator.url + "/images?depth=1", auth=(USERNAME, PASSWORD), timeout=10).json()
    public = next(item for item in images["items"] if item["properties"]["public"])
    failed = run_module(image, id=public["id"], state="absent")
    assert failed["failed"] and failed["msg"].startswith(
        "Cannot delete the image %r (%s) in %s: it is a public image"
        % (public["properties"]["name"], public["id"], public["properties"]["location"]))
