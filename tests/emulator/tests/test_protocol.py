"""The wire protocol: auth, errors, 202 + Location, request status, depth,
ETag, headers and body parsing, as cloudapi-v5-wire.md describes them."""

import requests

from conftest import PASSWORD, TOKEN, USER


def test_basic_and_bearer_auth(api):
    assert api.get("/datacenters")["id"] == "datacenters"
    bearer = requests.get(api.url + "/datacenters", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert bearer.status_code == 200


def test_wrong_credentials_answer_401_with_error_body(api):
    for auth in [(USER, "wrong"), ("someone@example.com", PASSWORD)]:
        response = requests.get(api.url + "/datacenters", auth=auth, timeout=10)
        assert response.status_code == 401
        assert response.json() == {"httpStatus": 401, "messages": [{"errorCode": "315", "message": "Unauthorized"}]}
    response = requests.get(api.url + "/datacenters", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert response.status_code == 401
    assert requests.get(api.url + "/datacenters", timeout=10).status_code == 401


def test_unknown_id_is_404_resource_does_not_exist(api):
    message = api.error("GET", "/datacenters/00000000-0000-0000-0000-000000000000", expect=404)
    assert "Resource does not exist" in message
    dc = api.make_datacenter()
    assert "Resource does not exist" in api.error("GET", f"/datacenters/{dc}/servers/nope", expect=404)
    assert "Resource does not exist" in api.error("GET", "/no/such/path", expect=404)


def test_wrong_method_is_405(api):
    message = api.error("PATCH", "/locations", {}, expect=405)
    assert "PATCH" in message and "GET" in message


def test_bad_json_is_400(api):
    response = api.session.post(api.url + "/datacenters", data=b"{not json", timeout=10)
    assert response.status_code == 400
    assert response.json()["httpStatus"] == 400


def test_post_body_is_json_whatever_the_content_type(api):
    # The SDK sends POST bodies without a Content-Type, or with a form one.
    body = b'{"properties": {"name": "plain", "location": "de/fra"}}'
    for headers in ({}, {"Content-Type": "application/x-www-form-urlencoded"}, {"Content-Type": "text/plain"}):
        response = api.session.post(api.url + "/datacenters", data=body, headers=headers, timeout=10)
        assert response.status_code == 202, response.text
        assert response.json()["properties"]["location"] == "de/fra"


def test_write_answers_202_with_location_and_request_completes(api):
    response = api.post("/datacenters", {"properties": {"name": "a", "location": "us/las"}})
    location = response.headers["Location"]
    assert location.startswith(api.url + "/requests/") and location.endswith("/status")
    request_id = location.split("/")[-2]
    status = api.get(location)
    assert status["id"] == f"{request_id}/status"
    assert status["type"] == "request-status"
    assert status["metadata"]["status"] == "DONE"
    assert status["metadata"]["message"] == "Request has been successfully executed"
    target = status["metadata"]["targets"][0]
    assert target["status"] == "DONE" and target["target"]["id"] == response.json()["id"]
    assert target["target"]["type"] == "datacenter"
    request = api.get(f"/requests/{request_id}")
    assert request["type"] == "request"
    assert request["properties"]["method"] == "POST"
    assert request["properties"]["url"].endswith("/datacenters")
    assert request["metadata"]["requestStatus"]["metadata"]["status"] == "DONE"


def test_every_delete_is_202_with_location(api):
    dc = api.make_datacenter()
    response = api.delete(f"/datacenters/{dc}")
    assert "/requests/" in response.headers["Location"]
    assert response.content == b""
    api.get(f"/datacenters/{dc}", expect=404)


def test_create_echo_has_nulls_for_unsent_properties(api):
    dc = api.make_datacenter()
    body = api.post(f"/datacenters/{dc}/servers", {"properties": {"name": "s", "cores": 1, "ram": 1024}}).json()
    assert body["properties"]["vmState"] is None
    assert body["metadata"]["state"] in ("BUSY", "AVAILABLE")
    server = api.get(f"/datacenters/{dc}/servers/{body['id']}")
    assert server["properties"]["vmState"] == "RUNNING"
    nic = api.post(f"/datacenters/{dc}/servers/{body['id']}/nics", {"properties": {"name": "n", "lan": 1}}).json()
    assert nic["properties"]["nat"] is None and nic["properties"]["mac"] is None and nic["properties"]["dhcp"] is None
    nic = api.get(f"/datacenters/{dc}/servers/{body['id']}/nics/{nic['id']}")
    assert nic["properties"]["nat"] is False and nic["properties"]["dhcp"] is True
    assert nic["properties"]["mac"].startswith("02:01:")
    echo = api.post("/datacenters", {"properties": {"name": "e", "location": "us/las"}}).json()
    assert echo["properties"]["version"] is None and echo["properties"]["features"] == []


def server_fixture(api):
    dc = api.make_datacenter()
    body = {
        "properties": {"name": "Server001", "cores": 1, "ram": 1024},
        "entities": {
            "volumes": {"items": [{"properties": {"name": "vol1", "size": 10, "licenceType": "LINUX"}}]},
            "nics": {"items": [{"properties": {"name": "nic", "lan": 1},
                                "entities": {"firewallrules": {"items": [
                                    {"properties": {"name": "ssh", "protocol": "TCP",
                                                    "portRangeStart": 22, "portRangeEnd": 22}}]}}}]},
        },
    }
    server = api.post(f"/datacenters/{dc}/servers", body).json()
    return dc, server["id"]


def test_depth_follows_one_rule(api):
    dc, sid = server_fixture(api)
    path = f"/datacenters/{dc}/servers/{sid}"
    d0 = api.get(path + "?depth=0")
    assert set(d0) == {"id", "type", "href", "metadata", "properties", "entities"}
    assert set(d0["entities"]) == {"cdroms", "volumes", "nics"}
    assert d0["entities"]["nics"] == {"id": f"{sid}/nics", "type": "collection", "href": api.url + path + "/nics"}
    d1 = api.get(path + "?depth=1")
    nic_ref = d1["entities"]["nics"]["items"][0]
    assert set(nic_ref) == {"id", "type", "href"} and nic_ref["type"] == "nic"
    volume_ref = d1["entities"]["volumes"]["items"][0]
    assert volume_ref["href"] == f"{api.url}/datacenters/{dc}/volumes/{volume_ref['id']}"
    assert d1["properties"]["bootVolume"]["id"] == volume_ref["id"]
    d2 = api.get(path + "?depth=2")
    nic = d2["entities"]["nics"]["items"][0]
    assert nic["properties"]["lan"] == 1 and "items" not in nic["entities"]["firewallrules"]
    assert d2["entities"]["volumes"]["items"][0]["properties"]["deviceNumber"] == 1
    d3 = api.get(path + "?depth=3")
    rule = d3["entities"]["nics"]["items"][0]["entities"]["firewallrules"]["items"][0]
    assert set(rule) == {"id", "type", "href"} and rule["type"] == "firewall-rule"
    d4 = api.get(path + "?depth=4")
    rule = d4["entities"]["nics"]["items"][0]["entities"]["firewallrules"]["items"][0]
    assert rule["properties"]["portRangeStart"] == 22 and rule["properties"]["sourceIp"] is None
    # A collection at depth d holds its items at depth d - 1.
    listing = api.get(f"/datacenters/{dc}/servers?depth=0")
    assert set(listing) == {"id", "type", "href", "items"}
    assert set(listing["items"][0]) == {"id", "type", "href"}
    listing = api.get(f"/datacenters/{dc}/servers?depth=3")
    assert listing["items"][0]["entities"]["nics"]["items"][0]["properties"]["name"] == "nic"


def test_depth_out_of_range_is_rejected(api):
    assert api.get("/datacenters?depth=10")["id"] == "datacenters"
    api.error("GET", "/datacenters?depth=11", expect=400)
    api.error("GET", "/datacenters?depth=x", expect=400)


def test_etag_header_and_not_modified(api):
    dc = api.make_datacenter()
    response = api.call("GET", f"/datacenters/{dc}", expect=200)
    etag = response.headers["ETag"]
    assert etag == response.json()["metadata"]["etag"]
    assert "ETag" not in api.call("GET", f"/datacenters/{dc}?depth=1", expect=200).headers
    api.call("GET", f"/datacenters/{dc}", expect=304, headers={"If-None-Match": etag})
    api.patch(f"/datacenters/{dc}", {"name": "renamed"})
    assert api.call("GET", f"/datacenters/{dc}", headers={"If-None-Match": etag}).status_code == 200


def test_rate_limit_headers_on_every_answer(api):
    for response in (api.call("GET", "/datacenters"), api.call("GET", "/nope"),
                     requests.get(api.url + "/datacenters", timeout=10)):
        for header in ("X-RateLimit-Limit", "X-RateLimit-Burst", "X-RateLimit-Remaining"):
            assert int(response.headers[header]) > 0


def test_pretty_false_is_compact(api):
    assert b"\n" in api.call("GET", "/locations").content
    assert b"\n" not in api.call("GET", "/locations?pretty=false").content


def test_contract_number_header(api):
    number = api.get("/contracts")["properties"]["contractNumber"]
    assert isinstance(number, int)
    api.call("GET", "/datacenters", expect=200, headers={"X-Contract-Number": str(number)})
    api.call("GET", "/datacenters", expect=403, headers={"X-Contract-Number": "1"})


def test_api_info(api):
    info = api.get("/")
    assert info["name"] == "CLOUD API" and info["version"] == "5.0"
