"""Where the real API is less kind than a client would like, the emulator is too: each test
cites what was recorded from the real API (wire reference section 7b, its sources in
section 0). A module that trusts a 202 body, or forgets to mask what it repeats, fails here
before it fails a user."""

import pytest
from test_compute import image_id, make_server

FLAGS = ("cpuHotPlug", "ramHotPlug", "nicHotPlug", "nicHotUnplug", "discVirtioHotPlug", "discVirtioHotUnplug")


def volume_props(api, dc, volume_id):
    return api.get(f"/datacenters/{dc}/volumes/{volume_id}")["properties"]


# -- 7b: the 202 answer to a write echoes the request -------------------------------

def test_a_volume_create_repeats_the_request_secrets_and_bus_included(api):
    """GOFX server_test.go (imagePassword, sshKeys in clear), PY test_volume (bus as sent)."""
    dc = api.make_datacenter()
    echo = api.post(f"/datacenters/{dc}/volumes", {"properties": {
        "name": "v", "size": 10, "image": image_id(api, "Ubuntu-20.04"), "imagePassword": "secretpass1",
        "sshKeys": ["ssh-rsa AAAAB3Nza key"], "bus": "IDE"}}).json()["properties"]
    assert (echo["imagePassword"], echo["sshKeys"], echo["bus"]) == ("secretpass1", ["ssh-rsa AAAAB3Nza key"], "IDE")
    assert echo["type"] is None and echo["availabilityZone"] is None  # not sent: null
    read = volume_props(api, dc, api.get(f"/datacenters/{dc}/volumes")["items"][0]["id"])
    assert (read["imagePassword"], read["sshKeys"], read["bus"]) == (None, None, None)
    assert (read["type"], read["availabilityZone"]) == ("HDD", "AUTO")


def test_a_volume_without_an_image_has_its_hot_plug_flags_false_and_its_snapshot_too(api):
    """GOFX, LC4, PY: false (not true, not null), in the answer and on a read."""
    dc = api.make_datacenter()
    answer = api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 5, "licenceType": "LINUX"}}).json()
    assert {flag: answer["properties"][flag] for flag in FLAGS} == dict.fromkeys(FLAGS, False)
    assert {flag: volume_props(api, dc, answer["id"])[flag] for flag in FLAGS} == dict.fromkeys(FLAGS, False)
    snapshot = api.post(f"/datacenters/{dc}/volumes/{answer['id']}/create-snapshot", {"name": "s"}).json()
    assert {flag: api.get(f"/snapshots/{snapshot['id']}")["properties"][flag] for flag in FLAGS} == \
        dict.fromkeys(FLAGS, False)


def test_an_image_alias_is_answered_as_the_image_it_names(api):
    """GOFX: `image` set to the resolved UUID, no `imageAlias` key in the answer."""
    dc = api.make_datacenter(location="de/fra")
    answer = api.post(f"/datacenters/{dc}/volumes", {"properties": {
        "size": 10, "imageAlias": "ubuntu:latest", "imagePassword": "secretpass1"}}).json()["properties"]
    assert "imageAlias" not in answer
    assert api.get(f"/images/{answer['image']}")["properties"]["location"] == "de/fra"


def test_a_nic_answer_has_no_addresses_yet_and_nat_null(api):
    """Section 7b (`ips: []`) and section 7 (`nat` null in the echo, false on a read)."""
    dc = api.make_datacenter()
    server = make_server(api, dc)
    answer = api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1}}).json()
    assert answer["properties"]["ips"] == [] and answer["properties"]["nat"] is None
    read = api.get(f"/datacenters/{dc}/servers/{server}/nics/{answer['id']}")["properties"]
    assert len(read["ips"]) == 1 and read["nat"] is False


def test_a_new_users_answer_has_force_sec_auth_false_and_no_password(api):
    """PY test_user_management: forceSecAuth false; the spec's user has no password property."""
    answer = api.post("/um/users", {"properties": {"firstname": "A", "lastname": "B", "email": "ab@example.com",
                                                   "password": "secret-pass-1"}}).json()["properties"]
    assert answer["forceSecAuth"] is False and "password" not in answer


