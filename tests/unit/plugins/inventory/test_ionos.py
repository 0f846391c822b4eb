"""The inventory plugin as users run it: ``ansible-inventory`` against the emulator.

An account of two datacenters (built with one composite create each) whose servers
cover the cases that broke other clouds' plugins: a server with no NIC, one with only a
private address, a stopped one, and the same server name in both datacenters.
"""

import json
import os
import subprocess
import sys

import pytest
import requests

from conftest import COLLECTIONS, CORE, PASSWORD, TOKEN, USERNAME

BIN = os.path.dirname(sys.executable)
# The plugin's own errors, not Ansible's fallback to other inventory plugins, decide.
ENV = dict(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_INVENTORY_UNPARSED_FAILED="true",
           ANSIBLE_INVENTORY_ENABLED="ionos.enterprise.ionos", ANSIBLE_NOCOLOR="1")


def nic(name, lan):
    return {"properties": {"name": name, "lan": lan}}


def server(name, nics=(), cores=2, image=None):
    body = {"properties": {"name": name, "cores": cores, "ram": 2048}, "entities": {}}
    if nics:
        body["entities"]["nics"] = {"items": list(nics)}
    if image:
        body["entities"]["volumes"] = {"items": [{"properties": {
            "name": "system", "size": 10, "type": "HDD", "image": image, "imagePassword": "Secr3tPassw0rd"}}]}
    return body


def build(emulator, name, location, servers):
    body = {"properties": {"name": name, "location": location},
            "entities": {"lans": {"items": [{"properties": {"name": "public", "public": True}},
                                            {"properties": {"name": "backend", "public": False}}]},
                         "servers": {"items": servers}}}
    answer = requests.post(emulator.url + "/datacenters", json=body, auth=(USERNAME, PASSWORD), timeout=30)
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


@pytest.fixture
def account(emulator):
    prod = build(emulator, "prod", "de/fra", [
        server("web", [nic("front", 1), nic("back", 2)], cores=4),
        server("db", [nic("back", 2)]),
        server("bare"),
    ])
    staging = build(emulator, "staging", "us/las", [server("web", [nic("front", 1)])])
    emulator.control("DELETE", "/counters")
    return {"prod": prod, "staging": staging}


@pytest.fixture
def inventory(emulator, tmp_path, monkeypatch):
    """inventory(config_text, *args) -> (rc, parsed stdout or None, stdout + stderr)."""
    for name in ("IONOS_API_URL", "IONOS_USERNAME", "IONOS_PASSWORD", "IONOS_TOKEN"):
        monkeypatch.delenv(name, raising=False)

    def run(config, *args, credentials=True, env=None):
        text = "plugin: ionos.enterprise.ionos\napi_url: %s\n" % emulator.url
        if credentials:
            text += "username: %s\npassword: %s\n" % (USERNAME, PASSWORD)
        path = tmp_path / "test.ionos.yml"
        path.write_text(text + config)
        args = args or ("--list",)
        proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(path)] + list(args),
                              env=dict(os.environ, **ENV, **(env or {})), capture_output=True, text=True,
                              check=False, cwd=str(tmp_path), timeout=120)
        parsed = json.loads(proc.stdout, object_hook=untagged) if proc.returncode == 0 and "--list" in args else None
        return proc.returncode, parsed, unwrapped(proc.stdout + proc.stderr)
    return run


def unwrapped(output):
    """ansible-core 2.18 wraps its warnings at 80 columns, at a space or after a hyphen."""
    return " ".join(output.replace("-\n", "-").split())


def untagged(value):
    """ansible-inventory 2.19 writes strings from an API as {"__ansible_unsafe": s}: they
    stay untrusted (never templated) when another tool reads the listing back."""
    return value["__ansible_unsafe"] if list(value) == ["__ansible_unsafe"] else value


def hosts_of(listing, group):
    return sorted(listing.get(group, {}).get("hosts", []))


