# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: what the inventory plugin makes of the API's datacenters.

Plain functions over the API's JSON and plain dicts, with no Ansible objects, so that
unit tests drive them with wire-shaped fixtures:

- ``server_records``: each server of a datacenter read at depth 4 (or an item of
  ``GET /datacenters?depth=5``) as a dict of curated ``ionos_*`` variables, nothing secret;
- ``connect_address``: the address ``ansible_host`` gets from a ``connect_with`` preference;
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
    return [_server_record(server, context, lans) for server in _items(entities.get("servers"))]


def _server_record(server, context, lans):
    properties = server.get("properties") or {}
    nics = [_nic_record(nic, lans) for nic in _items((server.get("entities") or {}).get("nics"))]
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
    }
    record.update(context)
    return record


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
    """The first address the preference finds, or None (then no ansible_host)."""
    for entry in connect_with:
        if entry == "public_ip" and record["ionos_public_ips"]:
            return record["ionos_public_ips"][0]
        if entry == "private_ip" and record["ionos_private_ips"]:
            return record["ionos_private_ips"][0]
        if entry.startswith(CONNECT_LAN):
            wanted = entry[len(CONNECT_LAN):].strip()
            for nic in record["ionos_nics"]:
                if nic["ips"] and wanted in (nic["lan_name"], str(nic["lan_id"])):
                    return nic["ips"][0]
    return None


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
