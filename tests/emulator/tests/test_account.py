"""Account-wide resources: locations, contract, requests, user management
(groups, users, members, shares, resources), S3 keys, backup units, labels."""

import time

import pytest


def test_locations(api):
    locations = api.get("/locations?depth=1")
    assert set(locations) == {"id", "type", "href", "items"}  # the SDK's tests count the keys
    ids = [item["id"] for item in locations["items"]]
    assert ids == ["us/las", "us/ewr", "de/fra", "de/fkb", "de/txl", "gb/lhr"]
    fra = api.get("/locations/de/fra")
    assert fra["type"] == "location" and fra["properties"]["name"] == "frankfurt"
    assert "ubuntu:latest" in fra["properties"]["imageAliases"]
    assert [item["id"] for item in api.get("/locations/de")["items"]] == ["de/fra", "de/fkb", "de/txl"]
    api.get("/locations/xx/yyy", expect=404)


def test_public_images_per_location(api):
    images = api.get("/images?depth=1")["items"]
    for location in ("us/las", "us/ewr", "de/fra", "de/fkb", "de/txl", "gb/lhr"):
        here = [i["properties"] for i in images if i["properties"]["location"] == location]
        assert any(p["imageType"] == "HDD" and p["name"].startswith("Ubuntu-16.04") for p in here)
        cdroms = [p for p in here if p["imageType"] == "CDROM"]
        assert cdroms and all(p["licenceType"] == "LINUX" and p["public"] for p in cdroms)


def test_contract_limits_and_usage(api):
    contract = api.get("/contracts")
    assert contract["type"] == "contract" and set(contract) == {"type", "properties"}
    limits = contract["properties"]["resourceLimits"]
    assert limits["coresProvisioned"] == 0 and limits["coresPerServer"] > 0
    dc = api.make_datacenter()
    api.post(f"/datacenters/{dc}/servers", {"properties": {"cores": 3, "ram": 2048}})
    api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 40, "licenceType": "OTHER"}})
    api.post("/ipblocks", {"properties": {"location": "us/las", "size": 2}})
    limits = api.get("/contracts")["properties"]["resourceLimits"]
    assert (limits["coresProvisioned"], limits["ramProvisioned"]) == (3, 2048)
    assert limits["hddVolumeProvisioned"] == 40 and limits["reservedIpsOnContract"] == 2
    api.control("PUT", "/limits", {"coresPerContract": 4})
    message = api.error("POST", f"/datacenters/{dc}/servers", {"properties": {"cores": 2, "ram": 1024}})
    assert "limit of 4 cores" in message


def test_request_list_filters_and_pagination(api):
    dc = api.make_datacenter()
    api.patch(f"/datacenters/{dc}", {"name": "renamed"})
    api.post(f"/datacenters/{dc}/lans", {"properties": {"name": "l"}})
    listing = api.get("/requests?depth=1")
    assert listing["id"] == "requests" and {"offset", "limit", "_links"} <= set(listing)
    assert [r["properties"]["method"] for r in listing["items"]] == ["POST", "PATCH", "POST"]  # newest first
    assert [r["properties"]["method"] for r in api.get("/requests?depth=1&filter.method=PATCH")["items"]] == ["PATCH"]
    assert len(api.get("/requests?filter.url=/lans")["items"]) == 1
    assert len(api.get("/requests?filter.body=renamed")["items"]) == 1
    assert len(api.get("/requests?filter.status=DONE")["items"]) == 3
    assert api.get("/requests?filter.status=QUEUED")["items"] == []
    after = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 60))
    assert api.get(f"/requests?filter.createdAfter={after}")["items"] == []
    page = api.get("/requests?offset=1&limit=1")
    assert len(page["items"]) == 1 and page["offset"] == 1 and "next" in page["_links"]
    api.error("GET", "/requests?filter.createdAfter=yesterday", expect=400)
    api.get("/requests/00000000-0000-0000-0000-000000000000/status", expect=404)