def test_list_makes_hosts_groups_and_variables_from_one_api_call(account, emulator, inventory):
    rc, listing, output = inventory("")
    assert rc == 0, output
    assert emulator.counters()["calls"] == {"GET /datacenters": 1}
    hostvars = listing["_meta"]["hostvars"]
    web_prod = "web_" + hostvars_id(hostvars, "web", "prod")[:8]
    web_staging = "web_" + hostvars_id(hostvars, "web", "staging")[:8]
    assert hosts_of(listing, "ionos") == sorted(["bare", "db", web_prod, web_staging])
    assert hosts_of(listing, "ionos_datacenter_prod") == sorted(["bare", "db", web_prod])
    assert hosts_of(listing, "ionos_location_us_las") == [web_staging]
    assert hosts_of(listing, "ionos_lan_backend") == sorted(["db", web_prod])
    assert hosts_of(listing, "ionos_lan_public") == sorted([web_prod, web_staging])
    assert hosts_of(listing, "ionos_availability_zone_auto") == hosts_of(listing, "ionos")
    web = hostvars[web_prod]
    assert web["ionos_datacenter_name"] == "prod" and web["ionos_location"] == "de/fra"
    assert web["ionos_cores"] == 4 and web["ionos_ram"] == 2048
    assert [(n["name"], n["lan_name"], n["public"]) for n in web["ionos_nics"]] == [
        ("front", "public", True), ("back", "backend", False)]
    assert web["ansible_host"] == web["ionos_public_ips"][0] != web["ionos_private_ips"][0]
    assert hostvars["db"]["ansible_host"] == hostvars["db"]["ionos_private_ips"][0]
    assert "ansible_host" not in hostvars["bare"] and hostvars["bare"]["ionos_nics"] == []


def hostvars_id(hostvars, name, datacenter):
    [found] = [v["ionos_id"] for v in hostvars.values()
               if v["ionos_name"] == name and v["ionos_datacenter_name"] == datacenter]
    return found


def test_graph_shows_the_groups(account, inventory):
    rc, unused, output = inventory("", "--graph")
    assert rc == 0, output
    for line in ("@ionos:", "@ionos_datacenter_staging:", "@ionos_vm_state_running:", "|--db", "|--bare"):
        assert line in output


def test_narrowed_by_id_reads_each_datacenter_and_by_name_lists_them_once_more(account, emulator, inventory):
    rc, listing, output = inventory("datacenters: [%s]\n" % account["staging"])
    assert rc == 0, output
    assert emulator.counters()["calls"] == {"GET /datacenters/{datacenterId}": 1}
    assert [v["ionos_datacenter_name"] for v in listing["_meta"]["hostvars"].values()] == ["staging"]
    emulator.control("DELETE", "/counters")
    rc, listing, output = inventory("datacenters: [prod, staging]\n")
    assert rc == 0, output
    assert emulator.counters()["calls"] == {"GET /datacenters": 1, "GET /datacenters/{datacenterId}": 2}
    assert len(listing["_meta"]["hostvars"]) == 4


def test_filters_hostname_template_and_constructed_options(account, inventory):
    rc, listing, output = inventory(
        "hostname: '{{ ionos_name }}.{{ ionos_datacenter_name }}'\n"
        "locations: [de/fra]\n"
        "filters: ['ionos_nics | length > 0']\n"
        "connect_with: ['lan:backend']\n"
        "default_groups: [vm_state]\n"
        "compose: {ansible_user: \"'admin'\", cores_twice: ionos_cores * 2}\n"
        "groups: {big: ionos_cores >= 4}\n"
        "keyed_groups: [{key: ionos_cpu_family, prefix: cpu}]\n")
    assert rc == 0, output
    hostvars = listing["_meta"]["hostvars"]
    assert sorted(hostvars) == ["db.prod", "web.prod"]
    assert hostvars["web.prod"]["ansible_host"] == hostvars["web.prod"]["ionos_private_ips"][0]
    # Before 2.19 a composed value is the text the template rendered.
    assert hostvars["web.prod"]["cores_twice"] == (8 if CORE >= (2, 19) else "8") and hostvars["db.prod"]["ansible_user"] == "admin"
    assert hosts_of(listing, "big") == ["web.prod"]
    assert hosts_of(listing, "cpu_AMD_OPTERON") == ["db.prod", "web.prod"]
    assert "ionos_datacenter_prod" not in listing and hosts_of(listing, "ionos_vm_state_running")


def test_stopped_servers_are_filtered_by_vm_state(account, emulator, inventory):
    requests.post("%s/datacenters/%s/servers/%s/stop" % (emulator.url, account["prod"], server_id(emulator, "db")),
                  auth=(USERNAME, PASSWORD), timeout=30).raise_for_status()
    rc, listing, output = inventory("vm_states: [shutoff]\n")
    assert rc == 0, output
    assert list(listing["_meta"]["hostvars"]) == ["db"]
    assert hosts_of(listing, "ionos_vm_state_shutoff") == ["db"]


