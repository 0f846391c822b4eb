"""The knobs tests and benchmarks turn: provisioning delay, rate limit,
fault injection, the state file, fleet seeding and the call counters."""

import calendar
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from conftest import PASSWORD, USER

EMULATOR_DIR = os.path.join(os.path.dirname(__file__), "..")


def faults(api, *rules, seed=1):
    api.control("PUT", "/faults", {"rules": list(rules), "seed": seed})


def clock(api, **values):
    return api.control("PUT", "/clock", values)


def test_provisioning_delay_moves_request_and_resource_states(api):
    api.control("PUT", "/config", {"provisioning_delay": 1.0})
    clock(api, frozen=True)  # the states in between last until the test moves the clock on
    response = api.post("/datacenters", {"properties": {"name": "slow", "location": "de/fra"}})
    dc = response.json()["id"]
    assert response.json()["metadata"]["state"] == "BUSY"
    assert api.get(response.headers["Location"])["metadata"]["status"] == "QUEUED"
    assert api.get(f"/datacenters/{dc}")["metadata"]["state"] == "BUSY"
    clock(api, advance=0.25)  # the first quarter of the delay is QUEUED
    assert api.get(response.headers["Location"])["metadata"]["status"] == "RUNNING"
    assert api.get(f"/datacenters/{dc}")["metadata"]["state"] == "BUSY"
    clock(api, advance=0.74)
    assert api.get(response.headers["Location"])["metadata"]["status"] == "RUNNING"
    clock(api, advance=0.01)
    status = api.get(response.headers["Location"])["metadata"]
    assert status["status"] == "DONE" and status["targets"][0]["status"] == "DONE"
    assert api.get(f"/datacenters/{dc}")["metadata"]["state"] == "AVAILABLE"


def test_a_frozen_clock_holds_requests_until_it_runs_again(api):
    api.control("PUT", "/config", {"provisioning_delay": 0.05})
    frozen = clock(api, frozen=True)
    assert frozen["frozen"] is True
    response = api.post("/datacenters", {"properties": {"name": "held", "location": "de/fra"}})
    time.sleep(0.2)  # four times the delay in real time: nothing moves while the clock stands
    assert api.get(response.headers["Location"])["metadata"]["status"] == "QUEUED"
    assert api.control("GET", "/clock")["now"] == frozen["now"]
    running = clock(api, frozen=False)  # real time again: the delay has long passed
    assert running["frozen"] is False and running["now"] >= frozen["now"]
    assert api.get(response.headers["Location"])["metadata"]["status"] == "DONE"


def test_the_clock_never_goes_back_and_reset_puts_it_on_real_time(api):
    ahead = clock(api, frozen=True, advance=3600)
    assert ahead["ahead_of_real_time"] >= 3599
    running = clock(api, frozen=False)  # takes up from where it stood, an hour ahead
    assert running["now"] >= ahead["now"] and running["ahead_of_real_time"] > 3500
    dc = api.make_datacenter("late")
    created = api.get(f"/datacenters/{dc}")["metadata"]["createdDate"]
    assert calendar.timegm(time.strptime(created, "%Y-%m-%dT%H:%M:%SZ")) > time.time() + 3500  # stamped on its clock
    for body, error in (({"advance": -1}, "forward"), ({"advance": "1"}, "number"), ({"frozen": "yes"}, "true or false"),
                        ({"stop": True}, "unknown")):
        response = api.session.put(api.root + "/_emulator/clock", json=body, timeout=10)
        assert response.status_code == 400 and error in response.json()["error"], response.text
    api.control("POST", "/reset")
    assert abs(api.control("GET", "/clock")["ahead_of_real_time"]) < 1 and not api.control("GET", "/clock")["frozen"]


def test_without_delay_the_first_poll_is_done(api):
    response = api.post("/datacenters", {"properties": {"name": "fast", "location": "de/fra"}})
    assert api.get(response.headers["Location"])["metadata"]["status"] == "DONE"


