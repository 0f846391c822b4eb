"""Servers, attached volumes, CD-ROMs, volumes, snapshots and images, as a
user of the real API sees them (wire reference §5 and §7, the SDK README's
Servers, Volumes, Snapshots and Images sections, the spec)."""

from urllib.parse import urlencode

import pytest

FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


# -- helpers ----------------------------------------------------------------

def image_id(api, name, location="us/las", kind="HDD"):
    """The public image of ``location`` whose name starts with ``name``."""
    for item in api.get("/images?depth=1")["items"]:
        props = item["properties"]
        if props["location"] == location and props["imageType"] == kind and props["name"].startswith(name):
            return item["id"]
    raise AssertionError(f"no public {kind} image {name} in {location}")


def cdrom_id(api, location="us/las"):
    return image_id(api, "ubuntu", location, "CDROM")


def make_server(api, dc, entities=None, **props):
    body = {"properties": {"name": "srv", "cores": 1, "ram": 1024, **props}}
    if entities:
        body["entities"] = entities
    return api.post(f"/datacenters/{dc}/servers", body).json()["id"]


def make_volume(api, dc, **props):
    """A volume; pass licenceType=None to leave it out (volumes from an image)."""
    props = {"name": "vol", "size": 10, "licenceType": "LINUX", **props}
    props = {k: v for k, v in props.items() if v is not None}
    return api.post(f"/datacenters/{dc}/volumes", {"properties": props}).json()["id"]


def server_of(api, dc, sid, depth=0):
    return api.get(f"/datacenters/{dc}/servers/{sid}?depth={depth}")


def volume_of(api, dc, vid):
    return api.get(f"/datacenters/{dc}/volumes/{vid}")["properties"]


def attach(api, dc, sid, vid, expect=202):
    return api.post(f"/datacenters/{dc}/servers/{sid}/volumes", {"id": vid}, expect=expect)


def post_form(api, path, fields, expect=202):
    """create-snapshot and restore-snapshot take form bodies, as the SDK sends them."""
    response = api.session.post(api.url + path, data=urlencode(fields), headers=FORM, timeout=30)
    assert response.status_code == expect, f"POST {path}: {response.status_code} {response.text[:500]}"
    return response


def form_error(api, path, fields, expect=422):
    data = post_form(api, path, fields, expect).json()
    assert data["httpStatus"] == expect
    return data["messages"][0]["message"]


def snapshot_of(api, dc, vid, **fields):
    fields = {"name": "snap", "description": "a snapshot", **fields}
    return post_form(api, f"/datacenters/{dc}/volumes/{vid}/create-snapshot", fields).json()["id"]


def public_lan(api, dc):
    return api.post(f"/datacenters/{dc}/lans", {"properties": {"name": "public", "public": True}}).json()["id"]


def nic_ips(api, dc, sid, nid):
    return api.get(f"/datacenters/{dc}/servers/{sid}/nics/{nid}")["properties"]["ips"]


# -- servers ------------------------------------------------------------------

def test_create_server_with_new_and_existing_volumes_and_nics_in_one_post(api):
    dc = api.make_datacenter()
    existing = make_volume(api, dc, name="data")
    entities = {
        "volumes": {"items": [{"properties": {"name": "system", "size": 20, "licenceType": "LINUX"}},
                              {"id": existing}]},
        "nics": {"items": [{"properties": {"name": "nic", "lan": 2},
                            "entities": {"firewallrules": {"items": [
                                {"properties": {"name": "ssh", "protocol": "TCP",
                                                "portRangeStart": 22, "portRangeEnd": 22}}]}}}]},
    }
    sid = make_server(api, dc, entities)
    server = server_of(api, dc, sid, depth=3)
    volumes = {v["properties"]["name"]: v for v in server["entities"]["volumes"]["items"]}
    assert set(volumes) == {"system", "data"}
    assert volumes["data"]["id"] == existing
    assert (volumes["system"]["properties"]["deviceNumber"], volumes["data"]["properties"]["deviceNumber"]) == (1, 2)
    assert server["properties"]["bootVolume"]["id"] == volumes["system"]["id"]
    (nic,) = server["entities"]["nics"]["items"]
    assert nic["properties"]["lan"] == 2 and len(nic["entities"]["firewallrules"]["items"]) == 1
    # The new volume is a volume of the datacenter like any other; the NIC's LAN now exists.
    listed = {v["id"] for v in api.get(f"/datacenters/{dc}/volumes")["items"]}
    assert listed == {existing, volumes["system"]["id"]}
    assert api.get(f"/datacenters/{dc}/lans/2")["id"] == "2"