def server_id(emulator, name):
    body = requests.get(emulator.url + "/datacenters?depth=3", auth=(USERNAME, PASSWORD), timeout=30).json()
    [found] = [s["id"] for dc in body["items"] for s in dc["entities"]["servers"]["items"]
               if s["properties"]["name"] == name]
    return found


def test_names_from_the_api_are_never_templated(emulator, inventory):
    # A server name is data from the API: a template in it stays text (Ansible 2.19 trust).
    build(emulator, "lab", "de/fra", [server("{{ 6 * 7 }}", [nic("front", 1)])])
    rc, listing, output = inventory("compose: {label: ionos_name}\nkeyed_groups: [{key: ionos_name, prefix: n}]\n")
    assert rc == 0, output
    [(host, hostvars)] = listing["_meta"]["hostvars"].items()
    assert host == "{{ 6 * 7 }}" and hostvars["label"] == "{{ 6 * 7 }}"
    assert [group for group in listing if group.startswith("n_")] == ["n____6___7___"]


def test_names_that_set_their_own_delimiters_or_repeat_are_never_templated(emulator, inventory, tmp_path):
    # "#jinja2:" at the start sets other delimiters (no brace needed); twins get "_<id>" added.
    header = "#jinja2:variable_start_string:'<<',variable_end_string:'>>'\nx << 6 * 7 >>"
    build(emulator, "lab", "de/fra", [server(header, [nic("front", 1)]), server("{{ 6 * 7 }}", [nic("a", 1)]),
                                      server("{{ 6 * 7 }}", [nic("b", 1)])])
    rc, listing, output = inventory("compose: {label: ionos_name}\n")
    assert rc == 0, output
    hostvars = listing["_meta"]["hostvars"]
    assert sorted(variables["label"] for variables in hostvars.values()) == sorted([header, "{{ 6 * 7 }}", "{{ 6 * 7 }}"])
    assert len([host for host in hostvars if host.startswith("{{ 6 * 7 }}_")]) == 2
    # Each host's name and label, read through a template in a task, are still the text.
    shown = subprocess.run([os.path.join(BIN, "ansible"), "-i", str(tmp_path / "test.ionos.yml"), "all", "-m", "debug",
                            "-a", "msg={{ [inventory_hostname, label] | to_json }}"],
                           env=dict(os.environ, **ENV), capture_output=True, text=True, check=False, timeout=120)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "42" not in "".join(line for line in shown.stdout.splitlines() if '"msg"' in line), shown.stdout
    assert shown.stdout.count('"msg"') == 3


def test_duplicate_hostnames_can_fail_the_parse(account, inventory):
    rc, unused, output = inventory("duplicate_hostnames: fail\n")
    assert rc != 0
    assert "2 servers would be the host 'web'" in output and "Traceback" not in output


def test_a_cached_parse_makes_no_api_call_and_holds_no_secret(account, emulator, inventory, tmp_path):
    cache = tmp_path / "cache"
    config = ("cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\n" % cache)
    first = inventory(config)
    second = inventory(config)
    assert first[0] == second[0] == 0 and first[1] == second[1]
    assert emulator.counters()["calls"] == {"GET /datacenters": 1}
    files = list(cache.iterdir())
    assert files and not any(PASSWORD in f.read_text() or "password" in f.read_text() for f in files)
    # A hit leaves the entry alone: rewriting it would restart its timeout.
    stamps = [f.stat().st_mtime_ns for f in files]
    assert inventory(config)[0] == 0 and [f.stat().st_mtime_ns for f in files] == stamps
    if CORE >= (2, 19):  # ansible-inventory has --flush-cache since 2.19
        assert inventory(config, "--list", "--flush-cache")[0] == 0
        assert emulator.counters()["calls"] == {"GET /datacenters": 2}


def test_a_cache_written_with_other_host_variables_is_not_used(account, emulator, inventory, tmp_path):
    cache = tmp_path / "cache"
    config = "cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\ncache_timeout: 3600\n" % cache
    assert inventory(config)[0] == 0
    [entry] = list(cache.iterdir())
    # An earlier version's entry: the same key without the record format, hosts without
    # ionos_shared_ips or ionos_boot_image. Read back, it would hide them for an hour.
    assert entry.name.endswith("_v2")
    entry.rename(entry.with_name(entry.name[:-len("_v2")]))
    rc, listing, output = inventory(config)
    assert rc == 0, output
    assert emulator.counters()["calls"] == {"GET /datacenters": 2}
    assert all("ionos_shared_ips" in host for host in listing["_meta"]["hostvars"].values())