def test_entities_list_only_the_child_collections_sent(api):
    """LC4 (no `entities` without children; a load balancer keeps its balanced NICs), GOFX
    (a composite datacenter lists its collections without items)."""
    plain = api.post("/datacenters", {"properties": {"name": "p", "location": "us/las"}}).json()
    assert "entities" not in plain
    composite = api.post("/datacenters", {"properties": {"name": "c", "location": "us/las"}, "entities": {
        "servers": {"items": [{"properties": {"name": "s", "cores": 1, "ram": 1024}}]},
        "volumes": {"items": [{"properties": {"name": "v", "size": 5, "licenceType": "LINUX"}}]}}}).json()
    assert set(composite["entities"]) == {"servers", "volumes"}
    assert all("items" not in coll for coll in composite["entities"].values())
    dc = plain["id"]
    assert "entities" not in api.post(f"/datacenters/{dc}/lans", {"properties": {"name": "l"}}).json()
    server = make_server(api, dc)
    nic = api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1}}).json()
    assert "entities" not in nic
    balancer = api.post(f"/datacenters/{dc}/loadbalancers", {"properties": {"name": "lb"}, "entities": {
        "balancednics": {"items": [{"id": nic["id"]}]}}}).json()
    assert [item["id"] for item in balancer["entities"]["balancednics"]["items"]] == [nic["id"]]


def test_an_attach_answers_with_the_volume_as_it_was_before(api):
    """PY test_server: `bus` null and no device number in the answer; both set on a read."""
    dc = api.make_datacenter()
    server = make_server(api, dc)
    volume = api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 5, "licenceType": "LINUX"}}).json()
    answer = api.post(f"/datacenters/{dc}/servers/{server}/volumes", {"id": volume["id"]}).json()["properties"]
    assert answer["bus"] is None and answer["deviceNumber"] is None
    read = api.get(f"/datacenters/{dc}/servers/{server}/volumes/{volume['id']}")["properties"]
    assert read["bus"] == "VIRTIO" and read["deviceNumber"] == 1


def test_a_snapshot_gets_the_apis_default_description(api):
    """GOFX, JC: `Created from "<volume>" in Data Center "<datacenter>"`."""
    dc = api.make_datacenter(name="Prod")
    volume = api.post(f"/datacenters/{dc}/volumes", {"properties": {"name": "data", "size": 5,
                                                                    "licenceType": "LINUX"}}).json()["id"]
    snapshot = api.post(f"/datacenters/{dc}/volumes/{volume}/create-snapshot", {"name": "s"}).json()
    expected = 'Created from "data" in Data Center "Prod"'
    assert snapshot["properties"]["description"] == expected
    assert api.get(f"/snapshots/{snapshot['id']}")["properties"]["description"] == expected


# -- 7b: deletes and detaches are asynchronous ---------------------------------------

def held(api, delay=2):
    """Requests take ``delay`` seconds and the clock stands still until the test moves it."""
    api.control("PUT", "/config", {"provisioning_delay": delay})
    api.control("PUT", "/clock", {"frozen": True})


def test_a_deleted_server_stays_readable_and_listed_busy_until_its_request_is_done(api):
    """PY test_restore_snapshot after test_remove_snapshot: a read after the DELETE's 202 still
    finds the resource; a 404 only once the request is DONE."""
    dc = api.make_datacenter()
    server = make_server(api, dc, name="web")
    held(api)
    deleted = api.delete(f"/datacenters/{dc}/servers/{server}")
    assert api.get(f"/datacenters/{dc}/servers/{server}")["metadata"]["state"] == "BUSY"
    assert [s["id"] for s in api.get(f"/datacenters/{dc}/servers")["items"]] == [server]
    assert api.get(deleted.headers["Location"])["metadata"]["status"] == "QUEUED"
    again = api.delete(f"/datacenters/{dc}/servers/{server}")  # still there: a DELETE is accepted again
    api.control("PUT", "/clock", {"advance": 2})
    assert api.get(deleted.headers["Location"])["metadata"]["status"] == "DONE"
    assert api.get(again.headers["Location"])["metadata"]["status"] == "DONE"
    api.get(f"/datacenters/{dc}/servers/{server}", expect=404)
    assert api.get(f"/datacenters/{dc}/servers")["items"] == []


def test_a_name_can_match_a_resource_being_deleted(api):
    dc = api.make_datacenter()
    old = make_server(api, dc, name="web")
    held(api)
    api.delete(f"/datacenters/{dc}/servers/{old}")
    new = make_server(api, dc, name="web")
    named = [s["id"] for s in api.get(f"/datacenters/{dc}/servers?depth=1")["items"] if s["properties"]["name"] == "web"]
    assert sorted(named) == sorted([old, new])
    api.control("PUT", "/clock", {"advance": 2})
    assert [s["id"] for s in api.get(f"/datacenters/{dc}/servers")["items"]] == [new]