def test_rejected_server_create_leaves_nothing_behind(api):
    """A 422 is a request the API refused: none of the server, volume, LAN or
    NIC that the body describes may stay behind."""
    dc = api.make_datacenter()
    body = {"properties": {"name": "refused", "cores": 1, "ram": 1024}, "entities": {
        "volumes": {"items": [{"properties": {"name": "new", "size": 10, "licenceType": "LINUX"}}]},
        "nics": {"items": [{"properties": {"lan": 3}, "entities": {"firewallrules": {"items": [
            {"properties": {"name": "no protocol"}}]}}}]}}}
    assert "Attribute 'protocol' is required" in api.error("POST", f"/datacenters/{dc}/servers", body)
    assert api.get(f"/datacenters/{dc}/servers")["items"] == []
    assert api.get(f"/datacenters/{dc}/volumes")["items"] == []
    assert api.get(f"/datacenters/{dc}/lans")["items"] == []


def test_rejected_server_patch_changes_nothing(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    sid = make_server(api, dc, {"volumes": {"items": [{"id": vid}]}}, name="before")
    api.error("PATCH", f"/datacenters/{dc}/servers/{sid}",
              {"name": "after", "bootVolume": {"id": vid}, "bootCdrom": {"id": cdrom_id(api)}})
    props = server_of(api, dc, sid)["properties"]
    assert props["name"] == "before" and props["bootVolume"]["id"] == vid


def test_create_server_needs_cores_and_ram(api):
    dc = api.make_datacenter()
    path = f"/datacenters/{dc}/servers"
    assert "Attribute 'cores' is required" in api.error("POST", path, {"properties": {"name": "s", "ram": 1024}})
    assert "Attribute 'ram' is required" in api.error("POST", path, {"properties": {"name": "s", "cores": 1}})
    assert api.get(path)["items"] == []


def test_ram_is_a_multiple_of_256(api):
    dc = api.make_datacenter()
    message = api.error("POST", f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 1000}})
    assert "ram" in message
    sid = make_server(api, dc, ram=1280)
    assert server_of(api, dc, sid)["properties"]["ram"] == 1280


def test_cpu_family_must_be_offered_in_the_location(api):
    las = api.make_datacenter(location="us/las")
    message = api.error("POST", f"/datacenters/{las}/servers",
                        {"properties": {"cores": 1, "ram": 1024, "cpuFamily": "INTEL_SKYLAKE"}})
    assert "cpuFamily" in message
    fra = api.make_datacenter(location="de/fra")
    sid = make_server(api, fra, cpuFamily="INTEL_SKYLAKE")
    assert server_of(api, fra, sid)["properties"]["cpuFamily"] == "INTEL_SKYLAKE"
    sid = make_server(api, las, cpuFamily="INTEL_XEON")
    api.error("PATCH", f"/datacenters/{las}/servers/{sid}", {"cpuFamily": "INTEL_SKYLAKE"})


def test_boot_volume_and_boot_cdrom_are_mutually_exclusive(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    both = {"bootVolume": {"id": vid}, "bootCdrom": {"id": cdrom_id(api)}}
    api.error("POST", f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 1024, **both}})
    sid = make_server(api, dc)
    attach(api, dc, sid, vid)
    api.post(f"/datacenters/{dc}/servers/{sid}/cdroms", {"id": both["bootCdrom"]["id"]})
    api.error("PATCH", f"/datacenters/{dc}/servers/{sid}", both)


