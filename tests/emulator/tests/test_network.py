"""Networking as a user of the API sees it: LANs, NICs, firewall rules, load
balancers, IP blocks and private cross-connects (cloudapi-v5-wire.md, the
SDK README's sections on them, and the spec's property descriptions)."""

import ipaddress

import pytest

PUBLIC_RANGE = {"us/las": "158.222.", "de/fra": "85.215."}


class Dc:
    """A datacenter with one server, and shortcuts to its network paths."""

    def __init__(self, api, location="us/las", name="dc"):
        self.api = api
        self.location = location
        self.id = api.make_datacenter(name, location)
        self.path = f"/datacenters/{self.id}"
        self.server_of = {}  # nic id -> server id
        self.server = self.add_server()

    def add_server(self, name="srv"):
        body = {"properties": {"name": name, "cores": 1, "ram": 1024}}
        return self.api.post(f"{self.path}/servers", body).json()["id"]

    # -- NICs -----------------------------------------------------------
    def nics_path(self, server=None):
        return f"{self.path}/servers/{server or self.server}/nics"

    def nic_path(self, nic):
        return f"{self.nics_path(self.server_of[nic])}/{nic}"

    def add_nic(self, lan=1, server=None, **props):
        server = server or self.server
        nic = self.api.post(self.nics_path(server), {"properties": {"name": "nic", "lan": lan, **props}}).json()["id"]
        self.server_of[nic] = server
        return nic

    def nic_error(self, server=None, **props):
        return self.api.error("POST", self.nics_path(server), {"properties": {"name": "nic", **props}})

    def nic(self, nic):
        return self.api.get(self.nic_path(nic))["properties"]

    # -- LANs -----------------------------------------------------------
    def add_lan(self, **props):
        return self.api.post(f"{self.path}/lans", {"properties": props}).json()["id"]

    def lan_path(self, lan):
        return f"{self.path}/lans/{lan}"

    def lan(self, lan):
        return self.api.get(self.lan_path(lan))["properties"]

    def members(self, lan):
        return [n["id"] for n in self.api.get(self.lan_path(lan) + "/nics")["items"]]

    # -- firewall rules ---------------------------------------------------
    def rules_path(self, nic):
        return self.nic_path(nic) + "/firewallrules"

    def add_rule(self, nic, **props):
        return self.api.post(self.rules_path(nic), {"properties": props}).json()["id"]

    def rule_error(self, nic, **props):
        return self.api.error("POST", self.rules_path(nic), {"properties": props})

    # -- load balancers ---------------------------------------------------
    def add_lb(self, entities=None, **props):
        body = {"properties": {"name": "lb", **props}}
        if entities:
            body["entities"] = entities
        return self.api.post(f"{self.path}/loadbalancers", body).json()["id"]

    def lb_path(self, lb):
        return f"{self.path}/loadbalancers/{lb}"

    def balanced(self, lb):
        return [n["id"] for n in self.api.get(self.lb_path(lb) + "/balancednics")["items"]]


@pytest.fixture
def dc(api):
    return Dc(api)


def reserve(api, location="us/las", size=1, **props):
    """A reserved IP block, as the 202 answer shows it (ips included)."""
    return api.post("/ipblocks", {"properties": {"location": location, "size": size, **props}}).json()


def block_ip(api, location="us/las"):
    return reserve(api, location)["properties"]["ips"][0]


def is_private(ip):
    return ipaddress.IPv4Address(ip).is_private


def create_pcc(api, name="pcc", description="a cross-connect"):
    return api.post("/pccs", {"properties": {"name": name, "description": description}}).json()["id"]


def pcc(api, pcc_id):
    return api.get(f"/pccs/{pcc_id}")["properties"]


# ---------------------------------------------------------------- LANs


def test_lan_ids_are_numbered_per_datacenter_and_nic_lan_is_an_int(api):
    first, second = Dc(api, name="a"), Dc(api, name="b")
    assert [first.add_lan(name="x"), first.add_lan(name="y")] == ["1", "2"]
    assert second.add_lan(name="z") == "1"
    assert [lan["id"] for lan in api.get(f"{first.path}/lans")["items"]] == ["1", "2"]
    nic = first.add_nic(lan="2")  # the SDK may send the LAN id as it got it: a string
    assert first.nic(nic)["lan"] == 2


