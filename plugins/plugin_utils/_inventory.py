# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: what the inventory plugin makes of the API's datacenters.

Plain functions over the API's JSON and plain dicts, with no Ansible objects, so that
unit tests drive them with wire-shaped fixtures:

- ``server_records``: each server of a datacenter read at depth 4 (or an item of
  ``GET /datacenters?depth=5``) as a dict of curated ``ionos_*`` variables, nothing secret,
  with the addresses it shares with others (found in that same read, no other call);
- ``connect_address``: the address ``ansible_host`` gets from a ``connect_with`` preference,
  a server's own address before a shared one;
- ``shared_ansible_hosts``: the hosts that would reach one address;
- ``unique_hostnames``: one inventory name per server, also when names repeat;
- ``default_groups``: the datacenter, location, LAN, vm state and zone groups of a server.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import re

from ansible_collections.ionos.enterprise.plugins.module_utils._addresses import ipv4, is_private_ipv4

CONNECT_KEYWORDS = ("public_ip", "private_ip", "none")
CONNECT_LAN = "lan:"
DEFAULT_GROUP_KINDS = ("datacenter", "location", "lan", "vm_state", "availability_zone")
VM_STATES = ("NOSTATE", "RUNNING", "BLOCKED", "PAUSED", "SHUTDOWN", "SHUTOFF", "CRASHED", "SUSPENDED")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
# How many characters of a server id tell apart servers that share a hostname.
SHORT_ID = 8


def is_uuid(value):
    return bool(UUID.match(str(value)))


def unique(values):
    """The values in order, each once."""
    seen = set()
    return [value for value in values if not (value in seen or seen.add(value))]


def name_list(datacenters, shown=10):
    """'a, b, c' of the datacenters' names, cut after ``shown``."""
    names = sorted(set((dc.get("properties") or {}).get("name") or dc.get("id") for dc in datacenters))
    if not names:
        return "no datacenters"
    more = len(names) - shown
    return ", ".join(names[:shown]) + (" and %d more" % more if more > 0 else "")


