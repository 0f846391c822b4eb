"""IonosClient against the emulator: error mapping, retries, auth and headers, pagination.

Every error test also checks that no secret (password, token, Basic header) reaches the
error's text or its ``to_failure()``: both end up in a task's output.
"""

import http.server
import json
import socket
import threading
import uuid

import pytest
import yaml
from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION
from ansible_collections.ionos.enterprise.plugins.module_utils import _version
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import (
    ApiError,
    ForbiddenError,
    NotAuthorizedError,
    NotFoundError,
    RateLimitError,
    TransportError,
    ValidationError,
)
from conftest import REPO, TOKEN, assert_no_secret, new_datacenter
from ionos_emulator.catalog import CONTRACT_NUMBER

FAILURE_KEYS = {"status", "messages", "method", "url", "request_id"}


def assert_failure(error, status, method, url):
    """What a failed task shows: the status, the API's messages, the call; no secret."""
    failure = error.to_failure()
    assert FAILURE_KEYS <= set(failure)
    assert (failure["status"], failure["method"], failure["url"]) == (status, method, url)
    assert failure["messages"] and all(set(m) == {"errorCode", "message"} for m in failure["messages"])
    assert str(status) in str(error) and url in str(error)
    assert_no_secret(error)


def closed_port():
    """A local port nothing listens on: bound, then released."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


# -- 1. every error class from a real answer ----------------------------------------

def test_wrong_password_is_not_authorized_and_does_not_quote_it(client, emulator):
    wrong = "Wr0ng-S3cret-%s" % uuid.uuid4().hex[:8]
    with pytest.raises(NotAuthorizedError) as caught:
        client(password=wrong).get("/datacenters")
    assert_failure(caught.value, 401, "GET", emulator.url + "/datacenters")
    assert "username and password" in str(caught.value)  # the hint tells what to check
    assert_no_secret(caught.value, wrong)
    assert emulator.calls("GET /datacenters") == 1  # a 401 is not retried


def test_unknown_datacenter_is_not_found(client, emulator):
    path = "/datacenters/%s" % uuid.uuid4()
    with pytest.raises(NotFoundError) as caught:
        client().get(path)
    assert_failure(caught.value, 404, "GET", emulator.url + path)
    assert caught.value.messages[0]["message"] == "Resource does not exist"
    assert client().get_or_none(path) is None


def test_datacenter_without_location_is_a_validation_error_naming_location(client, emulator):
    with pytest.raises(ValidationError) as caught:
        client().post("/datacenters", {"properties": {"name": "no-location"}})
    assert_failure(caught.value, 422, "POST", emulator.url + "/datacenters")
    assert "location" in caught.value.messages[0]["message"]
    assert "location" in str(caught.value)
    assert caught.value.may_have_acted is False
    assert emulator.datacenter_count() == 0


def test_a_422_shows_every_message_of_the_answer_once(client, emulator):
    """The real API names every faulty attribute at once, each prefixed (wire reference 7b)."""
    with pytest.raises(ValidationError) as caught:
        client().post("/datacenters", {"properties": {"name": ["not", "a", "name"], "secAuthProtection": "maybe"}})
    texts = [m["message"] for m in caught.value.messages]
    assert len(texts) == 3 and all(t.startswith("[(root).properties.") for t in texts), texts
    for text in texts:
        assert str(caught.value).count(text) == 1


def test_a_gateways_html_502_is_retried_like_the_apis(client, emulator, fake_time):
    emulator.faults({"kind": "502", "html": True, "path": "^/datacenters$", "times": 1})
    assert client().list("/datacenters") == []
    assert emulator.calls("GET /datacenters") == 2
    emulator.faults({"kind": "504", "html": True, "path": "^/datacenters$"})
    with pytest.raises(ApiError) as caught:
        client(api_retries=1).get("/datacenters")
    assert "HTTP 504" in str(caught.value) and "<html" not in str(caught.value)


def test_429_until_retries_run_out_is_a_rate_limit_error(client, emulator, fake_time):
    emulator.faults({"kind": "429", "path": "^/datacenters$", "retry_after": 1})
    with pytest.raises(RateLimitError) as caught:
        client(api_retries=3).get("/datacenters")
    assert_failure(caught.value, 429, "GET", emulator.url + "/datacenters")
    assert fake_time.sleeps == [1.5, 1.5, 1.5]  # Retry-After spread by the jitter (1.0 here)
    assert emulator.calls("GET /datacenters") == 4


def test_500_until_retries_run_out_is_an_api_error(client, emulator):
    emulator.faults({"kind": "500", "path": "^/datacenters$"})
    with pytest.raises(ApiError) as caught:
        client(api_retries=2).get("/datacenters")
    assert caught.value.__class__.__name__ == "ApiError"  # the generic class, not a subclass
    assert_failure(caught.value, 500, "GET", emulator.url + "/datacenters")
    assert emulator.calls("GET /datacenters") == 3


# -- 2. rate limits: Retry-After, else growing back-off --------------------------------

@pytest.mark.parametrize("jitter, expected", [(0.0, [2.0]), (0.5, [2.5]), (1.0, [3.0])])
def test_429_with_retry_after_sleeps_that_spread_by_jitter_then_succeeds(client, emulator, fake_time, jitter, expected):
    emulator.faults({"kind": "429", "path": "^/datacenters$", "retry_after": 2, "times": 1})
    assert client(jitter=lambda: jitter).get("/datacenters")["items"] == []
    assert fake_time.sleeps == expected


@pytest.mark.parametrize("jitter, expected", [(1.0, [0.5, 1.0, 2.0, 4.0]), (0.0, [0.25, 0.5, 1.0, 2.0])])
def test_429_without_retry_after_backs_off_exponentially(client, emulator, fake_time, jitter, expected):
    emulator.faults({"kind": "429", "path": "^/datacenters$", "retry_after": None, "times": 4})
    assert client(jitter=lambda: jitter).get("/datacenters")["items"] == []
    assert fake_time.sleeps == expected


# -- 3. which 5xx and 429 are retried ------------------------------------------------

def test_503_on_get_is_retried_to_success(client, emulator, fake_time):
    emulator.faults({"kind": "503", "methods": ["GET"], "times": 2})
    assert client().get("/datacenters")["items"] == []
    assert emulator.calls("GET /datacenters") == 3
    assert len(fake_time.sleeps) == 2


def test_503_on_post_is_not_retried_and_may_have_acted(client, emulator, fake_time):
    emulator.faults({"kind": "503", "methods": ["POST"], "times": 1})
    with pytest.raises(ApiError) as caught:
        new_datacenter(client())
    assert caught.value.status == 503 and caught.value.may_have_acted is True
    assert_failure(caught.value, 503, "POST", emulator.url + "/datacenters")
    assert emulator.calls("POST /datacenters") == 1
    assert fake_time.sleeps == []


def test_429_on_post_is_retried_and_creates_once(client, emulator, fake_time):
    emulator.faults({"kind": "429", "methods": ["POST"], "retry_after": 1, "times": 2})
    assert new_datacenter(client()).status == 202
    assert emulator.calls("POST /datacenters") == 3
    assert fake_time.sleeps == [1.5, 1.5]
    assert emulator.datacenter_count() == 1


# -- 4. broken and refused connections -----------------------------------------------

@pytest.mark.parametrize("kind", ["drop_before", "drop_after"])
def test_dropped_connection_on_get_is_retried(client, emulator, fake_time, kind):
    emulator.faults({"kind": kind, "methods": ["GET"], "times": 1})
    assert client().get("/datacenters")["items"] == []
    assert emulator.calls("GET /datacenters") == 2
    assert len(fake_time.sleeps) == 1


@pytest.mark.parametrize("kind, created", [("drop_before", 0), ("drop_after", 1)])
def test_dropped_connection_on_post_is_not_retried(client, emulator, fake_time, kind, created):
    # The client cannot tell the two apart, so neither is repeated: a repeat of
    # drop_after would create a second datacenter.
    emulator.faults({"kind": kind, "methods": ["POST"], "times": 1})
    with pytest.raises(TransportError) as caught:
        new_datacenter(client())
    assert caught.value.may_have_acted is True
    assert "POST" in str(caught.value) and emulator.url + "/datacenters" in str(caught.value)
    assert_no_secret(caught.value)
    assert emulator.calls("POST /datacenters") == 1
    assert emulator.datacenter_count() == created
    assert fake_time.sleeps == []


def test_post_that_times_out_is_not_retried(client, emulator, fake_time):
    emulator.faults({"kind": "slow", "methods": ["POST"], "delay": 1.0, "times": 1})
    with pytest.raises(TransportError) as caught:
        new_datacenter(client(api_timeout=0.3))
    assert "api_timeout" in str(caught.value) and caught.value.may_have_acted is True
    assert emulator.calls("POST /datacenters") == 1 and fake_time.sleeps == []


def test_refused_connection_is_a_transport_error_naming_api_url(client, fake_time):
    api_url = "http://127.0.0.1:%d/cloudapi/v5" % closed_port()
    with pytest.raises(TransportError) as caught:
        client(api_url=api_url, api_retries=0).get("/datacenters")
    assert caught.value.may_have_acted is False
    assert api_url in str(caught.value) and "api_url" in str(caught.value)
    assert caught.value.to_failure()["url"] == api_url + "/datacenters"
    assert_no_secret(caught.value)


def test_post_is_retried_when_the_connection_is_refused(client, fake_time):
    # Nothing reached the API, so repeating a POST cannot create anything twice.
    api_url = "http://127.0.0.1:%d/cloudapi/v5" % closed_port()
    with pytest.raises(TransportError) as caught:
        new_datacenter(client(api_url=api_url, api_retries=3))
    assert fake_time.sleeps == [0.5, 1.0, 2.0]
    assert caught.value.may_have_acted is False


def test_a_refused_connection_is_retried_as_often_and_as_patiently_as_api_retries_says(client, fake_time):
    # An API restarting refuses connections for a while: api_retries is the user's word on how long
    # to keep trying (issue 19: api_retries 10 used to give up after 3 tries in about 1.2 s).
    api_url = "http://127.0.0.1:%d/cloudapi/v5" % closed_port()
    with pytest.raises(TransportError):
        client(api_url=api_url, api_retries=10).get("/datacenters")
    assert fake_time.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0]


def test_delete_whose_answer_was_lost_does_not_report_not_found(client, emulator):
    dc_id = new_datacenter(client()).body["id"]
    emulator.faults({"kind": "drop_after", "methods": ["DELETE"], "times": 1})
    try:
        client().delete("/datacenters/%s" % dc_id)
    except NotFoundError as error:
        pytest.fail("a successful delete reported as: %s" % error)
    except TransportError as error:  # acceptable too: not retried, flagged as ambiguous
        assert error.may_have_acted is True
    assert emulator.datacenter_count() == 0


def test_a_refused_retry_after_a_lost_answer_may_have_acted(client, emulator, virtual_time):
    # The retry of a PUT whose answer was lost can be refused because of that very PUT (a
    # Kubernetes cluster UPDATING with it): the error says the write may have been made.
    emulator.config(k8s_delay=0)
    cluster = client().post("/k8s", {"properties": {"name": "c", "k8sVersion": "1.18.5"}}).body
    emulator.config(k8s_delay=30)
    emulator.faults({"kind": "drop_after", "methods": ["PUT"], "times": 1})
    with pytest.raises(ValidationError) as caught:
        client().put("/k8s/" + cluster["id"], {"properties": {"name": "c", "k8sVersion": "1.18.9"}})
    assert caught.value.may_have_acted is True and "UPDATING" in str(caught.value)
    assert emulator.calls("PUT /k8s/{k8sClusterId}") == 2


def test_a_refused_write_without_a_lost_answer_did_not_act(client, emulator):
    emulator.config(k8s_delay=0)
    cluster = client().post("/k8s", {"properties": {"name": "c", "k8sVersion": "1.18.5"}}).body
    with pytest.raises(ValidationError) as caught:
        client().put("/k8s/" + cluster["id"], {"properties": {"name": "c", "k8sVersion": "1.17.8"}})
    assert caught.value.may_have_acted is False


# -- 5. api_retries bounds the attempts ------------------------------------------------

@pytest.mark.parametrize("api_retries", [0, 2])
def test_api_retries_bounds_attempts(client, emulator, fake_time, api_retries):
    emulator.faults({"kind": "503", "methods": ["GET"]})
    with pytest.raises(ApiError):
        client(api_retries=api_retries).get("/datacenters")
    assert emulator.calls("GET /datacenters") == api_retries + 1
    assert len(fake_time.sleeps) == api_retries


# -- 8. authentication and headers --------------------------------------------------

def sent_headers(client):
    """Record the headers of every request the client really sends."""
    seen = []
    client.session.hooks["response"].append(lambda answer, *a, **kw: seen.append(answer.request.headers))
    return seen


def test_token_auth_uses_bearer(client, emulator):
    api = client(username=None, password=None, token=TOKEN)
    headers = sent_headers(api)
    assert api.get("/datacenters")["items"] == []
    assert headers[0]["Authorization"] == "Bearer %s" % TOKEN


def test_wrong_token_is_not_authorized_and_not_quoted(client):
    wrong = "not-the-token-%s" % uuid.uuid4().hex
    with pytest.raises(NotAuthorizedError) as caught:
        client(username=None, password=None, token=wrong).get("/datacenters")
    assert_no_secret(caught.value, wrong)


def test_contract_number_is_sent(client):
    api = client(contract_number=CONTRACT_NUMBER)
    headers = sent_headers(api)
    assert api.get("/datacenters")["items"] == []
    assert headers[0]["X-Contract-Number"] == str(CONTRACT_NUMBER)


def test_wrong_contract_number_is_forbidden(client, emulator):
    with pytest.raises(ForbiddenError) as caught:
        client(contract_number=CONTRACT_NUMBER + 1).get("/datacenters")
    assert_failure(caught.value, 403, "GET", emulator.url + "/datacenters")
    assert "contract_number" in str(caught.value)


def test_user_agent_names_collection_and_ansible_versions(client):
    with open("%s/galaxy.yml" % REPO) as galaxy:
        version = yaml.safe_load(galaxy)["version"]
    assert _version.COLLECTION_VERSION == version
    api = client()
    headers = sent_headers(api)
    api.get("/datacenters")
    assert headers[0]["User-Agent"] == "ansible-collection-ionos-enterprise/%s ansible-core/%s" % (
        version, ANSIBLE_VERSION)


# -- 9. pagination -------------------------------------------------------------------

def test_list_follows_next_links(client, emulator):
    api = client()
    created = {new_datacenter(api, name="dc%d" % i).body["id"] for i in range(5)}
    items = api.list("/datacenters", params={"limit": 2})
    assert [item["id"] for item in items] and {item["id"] for item in items} == created
    assert len(items) == 5
    assert emulator.calls("GET /datacenters") == 3  # pages of 2, 2 and 1


def test_list_keeps_depth_on_every_page(client):
    api = client()
    for i in range(5):
        new_datacenter(api, name="dc%d" % i)
    items = api.list("/datacenters", depth=1, params={"limit": 2})
    assert len(items) == 5
    assert all("properties" in item for item in items)


def test_list_adds_to_a_next_link_only_what_it_lacks(client):
    # The real API's next link may carry depth itself: sending it twice is not ours to risk.
    seen = []

    class Pages(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            seen.append(self.path)
            base = "http://127.0.0.1:%d/cloudapi/v5/datacenters" % self.server.server_port
            more = {"next": base + "?offset=1&limit=1&depth=5"} if len(seen) == 1 else {}
            body = json.dumps({"items": [{"id": str(len(seen))}], "_links": more}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        api = client(api_url="http://127.0.0.1:%d/cloudapi/v5" % server.server_port)
        items = api.list("/datacenters", depth=5, params={"pretty": "false"})
    finally:
        server.shutdown()
    assert [item["id"] for item in items] == ["1", "2"]
    assert seen == ["/cloudapi/v5/datacenters?pretty=false&depth=5",
                    "/cloudapi/v5/datacenters?offset=1&limit=1&depth=5&pretty=false"]


def test_an_answer_that_is_not_json_is_a_clear_error(client):
    # A web page where the API should be: what a wrong api_url looks like.
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>welcome</html>")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(TransportError) as caught:
            client(api_url="http://127.0.0.1:%d/cloudapi/v5" % server.server_port).list("/datacenters")
    finally:
        server.shutdown()
    assert "not with JSON" in str(caught.value) and "api_url" in str(caught.value)


def test_a_message_the_api_repeats_is_shown_once_and_kept_in_failure_messages():
    from ansible_collections.ionos.enterprise.plugins.module_utils._errors import error_from_response
    body = {"httpStatus": 422, "messages": [
        {"errorCode": "100", "message": "[(root).properties.imagePassword] Password syntax error"},
        {"errorCode": "109", "message": "[(root).properties.bus] Attribute value '' not allowed"},
        {"errorCode": "100", "message": "[(root).properties.imagePassword] Password syntax error"}]}
    error = error_from_response(422, "Unprocessable Entity", body, "POST", "https://api/volumes")
    assert str(error).count("Password syntax error") == 1 and "Attribute value '' not allowed" in str(error)
    assert len(error.to_failure()["messages"]) == 3


def test_a_writes_answer_never_carries_the_secrets_it_repeats(client, emulator):
    """Nested volumes of a composite server too (wire reference section 7b)."""
    from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK
    dc = new_datacenter(client()).body["id"]
    image = next(i["id"] for i in client().list("/images", depth=1)
                 if i["properties"]["location"] == "us/las" and i["properties"]["name"].startswith("Ubuntu-20"))
    volume = {"properties": {"size": 10, "image": image, "imagePassword": "Clear1Secret", "sshKeys": ["ssh-rsa AAAAkey"]}}
    server = client().post("/datacenters/%s/servers" % dc, {"properties": {"cores": 1, "ram": 1024},
                                                            "entities": {"volumes": {"items": [volume]}}})
    echoed = server.body["entities"]["volumes"]["items"][0]["properties"]
    assert (echoed["imagePassword"], echoed["sshKeys"]) == (MASK, MASK)
    assert "Clear1Secret" not in str(server.body) and "AAAAkey" not in str(server.body)