def test_a_detached_volume_stays_attached_until_the_detach_is_done(api):
    """PY test_get_attached_volume after test_detach_volume passes on the live API only so."""
    dc = api.make_datacenter()
    volume = api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 5, "licenceType": "LINUX"}}).json()["id"]
    server = make_server(api, dc, entities={"volumes": {"items": [{"id": volume}]}})
    held(api)
    api.delete(f"/datacenters/{dc}/servers/{server}/volumes/{volume}")
    attached = api.get(f"/datacenters/{dc}/servers/{server}/volumes/{volume}")
    assert attached["metadata"]["state"] == "BUSY" and attached["properties"]["deviceNumber"] == 1
    api.control("PUT", "/clock", {"advance": 2})
    api.get(f"/datacenters/{dc}/servers/{server}/volumes/{volume}", expect=404)
    assert api.get(f"/datacenters/{dc}/volumes/{volume}")["properties"]["bus"] is None


def test_what_is_being_deleted_still_counts(api):
    """A NIC being deleted still holds its LAN: the LAN cannot go before the NIC has."""
    dc = api.make_datacenter()
    server = make_server(api, dc)
    nic = api.post(f"/datacenters/{dc}/servers/{server}/nics", {"properties": {"lan": 1}}).json()["id"]
    held(api)
    api.delete(f"/datacenters/{dc}/servers/{server}/nics/{nic}")
    assert "in use" in api.error("DELETE", f"/datacenters/{dc}/lans/1")
    api.control("PUT", "/clock", {"advance": 2})
    api.delete(f"/datacenters/{dc}/lans/1")


def test_a_failed_delete_leaves_everything_as_it_was(api):
    dc = api.make_datacenter()
    server = make_server(api, dc)
    held(api)
    api.control("PUT", "/faults", {"rules": [{"kind": "failed", "times": 1}]})
    deleted = api.delete(f"/datacenters/{dc}/servers/{server}")
    api.control("PUT", "/clock", {"advance": 2})
    assert api.get(deleted.headers["Location"])["metadata"]["status"] == "FAILED"
    assert api.get(f"/datacenters/{dc}/servers/{server}")["metadata"]["state"] == "AVAILABLE"


def test_a_deleted_datacenter_takes_its_children_when_done(api):
    dc = api.make_datacenter()
    server = make_server(api, dc)
    held(api)
    api.delete(f"/datacenters/{dc}")
    assert api.get(f"/datacenters/{dc}/servers/{server}")["id"] == server
    api.control("PUT", "/clock", {"advance": 2})
    api.get(f"/datacenters/{dc}", expect=404)
    assert api.get("/datacenters")["items"] == []


# -- 7b: depth ------------------------------------------------------------------------

def test_a_server_read_deeper_carries_its_boot_volume_whole(api):
    """JC, LC4: at depth >= 1 a full volume element without availabilityZone and sshKeys; at
    depth 0 a reference (GOFX, JC)."""
    dc = api.make_datacenter()
    volume = api.post(f"/datacenters/{dc}/volumes", {"properties": {"name": "root", "size": 5,
                                                                    "licenceType": "LINUX"}}).json()["id"]
    server = make_server(api, dc, entities={"volumes": {"items": [{"id": volume}]}}, bootVolume={"id": volume})
    shallow = api.get(f"/datacenters/{dc}/servers/{server}")["properties"]["bootVolume"]
    assert set(shallow) == {"id", "type", "href"}
    deep = api.get(f"/datacenters/{dc}/servers/{server}?depth=1")["properties"]["bootVolume"]
    assert deep["id"] == volume and deep["properties"]["name"] == "root" and "metadata" in deep
    assert "availabilityZone" not in deep["properties"] and "sshKeys" not in deep["properties"]
    listed = api.get("/datacenters?depth=5")["items"][0]["entities"]["servers"]["items"][0]
    assert listed["properties"]["bootVolume"]["properties"]["size"] == 5
    assert set(api.get(f"/datacenters/{dc}/servers/{server}")["properties"]["bootVolume"]) == {"id", "type", "href"}


# -- 7b: 422 bodies -----------------------------------------------------------------