def test_kubernetes_delay(api):
    api.control("PUT", "/config", {"k8s_delay": 0.6})
    clock(api, frozen=True)
    cluster = api.post("/k8s", {"properties": {"name": "c1"}}).json()
    assert "Location" not in api.call("GET", f"/k8s/{cluster['id']}").headers
    assert api.get(f"/k8s/{cluster['id']}")["metadata"]["state"] == "DEPLOYING"
    clock(api, advance=0.6)
    assert api.get(f"/k8s/{cluster['id']}")["metadata"]["state"] == "ACTIVE"
    api.delete(f"/k8s/{cluster['id']}")
    assert api.get(f"/k8s/{cluster['id']}")["metadata"]["state"] == "DESTROYING"
    clock(api, advance=0.59)
    assert api.get(f"/k8s/{cluster['id']}")["metadata"]["state"] == "DESTROYING"
    clock(api, advance=0.01)
    api.get(f"/k8s/{cluster['id']}", expect=404)
    assert api.get("/k8s")["items"] == []


def test_rate_limit_answers_429_with_retry_after(api):
    api.control("PUT", "/config", {"rate_limit": 60, "rate_burst": 3})
    clock(api, frozen=True)  # the bucket refills on the emulator's clock: not between these calls
    remaining = [int(api.call("GET", "/locations", expect=200).headers["X-RateLimit-Remaining"]) for unused in range(3)]
    assert remaining == [2, 1, 0]
    response = api.call("GET", "/locations", expect=429)
    assert response.headers["X-RateLimit-Limit"] == "60" and response.headers["X-RateLimit-Burst"] == "3"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["httpStatus"] == 429
    clock(api, advance=0.99)  # 60 per minute: one request back every second
    api.call("GET", "/locations", expect=429)
    clock(api, advance=0.01)
    api.call("GET", "/locations", expect=200)
    assert api.counters()["statuses"]["429"] == 2


@pytest.mark.parametrize("status", ["500", "502", "503", "504"])
def test_server_errors_are_injected_and_have_no_effect(api, status):
    faults(api, {"kind": status, "path": "^/datacenters$", "methods": ["POST"], "times": 1})
    response = api.call("POST", "/datacenters", {"properties": {"name": "x", "location": "us/las"}})
    assert response.status_code == int(status)
    assert response.json()["httpStatus"] == int(status)
    assert api.get("/datacenters")["items"] == []
    api.post("/datacenters", {"properties": {"name": "x", "location": "us/las"}})
    assert len(api.get("/datacenters")["items"]) == 1
    assert api.counters()["faults"] == {status: 1}


def test_429_with_and_without_retry_after(api):
    faults(api, {"kind": "429", "path": "^/locations$", "times": 1, "retry_after": 7},
           {"kind": "429", "path": "^/datacenters$", "times": 1, "retry_after": None})
    first = api.call("GET", "/locations", expect=429)
    assert first.headers["Retry-After"] == "7"
    second = api.call("GET", "/datacenters", expect=429)
    assert "Retry-After" not in second.headers
    api.call("GET", "/locations", expect=200)


def test_drop_before_the_write_leaves_nothing(api):
    faults(api, {"kind": "drop_before", "path": "^/datacenters$", "methods": ["POST"], "times": 1})
    with pytest.raises(requests.ConnectionError):
        api.session.post(api.url + "/datacenters", json={"properties": {"name": "x", "location": "us/las"}},
                         timeout=10)
    assert api.get("/datacenters")["items"] == []


def test_drop_after_the_write_keeps_the_effect(api):
    faults(api, {"kind": "drop_after", "path": "^/datacenters$", "methods": ["POST"], "times": 1})
    with pytest.raises(requests.ConnectionError):
        api.session.post(api.url + "/datacenters", json={"properties": {"name": "kept", "location": "us/las"}},
                         timeout=10)
    names = [d["properties"]["name"] for d in api.get("/datacenters?depth=1")["items"]]
    assert names == ["kept"]


def test_slow_answer_arrives_after_the_work_is_done(api):
    faults(api, {"kind": "slow", "path": "^/datacenters$", "methods": ["POST"], "times": 1, "delay": 0.6})
    with pytest.raises(requests.ReadTimeout):
        api.session.post(api.url + "/datacenters", json={"properties": {"name": "late", "location": "us/las"}},
                         timeout=0.2)
    assert len(api.get("/datacenters")["items"]) == 1
    started = time.time()
    faults(api, {"kind": "slow", "path": "^/locations$", "times": 1, "delay": 0.3})
    api.call("GET", "/locations", expect=200)
    assert time.time() - started >= 0.3


