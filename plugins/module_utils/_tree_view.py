# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: a datacenter's tree as ionos_datacenter shows it.

By names, as a task declares it: LANs, servers (with their NICs, firewall rules and the
names of their volumes), volumes and load balancers (with their balanced NICs as
"server/nic"), each a mapping from name to the managed properties, by option name. It is
the diff's before and after and the result's ``tree``. Secrets (a volume's image password
and SSH keys) are never part of it: the API does not show them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds
from ansible_collections.ionos.enterprise.plugins.module_utils._composite import is_lan_id
from ansible_collections.ionos.enterprise.plugins.module_utils._tree import items, name_of, nic_labels

SHOWN = {
    "lans": ("public",),
    "servers": ("cores", "ram", "cpu_family", "availability_zone"),
    "nics": ("lan", "dhcp", "nat", "ips", "firewall_active"),
    "firewall_rules": ("protocol", "source_mac", "source_ip", "target_ip", "port_range_start", "port_range_end",
                       "icmp_type", "icmp_code"),
    "volumes": ("size", "type", "bus", "licence_type", "availability_zone"),
    "loadbalancers": ("ip", "dhcp"),
}
PROPS = {"lans": _kinds.LAN, "servers": _kinds.SERVER, "nics": _kinds.NIC, "firewall_rules": _kinds.FIREWALL_RULE,
         "volumes": _kinds.VOLUME, "loadbalancers": _kinds.LOADBALANCER}
VM_STATE = {"RUNNING": "running", "SHUTOFF": "stopped"}


def keyed(resources, entry, with_ids):
    """{name: entry(resource)}; a name several resources share, or none, is told apart by id."""
    names = [name_of(resource) for resource in resources]
    out = {}
    for resource, name in zip(resources, names):
        key = name if name and names.count(name) == 1 else "%s (%s)" % (name or "", resource["id"])
        shown = entry(resource)
        if with_ids:
            shown = dict(shown, id=resource["id"])
        out[key] = shown
    return out


def properties(kind, resource):
    have = resource.get("properties") or {}
    by_option = dict((prop.option, prop) for prop in PROPS[kind])
    shown = {}
    for option in SHOWN[kind]:
        value = have.get(by_option[option].api)
        shown[option] = sorted(value) if isinstance(value, list) else value
    return shown


def was_read(resource, key):
    """Whether the read went deep enough to list the collection (else the view leaves it out
    rather than show it empty)."""
    return "items" in (((resource or {}).get("entities") or {}).get(key) or {})


def view(dc, with_ids=False):
    """The tree of a datacenter read deep (by the depth the task needed); what the read did
    not reach is left out."""
    have = dc.get("properties") or {}
    lan_names = dict((str(lan["id"]), name_of(lan)) for lan in items(dc, "lans"))
    labels = nic_labels(items(dc, "servers"))
    volume_names = dict((volume["id"], name_of(volume)) for volume in items(dc, "volumes"))

    def lan(resource):
        shown = properties("lans", resource)
        failover = (resource.get("properties") or {}).get("ipFailover") or []
        if failover:
            shown["ip_failover"] = sorted("%s %s" % (entry.get("ip"), labels.get(entry.get("nicUuid"), entry.get("nicUuid")))
                                          for entry in failover)
        return shown

    def nic(resource):
        shown = properties("nics", resource)
        shown["lan"] = lan_names.get(str(shown["lan"])) or shown["lan"]
        if was_read(resource, "firewallrules"):
            shown["firewall_rules"] = keyed(items(resource, "firewallrules"),
                                            lambda rule: properties("firewall_rules", rule), with_ids)
        return shown

    def server(resource):
        shown = properties("servers", resource)
        state = (resource.get("properties") or {}).get("vmState")
        shown["vm_state"] = VM_STATE.get(state, state)
        if was_read(resource, "nics"):
            shown["nics"] = keyed(items(resource, "nics"), nic, with_ids)
        if was_read(resource, "volumes"):
            shown["volumes"] = sorted(volume_names.get(item["id"]) or item["id"] for item in items(resource, "volumes"))
        return shown

    def balancer(resource):
        shown = properties("loadbalancers", resource)
        if was_read(resource, "balancednics"):
            shown["balanced_nics"] = sorted(labels.get(item["id"], item["id"])
                                            for item in items(resource, "balancednics"))
        return shown

    tree = {"name": have.get("name"), "description": have.get("description"), "location": have.get("location"),
            "lans": keyed(items(dc, "lans"), lan, with_ids),
            "servers": keyed(items(dc, "servers"), server, with_ids),
            "volumes": keyed(items(dc, "volumes"), lambda volume: properties("volumes", volume), with_ids),
            "loadbalancers": keyed(items(dc, "loadbalancers"), balancer, with_ids)}
    if with_ids:
        tree["id"] = dc.get("id")
    return tree