def test_first_attached_volume_becomes_the_boot_volume(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    assert server_of(api, dc, sid)["properties"]["bootVolume"] is None
    first, second = make_volume(api, dc), make_volume(api, dc)
    attach(api, dc, sid, first)
    attach(api, dc, sid, second)
    assert server_of(api, dc, sid)["properties"]["bootVolume"]["id"] == first


def test_boot_volume_can_be_switched_to_another_attached_volume(api):
    dc = api.make_datacenter()
    first, second, loose = make_volume(api, dc), make_volume(api, dc), make_volume(api, dc)
    sid = make_server(api, dc, {"volumes": {"items": [{"id": first}, {"id": second}]}})
    api.patch(f"/datacenters/{dc}/servers/{sid}", {"bootVolume": {"id": second}})
    boot = server_of(api, dc, sid)["properties"]["bootVolume"]
    assert boot == {"id": second, "type": "volume", "href": f"{api.url}/datacenters/{dc}/volumes/{second}"}
    api.error("PATCH", f"/datacenters/{dc}/servers/{sid}", {"bootVolume": {"id": loose}})


def test_patch_server_name_cores_ram(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc, name="before")
    path = f"/datacenters/{dc}/servers/{sid}"
    echo = api.patch(path, {"name": "after", "cores": 2, "ram": 2048}).json()
    assert (echo["properties"]["name"], echo["properties"]["cores"], echo["properties"]["ram"]) == ("after", 2, 2048)
    props = server_of(api, dc, sid)["properties"]
    assert (props["name"], props["cores"], props["ram"]) == ("after", 2, 2048)
    api.error("PATCH", path, {"ram": 2000})
    assert server_of(api, dc, sid)["properties"]["ram"] == 2048


def test_put_server_replaces_its_properties(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc, name="before", availabilityZone="ZONE_1")
    path = f"/datacenters/{dc}/servers/{sid}"
    api.put(path, {"properties": {"name": "after", "cores": 4, "ram": 4096}})
    props = server_of(api, dc, sid)["properties"]
    assert (props["name"], props["cores"], props["ram"]) == ("after", 4, 4096)
    assert props["vmState"] == "RUNNING"
    assert "Attribute 'cores' is required" in api.error("PUT", path, {"properties": {"name": "x", "ram": 1024}})


def test_delete_server_keeps_its_volumes_detached(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc, {"volumes": {"items": [{"properties": {"name": "system", "size": 10,
                                                                      "licenceType": "LINUX"}}]}})
    (vid,) = [v["id"] for v in api.get(f"/datacenters/{dc}/servers/{sid}/volumes")["items"]]
    api.delete(f"/datacenters/{dc}/servers/{sid}")
    api.get(f"/datacenters/{dc}/servers/{sid}", expect=404)
    volume = volume_of(api, dc, vid)
    assert volume["name"] == "system" and volume["deviceNumber"] is None
    other = make_server(api, dc)
    attach(api, dc, other, vid)
    assert volume_of(api, dc, vid)["deviceNumber"] == 1


@pytest.mark.parametrize("action", ["start", "stop", "reboot"])
def test_power_actions_answer_202_with_location_and_empty_body(api, action):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    response = api.post(f"/datacenters/{dc}/servers/{sid}/{action}", headers=FORM)
    assert response.content == b""
    status = api.wait(response)
    assert status["metadata"]["status"] == "DONE"
    assert status["metadata"]["targets"][0]["target"]["id"] == sid


def test_reboot_leaves_the_server_running(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    api.post(f"/datacenters/{dc}/servers/{sid}/reboot")
    assert server_of(api, dc, sid)["properties"]["vmState"] == "RUNNING"


def test_stop_takes_the_dhcp_public_ip_and_start_gives_a_new_one(api):
    dc = api.make_datacenter()
    lan = public_lan(api, dc)
    sid = make_server(api, dc, {"nics": {"items": [{"properties": {"name": "public", "lan": int(lan)}},
                                                   {"properties": {"name": "private", "lan": 2}}]}})
    nics = {n["properties"]["name"]: n["id"] for n in api.get(f"/datacenters/{dc}/servers/{sid}/nics?depth=1")["items"]}
    (public_before,) = nic_ips(api, dc, sid, nics["public"])
    private_before = nic_ips(api, dc, sid, nics["private"])

    api.post(f"/datacenters/{dc}/servers/{sid}/stop")
    assert server_of(api, dc, sid)["properties"]["vmState"] == "SHUTOFF"
    assert nic_ips(api, dc, sid, nics["public"]) == []
    assert nic_ips(api, dc, sid, nics["private"]) == private_before

    api.post(f"/datacenters/{dc}/servers/{sid}/start")
    assert server_of(api, dc, sid)["properties"]["vmState"] == "RUNNING"
    (public_after,) = nic_ips(api, dc, sid, nics["public"])
    assert public_after != public_before and public_after.startswith("158.222.")
    assert nic_ips(api, dc, sid, nics["private"]) == private_before


def test_stop_and_start_twice_are_harmless(api):
    dc = api.make_datacenter()
    lan = public_lan(api, dc)
    sid = make_server(api, dc, {"nics": {"items": [{"properties": {"name": "public", "lan": int(lan)}}]}})
    nid = api.get(f"/datacenters/{dc}/servers/{sid}/nics")["items"][0]["id"]
    for unused in range(2):
        api.post(f"/datacenters/{dc}/servers/{sid}/stop")
        assert server_of(api, dc, sid)["properties"]["vmState"] == "SHUTOFF"
        assert nic_ips(api, dc, sid, nid) == []
    api.post(f"/datacenters/{dc}/servers/{sid}/start")
    ips = nic_ips(api, dc, sid, nid)
    api.post(f"/datacenters/{dc}/servers/{sid}/start")
    assert server_of(api, dc, sid)["properties"]["vmState"] == "RUNNING"
    assert nic_ips(api, dc, sid, nid) == ips and len(ips) == 1


def test_fixed_public_ip_survives_stop(api):
    """Only DHCP-assigned public addresses are given back (README, Stop a Server / Start a Server)."""
    dc = api.make_datacenter()
    lan = public_lan(api, dc)
    block = api.post("/ipblocks", {"properties": {"location": "us/las", "size": 1}}).json()["id"]
    (ip,) = api.get(f"/ipblocks/{block}")["properties"]["ips"]
    sid = make_server(api, dc, {"nics": {"items": [{"properties": {"lan": int(lan), "ips": [ip]}}]}})
    nid = api.get(f"/datacenters/{dc}/servers/{sid}/nics")["items"][0]["id"]
    api.post(f"/datacenters/{dc}/servers/{sid}/stop")
    assert nic_ips(api, dc, sid, nid) == [ip]


# -- attached volumes ---------------------------------------------------------

def test_attach_and_detach_a_volume(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    vid = make_volume(api, dc)
    echo = attach(api, dc, sid, vid).json()
    assert echo["id"] == vid and echo["type"] == "volume"
    listed = api.get(f"/datacenters/{dc}/servers/{sid}/volumes")
    assert listed["id"] == f"{sid}/volumes" and [v["id"] for v in listed["items"]] == [vid]
    assert api.get(f"/datacenters/{dc}/servers/{sid}/volumes/{vid}")["properties"]["deviceNumber"] == 1
    response = api.delete(f"/datacenters/{dc}/servers/{sid}/volumes/{vid}")
    assert response.content == b""
    assert api.get(f"/datacenters/{dc}/servers/{sid}/volumes")["items"] == []
    assert volume_of(api, dc, vid)["deviceNumber"] is None
    assert server_of(api, dc, sid)["properties"]["bootVolume"] is None


def test_device_numbers_count_up_from_one(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    vids = [make_volume(api, dc) for unused in range(3)]
    for vid in vids:
        attach(api, dc, sid, vid)
    assert [volume_of(api, dc, vid)["deviceNumber"] for vid in vids] == [1, 2, 3]


def test_volume_attached_elsewhere_cannot_be_attached(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    first, second = make_server(api, dc), make_server(api, dc)
    attach(api, dc, first, vid)
    api.error("POST", f"/datacenters/{dc}/servers/{second}/volumes", {"id": vid})
    api.error("POST", f"/datacenters/{dc}/servers/{first}/volumes", {"id": vid})
    assert api.get(f"/datacenters/{dc}/servers/{second}/volumes")["items"] == []
    assert [v["id"] for v in api.get(f"/datacenters/{dc}/servers/{first}/volumes")["items"]] == [vid]


def test_volume_bus_is_null_until_attached(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, bus="IDE")
    assert volume_of(api, dc, vid)["bus"] is None
    sid = make_server(api, dc)
    attach(api, dc, sid, vid)
    assert volume_of(api, dc, vid)["bus"] == "IDE"


def test_volume_not_attached_is_404_under_the_server(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    vid = make_volume(api, dc)
    assert "Resource does not exist" in api.error("GET", f"/datacenters/{dc}/servers/{sid}/volumes/{vid}", expect=404)
    api.error("DELETE", f"/datacenters/{dc}/servers/{sid}/volumes/{vid}", expect=404)


# -- CD-ROMs ------------------------------------------------------------------

def test_attach_list_get_and_detach_a_cdrom(api):
    dc = api.make_datacenter()
    sid = make_server(api, dc)
    iid = cdrom_id(api)
    echo = api.post(f"/datacenters/{dc}/servers/{sid}/cdroms", {"id": iid}).json()
    assert echo["id"] == iid and echo["type"] == "image"
    listed = api.get(f"/datacenters/{dc}/servers/{sid}/cdroms?depth=1")
    assert listed["id"] == f"{sid}/cdroms"
    assert [(c["id"], c["properties"]["imageType"]) for c in listed["items"]] == [(iid, "CDROM")]
    assert api.get(f"/datacenters/{dc}/servers/{sid}/cdroms/{iid}")["properties"]["location"] == "us/las"
    assert api.delete(f"/datacenters/{dc}/servers/{sid}/cdroms/{iid}").content == b""
    assert api.get(f"/datacenters/{dc}/servers/{sid}/cdroms")["items"] == []
    api.error("GET", f"/datacenters/{dc}/servers/{sid}/cdroms/{iid}", expect=404)
    api.get(f"/images/{iid}")  # detaching leaves the image alone


def test_cdrom_must_be_a_cdrom_image_of_the_same_location(api):
    dc = api.make_datacenter(location="us/las")
    sid = make_server(api, dc)
    path = f"/datacenters/{dc}/servers/{sid}/cdroms"
    api.error("POST", path, {"id": image_id(api, "Ubuntu", "us/las", "HDD")})
    api.error("POST", path, {"id": cdrom_id(api, "de/fra")})
    assert api.get(path)["items"] == []


def test_boot_from_cdrom(api):
    dc = api.make_datacenter()
    iid = cdrom_id(api)
    sid = make_server(api, dc, bootCdrom={"id": iid})
    props = server_of(api, dc, sid)["properties"]
    assert props["bootCdrom"]["id"] == iid and props["bootVolume"] is None
    assert [c["id"] for c in api.get(f"/datacenters/{dc}/servers/{sid}/cdroms")["items"]] == [iid]
    # A volume attached later does not take over the boot device.
    attach(api, dc, sid, make_volume(api, dc))
    assert server_of(api, dc, sid)["properties"]["bootCdrom"]["id"] == iid


def test_patch_boot_cdrom_replaces_the_boot_volume(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    sid = make_server(api, dc, {"volumes": {"items": [{"id": vid}]}})
    iid = cdrom_id(api)
    api.post(f"/datacenters/{dc}/servers/{sid}/cdroms", {"id": iid})
    api.patch(f"/datacenters/{dc}/servers/{sid}", {"bootCdrom": {"id": iid}})
    props = server_of(api, dc, sid)["properties"]
    assert props["bootCdrom"]["id"] == iid and props["bootVolume"] is None


# -- volumes ------------------------------------------------------------------

def test_volume_size_is_required(api):
    dc = api.make_datacenter()
    message = api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {"name": "v", "licenceType": "LINUX"}})
    assert "Attribute 'size' is required" in message


def test_volume_from_public_image_by_id(api):
    dc = api.make_datacenter()
    iid = image_id(api, "Ubuntu-20.04")
    vid = make_volume(api, dc, image=iid, imagePassword="secretpass1", licenceType=None)
    volume = volume_of(api, dc, vid)
    assert volume["image"] == iid and volume["licenceType"] == "LINUX" and volume["size"] == 10


def test_volume_from_image_alias(api):
    dc = api.make_datacenter(location="de/fra")
    response = api.post(f"/datacenters/{dc}/volumes", {"properties": {
        "size": 10, "imageAlias": "ubuntu:latest", "sshKeys": ["ssh-rsa AAAAB3Nza key"]}})
    volume = volume_of(api, dc, response.json()["id"])
    assert volume["image"] == image_id(api, "Ubuntu-20.04", "de/fra")
    assert volume["licenceType"] == "LINUX"
    api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": 10, "imageAlias": "no-such-os:latest", "imagePassword": "secretpass1"}})


def test_public_image_needs_password_or_ssh_keys(api):
    dc = api.make_datacenter()
    iid = image_id(api, "Ubuntu-20.04")
    message = api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {"size": 10, "image": iid}})
    assert "imagePassword" in message
    make_volume(api, dc, image=iid, sshKeys=["ssh-rsa AAAAB3Nza key"], licenceType=None)


@pytest.mark.parametrize("password, ok", [
    ("abcdEF12", True), ("a" * 50, True), ("abcdEF1", False), ("pass-word1", False), ("pass_word1", False),
    ("secretpass1\n", False),
])
def test_image_password_rule(api, password, ok):
    dc = api.make_datacenter()
    body = {"properties": {"size": 10, "image": image_id(api, "Ubuntu-20.04"), "imagePassword": password}}
    if ok:
        api.post(f"/datacenters/{dc}/volumes", body)
    else:
        assert "imagePassword" in api.error("POST", f"/datacenters/{dc}/volumes", body)


def test_ssh_keys_only_with_a_public_linux_image(api):
    dc = api.make_datacenter()
    path = f"/datacenters/{dc}/volumes"
    keys = ["ssh-rsa AAAAB3Nza key"]
    windows = image_id(api, "Windows-2019")
    assert "sshKeys" in api.error("POST", path, {"properties": {"size": 40, "image": windows, "sshKeys": keys}})
    make_volume(api, dc, size=40, image=windows, imagePassword="secretpass1", licenceType=None)
    api.error("POST", path, {"properties": {"size": 10, "licenceType": "LINUX", "sshKeys": keys}})


def test_volume_without_image_needs_licence_type(api):
    dc = api.make_datacenter()
    message = api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {"name": "v", "size": 10}})
    assert "licenceType" in message
    vid = make_volume(api, dc, licenceType="OTHER")
    assert volume_of(api, dc, vid)["licenceType"] == "OTHER" and volume_of(api, dc, vid)["image"] is None


def test_volume_smaller_than_its_image_is_rejected(api):
    dc = api.make_datacenter()
    windows = image_id(api, "Windows-2019")
    assert api.get(f"/images/{windows}")["properties"]["size"] == 30
    message = api.error("POST", f"/datacenters/{dc}/volumes",
                        {"properties": {"size": 20, "image": windows, "imagePassword": "secretpass1"}})
    assert "size" in message


def test_volume_size_only_grows(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, size=10)
    path = f"/datacenters/{dc}/volumes/{vid}"
    message = api.error("PATCH", path, {"size": 5})
    assert "10" in message and "5" in message
    assert api.patch(path, {"size": 20}).json()["properties"]["size"] == 20
    assert volume_of(api, dc, vid)["size"] == 20


@pytest.mark.parametrize("change", [{"type": "SSD"}, {"availabilityZone": "ZONE_2"}, {"image": "other"},
                                    {"imagePassword": "newpass123"}])
def test_create_only_volume_properties_cannot_change(api, change):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, image=image_id(api, "Ubuntu-20.04"), imagePassword="secretpass1", licenceType=None)
    before = volume_of(api, dc, vid)
    message = api.error("PATCH", f"/datacenters/{dc}/volumes/{vid}", change)
    assert next(iter(change)) in message
    assert volume_of(api, dc, vid) == before