@pytest.mark.parametrize("sent, read", [("true", True), ("false", False), (True, True)])
def test_lan_public_sent_as_string_reads_back_as_boolean(dc, sent, read):
    lan = dc.add_lan(name="l", public=sent)
    assert dc.lan(lan)["public"] is read
    dc.api.patch(dc.lan_path(lan), {"public": "false"})
    assert dc.lan(lan)["public"] is False


def test_nic_on_a_missing_lan_creates_it_private(dc):
    nic = dc.add_nic(lan=5)
    lan = dc.api.get(dc.lan_path(5))
    assert lan["id"] == "5" and lan["properties"]["public"] is False
    assert dc.members(5) == [nic]
    assert is_private(dc.nic(nic)["ips"][0])


def test_lan_members_are_listed_and_embedded_at_depth(dc):
    one, two = dc.add_nic(lan=1), dc.add_nic(lan=1)
    other = dc.add_nic(lan=2)
    assert sorted(dc.members(1)) == sorted([one, two])
    assert dc.members(2) == [other]
    member = dc.api.get(f"{dc.lan_path(1)}/nics/{one}")
    assert member["type"] == "nic" and member["properties"]["lan"] == 1
    dc.api.get(f"{dc.lan_path(1)}/nics/{other}", expect=404)
    d0 = dc.api.get(dc.lan_path(1) + "?depth=0")
    assert "items" not in d0["entities"]["nics"]
    d1 = dc.api.get(dc.lan_path(1) + "?depth=1")
    assert sorted(n["id"] for n in d1["entities"]["nics"]["items"]) == sorted([one, two])
    d2 = dc.api.get(dc.lan_path(1) + "?depth=2")
    assert {n["properties"]["lan"] for n in d2["entities"]["nics"]["items"]} == {1}


def test_post_lan_nics_moves_a_nic_into_the_lan(dc):
    nic = dc.add_nic(lan=1)
    target = dc.add_lan(name="target")
    moved = dc.api.post(f"{dc.lan_path(target)}/nics", {"id": nic}).json()
    assert moved["id"] == nic
    assert dc.nic(nic)["lan"] == int(target)
    assert dc.members(1) == [] and dc.members(target) == [nic]


def test_lan_created_with_nics_takes_them_over(dc):
    nic = dc.add_nic(lan=1)
    lan = dc.api.post(f"{dc.path}/lans", {"properties": {"name": "new"},
                                          "entities": {"nics": {"items": [{"id": nic}]}}}).json()["id"]
    assert dc.members(lan) == [nic] and dc.nic(nic)["lan"] == int(lan)


@pytest.mark.parametrize("location", ["us/las", "de/fra"])
def test_turning_a_lan_public_gives_its_dhcp_nics_public_ips_of_the_location(api, location):
    dc = Dc(api, location=location)
    nic = dc.add_nic(lan=1, dhcp=True)
    assert is_private(dc.nic(nic)["ips"][0])
    api.patch(dc.lan_path(1), {"public": True})
    (ip,) = dc.nic(nic)["ips"]
    assert ip.startswith(PUBLIC_RANGE[location])
    api.patch(dc.lan_path(1), {"public": False})
    assert is_private(dc.nic(nic)["ips"][0])


def test_deleting_a_lan_with_nics_is_422_an_empty_one_202(dc):
    dc.add_nic(lan=1)
    empty = dc.add_lan(name="empty")
    assert "NIC" in dc.api.error("DELETE", dc.lan_path(1))
    dc.api.get(dc.lan_path(1))
    dc.api.delete(dc.lan_path(empty))
    dc.api.get(dc.lan_path(empty), expect=404)


def failover_nic(dc, lan):
    """A NIC on ``lan`` holding one IP of a reserved block of the location."""
    ip = block_ip(dc.api, dc.location)
    return dc.add_nic(lan=int(lan), ips=[ip]), ip


def test_ip_failover_needs_a_public_lan(dc):
    private = dc.add_lan(name="private")
    nic = dc.add_nic(lan=int(private), ips=["10.7.0.5"])
    message = dc.api.error("PATCH", dc.lan_path(private), {"ipFailover": [{"ip": "10.7.0.5", "nicUuid": nic}]})
    assert "public" in message


def test_ip_failover_nic_must_be_a_member_and_hold_the_ip(dc):
    lan = dc.add_lan(name="pub", public=True)
    nic, ip = failover_nic(dc, lan)
    outsider = dc.add_nic(lan=9)
    message = dc.api.error("PATCH", dc.lan_path(lan), {"ipFailover": [{"ip": ip, "nicUuid": outsider}]})
    assert outsider in message and "member" in message
    other_ip = block_ip(dc.api)
    message = dc.api.error("PATCH", dc.lan_path(lan), {"ipFailover": [{"ip": other_ip, "nicUuid": nic}]})
    assert other_ip in message and nic in message