def overlay(kind, shown, item):
    """``shown`` with the properties ``item`` (a task's entry) sets that would change it."""
    by_option = dict((prop.option, prop) for prop in PROPS[kind])
    for option in SHOWN[kind]:
        want = item.get(option)
        if want is None or option == "lan":
            continue
        prop = by_option[option]
        if not prop.same(want, shown.get(option)):
            value = prop.to_api(want)
            shown[option] = sorted(value) if isinstance(value, list) else value
    return shown


def planned(before, params, prune, lan_names=None):
    """The tree as the task would leave it: ``before`` with the task's entries laid over it.
    ``lan_names`` maps the datacenter's LAN ids to names (a NIC's lan given by its number is
    shown by name); for a new datacenter they are the positions in the task's lans."""
    after = copy.deepcopy(before)
    for option in ("name", "description", "location"):
        if params.get(option) is not None:
            after[option] = params[option]
    lans = params.get("lans") or []
    if lan_names is None:
        lan_names = dict((str(index), lan["name"]) for index, lan in enumerate(lans, 1))
    for lan in lans:
        shown = overlay("lans", after["lans"].setdefault(lan["name"], {"public": False}), lan)
        if lan.get("ip_failover") is not None:
            shown["ip_failover"] = sorted("%s %s/%s" % (entry["ip"], entry["server"], entry["nic"])
                                          for entry in lan["ip_failover"])
    server_volumes = [volume for server in params.get("servers") or [] for volume in server.get("volumes") or []]
    for volume in list(params.get("volumes") or []) + server_volumes:
        overlay("volumes", after["volumes"].setdefault(volume["name"], dict.fromkeys(SHOWN["volumes"])), volume)
    for server in params.get("servers") or []:
        shown = overlay("servers", after["servers"].setdefault(server["name"], dict(
            dict.fromkeys(SHOWN["servers"]), vm_state="running")), server)
        shown.setdefault("nics", {})
        if server.get("vm_state"):
            shown["vm_state"] = server["vm_state"]
        for nic in server.get("nics") or []:
            nic_shown = overlay("nics", shown["nics"].setdefault(nic["name"], dict.fromkeys(SHOWN["nics"])), nic)
            if nic.get("firewall_rules") is not None:
                nic_shown.setdefault("firewall_rules", {})
            lan = str(nic["lan"])
            nic_shown["lan"] = lan_names.get(lan, lan) if is_lan_id(lan) else lan
            for rule in nic.get("firewall_rules") or []:
                overlay("firewall_rules", nic_shown["firewall_rules"].setdefault(
                    rule["name"], dict.fromkeys(SHOWN["firewall_rules"])), rule)
            if prune:
                keep(nic_shown.get("firewall_rules"), nic.get("firewall_rules"))
        shown["volumes"] = sorted(set(shown.get("volumes") or []) | set(volume["name"] for volume in server.get("volumes") or []))
        if prune:
            keep(shown["nics"], server.get("nics"))
    for balancer in params.get("loadbalancers") or []:
        shown = overlay("loadbalancers", after["loadbalancers"].setdefault(balancer["name"], dict(
            dict.fromkeys(SHOWN["loadbalancers"]), balanced_nics=[])), balancer)
        if balancer.get("balanced_nics") is not None:
            shown["balanced_nics"] = sorted("%s/%s" % (ref["server"], ref["nic"]) for ref in balancer["balanced_nics"])
    if prune:
        for option in ("lans", "servers", "loadbalancers"):
            keep(after[option], params.get(option))
    return after


def keep(shown, listed):
    """With prune: only what the task lists stays (kinds it does not list are not pruned)."""
    if shown is None or listed is None:
        return
    for name in list(shown):
        if name not in set(item["name"] for item in listed or []):
            del shown[name]