def test_image_password_and_ssh_keys_are_never_read_back(api):
    dc = api.make_datacenter()
    body = {"properties": {"size": 10, "image": image_id(api, "Ubuntu-20.04"), "imagePassword": "secretpass1",
                           "sshKeys": ["ssh-rsa AAAAB3Nza key"]}}
    echo = api.post(f"/datacenters/{dc}/volumes", body).json()
    # Only the 202 repeats them, in clear (wire reference section 7b: a later GET shows null).
    assert echo["properties"]["imagePassword"] == "secretpass1"
    assert echo["properties"]["sshKeys"] == ["ssh-rsa AAAAB3Nza key"]
    volume = volume_of(api, dc, echo["id"])
    assert volume["imagePassword"] is None and volume["sshKeys"] is None
    listed = api.get(f"/datacenters/{dc}/volumes?depth=1")["items"][0]["properties"]
    assert listed["imagePassword"] is None


def test_licence_type_of_a_public_image_volume_is_fixed(api):
    dc = api.make_datacenter()
    from_image = make_volume(api, dc, image=image_id(api, "Ubuntu-20.04"), imagePassword="secretpass1",
                             licenceType=None)
    api.error("PATCH", f"/datacenters/{dc}/volumes/{from_image}", {"licenceType": "WINDOWS"})
    assert volume_of(api, dc, from_image)["licenceType"] == "LINUX"
    data = make_volume(api, dc, licenceType="LINUX")
    api.patch(f"/datacenters/{dc}/volumes/{data}", {"licenceType": "OTHER"})
    assert volume_of(api, dc, data)["licenceType"] == "OTHER"