def test_ip_failover_ip_must_come_from_a_reserved_block_of_the_location(api):
    dc = Dc(api)
    lan = dc.add_lan(name="pub", public=True)
    nic = dc.add_nic(lan=int(lan))
    (dhcp_ip,) = dc.nic(nic)["ips"]  # public, but not reserved
    message = api.error("PATCH", dc.lan_path(lan), {"ipFailover": [{"ip": dhcp_ip, "nicUuid": nic}]})
    assert "reserved IP block" in message and dhcp_ip in message
    elsewhere = block_ip(api, "de/fra")
    message = api.error("PATCH", dc.lan_path(lan), {"ipFailover": [{"ip": elsewhere, "nicUuid": nic}]})
    assert "reserved IP block" in message


def test_ip_failover_valid_configuration_is_kept(dc):
    lan = dc.add_lan(name="pub", public=True)
    primary, ip = failover_nic(dc, lan)
    # The standby holds the same IP: on one public LAN that is how failover works.
    standby = dc.add_nic(lan=int(lan), server=dc.add_server("standby"), ips=[ip])
    assert dc.nic(standby)["ips"] == [ip]
    answer = dc.api.patch(dc.lan_path(lan), {"ipFailover": [{"ip": ip, "nicUuid": primary}]}).json()
    assert answer["properties"]["ipFailover"] == [{"ip": ip, "nicUuid": primary}]
    assert dc.lan(lan)["ipFailover"] == [{"ip": ip, "nicUuid": primary}]


def test_a_private_lan_joins_a_pcc_and_shows_among_its_peers(dc):
    pcc_id = create_pcc(dc.api)
    lan = dc.add_lan(name="linked", pcc=pcc_id)
    assert dc.lan(lan)["pcc"] == pcc_id
    (peer,) = pcc(dc.api, pcc_id)["peers"]
    assert peer["id"] == lan and peer["name"] == "linked"
    assert peer["datacenterId"] == dc.id and peer["location"] == "us/las"


def test_a_public_lan_cannot_join_a_pcc(dc):
    pcc_id = create_pcc(dc.api)
    message = dc.api.error("POST", f"{dc.path}/lans", {"properties": {"public": True, "pcc": pcc_id}})
    assert "private" in message
    lan = dc.add_lan(name="linked", pcc=pcc_id)
    assert "private" in dc.api.error("PATCH", dc.lan_path(lan), {"public": True})


def test_unknown_pcc_id_is_422(dc):
    message = dc.api.error("POST", f"{dc.path}/lans",
                           {"properties": {"pcc": "00000000-0000-0000-0000-000000000000"}})
    assert "pcc" in message
    lan = dc.add_lan(name="l")
    assert "pcc" in dc.api.error("PATCH", dc.lan_path(lan), {"pcc": "00000000-0000-0000-0000-000000000000"})


# ---------------------------------------------------------------- NICs


def test_nic_lan_is_required(dc):
    assert "Attribute 'lan' is required" in dc.nic_error()


def test_fixed_ips_on_a_public_lan_must_come_from_a_reserved_block_of_the_location(dc):
    lan = int(dc.add_lan(name="pub", public=True))
    for ip in ("8.8.8.8", block_ip(dc.api, "de/fra"), "10.1.1.1"):
        assert "reserved IP block" in dc.nic_error(lan=lan, ips=[ip])
    ip = block_ip(dc.api, "us/las")
    assert dc.nic(dc.add_nic(lan=lan, ips=[ip]))["ips"] == [ip]


def test_a_private_lan_takes_only_private_addresses(dc):
    assert "private" in dc.nic_error(lan=1, ips=[block_ip(dc.api)])
    assert "private" in dc.nic_error(lan=1, ips=["8.8.4.4"])
    for ip in ("10.20.30.40", "172.16.5.5", "192.168.1.10"):
        assert dc.nic(dc.add_nic(lan=1, ips=[ip]))["ips"] == [ip]