def test_failed_request_changes_nothing(api):
    dc = api.make_datacenter("before")
    faults(api, {"kind": "failed", "methods": ["POST", "PATCH"], "message": "Provisioning failed: no capacity"})
    response = api.post("/datacenters", {"properties": {"name": "doomed", "location": "us/las"}})
    status = api.get(response.headers["Location"])["metadata"]
    assert status["status"] == "FAILED" and status["message"] == "Provisioning failed: no capacity"
    api.get(f"/datacenters/{response.json()['id']}", expect=404)
    patched = api.patch(f"/datacenters/{dc}", {"name": "after"})
    assert api.get(patched.headers["Location"])["metadata"]["status"] == "FAILED"
    assert api.get(f"/datacenters/{dc}")["properties"]["name"] == "before"
    assert api.get("/requests?filter.status=FAILED")["items"][0]["id"] == patched.headers["Location"].split("/")[-2]
    # The rule names the requests it failed, so that a test can look for them in what a client said.
    rule = api.control("GET", "/faults")["rules"][0]
    assert rule["requests"] == [response.headers["Location"].split("/")[-2], patched.headers["Location"].split("/")[-2]]


def test_failed_request_with_delay_runs_before_failing(api):
    api.control("PUT", "/config", {"provisioning_delay": 0.5})
    faults(api, {"kind": "failed", "times": 1})
    clock(api, frozen=True)
    response = api.post("/datacenters", {"properties": {"name": "doomed", "location": "us/las"}})
    assert api.get(response.headers["Location"])["metadata"]["status"] == "QUEUED"
    clock(api, advance=0.25)
    assert api.get(response.headers["Location"])["metadata"]["status"] == "RUNNING"
    clock(api, advance=0.25)
    assert api.get(response.headers["Location"])["metadata"]["status"] == "FAILED"


def test_fault_dice_repeat_with_the_same_seed(api):
    def outcomes():
        return [api.call("GET", "/locations").status_code for unused in range(30)]
    faults(api, {"kind": "503", "probability": 0.4, "path": "^/locations$"}, seed=42)
    first = outcomes()
    faults(api, {"kind": "503", "probability": 0.4, "path": "^/locations$"}, seed=42)
    assert outcomes() == first
    assert 3 < first.count(503) < 27
    faults(api, {"kind": "503", "probability": 0.4, "path": "^/locations$"}, seed=43)
    assert outcomes() != first


def test_fault_rules_match_path_and_method(api):
    faults(api, {"kind": "500", "path": "/servers$", "methods": ["POST"]})
    dc = api.make_datacenter()
    api.call("GET", f"/datacenters/{dc}/servers", expect=200)
    api.call("POST", f"/datacenters/{dc}/servers", {"properties": {"cores": 1, "ram": 1024}}, expect=500)
    described = api.control("GET", "/faults")
    assert described["seed"] == 1 and described["rules"][0]["injected"] == 1


def test_fault_rules_match_the_callers_user_agent(api):
    faults(api, {"kind": "503", "path": "^/locations$", "agent": "ionos-enterprise"})
    api.call("GET", "/locations", expect=200)
    response = api.session.get(api.url + "/locations", headers={"User-Agent": "ansible-collection-ionos-enterprise/0.1.0"},
                               timeout=10)
    assert response.status_code == 503
    assert api.control("GET", "/faults")["rules"][0]["agent"] == "ionos-enterprise"


def test_bad_fault_rule_is_refused(api):
    response = api.session.put(api.root + "/_emulator/faults", json={"rules": [{"kind": "teapot"}]}, timeout=10)
    assert response.status_code == 400 and "teapot" in response.json()["error"]


def test_counters_per_method_and_path_template(api):
    dc = api.make_datacenter()
    api.get(f"/datacenters/{dc}")
    api.get(f"/datacenters/{dc}?depth=2")
    counters = api.counters()
    assert counters["calls"]["GET /datacenters/{datacenterId}"] == 2
    assert counters["calls"]["POST /datacenters"] == 1
    assert counters["writes"] == 1 and counters["reads"] == 2
    api.control("DELETE", "/counters")
    assert api.counters()["total"] == 0


def test_config_rejects_unknown_and_negative_values(api):
    for body in ({"port": 1}, {"provisioning_delay": -1}):
        response = api.session.put(api.root + "/_emulator/config", json=body, timeout=10)
        assert response.status_code == 400