def test_requests_never_show_secrets(api):
    api.post("/um/users", {"properties": {"firstname": "A", "lastname": "B", "email": "a@example.com",
                                          "password": "very-secret-1"}})
    body = api.get("/requests?depth=2")["items"][0]["properties"]
    assert "very-secret-1" not in body["body"] and "*****" in body["body"]
    assert "Authorization" not in body["headers"] and "authorization" not in body["headers"]


def make_user(api, email="jane@example.com", **extra):
    props = {"firstname": "Jane", "lastname": "Doe", "email": email, "password": "secret-123", **extra}
    return api.post("/um/users", {"properties": props}).json()


def test_users(api):
    owner = api.get("/um/users?depth=1")["items"]
    assert len(owner) == 1 and owner[0]["properties"]["administrator"] is True
    user = make_user(api, administrator=True)
    assert user["properties"].get("password") is None
    got = api.get(f"/um/users/{user['id']}")
    assert got["properties"]["email"] == "jane@example.com" and got["properties"]["forceSecAuth"] is False
    assert set(got["metadata"]) == {"etag", "createdDate", "lastLogin"}
    assert "password" not in got["properties"]
    assert "already exists" in api.error("POST", "/um/users", {"properties": {
        "firstname": "X", "lastname": "Y", "email": "JANE@example.com", "password": "secret-123"}})
    assert "Attribute 'email' is required" in api.error("POST", "/um/users", {"properties": {
        "firstname": "X", "lastname": "Y", "password": "secret-123"}})
    assert "valid email" in api.error("POST", "/um/users", {"properties": {
        "firstname": "X", "lastname": "Y", "email": "nope", "password": "secret-123"}})
    api.put(f"/um/users/{user['id']}", {"properties": {
        "firstname": "Janet", "lastname": "Doe", "email": "jane@example.com", "administrator": False,
        "forceSecAuth": True}})
    props = api.get(f"/um/users/{user['id']}")["properties"]
    assert props["firstname"] == "Janet" and props["forceSecAuth"] is True and props["administrator"] is False
    assert "cannot be deleted" in api.error("DELETE", f"/um/users/{owner[0]['id']}")
    api.delete(f"/um/users/{user['id']}")
    api.get(f"/um/users/{user['id']}", expect=404)


def test_groups_members_and_privileges(api):
    group = api.post("/um/groups", {"properties": {"name": "ops", "createDataCenter": True}}).json()
    assert "Attribute 'name' is required" in api.error("POST", "/um/groups", {"properties": {}})
    assert "already exists" in api.error("POST", "/um/groups", {"properties": {"name": "ops"}})
    got = api.get(f"/um/groups/{group['id']}")
    assert "metadata" not in got
    assert got["properties"]["createDataCenter"] is True and got["properties"]["reserveIp"] is False
    assert set(got["properties"]) == {"name", "createDataCenter", "createSnapshot", "reserveIp", "accessActivityLog",
                                      "createPcc", "s3Privilege", "createBackupUnit", "createInternetAccess",
                                      "createK8sCluster"}
    user = make_user(api)
    api.post(f"/um/groups/{group['id']}/users", {"id": user["id"]})
    assert "already a member" in api.error("POST", f"/um/groups/{group['id']}/users", {"id": user["id"]})
    assert [u["id"] for u in api.get(f"/um/groups/{group['id']}/users")["items"]] == [user["id"]]
    assert [g["id"] for g in api.get(f"/um/users/{user['id']}/groups")["items"]] == [group["id"]]
    depth = api.get(f"/um/groups/{group['id']}?depth=1")
    assert depth["entities"]["users"]["items"][0]["id"] == user["id"]
    api.put(f"/um/groups/{group['id']}", {"properties": {"name": "ops", "reserveIp": True}})
    props = api.get(f"/um/groups/{group['id']}")["properties"]
    assert props["reserveIp"] is True and props["createDataCenter"] is False  # PUT replaces
    api.delete(f"/um/groups/{group['id']}/users/{user['id']}")
    assert api.get(f"/um/groups/{group['id']}/users")["items"] == []
    api.delete(f"/um/groups/{group['id']}/users/{user['id']}", expect=404)