def test_an_ip_used_by_a_nic_in_another_lan_is_422(api):
    dc = Dc(api)
    dc.add_nic(lan=1, ips=["10.9.9.9"])
    assert "10.9.9.9" in dc.nic_error(lan=2, ips=["10.9.9.9"])
    first, second = dc.add_lan(name="p1", public=True), dc.add_lan(name="p2", public=True)
    ip = block_ip(api)
    dc.add_nic(lan=int(first), ips=[ip])
    assert ip in dc.nic_error(lan=int(second), ips=[ip])
    # Another datacenter is another network: its private addresses are its own.
    elsewhere = Dc(api, name="other")
    assert elsewhere.nic(elsewhere.add_nic(lan=1, ips=["10.9.9.9"]))["ips"] == ["10.9.9.9"]


def test_empty_ips_give_one_automatic_address(dc):
    nic = dc.add_nic(lan=1, ips=[])
    (ip,) = dc.nic(nic)["ips"]
    assert is_private(ip)
    again = dc.add_nic(lan=1)
    assert dc.nic(again)["ips"] != [ip]
    fixed = dc.add_nic(lan=1, ips=["10.60.0.1", "10.60.0.2"])
    dc.api.patch(dc.nic_path(fixed), {"ips": []})
    (auto,) = dc.nic(fixed)["ips"]
    assert is_private(auto) and auto not in (ip, "10.60.0.1", "10.60.0.2")


def test_patch_nic_name_dhcp_firewall_and_ips(dc):
    nic = dc.add_nic(lan=1)
    answer = dc.api.patch(dc.nic_path(nic), {"name": "renamed", "dhcp": False, "firewallActive": True}).json()
    assert answer["properties"]["name"] == "renamed"
    props = dc.nic(nic)
    assert props["name"] == "renamed" and props["dhcp"] is False and props["firewallActive"] is True
    dc.api.patch(dc.nic_path(nic), {"ips": ["10.50.0.7", "10.50.0.8"]})
    assert dc.nic(nic)["ips"] == ["10.50.0.7", "10.50.0.8"]


def test_patch_nic_lan_moves_it_and_readdresses_an_automatic_ip(dc):
    nic = dc.add_nic(lan=1)
    (before,) = dc.nic(nic)["ips"]
    dc.api.patch(dc.nic_path(nic), {"lan": 3})
    props = dc.nic(nic)
    assert props["lan"] == 3 and dc.members(3) == [nic] and dc.members(1) == []
    (after,) = props["ips"]
    assert after != before and is_private(after)
    pub = int(dc.add_lan(name="pub", public=True))
    dc.api.patch(dc.nic_path(nic), {"lan": pub})
    assert dc.nic(nic)["ips"][0].startswith("158.222.")


def test_nic_mac_is_read_only(dc):
    nic = dc.add_nic(lan=1)
    mac = dc.nic(nic)["mac"]
    assert "mac" in dc.api.error("PATCH", dc.nic_path(nic), {"mac": "02:01:de:ad:be:ef"})
    dc.api.patch(dc.nic_path(nic), {"mac": mac, "name": "same mac"})
    assert dc.nic(nic)["mac"] == mac
    assert "mac" in dc.nic_error(lan=1, mac="02:01:de:ad:be:ef")


def test_deleting_a_nic_removes_its_rules_and_its_load_balancer_membership(dc):
    nic = dc.add_nic(lan=1)
    rule = dc.add_rule(nic, protocol="TCP", portRangeStart=22)
    lb = dc.add_lb(entities={"balancednics": {"items": [{"id": nic}]}})
    rule_path = f"{dc.rules_path(nic)}/{rule}"
    dc.api.delete(dc.nic_path(nic))
    dc.api.get(rule_path, expect=404)
    assert dc.balanced(lb) == []
    assert dc.api.get(dc.lb_path(lb) + "?depth=1")["entities"]["balancednics"]["items"] == []
    assert dc.members(1) == []


# ---------------------------------------------------------------- firewall rules


def test_firewall_rule_protocol_is_required_and_from_the_list(dc):
    nic = dc.add_nic()
    assert "Attribute 'protocol' is required" in dc.rule_error(nic, name="no protocol")
    assert "protocol" in dc.rule_error(nic, protocol="HTTP")
    for protocol in ("TCP", "UDP", "ICMP", "ANY"):
        rule = dc.add_rule(nic, protocol=protocol)
        assert dc.api.get(f"{dc.rules_path(nic)}/{rule}")["properties"]["protocol"] == protocol