def test_image_of_another_location_is_rejected(api):
    dc = api.make_datacenter(location="de/fra")
    message = api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": 10, "image": image_id(api, "Ubuntu-20.04", "us/las"), "imagePassword": "secretpass1"}})
    assert "image" in message
    assert api.get(f"/datacenters/{dc}/volumes")["items"] == []


def test_cdrom_image_cannot_be_a_volume_image(api):
    dc = api.make_datacenter()
    api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": 10, "image": cdrom_id(api), "imagePassword": "secretpass1"}})


def test_own_image_takes_no_password(api):
    """imagePassword "works with public images only" (spec, VolumeProperties)."""
    dc = api.make_datacenter()
    own = api.control("POST", "/images", {"name": "my-image", "location": "us/las", "size": 5,
                                          "licenceType": "LINUX"})["id"]
    api.error("POST", f"/datacenters/{dc}/volumes",
              {"properties": {"size": 10, "image": own, "imagePassword": "secretpass1"}})
    vid = make_volume(api, dc, image=own, licenceType=None)
    assert volume_of(api, dc, vid)["image"] == own


def test_volume_size_within_the_contract_limit(api):
    api.control("PUT", "/limits", {"hddLimitPerVolume": 50})
    dc = api.make_datacenter()
    message = api.error("POST", f"/datacenters/{dc}/volumes",
                        {"properties": {"size": 60, "licenceType": "LINUX"}})
    assert "50" in message
    vid = make_volume(api, dc, size=50)
    api.error("PATCH", f"/datacenters/{dc}/volumes/{vid}", {"size": 51})
    assert volume_of(api, dc, vid)["size"] == 50
    make_volume(api, dc, size=60, type="SSD")  # the HDD limit does not apply to SSD volumes