def test_a_password_that_is_not_a_template_is_never_shown(emulator, inventory):
    rc, unused, output = inventory("username: %s\npassword: \"Xy{{Secr3t#\"\n" % USERNAME, credentials=False)
    assert rc != 0 and "password: the value cannot be rendered as a Jinja template" in output
    assert "Secr3t" not in output and "Traceback" not in output
    assert emulator.counters()["total"] == 0


def test_numbers_in_list_options_are_names(emulator, inventory):
    build(emulator, "2024", "de/fra", [server("web", [nic("front", 1)])])
    rc, listing, output = inventory("datacenters: [2024]\nlocations: [DE/FRA]\n")
    assert rc == 0, output
    assert list(listing["_meta"]["hostvars"]) == ["web"]
    rc, unused, output = inventory("vm_states: [1]\ndatacenters: [null]\n")
    assert rc != 0 and "vm_states: 1 not among" in output and "datacenters: an entry is empty" in output


def test_filters_and_hostname_see_ansible_host(account, inventory):
    rc, listing, output = inventory("filters: [ansible_host is defined]\nhostname: '{{ ionos_name }}-{{ ansible_host }}'\n")
    assert rc == 0, output
    hostvars = listing["_meta"]["hostvars"]
    assert len(hostvars) == 3 and all(name.endswith("-" + v["ansible_host"]) for name, v in hostvars.items())


def test_a_token_decides_the_cache_entry_even_with_a_username(account, emulator, inventory, tmp_path):
    config = "cache: true\ncache_plugin: ansible.builtin.jsonfile\ncache_connection: %s\n" % (tmp_path / "cache")
    shared = {"IONOS_USERNAME": "shared@example.com"}
    assert inventory(config, credentials=False, env=dict(shared, IONOS_TOKEN=TOKEN))[0] == 0
    rc, unused, output = inventory(config, credentials=False, env=dict(shared, IONOS_TOKEN="another-accounts-token"))
    assert rc != 0 and "HTTP 401" in output
    assert emulator.counters()["calls"] == {"GET /datacenters": 2}


def test_credentials_from_the_environment_and_from_a_template(account, inventory):
    rc, listing, output = inventory("", credentials=False, env={"IONOS_TOKEN": TOKEN})
    assert rc == 0 and len(listing["_meta"]["hostvars"]) == 4, output
    templated = "username: %s\npassword: \"{{ lookup('ansible.builtin.env', 'SOME_SECRET') }}\"\n" % USERNAME
    rc, listing, output = inventory(templated, credentials=False, env={"SOME_SECRET": PASSWORD})
    assert rc == 0 and len(listing["_meta"]["hostvars"]) == 4, output


def test_a_rate_limited_read_is_retried(account, emulator, inventory):
    emulator.faults({"kind": "429", "path": "^/datacenters$", "retry_after": 0, "times": 2})
    rc, listing, output = inventory("")
    assert rc == 0 and len(listing["_meta"]["hostvars"]) == 4, output
    assert emulator.counters()["statuses"] == {"429": 2, "200": 1}


@pytest.mark.parametrize("config, message", [
    ("", "GET %(url)s/datacenters failed with HTTP 401"),
    ("datacenters: [nowhere]\n", "datacenters: no datacenter is named 'nowhere' (the account has: prod, staging)"),
    ("datacenters: [0c7aa6f4-0b75-4a3c-a6a8-3d5b7cba3c2e]\n",
     "datacenters: no datacenter has the id 0c7aa6f4-0b75-4a3c-a6a8-3d5b7cba3c2e"),
    ("connect_with: [public]\nhostname: nonsense\n",
     "connect_with: 'public' is not public_ip, private_ip, lan:<LAN name or id> or none; hostname: 'nonsense'"
     " is not name, id or a Jinja template"),
    ("vm_states: [running, asleep]\n", "vm_states: asleep not among NOSTATE, RUNNING"),
    # ansible-core's own message, which differs by version.
    ("api_timeout: soon\n", "Config 'api_timeout'" if CORE >= (2, 19) else "Invalid type for configuration option"),
    ("filters: ['no_such_variable > 1']\n", "filters: 'no_such_variable > 1' cannot be evaluated for server"),
])
def test_bad_input_is_a_clear_message_without_traceback_or_secret(account, emulator, inventory, config, message):
    wrong_password = "not-the-password-xyz" if message.startswith("GET") else None
    credentials = "username: %s\npassword: %s\n" % (USERNAME, wrong_password) if wrong_password else None
    if credentials:
        rc, unused, output = inventory(credentials + config, credentials=False)
    else:
        rc, unused, output = inventory(config)
    assert rc != 0
    assert message % {"url": emulator.url} in output
    assert "Traceback" not in output
    assert PASSWORD not in output and (wrong_password is None or wrong_password not in output)


