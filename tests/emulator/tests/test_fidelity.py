"""Where the real API is less kind than a client would like, the emulator is too: each test
cites what was recorded from the real API (wire reference section 7b, its sources in
section 0). A module that trusts a 202 body, or forgets to mask what it repeats, fails here
before it fails a user."""

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