def test_a_422_names_every_faulty_attribute_at_once_each_prefixed(api):
    """TF issue 30: several messages in one answer, `[(root).properties.<name>]`, errorCode 100
    or 109 (a value outside its enumeration); a rule beyond one attribute `[VDC-5-...]`, 200."""
    dc = api.make_datacenter()
    answer = api.call("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": "big", "bus": "SCSI", "licenceType": "LINUX"}}, expect=422).json()
    messages = {m["message"]: m["errorCode"] for m in answer["messages"]}
    assert len(messages) == 2
    bus, size = sorted(messages)
    assert bus.startswith("[(root).properties.bus] Attribute 'bus' has an invalid value") and messages[bus] == "109"
    assert size.startswith("[(root).properties.size] Attribute 'size' must be") and messages[size] == "100"
    rule = api.call("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": 5, "image": image_id(api, "Ubuntu-20.04"), "imageAlias": "ubuntu:latest",
        "imagePassword": "secretpass1"}}, expect=422).json()["messages"]
    assert [(m["errorCode"], m["message"].split("] ")[0] + "]") for m in rule] == [("200", "[VDC-5-1900]")]
    missing = api.error("POST", "/datacenters", {"properties": {"name": "x"}})
    assert missing == "[(root).properties.location] Attribute 'location' is required"


# -- 7b: user management ------------------------------------------------------------

def test_um_resources_carry_their_own_type_and_list_public_images(api):
    """PY test_user_management; SPEC: "all resources that you have access to"."""
    dc = api.make_datacenter()
    listed = {r["id"]: r["type"] for r in api.get("/um/resources/datacenter")["items"]}
    assert listed == {dc: "datacenter"}
    public = image_id(api, "Ubuntu-20.04")
    assert public in {r["id"] for r in api.get("/um/resources/image")["items"]}
    assert api.get(f"/um/resources/image/{public}")["type"] == "image"


def test_a_new_user_has_one_inactive_s3_key(api):
    """PY test_s3key: creating a user also creates one inactive key, whose secret nobody sees."""
    user = api.post("/um/users", {"properties": {"firstname": "A", "lastname": "B", "email": "k@example.com",
                                                 "password": "secret-pass-1"}}).json()["id"]
    keys = api.get(f"/um/users/{user}/s3keys?depth=1")["items"]
    assert [(k["properties"]["active"], k["properties"]["secretKey"]) for k in keys] == [(False, None)]


# -- 7b: smaller differences --------------------------------------------------------

def test_public_images_are_the_systems_and_cdroms_have_iso_aliases(api):
    images = [i for i in api.get("/images?depth=1")["items"] if i["properties"]["location"] == "us/las"]
    assert {(i["metadata"]["createdBy"], i["properties"]["description"]) for i in images} == {("System", "")}
    cdrom_aliases = [a for i in images if i["properties"]["imageType"] == "CDROM" for a in i["properties"]["imageAliases"]]
    assert cdrom_aliases and all(a.endswith("_iso") for a in cdrom_aliases)


def test_a_2_gb_volume_from_ubuntu_is_accepted(api):
    """Accepted by the real API (wire reference 7b): the emulator's Ubuntu images are 2 GB."""
    dc = api.make_datacenter()
    api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 2, "imageAlias": "ubuntu:latest",
                                                           "imagePassword": "secretpass1"}})
    assert "HDD image" in api.error("POST", f"/datacenters/{dc}/volumes", {"properties": {
        "size": 2, "imageAlias": "ubuntu:latest_iso", "imagePassword": "secretpass1"}})


def test_a_request_element_shows_header_names_lower_case(api):
    response = api.post("/datacenters", {"properties": {"name": "h", "location": "us/las"}})
    request_id = response.headers["Location"].split("/requests/")[1].split("/")[0]
    headers = api.get(f"/requests/{request_id}?depth=1")["properties"]["headers"]
    assert headers and all(name == name.lower() for name in headers)
    assert "authorization" not in headers


@pytest.mark.no_spec_check
def test_a_gateway_may_answer_502_and_504_with_html(api):
    """GOFX error_test.go: a proxy in front of the API answers with its own page."""
    api.control("PUT", "/faults", {"rules": [{"kind": "502", "html": True, "times": 1}]})
    response = api.session.get(api.url + "/locations", timeout=10)
    assert response.status_code == 502 and response.headers["Content-Type"].startswith("text/html")
    assert "<html>" in response.text
    assert api.get("/locations")["type"] == "collection"