# -- snapshots ----------------------------------------------------------------

def test_create_snapshot_with_a_form_body(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, size=12, image=image_id(api, "Ubuntu-20.04"), imagePassword="secretpass1",
                      licenceType=None)
    response = post_form(api, f"/datacenters/{dc}/volumes/{vid}/create-snapshot",
                         {"name": "nightly", "description": "before upgrade"})
    echo = response.json()
    assert echo["type"] == "snapshot"
    assert echo["properties"]["size"] is None and echo["properties"]["licenceType"] == "LINUX"
    assert (echo["properties"]["name"], echo["properties"]["description"]) == ("nightly", "before upgrade")
    status = api.wait(response)
    assert status["metadata"]["status"] == "DONE"
    assert status["metadata"]["targets"][0]["target"]["id"] == echo["id"]
    snapshot = api.get(f"/snapshots/{echo['id']}")["properties"]
    assert snapshot["size"] == 12 and snapshot["location"] == "us/las" and snapshot["licenceType"] == "LINUX"
    assert [s["id"] for s in api.get("/snapshots")["items"]] == [echo["id"]]


def test_snapshot_takes_the_licence_type_of_the_volume(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, licenceType="OTHER")
    echo = post_form(api, f"/datacenters/{dc}/volumes/{vid}/create-snapshot", {"name": "s"}).json()
    assert echo["properties"]["licenceType"] == "OTHER"