def test_firewall_ports_are_1_to_65534_and_only_for_tcp_and_udp(dc):
    nic = dc.add_nic()
    for bad in (0, 65535):
        assert "portRangeStart" in dc.rule_error(nic, protocol="TCP", portRangeStart=bad, portRangeEnd=bad)
    rule = dc.add_rule(nic, protocol="UDP", portRangeStart=1, portRangeEnd=65534)
    props = dc.api.get(f"{dc.rules_path(nic)}/{rule}")["properties"]
    assert (props["portRangeStart"], props["portRangeEnd"]) == (1, 65534)
    for protocol in ("ICMP", "ANY"):
        assert "port" in dc.rule_error(nic, protocol=protocol, portRangeStart=80, portRangeEnd=80)


def test_firewall_icmp_type_and_code_are_0_to_254_and_only_for_icmp(dc):
    nic = dc.add_nic()
    assert "icmpType" in dc.rule_error(nic, protocol="ICMP", icmpType=255)
    assert "icmpCode" in dc.rule_error(nic, protocol="ICMP", icmpCode=-1)
    rule = dc.add_rule(nic, protocol="ICMP", icmpType=254, icmpCode=0)
    props = dc.api.get(f"{dc.rules_path(nic)}/{rule}")["properties"]
    assert (props["icmpType"], props["icmpCode"]) == (254, 0)
    assert "icmp" in dc.rule_error(nic, protocol="TCP", icmpType=8).lower()


def test_firewall_port_start_after_end_is_422(dc):
    nic = dc.add_nic()
    assert "portRangeStart" in dc.rule_error(nic, protocol="TCP", portRangeStart=100, portRangeEnd=80)


@pytest.mark.parametrize("field, value", [
    ("sourceMac", "01:23:45:67:89"), ("sourceMac", "zz:23:45:67:89:00"),
    ("sourceIp", "300.1.1.1"), ("sourceIp", "host.example.com"), ("targetIp", "10.0.0"),
])
def test_firewall_bad_mac_or_ip_is_422(dc, field, value):
    nic = dc.add_nic()
    assert field in dc.rule_error(nic, protocol="TCP", **{field: value})


def test_firewall_patch_name_and_ports(dc):
    nic = dc.add_nic()
    rule = dc.add_rule(nic, name="ssh", protocol="TCP", portRangeStart=22, portRangeEnd=22)
    path = f"{dc.rules_path(nic)}/{rule}"
    dc.api.patch(path, {"name": "web", "portRangeStart": 80, "portRangeEnd": 443})
    props = dc.api.get(path)["properties"]
    assert (props["name"], props["portRangeStart"], props["portRangeEnd"]) == ("web", 80, 443)
    # The new range is checked as a whole: a start past the kept end is refused.
    dc.api.error("PATCH", path, {"portRangeStart": 500})
    assert dc.api.get(path)["properties"]["portRangeStart"] == 80


def test_firewall_protocol_cannot_change_but_may_be_repeated(dc):
    nic = dc.add_nic()
    rule = dc.add_rule(nic, protocol="TCP", portRangeStart=22)
    path = f"{dc.rules_path(nic)}/{rule}"
    assert "protocol" in dc.api.error("PATCH", path, {"protocol": "UDP"})
    dc.api.patch(path, {"protocol": "TCP", "name": "same protocol"})
    props = dc.api.get(path)["properties"]
    assert props["protocol"] == "TCP" and props["name"] == "same protocol"


def test_firewall_rules_created_with_the_nic_inside_a_server_create(dc):
    body = {"properties": {"name": "web", "cores": 1, "ram": 1024},
            "entities": {"nics": {"items": [{
                "properties": {"name": "eth0", "lan": 1, "firewallActive": True},
                "entities": {"firewallrules": {"items": [
                    {"properties": {"name": "ping", "protocol": "ICMP", "icmpType": 8, "icmpCode": 0}},
                    {"properties": {"name": "dns", "protocol": "UDP", "portRangeStart": 53, "portRangeEnd": 53}},
                ]}}}]}}}
    echo = dc.api.post(f"{dc.path}/servers", body).json()
    echoed = echo["entities"]["nics"]["items"][0]["entities"]["firewallrules"]["items"]
    assert [r["properties"]["name"] for r in echoed] == ["ping", "dns"]
    nic = echo["entities"]["nics"]["items"][0]["id"]
    rules = dc.api.get(f"{dc.nics_path(echo['id'])}/{nic}/firewallrules?depth=1")["items"]
    assert {r["properties"]["name"]: r["properties"]["protocol"] for r in rules} == {"ping": "ICMP", "dns": "UDP"}


# ---------------------------------------------------------------- load balancers


