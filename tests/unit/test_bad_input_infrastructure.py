"""Bad input to the infrastructure modules (datacenters, servers, storage, networks, IP
blocks, cross-connects and their _info modules): each row is one mistake a user can make
in a task, taken from the module's documentation and the SDK README's tables (types,
choices, ranges, formats, required and forbidden combinations). Every one must end the
task with a message naming the option and the reason, before a single API call
(the ``rejected`` fixture reads the emulator's counters)."""

import pytest

from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter import main as datacenter
from ansible_collections.ionos.enterprise.plugins.modules.ionos_datacenter_info import main as datacenter_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule import main as firewall_rule
from ansible_collections.ionos.enterprise.plugins.modules.ionos_firewall_rule_info import main as firewall_rule_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_image import main as image
from ansible_collections.ionos.enterprise.plugins.modules.ionos_image_info import main as image_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_ipblock import main as ipblock
from ansible_collections.ionos.enterprise.plugins.modules.ionos_ipblock_info import main as ipblock_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan import main as lan
from ansible_collections.ionos.enterprise.plugins.modules.ionos_lan_info import main as lan_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer import main as loadbalancer
from ansible_collections.ionos.enterprise.plugins.modules.ionos_loadbalancer_info import main as loadbalancer_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_location_info import main as location_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic import main as nic
from ansible_collections.ionos.enterprise.plugins.modules.ionos_nic_info import main as nic_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_pcc import main as pcc
from ansible_collections.ionos.enterprise.plugins.modules.ionos_pcc_info import main as pcc_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_request_info import main as request_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server import main as server
from ansible_collections.ionos.enterprise.plugins.modules.ionos_server_info import main as server_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_snapshot import main as snapshot
from ansible_collections.ionos.enterprise.plugins.modules.ionos_snapshot_info import main as snapshot_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume import main as volume
from ansible_collections.ionos.enterprise.plugins.modules.ionos_volume_info import main as volume_info

# Ansible's own wording for the checks its argument spec does.
TYPE = "is of type"
CHOICE = "must be one of"
ONE_OF = "one of the following is required: id, name"
MISSING = "missing required arguments"
EXCLUSIVE = "mutually exclusive"
UNSUPPORTED = "Unsupported parameters"

DC = dict(datacenter="dc")
NIC = dict(datacenter="dc", server="web", nic="eth0")
RULE = dict(NIC, name="ssh")
WEB = dict(name="web", cores=1, ram=1024)


# A datacenter created with one server (or one volume) that holds whatever a row gives.
def dc_with_server(**server_options):
    return dict(name="dc", location="de/fra", servers=[dict(WEB, **server_options)])


def dc_with_nic(**nic_options):
    return dc_with_server(nics=[dict(dict(lan=1), **nic_options)])


def dc_with_rule(**rule_options):
    return dc_with_nic(firewall_rules=[dict(dict(protocol="TCP"), **rule_options)])


def dc_with_volume(**volume_options):
    return dict(name="dc", location="de/fra", volumes=[dict(dict(name="data", size=10, image_alias="ubuntu:latest"),
                                                            **volume_options)])


def row(module, what, args, *fragments):
    return pytest.param(module, args, fragments, id="%s-%s" % (module.__module__.rsplit(".", 1)[-1], what))