def test_sdk_none_description_is_stored_as_text(api):
    """The SDK urlencodes a missing description as the literal text None (wire reference §5)."""
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    sid = snapshot_of(api, dc, vid, name="s", description=None)
    assert api.get(f"/snapshots/{sid}")["properties"]["description"] == "None"


def test_patch_snapshot(api):
    dc = api.make_datacenter()
    sid = snapshot_of(api, dc, make_volume(api, dc))
    api.patch(f"/snapshots/{sid}", {"name": "renamed", "description": "changed", "licenceType": "OTHER"})
    props = api.get(f"/snapshots/{sid}")["properties"]
    assert (props["name"], props["description"], props["licenceType"]) == ("renamed", "changed", "OTHER")
    api.error("PATCH", f"/snapshots/{sid}", {"licenceType": "SOLARIS"})


def test_volume_from_a_snapshot(api):
    dc = api.make_datacenter()
    sid = snapshot_of(api, dc, make_volume(api, dc, size=10, licenceType="OTHER"))
    path = f"/datacenters/{dc}/volumes"
    vid = api.post(path, {"properties": {"size": 10, "image": sid}}).json()["id"]
    volume = volume_of(api, dc, vid)
    assert volume["image"] == sid and volume["licenceType"] == "OTHER"
    api.error("POST", path, {"properties": {"size": 5, "image": sid}})  # smaller than the snapshot
    api.error("POST", path, {"properties": {"size": 10, "image": sid, "imagePassword": "secretpass1"}})


def test_restore_snapshot_with_a_form_body(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc, licenceType="OTHER")
    sid = snapshot_of(api, dc, vid)
    response = post_form(api, f"/datacenters/{dc}/volumes/{vid}/restore-snapshot", {"snapshotId": sid})
    assert response.content == b""
    status = api.wait(response)
    assert status["metadata"]["status"] == "DONE"
    assert status["metadata"]["targets"][0]["target"]["id"] == vid