def test_loadbalancer_dhcp_sent_as_string_reads_back_as_boolean(dc):
    lb = dc.add_lb(dhcp="false", ip="10.3.3.3")
    props = dc.api.get(dc.lb_path(lb))["properties"]
    assert props["dhcp"] is False and props["ip"] == "10.3.3.3"


def test_loadbalancer_without_ip_gets_one(dc):
    """The spec: "Leaving value null will assign IP automatically"; the SDK's
    live test asserts ``ip`` is not None on a GET of a LB created without one."""
    lb = dc.add_lb(dhcp=True)
    ip = dc.api.get(dc.lb_path(lb))["properties"]["ip"]
    assert ip is not None
    ipaddress.IPv4Address(ip)


def test_balanced_nics_inherit_the_loadbalancer_ip(dc):
    """The spec (LoadbalancerProperties.ip) and the SDK README: "All balanced
    NICs inherit the IP of the load balancer"."""
    lb = dc.add_lb(ip="10.8.8.8")
    nic = dc.add_nic(lan=1)
    own = dc.nic(nic)["ips"]
    dc.api.post(dc.lb_path(lb) + "/balancednics", {"id": nic})
    assert dc.nic(nic)["ips"] == ["10.8.8.8"]
    dc.api.patch(dc.lb_path(lb), {"ip": "10.8.8.9"})
    assert dc.nic(nic)["ips"] == ["10.8.8.9"]
    dc.api.delete(f"{dc.lb_path(lb)}/balancednics/{nic}")
    ips = dc.nic(nic)["ips"]
    assert len(ips) == 1 and ips != ["10.8.8.9"] and ips != own  # a fresh automatic address
    dc.api.post(dc.lb_path(lb) + "/balancednics", {"id": nic})
    dc.api.delete(dc.lb_path(lb))
    assert "10.8.8.9" not in dc.nic(nic)["ips"]


def test_loadbalancer_ip_must_be_private_or_reserved(dc):
    path = f"{dc.path}/loadbalancers"
    assert "reserved IP block" in dc.api.error("POST", path, {"properties": {"name": "lb", "ip": "8.8.8.8"}})
    foreign = block_ip(dc.api, "de/fra")
    assert "reserved IP block" in dc.api.error("POST", path, {"properties": {"name": "lb", "ip": foreign}})
    private = dc.add_lb(ip="10.4.4.4")
    reserved = block_ip(dc.api)
    public = dc.add_lb(ip=reserved)
    assert dc.api.get(dc.lb_path(public))["properties"]["ip"] == reserved
    dc.api.error("PATCH", dc.lb_path(private), {"ip": "8.8.8.8"})
    assert dc.api.get(dc.lb_path(private))["properties"]["ip"] == "10.4.4.4"


def test_balanced_nics_add_list_get_remove(dc):
    lb = dc.add_lb()
    nic = dc.add_nic(lan=1, name="member")
    added = dc.api.post(dc.lb_path(lb) + "/balancednics", {"id": nic}).json()
    assert added["id"] == nic and added["type"] == "nic"
    assert dc.balanced(lb) == [nic]
    member = dc.api.get(f"{dc.lb_path(lb)}/balancednics/{nic}")
    assert member["properties"]["name"] == "member" and isinstance(member["properties"]["lan"], int)
    dc.api.delete(f"{dc.lb_path(lb)}/balancednics/{nic}")
    assert dc.balanced(lb) == []
    dc.api.get(f"{dc.lb_path(lb)}/balancednics/{nic}", expect=404)
    dc.nic(nic)  # the NIC itself stays


def test_balancing_a_nic_of_another_datacenter_or_twice_is_422(api):
    dc, other = Dc(api), Dc(api, name="other")
    lb = dc.add_lb()
    foreign = other.add_nic(lan=1)
    assert foreign in api.error("POST", dc.lb_path(lb) + "/balancednics", {"id": foreign})
    nic = dc.add_nic(lan=1)
    api.post(dc.lb_path(lb) + "/balancednics", {"id": nic})
    api.error("POST", dc.lb_path(lb) + "/balancednics", {"id": nic})
    assert dc.balanced(lb) == [nic]


def test_loadbalancer_created_with_balanced_nics(dc):
    one, two = dc.add_nic(lan=1), dc.add_nic(lan=1)
    lb = dc.add_lb(entities={"balancednics": {"items": [{"id": one}, {"id": two}]}})
    assert sorted(dc.balanced(lb)) == sorted([one, two])