def test_no_credentials_is_refused_before_any_call(emulator, inventory):
    rc, unused, output = inventory("", credentials=False)
    assert rc != 0 and "no credentials: set username and password, or token" in output
    assert emulator.counters()["total"] == 0


def test_an_unreachable_api_is_named(inventory, tmp_path):
    path = tmp_path / "down.ionos.yml"
    path.write_text("plugin: ionos.enterprise.ionos\napi_url: http://127.0.0.1:9/cloudapi/v5\n"
                    "username: u\npassword: p\napi_retries: 0\n")
    proc = subprocess.run([os.path.join(BIN, "ansible-inventory"), "-i", str(path), "--list"],
                          env=dict(os.environ, **ENV), capture_output=True, text=True, check=False, timeout=60)
    assert proc.returncode != 0
    assert "Cannot reach the IONOS API at http://127.0.0.1:9/cloudapi/v5" in unwrapped(proc.stderr)
    assert "Traceback" not in proc.stderr


# -- load balancers, IP failover and the boot image ----------------------------------------

def call(emulator, method, path, body=None):
    answer = requests.request(method, emulator.url + path, json=body, auth=(USERNAME, PASSWORD), timeout=30)
    assert answer.status_code in (200, 202), answer.text
    return answer.json() if answer.text else None


def hdd_image(emulator, location="de/fra"):
    images = call(emulator, "GET", "/images?depth=1")["items"]
    return [i["id"] for i in images
            if i["properties"]["location"] == location and i["properties"]["imageType"] == "HDD"][0]


def nic_ids(emulator, datacenter_id, nic_name):
    read = call(emulator, "GET", "/datacenters/%s/servers?depth=3" % datacenter_id)
    return dict((s["properties"]["name"], n["id"]) for s in read["items"] for n in s["entities"]["nics"]["items"]
                if n["properties"]["name"] == nic_name)


def load_balanced(emulator, servers):
    """A datacenter whose servers' "front" NICs one load balancer balances (the API adds its ip
    to each of them); returns (datacenter id, the balancer's ip)."""
    datacenter_id = build(emulator, "shop", "de/fra", servers)
    fronts = nic_ids(emulator, datacenter_id, "front")
    balancer = call(emulator, "POST", "/datacenters/%s/loadbalancers" % datacenter_id, {
        "properties": {"name": "lb"}, "entities": {"balancednics": {"items": [{"id": i} for i in fronts.values()]}}})
    ip = call(emulator, "GET", "/datacenters/%s/loadbalancers/%s" % (datacenter_id, balancer["id"]))["properties"]["ip"]
    emulator.control("DELETE", "/counters")
    return datacenter_id, ip


SAME_ADDRESS = "have the same ansible_host"


def test_servers_behind_a_load_balancer_are_each_reached_on_their_own_address(emulator, inventory):
    image = hdd_image(emulator)
    datacenter_id, balancer_ip = load_balanced(emulator, [
        server(name, [nic("front", 1), nic("back", 2)], image=image) for name in ("web-01", "web-02")])
    rc, listing, output = inventory("keyed_groups: [{key: ionos_licence_type, prefix: licence},"
                                    " {key: ionos_boot_image, prefix: image}]\n")
    assert rc == 0, output
    assert emulator.counters()["calls"] == {"GET /datacenters": 1}
    hostvars = listing["_meta"]["hostvars"]
    for name in ("web-01", "web-02"):
        host = hostvars[name]
        # Every address is still listed, the balancer's among them, and marked shared.
        assert balancer_ip in host["ionos_public_ips"] and host["ionos_shared_ips"] == [balancer_ip]
        assert host["ansible_host"] == host["ionos_private_ips"][0] != balancer_ip
        assert (host["ionos_boot_image"], host["ionos_licence_type"]) == (image, "LINUX")
    assert hostvars["web-01"]["ansible_host"] != hostvars["web-02"]["ansible_host"]
    assert SAME_ADDRESS not in output and "ionos_shared_ansible_host" not in listing
    assert hosts_of(listing, "licence_LINUX") == ["web-01", "web-02"]
    assert hosts_of(listing, "image_" + image.replace("-", "_")) == ["web-01", "web-02"]
    # A datacenter read by id has its load balancers too.
    rc, by_id, output = inventory("datacenters: [%s]\n" % datacenter_id)
    assert rc == 0 and by_id["_meta"]["hostvars"] == hostvars, output