def test_restore_needs_a_snapshot_id(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    assert "snapshotId" in form_error(api, f"/datacenters/{dc}/volumes/{vid}/restore-snapshot", {})


def test_snapshot_of_another_location_is_rejected(api):
    las = api.make_datacenter(location="us/las")
    sid = snapshot_of(api, las, make_volume(api, las))
    fra = api.make_datacenter(location="de/fra")
    vid = make_volume(api, fra)
    form_error(api, f"/datacenters/{fra}/volumes/{vid}/restore-snapshot", {"snapshotId": sid})
    api.error("POST", f"/datacenters/{fra}/volumes", {"properties": {"size": 10, "image": sid}})


def test_delete_snapshot(api):
    dc = api.make_datacenter()
    vid = make_volume(api, dc)
    sid = snapshot_of(api, dc, vid)
    assert api.delete(f"/snapshots/{sid}").content == b""
    api.get(f"/snapshots/{sid}", expect=404)
    assert api.get("/snapshots")["items"] == []
    assert volume_of(api, dc, vid)["size"] == 10  # the volume stays


# -- images -------------------------------------------------------------------

def test_list_and_get_public_images(api):
    images = api.get("/images?depth=1")
    assert images["id"] == "images"
    locations = {i["properties"]["location"] for i in images["items"]}
    assert locations == {"us/las", "us/ewr", "de/fra", "de/fkb", "de/txl", "gb/lhr"}
    assert all(i["properties"]["public"] for i in images["items"])
    cdroms = [i for i in images["items"] if i["properties"]["imageType"] == "CDROM"]
    assert cdroms and all(i["properties"]["licenceType"] == "LINUX" for i in cdroms)
    iid = image_id(api, "Ubuntu-20.04", "de/fra")
    image = api.get(f"/images/{iid}")
    assert image["type"] == "image" and image["properties"]["location"] == "de/fra"
    assert "ubuntu:latest" in image["properties"]["imageAliases"]


def test_public_image_cannot_be_changed_or_deleted(api):
    iid = image_id(api, "Ubuntu-20.04")
    api.error("PATCH", f"/images/{iid}", {"name": "mine now"}, expect=403)
    api.error("PUT", f"/images/{iid}", {"properties": {"name": "mine now", "licenceType": "LINUX"}}, expect=403)
    api.error("DELETE", f"/images/{iid}", expect=403)
    assert api.get(f"/images/{iid}")["properties"]["name"].startswith("Ubuntu-20.04")


def test_own_image_can_be_changed_and_deleted(api):
    own = api.control("POST", "/images", {"name": "my-image", "location": "us/las", "size": 5,
                                          "licenceType": "LINUX"})["id"]
    image = api.get(f"/images/{own}")["properties"]
    assert image["public"] is False and image["name"] == "my-image"
    api.patch(f"/images/{own}", {"name": "renamed", "description": "mine", "licenceType": "OTHER"})
    image = api.get(f"/images/{own}")["properties"]
    assert (image["name"], image["description"], image["licenceType"]) == ("renamed", "mine", "OTHER")
    assert api.delete(f"/images/{own}").content == b""
    api.get(f"/images/{own}", expect=404)


# -- requests -----------------------------------------------------------------

def test_volume_create_request_targets_the_volume(api):
    dc = api.make_datacenter()
    response = api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 10, "licenceType": "LINUX"}})
    status = api.wait(response)
    assert status["metadata"]["status"] == "DONE"
    target = status["metadata"]["targets"][0]
    assert target["status"] == "DONE"
    assert target["target"] == {"id": response.json()["id"], "type": "volume",
                                "href": f"{api.url}/datacenters/{dc}/volumes/{response.json()['id']}"}


def test_server_create_request_targets_the_server(api):
    dc = api.make_datacenter()
    response = api.post(f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 1024}, "entities": {
        "volumes": {"items": [{"properties": {"size": 10, "licenceType": "LINUX"}}]}}})
    status = api.wait(response)
    assert status["metadata"]["status"] == "DONE"
    targets = [(t["target"]["type"], t["target"]["id"]) for t in status["metadata"]["targets"]]
    assert targets[0] == ("server", response.json()["id"])
    volume_id = response.json()["entities"]["volumes"]["items"][0]["id"]
    assert ("volume", volume_id) in targets


def test_attach_request_targets_the_volume(api):
    dc = api.make_datacenter()
    sid, vid = make_server(api, dc), make_volume(api, dc)
    status = api.wait(attach(api, dc, sid, vid))
    assert status["metadata"]["status"] == "DONE"
    assert status["metadata"]["targets"][0]["target"]["id"] == vid