def test_loadbalancer_patch_and_delete(dc):
    lb = dc.add_lb(name="lb", ip="10.5.5.5")
    answer = dc.api.patch(dc.lb_path(lb), {"name": "renamed", "ip": "10.5.5.6"}).json()
    assert answer["properties"]["name"] == "renamed"
    props = dc.api.get(dc.lb_path(lb))["properties"]
    assert (props["name"], props["ip"]) == ("renamed", "10.5.5.6")
    nic = dc.add_nic(lan=1)
    dc.api.post(dc.lb_path(lb) + "/balancednics", {"id": nic})
    dc.api.delete(dc.lb_path(lb))
    dc.api.get(dc.lb_path(lb), expect=404)
    assert dc.api.get(f"{dc.path}/loadbalancers")["items"] == []
    dc.nic(nic)


# ---------------------------------------------------------------- IP blocks


def test_ipblock_location_and_size_are_required(api):
    assert "Attribute 'location' is required" in api.error("POST", "/ipblocks", {"properties": {"size": 1}})
    assert "Attribute 'size' is required" in api.error("POST", "/ipblocks", {"properties": {"location": "us/las"}})


def test_ipblock_size_sent_as_string_is_accepted(api):
    block = reserve(api, size="4")
    props = api.get(f"/ipblocks/{block['id']}")["properties"]
    assert props["size"] == 4 and len(props["ips"]) == 4


def test_ipblock_ips_come_from_the_location_and_are_never_handed_out_twice(api):
    first, second = reserve(api, size=4), reserve(api, size=3)
    ips = first["properties"]["ips"] + second["properties"]["ips"]
    assert len(set(ips)) == 7 and all(ip.startswith("158.222.") for ip in ips)
    fra = reserve(api, "de/fra", size=2)["properties"]["ips"]
    assert all(ip.startswith("85.215.") for ip in fra)
    # A DHCP address of a public NIC is no reserved one either.
    dc = Dc(api)
    nic = dc.add_nic(lan=int(dc.add_lan(name="pub", public=True)))
    assert dc.nic(nic)["ips"][0] not in ips


def test_ipblock_unknown_location_is_422(api):
    assert "location" in api.error("POST", "/ipblocks", {"properties": {"location": "xx/nowhere", "size": 1}})


def test_ipblock_patch_name_but_not_size_or_location(api):
    block = reserve(api, size=2, name="old")
    path = f"/ipblocks/{block['id']}"
    api.patch(path, {"name": "new"})
    assert api.get(path)["properties"]["name"] == "new"
    assert "size" in api.error("PATCH", path, {"size": 3})
    assert "location" in api.error("PATCH", path, {"location": "de/fra"})
    api.patch(path, {"size": 2, "location": "us/las", "name": "same values"})
    props = api.get(path)["properties"]
    assert (props["size"], props["location"], props["name"]) == (2, "us/las", "same values")


def test_ipblock_consumers_list_the_nic_using_an_ip(api):
    dc = Dc(api)
    block = reserve(api, size=2)
    ip = block["properties"]["ips"][0]
    assert api.get(f"/ipblocks/{block['id']}")["properties"]["ipConsumers"] == []
    nic = dc.add_nic(lan=int(dc.add_lan(name="pub", public=True)), ips=[ip])
    (consumer,) = api.get(f"/ipblocks/{block['id']}")["properties"]["ipConsumers"]
    assert consumer["ip"] == ip and consumer["nicId"] == nic and consumer["mac"] == dc.nic(nic)["mac"]
    assert consumer["serverId"] == dc.server and consumer["datacenterId"] == dc.id


def test_releasing_an_ipblock_in_use_is_422_once_freed_202(api):
    dc = Dc(api)
    block = reserve(api)
    nic = dc.add_nic(lan=int(dc.add_lan(name="pub", public=True)), ips=block["properties"]["ips"])
    assert "in use" in api.error("DELETE", f"/ipblocks/{block['id']}")
    api.delete(dc.nic_path(nic))
    api.delete(f"/ipblocks/{block['id']}")
    api.get(f"/ipblocks/{block['id']}", expect=404)


def test_ipblock_contract_limit(api):
    api.control("PUT", "/limits", {"reservableIps": 3})
    assert "limit" in api.error("POST", "/ipblocks", {"properties": {"location": "us/las", "size": 4}})
    reserve(api, size=3)
    api.error("POST", "/ipblocks", {"properties": {"location": "de/fra", "size": 1}})
    assert len(api.get("/ipblocks")["items"]) == 1