def test_seed_a_fleet(api):
    result = api.control("POST", "/seed", {"datacenters": 3, "servers": 4})
    assert len(result["datacenters"]) == 3
    datacenters = api.get("/datacenters?depth=5")["items"]
    assert len(datacenters) == 3
    for dc in datacenters:
        servers = dc["entities"]["servers"]["items"]
        assert len(servers) == 4
        for server in servers:
            nics = server["entities"]["nics"]["items"]
            assert sorted(n["properties"]["lan"] for n in nics) == [1, 2]
            assert len(server["entities"]["volumes"]["items"]) == 2
        lans = {l["id"]: l["properties"]["public"] for l in dc["entities"]["lans"]["items"]}
        assert lans == {"1": True, "2": False}
    ips = [ip for dc in datacenters for s in dc["entities"]["servers"]["items"]
           for n in s["entities"]["nics"]["items"] for ip in n["properties"]["ips"] if n["properties"]["lan"] == 1]
    assert len(ips) == len(set(ips)) == 12


def start_process(tmp_path, *flags):
    env = dict(os.environ, PYTHONPATH=EMULATOR_DIR, IONOS_USERNAME=USER, IONOS_PASSWORD=PASSWORD)
    proc = subprocess.Popen([sys.executable, "-m", "ionos_emulator", "--port", "0", *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    line = proc.stdout.readline()
    assert "listening on" in line, line
    url = line.split("listening on ")[1].split()[0]
    return proc, url


def test_state_file_survives_a_crash(tmp_path):
    state = tmp_path / "state.json"
    proc, url = start_process(tmp_path, "--state-file", str(state))
    try:
        session = requests.Session()
        session.auth = (USER, PASSWORD)
        dc = session.post(url + "/datacenters", json={"properties": {"name": "durable", "location": "de/fkb"}},
                          timeout=10).json()["id"]
        lan = session.post(f"{url}/datacenters/{dc}/lans", json={"properties": {"public": True}}, timeout=10)
        assert lan.status_code == 202
    finally:
        proc.kill()  # no chance to flush: what was answered must already be on disk
        proc.wait()
    json.loads(state.read_text())  # never a torn file
    proc, url = start_process(tmp_path, "--state-file", str(state))
    try:
        session = requests.Session()
        session.auth = (USER, PASSWORD)
        dc_body = session.get(f"{url}/datacenters/{dc}?depth=2", timeout=10).json()
        assert dc_body["properties"]["name"] == "durable"
        assert [l["id"] for l in dc_body["entities"]["lans"]["items"]] == ["1"]
        second = session.post(f"{url}/datacenters/{dc}/lans", json={"properties": {}}, timeout=10).json()
        assert second["id"] == "2"  # counters survive too
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_command_line_seeding(tmp_path):
    proc, url = start_process(tmp_path, "--seed-datacenters", "2", "--seed-servers", "3")
    try:
        body = requests.get(url + "/datacenters?depth=3", auth=(USER, PASSWORD), timeout=10).json()
        assert [len(d["entities"]["servers"]["items"]) for d in body["items"]] == [3, 3]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_state_file_follows_a_reset_and_keeps_failed_requests(tmp_path):
    state = tmp_path / "state.json"
    proc, url = start_process(tmp_path, "--state-file", str(state))
    root = url.rsplit("/cloudapi/v5", 1)[0]
    session = requests.Session()
    session.auth = (USER, PASSWORD)
    try:
        session.post(url + "/datacenters", json={"properties": {"name": "before", "location": "de/fkb"}}, timeout=10)
        assert session.post(root + "/_emulator/reset", timeout=10).ok
        session.post(url + "/datacenters", json={"properties": {"name": "after", "location": "de/fkb"}}, timeout=10)
        session.put(root + "/_emulator/faults", json={"rules": [{"kind": "failed", "times": 1}]}, timeout=10)
        failed = session.post(url + "/datacenters", json={"properties": {"location": "de/fkb"}}, timeout=10)
        location = failed.headers["Location"]
    finally:
        proc.kill()
        proc.wait()
    proc, url = start_process(tmp_path, "--state-file", str(state))
    try:
        names = [d["properties"]["name"] for d in session.get(url + "/datacenters?depth=1", timeout=10).json()["items"]]
        assert names == ["after"]
        path = location.split("/cloudapi/v5", 1)[1]
        assert session.get(url + path, timeout=10).json()["metadata"]["status"] == "FAILED"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_a_seeded_fleet_is_kept_not_seeded_again(tmp_path):
    flags = ("--state-file", str(tmp_path / "state.json"), "--seed-datacenters", "2", "--seed-servers", "1")
    ids = []
    for unused in range(2):
        proc, url = start_process(tmp_path, *flags)
        try:
            ids.append(sorted(d["id"] for d in requests.get(url + "/datacenters", auth=(USER, PASSWORD),
                                                            timeout=10).json()["items"]))
        finally:
            proc.kill()
            proc.wait()
    assert len(ids[0]) == 2 and ids[0] == ids[1]


def test_hrefs_name_a_reachable_address(tmp_path):
    proc, url = start_process(tmp_path, "--host", "0.0.0.0")
    try:
        assert url.startswith("http://0.0.0.0:")
        port = url.split(":")[2].split("/")[0]
        body = requests.get(f"http://127.0.0.1:{port}/cloudapi/v5/locations", auth=(USER, PASSWORD), timeout=10).json()
        assert body["href"] == f"http://127.0.0.1:{port}/cloudapi/v5/locations"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    proc, url = start_process(tmp_path, "--public-url", "http://emulator.example:9999")
    try:
        port = url.split(":")[2].split("/")[0]
        body = requests.get(f"http://127.0.0.1:{port}/cloudapi/v5/locations", auth=(USER, PASSWORD), timeout=10).json()
        assert body["href"] == "http://emulator.example:9999/cloudapi/v5/locations"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_secrets_lists_every_password_sent_and_secret_key_issued(api):
    api.post("/um/users", {"properties": {"firstname": "A", "lastname": "B", "email": "a@example.com",
                                          "password": "user-secret-1"}})
    api.post("/backupunits", {"properties": {"name": "unit1", "email": "a@example.com", "password": "unit-secret-2"}})
    api.post("/datacenters", {"properties": {"name": "dc", "location": "us/las"}, "entities": {"volumes": {"items": [
        {"properties": {"size": 10, "type": "HDD", "imageAlias": "ubuntu:latest", "imagePassword": "imagePass3"}}]}}})
    user = [u for u in api.get("/um/users?depth=1")["items"] if u["properties"]["email"] == "a@example.com"][0]
    key = api.post(f"/um/users/{user['id']}/s3keys", expect=201).json()
    cluster = api.post("/k8s", {"properties": {"name": "k1"}}).json()
    kubeconfig = api.get(f"/k8s/{cluster['id']}/kubeconfig")["properties"]["kubeconfig"]
    token = kubeconfig.split("token: ")[1].strip()
    listed = api.control("GET", "/secrets")["secrets"]
    for secret in ("user-secret-1", "unit-secret-2", "imagePass3", key["properties"]["secretKey"], PASSWORD, token):
        assert secret in listed
    # Nothing else: ids, names and e-mails are not secrets.
    assert "a@example.com" not in listed and user["id"] not in listed


def test_a_delete_still_under_way_survives_a_restart(tmp_path):
    """A DELETE's removal waits for its request (wire reference 7b); the state file keeps it."""
    state = tmp_path / "state.json"
    flags = ("--state-file", str(state), "--provisioning-delay", "3600")
    proc, url = start_process(tmp_path, *flags)
    session = requests.Session()
    session.auth = (USER, PASSWORD)
    try:
        dc = session.post(url + "/datacenters", json={"properties": {"name": "going", "location": "de/fkb"}},
                          timeout=10).json()["id"]
        assert session.delete(f"{url}/datacenters/{dc}", timeout=10).status_code == 202
    finally:
        proc.kill()
        proc.wait()
    proc, url = start_process(tmp_path, *flags)
    root = url.rsplit("/cloudapi/v5", 1)[0]
    try:
        assert session.get(f"{url}/datacenters/{dc}", timeout=10).json()["metadata"]["state"] == "BUSY"
        assert session.put(root + "/_emulator/clock", json={"advance": 3600}, timeout=10).ok
        assert session.get(f"{url}/datacenters/{dc}", timeout=10).status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