def test_shares_and_resources(api):
    group = api.post("/um/groups", {"properties": {"name": "share"}}).json()["id"]
    dc = api.make_datacenter()
    block = api.post("/ipblocks", {"properties": {"location": "us/las", "size": 1}}).json()["id"]
    share = api.post(f"/um/groups/{group}/shares/{dc}", {"properties": {"editPrivilege": True}}).json()
    assert share["type"] == "resource" and share["id"] == dc and share["properties"]["sharePrivilege"] is False
    assert "already shared" in api.error("POST", f"/um/groups/{group}/shares/{dc}", {"properties": {}})
    public_image = api.get("/images")["items"][0]["id"]
    assert "public image" in api.error("POST", f"/um/groups/{group}/shares/{public_image}", {"properties": {}})
    api.get(f"/um/groups/{group}/shares/00000000-0000-0000-0000-000000000000", expect=404)
    api.put(f"/um/groups/{group}/shares/{dc}", {"properties": {"editPrivilege": False, "sharePrivilege": True}})
    assert api.get(f"/um/groups/{group}/shares/{dc}")["properties"] == {"editPrivilege": False, "sharePrivilege": True}
    assert [r["id"] for r in api.get(f"/um/groups/{group}/resources")["items"]] == [dc]
    resources = api.get("/um/resources?depth=1")["items"]
    public_images = {i["id"] for i in api.get("/images?depth=1")["items"] if i["properties"]["public"]}
    assert {r["id"] for r in resources} == {dc, block} | public_images  # what the account can use
    assert {r["id"]: r["type"] for r in resources if r["id"] in (dc, block)} == {dc: "datacenter", block: "ipblock"}
    assert [r["id"] for r in api.get("/um/resources/ipblock")["items"]] == [block]
    assert api.get(f"/um/resources/datacenter/{dc}")["properties"]["name"] == "dc"
    api.get("/um/resources/spaceship", expect=404)
    owner = api.get("/um/users")["items"][0]["id"]
    assert {r["id"] for r in api.get(f"/um/users/{owner}/owns")["items"]} == {dc, block}
    api.delete(f"/datacenters/{dc}")
    assert api.get(f"/um/groups/{group}/shares")["items"] == []


def test_s3_keys_secret_shown_once_and_at_most_five(api):
    user = make_user(api)["id"]
    created = api.post(f"/um/users/{user}/s3keys", expect=201)
    key = created.json()
    assert "/requests/" in created.headers["Location"]
    assert len(key["id"]) == 20 and len(key["properties"]["secretKey"]) == 40 and key["properties"]["active"]
    assert set(key["metadata"]) == {"etag", "createdDate"}
    read = api.get(f"/um/users/{user}/s3keys/{key['id']}")
    assert read["properties"]["secretKey"] is None
    api.put(f"/um/users/{user}/s3keys/{key['id']}", {"properties": {"active": False}})
    assert api.get(f"/um/users/{user}/s3keys/{key['id']}")["properties"]["active"] is False
    for unused in range(3):  # with the key every new user gets, five
        api.post(f"/um/users/{user}/s3keys", expect=201)
    assert "maximum of 5" in api.error("POST", f"/um/users/{user}/s3keys")
    api.delete(f"/um/users/{user}/s3keys/{key['id']}")
    assert len(api.get(f"/um/users/{user}/s3keys")["items"]) == 4
    assert api.get(f"/um/users/{user}/s3ssourl")["ssoUrl"].startswith("https://")