# ---------------------------------------------------------------- private cross-connects


def test_pcc_create_get_patch_delete(api):
    echo = api.post("/pccs", {"properties": {"name": "link", "description": "between a and b"}}).json()
    assert echo["type"] == "pcc" and echo["properties"]["name"] == "link"
    path = f"/pccs/{echo['id']}"
    props = api.get(path)["properties"]
    assert (props["name"], props["description"], props["peers"]) == ("link", "between a and b", [])
    assert api.patch(path, {"name": "renamed", "description": "new"}).json()["properties"]["name"] == "renamed"
    assert (pcc(api, echo["id"])["name"], pcc(api, echo["id"])["description"]) == ("renamed", "new")
    assert [p["id"] for p in api.get("/pccs")["items"]] == [echo["id"]]
    api.delete(path)
    api.get(path, expect=404)


def test_pcc_peers_and_connectable_datacenters(api):
    a, b = Dc(api, name="a"), Dc(api, name="b")
    pcc_id = create_pcc(api)
    connectable = {d["id"]: d for d in pcc(api, pcc_id)["connectableDatacenters"]}
    assert connectable[a.id] == {"id": a.id, "name": "a", "location": "us/las"} and b.id in connectable
    lan_a, lan_b = a.add_lan(name="la", pcc=pcc_id), b.add_lan(name="lb")
    api.patch(b.lan_path(lan_b), {"pcc": pcc_id})
    peers = {p["datacenterId"]: p for p in pcc(api, pcc_id)["peers"]}
    assert peers[a.id] == {"id": lan_a, "name": "la", "datacenterId": a.id, "datacenterName": "a",
                           "location": "us/las"}
    assert peers[b.id]["id"] == lan_b and peers[b.id]["datacenterName"] == "b"


def test_pcc_with_connected_lans_cannot_be_deleted(dc):
    pcc_id = create_pcc(dc.api)
    lan = dc.add_lan(name="linked", pcc=pcc_id)
    assert "LAN" in dc.api.error("DELETE", f"/pccs/{pcc_id}")
    dc.api.delete(dc.lan_path(lan))
    dc.api.delete(f"/pccs/{pcc_id}")
    dc.api.get(f"/pccs/{pcc_id}", expect=404)


# ---------------------------------------------------------------- refused writes
# A 422 answers a write the API refused: no request is queued (no Location),
# so nothing the write named may change.


def test_a_refused_lan_create_leaves_no_lan(dc):
    pcc_id = create_pcc(dc.api)
    dc.api.error("POST", f"{dc.path}/lans", {"properties": {"name": "bad", "public": True, "pcc": pcc_id}})
    assert dc.api.get(f"{dc.path}/lans")["items"] == []
    assert pcc(dc.api, pcc_id)["peers"] == []


def test_a_refused_lan_patch_changes_nothing(dc):
    pcc_id = create_pcc(dc.api)
    lan = dc.add_lan(name="linked", pcc=pcc_id)
    dc.api.error("PATCH", dc.lan_path(lan), {"public": True, "name": "renamed"})
    props = dc.lan(lan)
    assert props["public"] is False and props["name"] == "linked" and props["pcc"] == pcc_id
    dc.api.error("PATCH", dc.lan_path(lan), {"ipFailover": [{"ip": "10.7.0.5", "nicUuid": "nope"}]})
    assert dc.lan(lan)["ipFailover"] == []


def test_a_refused_nic_patch_changes_nothing(dc):
    nic = dc.add_nic(lan=1, name="keep")
    before = dc.nic(nic)
    dc.api.error("PATCH", dc.nic_path(nic), {"name": "changed", "ips": ["8.8.8.8"]})
    assert dc.nic(nic) == before


def test_a_bad_nested_firewall_rule_refuses_the_whole_server_create(dc):
    before = dc.api.get(f"{dc.path}/servers")["items"]
    body = {"properties": {"name": "half", "cores": 1, "ram": 1024},
            "entities": {"nics": {"items": [{
                "properties": {"lan": 7},
                "entities": {"firewallrules": {"items": [{"properties": {"name": "no protocol"}}]}}}]}}}
    assert "Attribute 'protocol' is required" in dc.api.error("POST", f"{dc.path}/servers", body)
    assert dc.api.get(f"{dc.path}/servers")["items"] == before
    dc.api.get(dc.lan_path(7), expect=404)
