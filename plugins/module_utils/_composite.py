# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: nested resources sent inside one create request.

The API builds a datacenter with its LANs, volumes, load balancers and servers (with
their NICs, firewall rules and volumes) from one POST (the SDK's "Composite Build").
Each nested kind is an argument spec of snake_case options, translated here into the
API's camelCase properties and ``entities``. Checks the API would refuse anyway run
first, so a bad structure fails before any write, naming the option at fault.

A nested NIC names its LAN by numeric id or by name; a name is turned into the LAN's id
before the create is sent (resolve_lan_names, name_lans), as the API only takes ids.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._addresses import ipv4
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import camel_case

ZONES = ["AUTO", "ZONE_1", "ZONE_2"]
VOLUME_ZONES = ["AUTO", "ZONE_1", "ZONE_2", "ZONE_3"]
LICENCES = ["LINUX", "WINDOWS", "WINDOWS2016", "UNKNOWN", "OTHER"]
# \Z, not $: "$" would accept a trailing newline.
IMAGE_PASSWORD = re.compile(r"^[a-zA-Z0-9]{8,50}\Z")


def firewall_rule_spec():
    return dict(
        name=dict(type="str"),
        protocol=dict(type="str", required=True, choices=["TCP", "UDP", "ICMP", "ANY"]),
        source_mac=dict(type="str"),
        source_ip=dict(type="str"),
        target_ip=dict(type="str"),
        port_range_start=dict(type="int"),
        port_range_end=dict(type="int"),
        icmp_type=dict(type="int"),
        icmp_code=dict(type="int"),
    )


def nic_spec():
    return dict(
        name=dict(type="str"),
        # A numeric id or a LAN name; digits only are an id.
        lan=dict(type="str", required=True),
        dhcp=dict(type="bool"),
        nat=dict(type="bool"),
        ips=dict(type="list", elements="str"),
        firewall_active=dict(type="bool"),
        firewall_rules=dict(type="list", elements="dict", options=firewall_rule_spec()),
    )


def volume_spec():
    return dict(
        name=dict(type="str"),
        size=dict(type="int", required=True),
        type=dict(type="str", choices=["HDD", "SSD"]),
        bus=dict(type="str", choices=["VIRTIO", "IDE"]),
        image=dict(type="str"),
        image_alias=dict(type="str"),
        image_password=dict(type="str", no_log=True),
        ssh_keys=dict(type="list", elements="str", no_log=False),
        licence_type=dict(type="str", choices=LICENCES),
        availability_zone=dict(type="str", choices=VOLUME_ZONES),
    )


def server_spec():
    return dict(
        name=dict(type="str"),
        cores=dict(type="int", required=True),
        ram=dict(type="int", required=True),
        cpu_family=dict(type="str"),
        availability_zone=dict(type="str", choices=ZONES),
        # ionos_datacenter's converge: the power state it ensures (a new server runs).
        vm_state=dict(type="str", choices=["running", "stopped"]),
        nics=dict(type="list", elements="dict", options=nic_spec()),
        volumes=dict(type="list", elements="dict", options=volume_spec(),
                     mutually_exclusive=[["image", "image_alias"]]),
    )


def nic_reference_spec(ip=False):
    """A NIC of the same task's servers, by the names of its server and itself."""
    spec = dict(server=dict(type="str", required=True), nic=dict(type="str", required=True))
    if ip:
        spec["ip"] = dict(type="str", required=True)
    return spec


def lan_spec():
    return dict(name=dict(type="str"), public=dict(type="bool"),
                ip_failover=dict(type="list", elements="dict", options=nic_reference_spec(ip=True)))


def loadbalancer_spec():
    return dict(name=dict(type="str"), ip=dict(type="str"), dhcp=dict(type="bool"),
                balanced_nics=dict(type="list", elements="dict", options=nic_reference_spec()))


# option holding a list of nested items -> the API's entities key
ENTITY_KEYS = {
    "servers": "servers", "volumes": "volumes", "lans": "lans", "loadbalancers": "loadbalancers",
    "nics": "nics", "firewall_rules": "firewallrules",
}


# Options of ionos_datacenter's tree that no create body carries: they refer to resources
# that get their ids in the same create, or are actions (ionos_datacenter sets them after).
TREE_ONLY = ("vm_state", "balanced_nics", "ip_failover")


def entity(item):
    """One nested item as the API takes it: properties plus nested entities."""
    properties, entities = {}, {}
    for option, value in item.items():
        if value is None or option in TREE_ONLY:
            continue
        if option in ENTITY_KEYS:
            entities[ENTITY_KEYS[option]] = {"items": [entity(child) for child in value]}
        elif option == "lan" and is_lan_id(value):
            properties["lan"] = int(value)  # the API holds a NIC's LAN as an int
        else:
            properties[camel_case(option)] = value
    body = {"properties": properties}
    if entities:
        body["entities"] = entities
    return body


def entities(params, options):
    """The ``entities`` of a create body from the list options the task set."""
    return dict((ENTITY_KEYS[option], {"items": [entity(item) for item in params[option]]})
                for option in options if params.get(option))


def is_lan_id(value):
    """A NIC's lan given as a LAN's numeric id (1, "1"), not as a LAN's name."""
    return str(value).isdigit()


def nics_naming_a_lan(params, options):
    """(option path of its lan, NIC) for each nested NIC whose lan is a LAN name."""
    found = []

    def visit(item, where):
        if item.get("lan") is not None and str(item["lan"]).strip() and not is_lan_id(item["lan"]):
            found.append(("%s.lan" % where, item))
        for option in ENTITY_KEYS:
            for index, child in enumerate(item.get(option) or []):
                visit(child, "%s.%s[%d]" % (where, option, index))
    for option in options:
        for index, item in enumerate(params.get(option) or []):
            visit(item, "%s[%d]" % (option, index))
    return found


def name_lans(params, options, lans, scope):
    """Give each nested NIC that names its LAN that LAN's numeric id (in ``params``, in place).

    ``lans`` lists (id, name) of the LANs a name can refer to, ``scope`` says where they are
    ("in lans"). Returns the problems: a name that no LAN has, or that several have."""
    found = []
    for where, nic in nics_naming_a_lan(params, options):
        ids = [str(lan_id) for lan_id, name in lans if name == nic["lan"]]
        if len(ids) == 1:
            nic["lan"] = int(ids[0])
        elif ids:
            found.append("%s: %d LANs %s are named %r (ids %s); give the id instead, or rename them apart"
                         % (where, len(ids), scope, nic["lan"], ", ".join(ids)))
        else:
            names = sorted(set(repr(name) for lan_id, name in lans if name))
            found.append("%s: no LAN %s is named %r (%s)"
                         % (where, scope, nic["lan"], "their names: " + ", ".join(names) if names else "none has a name"))
    return found


def declared_lans(lans):
    """(id, name) of the LANs a new datacenter is created with: the API numbers the LANs of a
    new datacenter 1, 2, ... in the order they are sent (wire reference section 7), and creates
    them before the servers of the same request."""
    return [(index, (lan or {}).get("name")) for index, lan in enumerate(lans or [], 1)]


def resolve_lan_names(client, datacenter, params, options):
    """Give the nested NICs that name their LAN the id of the datacenter's LAN of that name.

    The datacenter's LANs are read (one call) only when a NIC names one; once named, the NICs
    hold ids, so calling again (for each member of a fleet) reads nothing. A name no LAN has,
    or several have, raises ReferenceNotFoundError naming the option path."""
    if not nics_naming_a_lan(params, options):
        return
    lans = client.list("/datacenters/%s/lans" % datacenter["id"], depth=1)
    found = name_lans(params, options, [(lan["id"], (lan.get("properties") or {}).get("name")) for lan in lans],
                      "in %s" % _lookup.named("datacenter", datacenter))
    if found:
        raise ReferenceNotFoundError("; ".join(found))


def not_in(params, options, resource):
    """The entries of the nested ``options`` (create-only) that ``resource`` lacks: by name,
    unnamed ones when there are more of them than the resource has items. Every entry
    when the resource was not read deep enough to tell (its entities carry no properties)."""
    missing = []
    for option in options:
        wanted = params.get(option) or []
        items = (((resource or {}).get("entities") or {}).get(option) or {}).get("items")
        if items is None or any("properties" not in item for item in items):
            missing.extend("%s[%d]" % (option, index) for index in range(len(wanted)))
            continue
        left = [(item.get("properties") or {}).get("name") for item in items]
        named = [(index, entry["name"]) for index, entry in enumerate(wanted) if entry.get("name") is not None]
        lacking = []
        for index, name in named:
            if name in left:
                left.remove(name)
            else:
                lacking.append((index, " (%s)" % name))
        # Unnamed entries take the items no name claimed.
        unnamed = [index for index, entry in enumerate(wanted) if entry.get("name") is None]
        lacking.extend((index, "") for index in unnamed[len(left):])
        missing.extend("%s[%d]%s" % (option, index, suffix) for index, suffix in sorted(lacking))
    return missing


def warn_not_created(module, missing, label, resource_id, instead):
    """Say which create-only entries an existing resource lacks; nothing when it has them all,
    so that a converged task (which lists what it was created with) stays quiet."""
    if missing:
        module.warn("%s: not in %s %s, which exists; these options only apply when the %s is created. %s"
                    % (", ".join(missing), label, resource_id, label, instead))


def problems(params, options):
    """What the API would refuse in the nested structure, by option path."""
    found = []
    for option in options:
        for index, item in enumerate(params.get(option) or []):
            _check(item, "%s[%d]" % (option, index), found)
    return found


def _check(item, where, found):
    # Each nested kind is known by an option only it has (every option is in the item,
    # None when not set): cores a server, size a volume, lan a NIC, ip a load balancer,
    # protocol a firewall rule.
    if "cores" in item:
        _check_server(item, where, found)
    if "size" in item:
        _check_volume(item, where, found)
    if "lan" in item:
        _check_nic(item, where, found)
    if item.get("ip") is not None and ipv4(item["ip"]) is None:
        found.append("%s.ip must be an IPv4 address, got %r" % (where, item["ip"]))
    if "protocol" in item:
        _check_rule(item, where, found)
        _check_rule_addresses(item, where, found)
    for option in ENTITY_KEYS:
        for index, child in enumerate(item.get(option) or []):
            _check(child, "%s.%s[%d]" % (where, option, index), found)


def _check_server(server, where, found):
    if server["cores"] is not None and server["cores"] < 1:
        found.append("%s.cores must be at least 1, got %d" % (where, server["cores"]))
    ram = server.get("ram")
    if ram is not None and (ram < 256 or ram % 256):
        found.append("%s.ram must be a multiple of 256 MB and at least 256, got %d" % (where, ram))


def _check_volume(volume, where, found):
    if volume["size"] is not None and volume["size"] < 1:
        found.append("%s.size must be at least 1 (GB), got %d" % (where, volume["size"]))
    password = volume.get("image_password")
    if password is not None and not IMAGE_PASSWORD.match(password):
        found.append("%s.image_password must be 8 to 50 letters (a-z, A-Z) and digits" % where)
    if volume.get("image") or volume.get("image_alias"):
        return
    # A nested volume is always created: without an image the API needs a licence type,
    # and has no root account to give a password or SSH keys to.
    if password or volume.get("ssh_keys"):
        found.append("%s: image_password and ssh_keys need a public image: set image or image_alias" % where)
    if not volume.get("licence_type"):
        found.append("%s.licence_type is required for a volume without image or image_alias" % where)


def _check_nic(nic, where, found):
    lan = nic["lan"]
    if lan is not None and is_lan_id(lan) and not 1 <= int(lan) <= 4095:
        found.append("%s.lan must be a LAN id between 1 and 4095 or a LAN name, got %s" % (where, lan))
    elif lan is not None and not str(lan).strip():
        found.append("%s.lan must be a LAN id or a LAN name, got %r" % (where, lan))
    found.extend("%s.%s" % (where, problem) for problem in _kinds.canonical_ips(nic))


def _check_rule_addresses(rule, where, found):
    found.extend("%s.%s" % (where, problem) for problem in _kinds.canonical_rule(rule))


def _check_rule(rule, where, found):
    ports = [key for key in ("port_range_start", "port_range_end") if rule.get(key) is not None]
    icmp = [key for key in ("icmp_type", "icmp_code") if rule.get(key) is not None]
    if ports and rule["protocol"] not in ("TCP", "UDP"):
        found.append("%s: %s only apply to protocol TCP or UDP" % (where, " and ".join(ports)))
    if icmp and rule["protocol"] != "ICMP":
        found.append("%s: %s only apply to protocol ICMP" % (where, " and ".join(icmp)))
    for key in ports:
        if not 1 <= rule[key] <= 65534:
            found.append("%s.%s must be between 1 and 65534" % (where, key))
    for key in icmp:
        if not 0 <= rule[key] <= 254:
            found.append("%s.%s must be between 0 and 254" % (where, key))
    if len(ports) == 2 and rule["port_range_start"] > rule["port_range_end"]:
        found.append("%s.port_range_start must not be greater than port_range_end" % where)