def test_servers_with_only_a_balancers_address_get_it_with_a_warning_and_a_group(emulator, inventory):
    datacenter_id, balancer_ip = load_balanced(emulator, [server(n, [nic("front", 1)]) for n in ("web-01", "web-02")])
    build(emulator, "other", "de/fra", [server("db", [nic("back", 2)])])
    rc, listing, output = inventory("")
    assert rc == 0, output
    hostvars = listing["_meta"]["hostvars"]
    assert hostvars["web-01"]["ansible_host"] == hostvars["web-02"]["ansible_host"] == balancer_ip
    assert "hosts web-01, web-02 %s %s" % (SAME_ADDRESS, balancer_ip) in " ".join(output.split())
    assert hosts_of(listing, "ionos_shared_ansible_host") == ["web-01", "web-02"]
    # The group follows the prefix, and is made whatever default_groups says.
    rc, listing, output = inventory("group: shop\ndefault_groups: []\n")
    assert rc == 0, output
    assert hosts_of(listing, "shop_shared_ansible_host") == ["web-01", "web-02"]
    # Addresses chosen otherwise (compose) are checked as they end up.
    rc, listing, output = inventory("compose: {ansible_host: \"'192.0.2.1' if ionos_name != 'db' else '10.9.9.9'\"}\n")
    assert rc == 0 and hosts_of(listing, "ionos_shared_ansible_host") == ["web-01", "web-02"], output
    rc, listing, output = inventory("compose: {ansible_host: ionos_id}\n")
    assert rc == 0 and SAME_ADDRESS not in output and "ionos_shared_ansible_host" not in listing, output


def test_a_host_left_alone_on_a_balancers_address_by_a_filter_is_warned_about(emulator, inventory):
    load_balanced(emulator, [server(n, [nic("front", 1)]) for n in ("web-01", "web-02")])
    rc, listing, output = inventory("filters: [\"ionos_name == 'web-01'\"]\n")
    assert rc == 0, output
    assert list(listing["_meta"]["hostvars"]) == ["web-01"]
    assert "host web-01 has the ansible_host" in " ".join(output.split()), output
    assert "an address of several servers" in " ".join(output.split())
    assert hosts_of(listing, "ionos_shared_ansible_host") == ["web-01"]


def test_an_ip_failover_address_is_not_ansible_host(emulator, inventory):
    block = call(emulator, "POST", "/ipblocks", {"properties": {"location": "de/fra", "size": 3}})
    failover, own_1, own_2 = block["properties"]["ips"]
    datacenter_id = build(emulator, "ha", "de/fra", [
        server("ha-1", [{"properties": {"name": "front", "lan": 1, "ips": [failover, own_1]}}]),
        server("ha-2", [{"properties": {"name": "front", "lan": 1, "ips": [failover, own_2]}}])])
    fronts = nic_ids(emulator, datacenter_id, "front")
    call(emulator, "PATCH", "/datacenters/%s/lans/1" % datacenter_id,
         {"ipFailover": [{"ip": failover, "nicUuid": fronts["ha-1"]}]})
    rc, listing, output = inventory("")
    assert rc == 0, output
    hostvars = listing["_meta"]["hostvars"]
    assert [hostvars[n]["ansible_host"] for n in ("ha-1", "ha-2")] == [own_1, own_2]
    assert [hostvars[n]["ionos_shared_ips"] for n in ("ha-1", "ha-2")] == [[failover], [failover]]
    assert [hostvars[n]["ionos_public_ips"] for n in ("ha-1", "ha-2")] == [[failover, own_1], [failover, own_2]]