def scope_digest(connection, datacenters):
    """A short digest of what decides the API's answer: endpoint, contract, account and
    scope. Two users sharing a file and a cache directory do not share an entry; the
    digest cannot be turned back into a credential."""
    # The client's precedence: a token wins over a username.
    token = connection.get("token")
    account = "token:" + token if token else connection.get("username")
    text = "%s|%s|%s|%s" % (connection.get("api_url"), connection.get("contract_number"), account,
                            ",".join(sorted(str(dc) for dc in datacenters)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def connect_problems(entries):
    """What is wrong with a connect_with list, before any API call."""
    problems = []
    for entry in entries:
        text = str(entry)
        if text in CONNECT_KEYWORDS:
            continue
        if text.startswith(CONNECT_LAN) and text[len(CONNECT_LAN):].strip():
            continue
        problems.append("connect_with: %r is not public_ip, private_ip, lan:<LAN name or id> or none" % text)
    if "none" in entries and len(entries) > 1:
        problems.append("connect_with: none cannot be combined with other entries")
    return problems


def _items(entity):
    """The items of an entities collection, [] when the API sent only a reference."""
    return (entity or {}).get("items") or []


def server_records(datacenter):
    """The host record of every server in a datacenter read deep enough for NICs."""
    properties = datacenter.get("properties") or {}
    entities = datacenter.get("entities") or {}
    lans = {}
    for lan in _items(entities.get("lans")):
        lans[str(lan.get("id"))] = lan.get("properties") or {}
    context = {
        "ionos_datacenter_id": datacenter.get("id"),
        "ionos_datacenter_name": properties.get("name"),
        "ionos_location": properties.get("location"),
    }
    records = [_server_record(server, context, lans) for server in _items(entities.get("servers"))]
    shared = _shared_addresses(entities, records)
    for record in records:
        record["ionos_shared_ips"] = unique(ip for ip in _all_ips(record) if _canonical(ip) in shared)
    return records


def _shared_addresses(entities, records):
    """The addresses of a datacenter that are not one server's own: a load balancer's
    (the API adds it to every NIC it balances), an IP failover address of a LAN (it moves
    between the NICs of its group), and any address on NICs of two servers or more. All of
    them are in the one read the inventory makes."""
    shared = set()
    for balancer in _items(entities.get("loadbalancers")):
        shared.add(_canonical((balancer.get("properties") or {}).get("ip")))
    for lan in _items(entities.get("lans")):
        for failover in (lan.get("properties") or {}).get("ipFailover") or []:
            shared.add(_canonical((failover or {}).get("ip")))
    servers_of = {}
    for record in records:
        for ip in set(_canonical(ip) for ip in _all_ips(record)):
            servers_of[ip] = servers_of.get(ip, 0) + 1
    shared.update(ip for ip, servers in servers_of.items() if servers > 1)
    shared.discard(None)
    return shared


def _canonical(ip):
    """One spelling of an address, so that a NIC's and a LAN's copies compare equal; None if not IPv4."""
    return ipv4(ip) if ip else None


def _all_ips(record):
    return [ip for nic in record["ionos_nics"] for ip in nic["ips"]]


def _server_record(server, context, lans):
    properties = server.get("properties") or {}
    nics = [_nic_record(nic, lans) for nic in _items((server.get("entities") or {}).get("nics"))]
    boot_image, licence_type = _boot_image(server)
    record = {
        "ionos_id": server.get("id"),
        "ionos_name": properties.get("name"),
        "ionos_cores": properties.get("cores"),
        "ionos_ram": properties.get("ram"),
        "ionos_cpu_family": properties.get("cpuFamily"),
        "ionos_vm_state": properties.get("vmState"),
        "ionos_availability_zone": properties.get("availabilityZone"),
        "ionos_nics": nics,
        "ionos_public_ips": [ip for nic in nics if nic["public"] for ip in nic["ips"]],
        "ionos_private_ips": [ip for nic in nics if not nic["public"] for ip in nic["ips"]],
        "ionos_shared_ips": [],  # filled in by server_records, which sees the whole datacenter
        "ionos_boot_image": boot_image,
        "ionos_licence_type": licence_type,
    }
    record.update(context)
    return record


def _boot_image(server):
    """(image id, licence type) of what the server boots from, (None, None) when nothing.

    A boot volume gives the image (or snapshot) it was made from and its own licenceType;
    a boot CD-ROM is an image itself. A server read at depth 1 or more carries its boot
    volume whole (wire reference section 7b); a mere reference is looked up among the
    server's volumes and CD-ROMs of the same read. The image's name is not in that read.
    """
    properties = server.get("properties") or {}
    entities = server.get("entities") or {}
    volume = _element(properties.get("bootVolume"), entities.get("volumes"))
    if volume is not None:
        details = volume.get("properties") or {}
        return details.get("image"), details.get("licenceType")
    cdrom = _element(properties.get("bootCdrom"), entities.get("cdroms"))
    if cdrom is not None:
        return cdrom.get("id"), (cdrom.get("properties") or {}).get("licenceType")
    return None, None


def _element(reference, collection):
    """The element a reference points to: itself when it has properties, else the item of
    ``collection`` with its id (or the bare reference when the read has no more)."""
    if not reference or not reference.get("id"):
        return None
    if reference.get("properties"):
        return reference
    for item in _items(collection):
        if item.get("id") == reference["id"] and item.get("properties"):
            return item
    return reference


def _nic_record(nic, lans):
    properties = nic.get("properties") or {}
    lan_id = properties.get("lan")
    lan = lans.get(str(lan_id))
    ips = [ip for ip in (properties.get("ips") or []) if ipv4(ip)]
    if lan is not None and lan.get("public") is not None:
        public = bool(lan.get("public"))
    else:
        # The LAN was not in the answer (depth, or a LAN deleted under us): the address tells.
        public = bool(ips) and not is_private_ipv4(ips[0])
    return {
        "id": nic.get("id"),
        "name": properties.get("name"),
        "lan_id": lan_id,
        "lan_name": (lan or {}).get("name"),
        "public": public,
        "ips": ips,
        "mac": properties.get("mac"),
    }


def connect_address(record, connect_with):
    """The address ansible_host gets, or None (then no ansible_host).

    The first address the preference finds among the server's own addresses (in none of
    ``ionos_shared_ips``), so that a server behind a load balancer is reached itself and
    not the balancer; only when it has no own address that the preference allows, the
    first shared one (the plugin then warns if hosts end up with the same address).
    """
    shared = set(record.get("ionos_shared_ips") or ())
    candidates = _candidates(record, connect_with)
    own = [ip for ip in candidates if ip not in shared]
    return (own or candidates or [None])[0]


def _candidates(record, connect_with):
    """The server's addresses in the order of the preference."""
    candidates = []
    for entry in connect_with:
        if entry == "public_ip":
            candidates.extend(record["ionos_public_ips"])
        elif entry == "private_ip":
            candidates.extend(record["ionos_private_ips"])
        elif entry.startswith(CONNECT_LAN):
            wanted = entry[len(CONNECT_LAN):].strip()
            candidates.extend(ip for nic in record["ionos_nics"] if wanted in (nic["lan_name"], str(nic["lan_id"]))
                              for ip in nic["ips"])
    return candidates


def shared_ansible_hosts(addresses, shared_ips=None):
    """{address: [host, ...]} of the addresses a connection to one host may reach another by,
    from {host: ansible_host or None}: those that two hosts or more would connect to, and
    those that are among the host's own ``shared_ips`` ({host: [ip, ...]}: an address of
    several servers, say a load balancer's, whose other servers the inventory may not even
    list, as with a filter); hosts in the order given."""
    shared_ips = shared_ips or {}
    hosts_of = {}
    for host, address in addresses.items():
        if address:
            hosts_of.setdefault(address, []).append(host)
    return dict((address, hosts) for address, hosts in hosts_of.items()
                if len(hosts) > 1 or address in (shared_ips.get(hosts[0]) or ()))


def unique_hostnames(records, names, duplicates="suffix_id"):
    """One distinct inventory name per record.

    Servers whose names collide (the same server name in two datacenters, or twice in
    one) all become ``<name>_<first 8 characters of the id>`` (the whole id if that still
    collides), so that every server is a host and the naming does not depend on the
    order the API lists them in. With ``duplicates='fail'`` a collision raises
    ValueError naming the servers.
    """
    taken = {}
    for index, name in enumerate(names):
        taken.setdefault(name, []).append(index)
    final = list(names)
    for name, indexes in taken.items():
        if len(indexes) == 1:
            continue
        if duplicates == "fail":
            raise ValueError("%d servers would be the host %r: %s; set duplicate_hostnames to suffix_id"
                             " or a hostname template that tells them apart" % (
                                 len(indexes), name, ", ".join(_describe(records[i]) for i in indexes)))
        for index in indexes:
            final[index] = "%s_%s" % (name, str(records[index]["ionos_id"])[:SHORT_ID])
    seen = {}
    for index, name in enumerate(final):
        seen.setdefault(name, []).append(index)
    for name, indexes in seen.items():
        if len(indexes) > 1:
            for index in indexes:
                final[index] = "%s_%s" % (names[index], records[index]["ionos_id"])
    return final


def _describe(record):
    return "%s in datacenter %s" % (record["ionos_id"], record["ionos_datacenter_name"])


def default_groups(record, kinds):
    """(kind, raw value) of each default group the server belongs to; the plugin makes
    safe group names of them."""
    groups = []
    if "datacenter" in kinds and record["ionos_datacenter_name"]:
        groups.append(("datacenter", record["ionos_datacenter_name"]))
    if "location" in kinds and record["ionos_location"]:
        groups.append(("location", record["ionos_location"].lower()))
    if "lan" in kinds:
        for nic in record["ionos_nics"]:
            lan = nic["lan_name"] or (None if nic["lan_id"] is None else "%s" % nic["lan_id"])
            if lan and ("lan", lan) not in groups:
                groups.append(("lan", lan))
    if "vm_state" in kinds and record["ionos_vm_state"]:
        groups.append(("vm_state", record["ionos_vm_state"].lower()))
    if "availability_zone" in kinds and record["ionos_availability_zone"]:
        groups.append(("availability_zone", record["ionos_availability_zone"].lower()))
    return groups


def sort_key(record):
    """Datacenter, then server name, then id: the order hosts are added in."""
    return (record["ionos_datacenter_name"] or "", record["ionos_name"] or "", record["ionos_id"] or "")