ROWS = [
    # -- the connection options, once (every module shares them) -------------------------
    row(pcc_info, "no-credentials", dict(username=None, password=None), "no credentials", "username", "token"),
    row(pcc_info, "password-without-username", dict(username=None), "password is set but username is not"),
    row(pcc_info, "username-without-password", dict(password=None), "username is set but password is not"),
    row(pcc_info, "api_url-without-scheme", dict(api_url="api.ionos.com/cloudapi/v5"),
        "api_url", "must start with http:// or https://"),
    row(pcc_info, "api_timeout-0", dict(api_timeout=0), "api_timeout", "at least 1"),
    row(pcc_info, "api_retries-negative", dict(api_retries=-1), "api_retries", "0 or more"),
    row(pcc, "wait_timeout-0", dict(name="p", wait_timeout=0), "wait_timeout", "at least 1"),
    row(pcc_info, "validate_certs-not-bool", dict(validate_certs="perhaps"), "validate_certs", TYPE, "bool"),
    row(pcc_info, "contract_number-not-int", dict(contract_number="abc"), "contract_number", TYPE, "int"),

    # -- ionos_datacenter ------------------------------------------------------------------
    row(datacenter, "state-choice", dict(name="dc", state="gone"), "state", CHOICE, "present, absent"),
    row(datacenter, "no-id-or-name", dict(location="de/fra"), ONE_OF),
    row(datacenter, "wait-not-bool", dict(name="dc", wait="sometimes"), "wait", TYPE, "bool"),
    row(datacenter, "servers-not-dicts", dict(name="dc", servers="web"), "servers", "dictionary"),
    row(datacenter, "location-format", dict(name="dc", location="Frankfurt"), "location", "region/city", "'Frankfurt'"),
    row(datacenter, "location-trailing-newline", dict(name="dc", location="de/fra\n"), "location", "region/city"),
    row(datacenter, "server-cores-not-int", dc_with_server(cores="two"), "cores", TYPE, "int", "servers"),
    row(datacenter, "server-without-ram", dict(name="dc", servers=[dict(name="web", cores=1)]),
        MISSING, "ram", "servers"),
    row(datacenter, "server-cores-0", dc_with_server(cores=0), "servers[0].cores", "at least 1"),
    row(datacenter, "server-ram-below-256", dc_with_server(ram=128), "servers[0].ram", "at least 256"),
    row(datacenter, "server-ram-not-multiple-of-256", dc_with_server(ram=1000), "servers[0].ram", "multiple of 256"),
    row(datacenter, "server-zone-choice", dc_with_server(availability_zone="ZONE_3"),
        "availability_zone", CHOICE, "servers"),
    row(datacenter, "nic-without-lan", dc_with_server(nics=[dict(name="eth0")]), MISSING, "lan", "nics"),
    row(datacenter, "nic-lan-0", dc_with_nic(lan=0), "servers[0].nics[0].lan", "between 1 and 4095"),
    row(datacenter, "nic-ips-not-ip", dc_with_nic(ips=["10.0.0.300"]), "servers[0].nics[0].ips", "'10.0.0.300'", "IPv4"),
    row(datacenter, "rule-protocol-choice", dc_with_rule(protocol="SCTP"), "protocol", CHOICE, "firewall_rules"),
    row(datacenter, "rule-port-above-65534", dc_with_rule(port_range_start=65535),
        "servers[0].nics[0].firewall_rules[0].port_range_start", "between 1 and 65534"),
    row(datacenter, "rule-ports-with-icmp", dc_with_rule(protocol="ICMP", port_range_start=22),
        "firewall_rules[0]", "port_range_start", "only apply to protocol TCP or UDP"),
    row(datacenter, "rule-icmp-type-with-tcp", dc_with_rule(icmp_type=8), "firewall_rules[0]", "icmp_type",
        "only apply to protocol ICMP"),
    row(datacenter, "rule-icmp-code-255", dc_with_rule(protocol="ICMP", icmp_code=255),
        "firewall_rules[0].icmp_code", "between 0 and 254"),
    row(datacenter, "rule-source_mac-format", dc_with_rule(source_mac="aa:bb:cc:dd:ee"),
        "firewall_rules[0].source_mac", "not a MAC address"),
    row(datacenter, "rule-source_ip-not-ip", dc_with_rule(source_ip="10.0.0.0/24"),
        "firewall_rules[0].source_ip", "not a valid IPv4 address"),
    row(datacenter, "rule-target_ip-not-ip", dc_with_rule(target_ip="web"),
        "firewall_rules[0].target_ip", "not a valid IPv4 address"),
    row(datacenter, "volume-size-0", dc_with_volume(size=0), "volumes[0].size", "at least 1"),
    row(datacenter, "volume-type-choice", dc_with_volume(type="NVME"), "type", CHOICE, "volumes"),
    row(datacenter, "volume-image-and-alias", dc_with_volume(image="some-id"), EXCLUSIVE, "image|image_alias"),
    row(datacenter, "volume-image_password-rule", dc_with_volume(image_password="short"),
        "volumes[0].image_password", "8 to 50 letters"),
    row(datacenter, "volume-password-without-image", dc_with_volume(image_alias=None, licence_type="LINUX",
                                                                    image_password="Secret123"),
        "volumes[0]", "image_password and ssh_keys need a public image"),
    row(datacenter, "volume-without-image-or-licence", dc_with_volume(image_alias=None),
        "volumes[0].licence_type", "required for a volume without image"),
    row(datacenter, "server-volume-size-0", dc_with_server(volumes=[dict(name="root", size=0, licence_type="LINUX")]),
        "servers[0].volumes[0].size", "at least 1"),
    row(datacenter, "lan-public-not-bool", dict(name="dc", lans=[dict(name="l", public="perhaps")]),
        "public", TYPE, "bool", "lans"),
    row(datacenter, "loadbalancer-ip-not-ip", dict(name="dc", loadbalancers=[dict(name="lb", ip="10.0.0")]),
        "loadbalancers[0].ip", "IPv4"),

    # -- ionos_datacenter_info -------------------------------------------------------------
    row(datacenter_info, "depth-not-int", dict(depth="deep"), "depth", TYPE, "int"),
    row(datacenter_info, "depth-negative", dict(depth=-1), "depth", "between 0 and 9"),
    # The API reads 0 to 10; an item at depth 10 would need the collection at 11.
    row(datacenter_info, "depth-10", dict(depth=10), "depth", "between 0 and 9"),
    row(datacenter_info, "unknown-option", dict(nmae="dc"), UNSUPPORTED, "nmae"),

    # -- ionos_location_info ---------------------------------------------------------------
    row(location_info, "id-format", dict(id="frankfurt"), "id", "region/city"),
    row(location_info, "region-format", dict(region="DE"), "region", "lower-case"),
    row(location_info, "id-and-region", dict(id="de/fra", region="de"), EXCLUSIVE, "id|region"),
    row(location_info, "unknown-option", dict(location="de/fra"), UNSUPPORTED, "location"),
    row(location_info, "api_retries-not-int", dict(api_retries="many"), "api_retries", TYPE, "int"),

    # -- ionos_request_info ----------------------------------------------------------------
    row(request_info, "status-choice", dict(status="OK"), "status", CHOICE, "QUEUED"),
    row(request_info, "method-choice", dict(method="GET"), "method", CHOICE, "POST"),
    row(request_info, "limit-not-int", dict(limit="ten"), "limit", TYPE, "int"),
    row(request_info, "limit-0", dict(limit=0), "limit", "at least 1"),
    row(request_info, "offset-negative", dict(offset=-1), "offset", "at least 0"),
    row(request_info, "created_after-format", dict(created_after="yesterday"),
        "created_after", "YYYY-MM-DD hh:mm:ss"),
    row(request_info, "created_before-date-only", dict(created_before="2020-01-01"),
        "created_before", "YYYY-MM-DD hh:mm:ss"),

    # -- ionos_server ----------------------------------------------------------------------
    row(server, "no-datacenter", dict(name="web"), MISSING, "datacenter"),
    row(server, "no-id-or-name", dict(DC), ONE_OF),
    row(server, "state-choice", dict(DC, name="web", state="paused"), "state", CHOICE, "restarted"),
    row(server, "cores-not-int", dict(DC, name="web", cores="two"), "cores", TYPE, "int"),
    row(server, "cores-0", dict(DC, name="web", cores=0), "cores", "at least 1"),
    row(server, "ram-below-256", dict(DC, name="web", ram=128), "ram", "at least 256"),
    row(server, "ram-not-multiple-of-256", dict(DC, name="web", ram=1000), "ram", "multiple of 256"),
    row(server, "zone-choice", dict(DC, name="web", availability_zone="ZONE_3"), "availability_zone", CHOICE),
    row(server, "boot_volume-and-boot_cdrom", dict(DC, name="web", boot_volume="root", boot_cdrom="iso"),
        EXCLUSIVE, "boot_volume|boot_cdrom"),
    row(server, "id-and-count", dict(DC, id="some-id", name="web-%02d", count=2), EXCLUSIVE, "id|count"),
    row(server, "count-0", dict(DC, name="web-%02d", count=0), "count", "at least 1"),
    row(server, "count-name-without-pattern", dict(DC, name="web", count=2), "count", "name", "%d"),
    row(server, "count-name-two-patterns", dict(DC, name="web-%d-%d", count=2), "count", "name", "one %d"),
    row(server, "count-with-attach_volumes", dict(DC, name="web-%d", count=2, attach_volumes=["data"]),
        "attach_volumes", "cannot be used with count"),
    row(server, "count-with-boot_volume", dict(DC, name="web-%d", count=2, boot_volume="root"),
        "boot_volume", "cannot be used with count"),
    row(server, "count-with-cdroms", dict(DC, name="web-%d", count=2, cdroms=["iso"]),
        "cdroms", "cannot be used with count"),
    row(server, "count-with-detach_unlisted", dict(DC, name="web-%d", count=2, detach_unlisted=True),
        "detach_unlisted", "cannot be used with count"),
    row(server, "delete_volumes-not-bool", dict(DC, name="web", delete_volumes="sure"), "delete_volumes", TYPE, "bool"),
    row(server, "nic-lan-4096", dict(DC, name="web", nics=[dict(lan=4096)]), "nics[0].lan", "between 1 and 4095"),
    row(server, "nic-ips-not-ip", dict(DC, name="web", nics=[dict(lan=1, ips=["fe80::1"])]), "nics[0].ips", "IPv4"),
    row(server, "nic-rule-ports-reversed", dict(DC, name="web", nics=[dict(lan=1, firewall_rules=[
        dict(protocol="TCP", port_range_start=443, port_range_end=80)])]),
        "nics[0].firewall_rules[0].port_range_start", "greater than port_range_end"),
    row(server, "volume-without-size", dict(DC, name="web", volumes=[dict(name="root", licence_type="LINUX")]),
        MISSING, "size", "volumes"),
    row(server, "volume-size-0", dict(DC, name="web", volumes=[dict(name="root", size=0, licence_type="LINUX")]),
        "volumes[0].size", "at least 1"),
    row(server, "volume-image_password-rule", dict(DC, name="web", volumes=[
        dict(name="root", size=10, image_alias="ubuntu:latest", image_password="has spaces in it")]),
        "volumes[0].image_password", "8 to 50 letters"),
    row(server, "volume-ssh_keys-without-image", dict(DC, name="web", volumes=[
        dict(name="root", size=10, licence_type="LINUX", ssh_keys=["ssh-ed25519 AAAA key"])]),
        "volumes[0]", "need a public image"),

    # -- ionos_server_info -----------------------------------------------------------------
    row(server_info, "no-datacenter", dict(), MISSING, "datacenter"),
    row(server_info, "depth-not-int", dict(DC, depth="full"), "depth", TYPE, "int"),
    row(server_info, "depth-negative", dict(DC, depth=-1), "depth", "between 0 and 9"),
    row(server_info, "depth-10", dict(DC, depth=10), "depth", "between 0 and 9"),

    # -- ionos_volume ----------------------------------------------------------------------
    row(volume, "no-datacenter", dict(name="data"), MISSING, "datacenter"),
    row(volume, "no-id-or-name", dict(DC, size=10), ONE_OF),
    row(volume, "size-not-int", dict(DC, name="data", size="big"), "size", TYPE, "int"),
    row(volume, "type-choice", dict(DC, name="data", type="NVME"), "type", CHOICE, "HDD, SSD"),
    row(volume, "bus-choice", dict(DC, name="data", bus="SCSI"), "bus", CHOICE, "VIRTIO"),
    row(volume, "licence_type-choice", dict(DC, name="data", licence_type="BSD"), "licence_type", CHOICE),
    row(volume, "zone-choice", dict(DC, name="data", availability_zone="ZONE_4"), "availability_zone", CHOICE),
    row(volume, "size-0", dict(DC, name="data", size=0), "size", "at least 1"),
    row(volume, "image-and-image_alias", dict(DC, name="data", image="some-id", image_alias="ubuntu:latest"),
        EXCLUSIVE, "image|image_alias"),
    row(volume, "image_password-too-short", dict(DC, name="data", image_alias="ubuntu:latest", image_password="abc12"),
        "image_password", "8 to 50"),
    row(volume, "image_password-not-alphanumeric",
        dict(DC, name="data", image_alias="ubuntu:latest", image_password="pass-word-1"), "image_password", "letters"),
    row(volume, "image_password-too-long", dict(DC, name="data", image_alias="ubuntu:latest", image_password="a" * 51),
        "image_password", "8 to 50"),
    # image_password or ssh_keys without an image: the message depends on whether the volume
    # exists, so it comes after one read (test_ionos_volume.py), before any write.

    # -- ionos_volume_info -----------------------------------------------------------------
    row(volume_info, "no-datacenter", dict(name="data"), MISSING, "datacenter"),
    row(volume_info, "unknown-option", dict(DC, size=10), UNSUPPORTED, "size"),
    row(volume_info, "api_timeout-not-int", dict(DC, api_timeout="soon"), "api_timeout", TYPE, "int"),

    # -- ionos_snapshot --------------------------------------------------------------------
    row(snapshot, "no-id-or-name", dict(DC, volume="data"), ONE_OF),
    row(snapshot, "state-choice", dict(name="s", state="restore"), "state", CHOICE, "restored"),
    row(snapshot, "licence_type-choice", dict(name="s", licence_type="BSD"), "licence_type", CHOICE),
    row(snapshot, "flag-not-bool", dict(name="s", cpu_hot_plug="sometimes"), "cpu_hot_plug", TYPE, "bool"),
    row(snapshot, "restored-without-volume", dict(name="s", datacenter="dc", state="restored"),
        "state is restored", "volume"),
    row(snapshot, "restored-without-datacenter", dict(name="s", volume="data", state="restored"),
        "state is restored", "datacenter"),

    # -- ionos_snapshot_info ---------------------------------------------------------------
    row(snapshot_info, "unknown-option", dict(volume="data"), UNSUPPORTED, "volume"),
    row(snapshot_info, "api_timeout-not-int", dict(api_timeout="soon"), "api_timeout", TYPE, "int"),

    # -- ionos_image -----------------------------------------------------------------------
    row(image, "no-id-or-name", dict(description="d"), ONE_OF),
    row(image, "state-choice", dict(name="i", state="created"), "state", CHOICE, "present, absent"),
    row(image, "licence_type-choice", dict(name="i", licence_type="BSD"), "licence_type", CHOICE),
    row(image, "flag-not-bool", dict(name="i", nic_hot_plug="often"), "nic_hot_plug", TYPE, "bool"),

    # -- ionos_image_info ------------------------------------------------------------------
    row(image_info, "image_type-choice", dict(image_type="ISO"), "image_type", CHOICE, "HDD, CDROM"),
    row(image_info, "licence_type-choice", dict(licence_type="BSD"), "licence_type", CHOICE),
    row(image_info, "public-not-bool", dict(public="mostly"), "public", TYPE, "bool"),

    # -- ionos_lan -------------------------------------------------------------------------
    row(lan, "no-datacenter", dict(name="l"), MISSING, "datacenter"),
    row(lan, "no-id-or-name", dict(DC, public=True), ONE_OF),
    row(lan, "state-choice", dict(DC, name="l", state="private"), "state", CHOICE),
    row(lan, "public-not-bool", dict(DC, name="l", public="yes please"), "public", TYPE, "bool"),
    row(lan, "id-not-numeric", dict(DC, id="one"), "id", "numeric"),
    row(lan, "failover-not-dicts", dict(DC, name="l", ip_failover="10.0.0.1"), "ip_failover", "dictionary"),
    row(lan, "failover-without-nic", dict(DC, name="l", ip_failover=[dict(ip="10.0.0.1")]),
        MISSING, "nic", "ip_failover"),
    row(lan, "failover-ip-not-ip", dict(DC, name="l", ip_failover=[dict(ip="10.0.0", nic="some-id")]),
        "ip_failover[0].ip", "IPv4"),
    row(lan, "failover-ip-v6", dict(DC, name="l", ip_failover=[dict(ip="2001:db8::1", nic="some-id")]),
        "ip_failover[0].ip", "IPv4"),
    row(lan, "failover-ip-twice", dict(DC, name="l", ip_failover=[
        dict(ip="10.0.0.1", nic="11111111-1111-1111-1111-111111111111"),
        dict(ip="10.0.0.1", nic="22222222-2222-2222-2222-222222222222")]), "ip_failover[1].ip", "one primary NIC"),
    row(lan, "failover-nic-name-without-server", dict(DC, name="l", ip_failover=[dict(ip="10.0.0.1", nic="eth0")]),
        "ip_failover[0].server", "required"),

    # -- ionos_lan_info --------------------------------------------------------------------
    row(lan_info, "no-datacenter", dict(public=True), MISSING, "datacenter"),
    row(lan_info, "public-not-bool", dict(DC, public="maybe"), "public", TYPE, "bool"),
    row(lan_info, "unknown-option", dict(DC, pcc="p"), UNSUPPORTED, "pcc"),

    # -- ionos_nic -------------------------------------------------------------------------
    row(nic, "no-server", dict(DC, name="eth0"), MISSING, "server"),
    row(nic, "no-id-or-name", dict(DC, server="web", lan="1"), ONE_OF),
    row(nic, "state-choice", dict(DC, server="web", name="eth0", state="down"), "state", CHOICE),
    row(nic, "dhcp-not-bool", dict(DC, server="web", name="eth0", dhcp="sometimes"), "dhcp", TYPE, "bool"),
    row(nic, "lan-0", dict(DC, server="web", name="eth0", lan="0"), "lan", "between 1 and 4095"),
    row(nic, "lan-4096", dict(DC, server="web", name="eth0", lan=4096), "lan", "between 1 and 4095"),
    row(nic, "ips-not-ip", dict(DC, server="web", name="eth0", ips=["10.0.0.300"]), "ips", "'10.0.0.300'", "IPv4"),
    row(nic, "ips-twice", dict(DC, server="web", name="eth0", ips=["10.0.0.5", "10.0.0.5"]), "ips",
        "more than once"),

    # -- ionos_nic_info --------------------------------------------------------------------
    row(nic_info, "no-server", dict(DC), MISSING, "server"),
    row(nic_info, "unknown-option", dict(DC, server="web", ips=["10.0.0.1"]), UNSUPPORTED, "ips"),
    row(nic_info, "api_retries-not-int", dict(DC, server="web", api_retries="x"), "api_retries", TYPE, "int"),

    # -- ionos_firewall_rule ---------------------------------------------------------------
    row(firewall_rule, "no-nic", dict(DC, server="web", name="ssh"), MISSING, "nic"),
    row(firewall_rule, "no-id-or-name", dict(NIC, protocol="TCP"), ONE_OF),
    row(firewall_rule, "protocol-choice", dict(RULE, protocol="SCTP"), "protocol", CHOICE, "TCP, UDP, ICMP, ANY"),
    row(firewall_rule, "port-not-int", dict(RULE, protocol="TCP", port_range_start="ssh"),
        "port_range_start", TYPE, "int"),
    row(firewall_rule, "port-0", dict(RULE, protocol="TCP", port_range_start=0), "port_range_start",
        "between 1 and 65534"),
    row(firewall_rule, "port-65535", dict(RULE, protocol="UDP", port_range_end=65535), "port_range_end",
        "between 1 and 65534"),
    row(firewall_rule, "ports-reversed", dict(RULE, protocol="TCP", port_range_start=443, port_range_end=80),
        "port_range_start", "greater than port_range_end"),
    row(firewall_rule, "ports-with-icmp", dict(RULE, protocol="ICMP", port_range_start=22, port_range_end=22),
        "port_range_start and port_range_end", "only apply to protocol TCP or UDP"),
    row(firewall_rule, "ports-with-any", dict(RULE, protocol="ANY", port_range_start=22), "port_range_start",
        "only apply to protocol TCP or UDP"),
    row(firewall_rule, "icmp-with-tcp", dict(RULE, protocol="TCP", icmp_type=8, icmp_code=0),
        "icmp_type and icmp_code", "only apply to protocol ICMP"),
    row(firewall_rule, "icmp_type-255", dict(RULE, protocol="ICMP", icmp_type=255), "icmp_type", "between 0 and 254"),
    row(firewall_rule, "icmp_code-negative", dict(RULE, protocol="ICMP", icmp_code=-1), "icmp_code",
        "between 0 and 254"),
    # Without protocol (an update of an existing rule) the ranges are still checked first.
    row(firewall_rule, "update-port-out-of-range", dict(RULE, port_range_start=70000), "port_range_start",
        "between 1 and 65534"),
    row(firewall_rule, "update-icmp_type-out-of-range", dict(RULE, icmp_type=300), "icmp_type", "between 0 and 254"),
    row(firewall_rule, "source_mac-short", dict(RULE, protocol="TCP", source_mac="aa:bb:cc:dd:ee"), "source_mac",
        "not a MAC address"),
    row(firewall_rule, "source_mac-mixed-separators", dict(RULE, protocol="TCP", source_mac="aa:bb-cc:dd:ee:ff"),
        "source_mac", "not a MAC address"),
    row(firewall_rule, "source_ip-cidr", dict(RULE, protocol="TCP", source_ip="10.0.0.0/24"), "source_ip",
        "not a valid IPv4 address"),
    row(firewall_rule, "target_ip-not-ip", dict(RULE, protocol="TCP", target_ip="256.1.1.1"), "target_ip",
        "not a valid IPv4 address"),

    # -- ionos_firewall_rule_info ----------------------------------------------------------
    row(firewall_rule_info, "no-nic", dict(DC, server="web"), MISSING, "nic"),
    row(firewall_rule_info, "protocol-choice", dict(NIC, protocol="tcp/22"), "protocol", CHOICE),

    # -- ionos_loadbalancer ----------------------------------------------------------------
    row(loadbalancer, "no-datacenter", dict(name="lb"), MISSING, "datacenter"),
    row(loadbalancer, "no-id-or-name", dict(DC, dhcp=True), ONE_OF),
    row(loadbalancer, "state-choice", dict(DC, name="lb", state="balanced"), "state", CHOICE),
    row(loadbalancer, "dhcp-not-bool", dict(DC, name="lb", dhcp="auto"), "dhcp", TYPE, "bool"),
    row(loadbalancer, "ip-not-ip", dict(DC, name="lb", ip="10.12.0"), "ip", "IPv4"),
    row(loadbalancer, "ip-cidr", dict(DC, name="lb", ip="10.12.0.10/24"), "ip", "IPv4"),
    row(loadbalancer, "nic-by-id-and-name",
        dict(DC, name="lb", balanced_nics=[dict(id="some-id", server="web", nic="eth0")]), "balanced_nics[0]", "not both"),
    row(loadbalancer, "nic-without-server", dict(DC, name="lb", balanced_nics=[dict(nic="eth0")]),
        "balanced_nics[0]", "needs id, or server and nic"),
    row(loadbalancer, "purge-not-bool", dict(DC, name="lb", purge_balanced_nics="all"), "purge_balanced_nics",
        TYPE, "bool"),

    # -- ionos_loadbalancer_info -----------------------------------------------------------
    row(loadbalancer_info, "no-datacenter", dict(name="lb"), MISSING, "datacenter"),
    row(loadbalancer_info, "unknown-option", dict(DC, ip="10.0.0.1"), UNSUPPORTED, "ip"),
    row(loadbalancer_info, "api_timeout-not-int", dict(DC, api_timeout="soon"), "api_timeout", TYPE, "int"),

    # -- ionos_ipblock ---------------------------------------------------------------------
    row(ipblock, "no-id-or-name", dict(location="de/fra", size=1), ONE_OF),
    row(ipblock, "state-choice", dict(name="b", state="released"), "state", CHOICE),
    row(ipblock, "size-not-int", dict(name="b", size="four"), "size", TYPE, "int"),
    row(ipblock, "size-0", dict(name="b", location="de/fra", size=0), "size", "at least 1"),
    row(ipblock, "location-format", dict(name="b", location="de-fra", size=1), "location", "region/city"),

    # -- ionos_ipblock_info ----------------------------------------------------------------
    row(ipblock_info, "unknown-option", dict(size=1), UNSUPPORTED, "size"),
    row(ipblock_info, "api_timeout-not-int", dict(api_timeout="soon"), "api_timeout", TYPE, "int"),

    # -- ionos_pcc -------------------------------------------------------------------------
    row(pcc, "no-id-or-name", dict(description="d"), ONE_OF),
    row(pcc, "state-choice", dict(name="p", state="connected"), "state", CHOICE, "present, absent"),
    row(pcc, "wait-not-bool", dict(name="p", wait="later"), "wait", TYPE, "bool"),
    row(pcc, "unknown-option", dict(name="p", lans=[1]), UNSUPPORTED, "lans"),

    # -- ionos_pcc_info --------------------------------------------------------------------
    row(pcc_info, "unknown-option", dict(description="d"), UNSUPPORTED, "description"),
]


@pytest.mark.parametrize("module, args, fragments", ROWS)
def test_bad_input_is_refused_before_any_api_call(rejected, module, args, fragments):
    rejected(module, args, *fragments)


def test_a_volume_without_image_or_licence_is_refused_before_any_write(run_module, emulator):
    """Whether the volume exists is only known after a read, so this one reads, but the
    create the API would answer with a 422 is never sent."""
    run_module(datacenter, name="dc", location="de/fra")
    emulator.control("DELETE", "/counters")
    failed = run_module(volume, datacenter="dc", name="data", size=10)
    assert failed["failed"] and failed["msg"].startswith("licence_type (or image or image_alias) is required to create")
    assert emulator.counters()["writes"] == 0


def test_every_module_has_rows():
    """Each of the 24 modules has a wrong type or unknown option, and a rule of its own."""
    modules = set(param.values[0] for param in ROWS)
    assert len(modules) == 24