def test_backup_units(api):
    created = api.post("/backupunits", {"properties": {"name": "backup1", "password": "pw-12345",
                                                       "email": "b@example.com"}}).json()
    # The 202 repeats the request, the password too (wire reference section 7b); a read never does.
    assert created["properties"]["password"] == "pw-12345"
    unit = api.get(f"/backupunits/{created['id']}")
    assert unit["type"] == "backupunit" and unit["properties"] == {"name": "backup1", "password": None,
                                                                   "email": "b@example.com"}
    assert "letters and digits" in api.error("POST", "/backupunits", {"properties": {
        "name": "bad name!", "password": "pw-12345", "email": "b@example.com"}})
    assert "already exists" in api.error("POST", "/backupunits", {"properties": {
        "name": "backup1", "password": "pw-12345", "email": "b@example.com"}})
    assert "Attribute 'email' is required" in api.error("POST", "/backupunits", {"properties": {
        "name": "other", "password": "pw-12345"}})
    api.patch(f"/backupunits/{created['id']}", {"email": "new@example.com", "password": "changed-1"})
    assert api.get(f"/backupunits/{created['id']}")["properties"]["email"] == "new@example.com"
    api.patch(f"/backupunits/{created['id']}", {"name": "renamed"})
    assert api.get(f"/backupunits/{created['id']}")["properties"]["name"] == "renamed"
    other = api.post("/backupunits", {"properties": {"name": "backup2", "password": "pw-12345",
                                                     "email": "b@example.com"}}).json()
    assert "already exists" in api.error("PATCH", f"/backupunits/{other['id']}", {"name": "renamed"})
    assert api.get(f"/backupunits/{created['id']}/ssourl")["ssoUrl"].startswith("https://")
    api.delete(f"/backupunits/{created['id']}")
    api.get(f"/backupunits/{created['id']}/ssourl", expect=404)


@pytest.mark.parametrize("owner", ["datacenter", "server", "volume", "snapshot", "ipblock"])
def test_labels(api, owner):
    dc = api.make_datacenter()
    paths = {"datacenter": f"/datacenters/{dc}"}
    if owner == "server":
        paths[owner] = f"/datacenters/{dc}/servers/" + api.post(
            f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 256}}).json()["id"]
    if owner in ("volume", "snapshot"):
        volume = api.post(f"/datacenters/{dc}/volumes", {"properties": {"size": 1, "licenceType": "OTHER"}}).json()
        paths["volume"] = f"/datacenters/{dc}/volumes/{volume['id']}"
        if owner == "snapshot":
            snap = api.call("POST", paths["volume"] + "/create-snapshot", data="name=s", expect=202).json()
            paths[owner] = f"/snapshots/{snap['id']}"
    if owner == "ipblock":
        paths[owner] = "/ipblocks/" + api.post("/ipblocks", {"properties": {"location": "us/las", "size": 1}}).json()["id"]
    base = paths[owner] + "/labels"
    label = api.post(base, {"properties": {"key": "env", "value": "prod"}}, expect=201)
    assert "Location" not in label.headers
    assert label.json()["type"] == "label" and label.json()["properties"] == {"key": "env", "value": "prod"}
    assert "already exists" in api.error("POST", base, {"properties": {"key": "env", "value": "x"}})
    assert api.put(base + "/env", {"properties": {"key": "env", "value": "dev"}}, expect=200).json()["properties"][
        "value"] == "dev"
    assert [l["id"] for l in api.get(base)["items"]] == ["env"]
    everything = api.get("/labels?depth=1")["items"]
    urn = everything[0]["id"]
    assert urn.startswith(f"urn:label:{owner}:") and everything[0]["properties"]["resourceType"] == owner
    assert api.get(f"/labels/{urn}")["properties"]["value"] == "dev"
    api.call("DELETE", base + "/env", expect=200)
    api.get(base + "/env", expect=404)
    assert api.get("/labels")["items"] == []
