# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: ionos_datacenter's plan for a whole declared tree.

From the datacenter as one deep read shows it, Plan lists the writes that make it what
the task declares: LANs (with IP failover), volumes, servers (properties, power, NICs,
firewall rules, attached volumes) and load balancers (with their balanced NICs), matched
by name, and with prune the deletions of what the task does not list. What to PATCH and
what to refuse comes from _kinds, the rules the single-resource modules use.

A write that needs a resource another write of the same round creates (a NIC on a new
LAN, a new volume's attachment, a new NIC's place in a load balancer) is listed in
``later``: the module waits for the round, reads the tree again and plans again, which
also makes a write lost in between (its answer lost) be seen, not sent twice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._composite import entity, is_lan_id

# (option, entities key of the datacenter)
TOP = (("lans", "lans"), ("servers", "servers"), ("volumes", "volumes"), ("loadbalancers", "loadbalancers"))
VM_STATES = {"running": ("RUNNING", "start"), "stopped": ("SHUTOFF", "stop")}


def items(resource, key):
    return (((resource or {}).get("entities") or {}).get(key) or {}).get("items") or []


def name_of(resource):
    return (resource.get("properties") or {}).get("name")


def quoted(name):
    return json.dumps(name)


def depth_needed(params):
    """The least depth of one datacenter read that shows what the task declares, and so what
    prune (which only prunes the kinds the task lists) would delete: servers' NICs are whole
    at 4, their firewall rules at 6."""
    servers = params.get("servers") or []
    nics = [nic for server in servers for nic in server.get("nics") or []]
    if any(nic.get("firewall_rules") is not None for nic in nics):
        return 6
    if servers or any(lan.get("ip_failover") is not None for lan in params.get("lans") or []) \
            or any(balancer.get("balanced_nics") is not None for balancer in params.get("loadbalancers") or []):
        return 4
    return 2


def nic_labels(servers):
    """{NIC id: "server/nic"} for the servers of a tree read deep enough to name their NICs."""
    return dict((nic_id, "%s/%s" % (name_of(server), name_of(nic)))
                for nic_id, (server, nic) in _lookup.nics_by_id(servers).items()
                if name_of(server) and name_of(nic))


def needs_rounds_after_create(params):
    """What a composite create cannot carry: balanced NICs and IP failover (they need the new
    NICs' ids) and servers that should be stopped."""
    return any(balancer.get("balanced_nics") for balancer in params.get("loadbalancers") or []) \
        or any(lan.get("ip_failover") for lan in params.get("lans") or []) \
        or any(server.get("vm_state") == "stopped" for server in params.get("servers") or [])


def create_body(item):
    """A nested item as a create body: its API properties and nested children."""
    return entity(item)


class Write:
    """One write of a plan. ``create`` is (collection path, name) of a POST that creates a
    resource (looked up by name after a lost answer), ``attach`` the id a POST adds to a
    collection of references, ``action`` marks a POST that ends the same when repeated."""

    def __init__(self, label, method, path, body=None, create=None, attach=None, action=False, noun=None,
                 pruned=None):
        self.label = label
        self.method = method
        self.path = path
        self.body = body
        self.create = create
        self.attach = attach
        self.action = action
        self.noun = noun
        self.pruned = pruned


class Plan:
    """The writes that converge ``dc`` (read at depth_needed) to ``params``, in one round."""

    def __init__(self, params, dc, prune=False):
        self.params = params
        self.base = "/datacenters/%s" % dc["id"]
        self.writes = []
        self.later = []
        self.problems = []
        self.lans = items(dc, "lans")
        self.servers = items(dc, "servers")
        self.volumes = items(dc, "volumes")
        self.balancers = items(dc, "loadbalancers")
        self.attached_to = dict((volume["id"], server) for server in self.servers
                                for volume in items(server, "volumes"))
        self.new_lans = set()
        self.deleting = set()
        self.update("datacenter", "datacenter", _kinds.DATACENTER, params, dc, self.base)
        if prune:
            self.plan_prune()
        self.plan_lans()
        self.plan_volumes()
        self.plan_servers()
        self.plan_balancers()
        self.plan_failover()
        if prune:
            self.prune_lans()

    # -- helpers -------------------------------------------------------------------------

    def one(self, found_in, name, noun, where, scope):
        """(the resource named ``name``, True), (None, True) when there is none, (None, False)
        when several are: a problem, never a guess."""
        found = [item for item in found_in if name_of(item) == name]
        if len(found) > 1:
            ids = ", ".join(sorted(item["id"] for item in found))
            self.problems.append("%s: %d %ss %s are named %s (ids %s); the task does not guess which one it means:"
                                 " rename or delete all but one" % (where, len(found), noun, scope, quoted(name), ids))
            return None, False
        return (found[0] if found else None), True

    def update(self, where, noun, properties, wanted, current, path, label=None):
        """A PATCH of what differs; create-only options that differ are a problem. ``label``
        names the resource with its parents (a NIC "public" of server "web-1")."""
        changes, problems = _kinds.changes_or_problems(noun, properties, wanted, current)
        self.problems.extend("%s: %s" % (where, problem) for problem in problems)
        if changes and not problems:
            have = current.get("properties") or {}
            shown = ", ".join("%s %s -> %s" % (prop.option, json.dumps(have.get(prop.api)), json.dumps(changes[prop.api]))
                              for prop in properties if prop.api in changes)
            label = label or "%s %s" % (noun, quoted(name_of(current) or current["id"]))
            self.add(Write("update %s (%s)" % (label, shown), "PATCH", path, changes))

    def add(self, write):
        # One PATCH per resource: a LAN's properties and its IP failover go together.
        for other in self.writes:
            if write.method == "PATCH" and (other.method, other.path) == ("PATCH", write.path):
                other.body.update(write.body)
                other.label = "%s, %s" % (other.label, write.label.split(" (", 1)[1][:-1])
                return
        self.writes.append(write)

    def create(self, label, collection, body, name, noun):
        self.add(Write(label, "POST", collection, body, create=(collection, name), noun=noun))

    def lan_id(self, value, where):
        """(the LAN id a NIC's lan stands for, pending): pending when the LAN is created in
        this round (its id is known after it)."""
        if value is None or is_lan_id(value):
            return value if value is None else int(value), False
        if value in self.new_lans:
            return None, True
        found, unique = self.one(self.lans, value, "LAN", where + ".lan", "in the datacenter")
        if found is not None:
            return int(found["id"]), False
        return None, unique

    def with_lan_ids(self, item, where):
        """A copy of a server or NIC item whose NICs hold LAN ids; None when a LAN is pending."""
        item = copy.deepcopy(item)
        nics = item.get("nics") if "nics" in item else [item]
        for index, nic in enumerate(nics or []):
            lan, pending = self.lan_id(nic["lan"], where + (".nics[%d]" % index if "nics" in item else ""))
            if pending:
                return None
            nic["lan"] = lan
        return item

    def server_named(self, name):
        return next((server for server in self.servers if name_of(server) == name), None)

    def nic_label(self, nic_id):
        """A NIC as "server/nic", by the names the task gives it by."""
        return nic_labels(self.servers).get(nic_id, nic_id)

    def nic_id(self, reference):
        """The id of a declared NIC {server, nic}; None while it is created (main() checked
        that the task declares it)."""
        server = self.server_named(reference["server"])
        if server is None:
            return None
        nic = next((nic for nic in items(server, "nics") if name_of(nic) == reference["nic"]), None)
        return None if nic is None else nic["id"]

    # -- the kinds -------------------------------------------------------------------------

    def plan_lans(self):
        for index, lan in enumerate(self.params.get("lans") or []):
            where = "lans[%d]" % index
            found, unique = self.one(self.lans, lan["name"], "LAN", where, "in the datacenter")
            if found is None and unique:
                self.new_lans.add(lan["name"])
                self.create("create LAN %s" % quoted(lan["name"]), self.base + "/lans", create_body(lan), lan["name"],
                            "LAN")
            elif found is not None:
                self.update(where, "LAN", _kinds.LAN, lan, found, "%s/lans/%s" % (self.base, found["id"]))

    def plan_volumes(self):
        for index, volume in enumerate(self.params.get("volumes") or []):
            self.plan_volume("volumes[%d]" % index, volume)

    def plan_volume(self, where, volume):
        """The volume itself (created, or updated); returns it when it exists."""
        found, unique = self.one(self.volumes, volume["name"], "volume", where, "in the datacenter")
        if found is None and unique:
            self.create("create volume %s" % quoted(volume["name"]), self.base + "/volumes", create_body(volume),
                        volume["name"], "volume")
        elif found is not None:
            self.update(where, "volume", _kinds.VOLUME, volume, found, "%s/volumes/%s" % (self.base, found["id"]))
        return found

    def plan_servers(self):
        for index, server in enumerate(self.params.get("servers") or []):
            where = "servers[%d]" % index
            found, unique = self.one(self.servers, server["name"], "server", where, "in the datacenter")
            if found is None and unique:
                self.create_server(where, server)
            elif found is not None:
                self.converge_server(where, server, found)

    def create_server(self, where, server):
        label = "create server %s" % quoted(server["name"])
        # The volumes first: what is wrong with them is refused before any write, also when the
        # server itself waits for a LAN created first.
        volumes = []
        for index, volume in enumerate(server.get("volumes") or []):
            volume_where = "%s.volumes[%d]" % (where, index)
            found, unique = self.one(self.volumes, volume["name"], "volume", volume_where, "in the datacenter")
            # The volume's own path names it (not the server's), as under an existing server.
            if not unique or (found is not None and self.attached_elsewhere(volume_where, found, None)):
                return
            if found is not None:
                # An existing volume goes in by reference and is converged in the next round; what the
                # API cannot change (its type, a smaller size) is refused now, not after the server
                # was created with it, and what it can is listed as later, so that check mode shows it
                # and wait: false does not end before that round.
                changes, problems = _kinds.changes_or_problems("volume", _kinds.VOLUME, volume, found)
                self.problems.extend("%s: %s" % (volume_where, problem) for problem in problems)
                if changes:
                    self.later.append("update volume %s" % quoted(volume["name"]))
            volumes.append({"id": found["id"]} if found is not None else create_body(volume))
        body = self.with_lan_ids(server, where)
        if body is None:
            self.later.append("%s (on a LAN created first)" % label)
            return
        body.pop("volumes", None)
        created = create_body(body)
        if volumes:
            created.setdefault("entities", {})["volumes"] = {"items": volumes}
        self.create(label, self.base + "/servers", created, server["name"], "server")
        if server.get("vm_state") == "stopped":
            self.later.append("stop server %s" % quoted(server["name"]))

    def attached_elsewhere(self, where, volume, server):
        owner = self.attached_to.get(volume["id"])
        if owner is not None and (server is None or owner["id"] != server["id"]):
            self.problems.append("%s: volume %s (id %s) is attached to server %s (id %s); a volume is attached to"
                                 " one server: detach it there first" % (where, quoted(name_of(volume)), volume["id"],
                                                                         quoted(name_of(owner)), owner["id"]))
            return True
        return False

    def converge_server(self, where, server, found):
        path = "%s/servers/%s" % (self.base, found["id"])
        self.update(where, "server", _kinds.SERVER, server, found, path)
        state = VM_STATES.get(server.get("vm_state"))
        if state and (found.get("properties") or {}).get("vmState") != state[0]:
            self.add(Write("%s server %s" % (state[1], quoted(server["name"])), "POST", "%s/%s" % (path, state[1]),
                           action=True))
        for index, nic in enumerate(server.get("nics") or []):
            self.converge_nic("%s.nics[%d]" % (where, index), server, found, nic)
        for index, volume in enumerate(server.get("volumes") or []):
            volume_where = "%s.volumes[%d]" % (where, index)
            existing = self.plan_volume(volume_where, volume)
            if existing is None:
                self.later.append("attach volume %s to server %s" % (quoted(volume["name"]), quoted(server["name"])))
            elif not self.attached_elsewhere(volume_where, existing, found) and existing["id"] not in [
                    item["id"] for item in items(found, "volumes")]:
                self.add(Write("attach volume %s to server %s" % (quoted(volume["name"]), quoted(server["name"])),
                               "POST", path + "/volumes", {"id": existing["id"]}, attach=existing["id"]))

    def converge_nic(self, where, server, found_server, nic):
        label = "NIC %s of server %s" % (quoted(nic["name"]), quoted(server["name"]))
        found, unique = self.one(items(found_server, "nics"), nic["name"], "NIC", where,
                                 "on server %s" % quoted(server["name"]))
        if not unique:
            return
        resolved = self.with_lan_ids(nic, where)
        path = "%s/servers/%s/nics" % (self.base, found_server["id"])
        if resolved is None:
            self.later.append("%s %s (on a LAN created first)" % ("create" if found is None else "move", label))
        elif found is None:
            self.create("create " + label, path, create_body(resolved), nic["name"], "NIC")
        else:
            self.update(where, "NIC", _kinds.NIC, resolved, found, "%s/%s" % (path, found["id"]), label)
        if found is None:
            return
        rules_path = "%s/%s/firewallrules" % (path, found["id"])
        for index, rule in enumerate(nic.get("firewall_rules") or []):
            rule_where = "%s.firewall_rules[%d]" % (where, index)
            existing, unique = self.one(items(found, "firewallrules"), rule["name"], "firewall rule", rule_where,
                                        "on %s" % label)
            if existing is None and unique:
                self.create("create firewall rule %s on %s" % (quoted(rule["name"]), label), rules_path,
                            create_body(rule), rule["name"], "firewall rule")
            elif existing is not None:
                self.update(rule_where, "firewall rule", _kinds.FIREWALL_RULE, rule, existing,
                            "%s/%s" % (rules_path, existing["id"]),
                            "firewall rule %s on %s" % (quoted(rule["name"]), label))

    def plan_balancers(self):
        for index, balancer in enumerate(self.params.get("loadbalancers") or []):
            where = "loadbalancers[%d]" % index
            found, unique = self.one(self.balancers, balancer["name"], "load balancer", where, "in the datacenter")
            if not unique:
                continue
            listed = balancer.get("balanced_nics")
            wanted = [self.nic_id(reference) for reference in listed or []]
            label = "load balancer %s" % quoted(balancer["name"])
            if any(nic_id is None for nic_id in wanted):
                self.later.append("%s %s" % ("create" if found is None else "balance the new NICs with", label))
            wanted = list(dict.fromkeys(nic_id for nic_id in wanted if nic_id is not None))
            if found is None and len(wanted) < len(listed or []):
                # Created once its NICs exist, with them: one write, not a create and attaches.
                continue
            if found is None:
                body = create_body(balancer)
                if wanted:
                    body["entities"] = {"balancednics": {"items": [{"id": nic_id} for nic_id in wanted]}}
                self.create("create " + label, self.base + "/loadbalancers", body, balancer["name"], "load balancer")
                continue
            path = "%s/loadbalancers/%s" % (self.base, found["id"])
            self.update(where, "load balancer", _kinds.LOADBALANCER, balancer, found, path)
            if listed is None:
                continue
            have = [item["id"] for item in items(found, "balancednics")]
            for nic_id in wanted:
                if nic_id not in have:
                    self.add(Write("balance NIC %s with %s" % (self.nic_label(nic_id), label), "POST", path + "/balancednics",
                                   {"id": nic_id}, attach=nic_id))
            for nic_id in have:
                if nic_id not in wanted and nic_id not in self.deleting:
                    self.add(Write("stop balancing NIC %s with %s" % (self.nic_label(nic_id), label), "DELETE",
                                   "%s/balancednics/%s" % (path, nic_id)))

    def plan_failover(self):
        """IP failover, once the LAN and the NICs are as the task declares: the NICs' writes
        of this round (a new NIC, a NIC moving onto the LAN, new IPs) come first."""
        nic_writes = any("/nics" in write.path or write.path.endswith("/servers") for write in self.writes)
        for index, lan in enumerate(self.params.get("lans") or []):
            if lan.get("ip_failover") is None:
                continue
            found = next((item for item in self.lans if name_of(item) == lan["name"]), None)
            wanted = [(entry["ip"], self.nic_id(entry)) for entry in lan["ip_failover"]]
            # A LAN that becomes public in this round takes its failover in the next.
            turning_public = found is not None and lan.get("public") and not (found.get("properties") or {}).get("public")
            if found is None or nic_writes or turning_public or any(nic_id is None for unused, nic_id in wanted):
                self.later.append("set the IP failover of LAN %s" % quoted(lan["name"]))
                continue
            if not self.failover_problems("lans[%d]" % index, lan, found):
                self.failover_write(lan, found, wanted)

    def failover_problems(self, where, lan, found):
        """What the API refuses about a failover group, said before any write: a private LAN,
        an IP its NIC does not have, a NIC on another LAN."""
        before = len(self.problems)
        if not (found.get("properties") or {}).get("public"):
            self.problems.append("%s.ip_failover: LAN %s is private; IP failover needs a public LAN"
                                 % (where, quoted(lan["name"])))
        for index, entry in enumerate(lan["ip_failover"]):
            nic = next((nic for nic in items(self.server_named(entry["server"]), "nics")
                        if name_of(nic) == entry["nic"]), {})
            have = nic.get("properties") or {}
            if str(have.get("lan")) != str(found["id"]):
                self.problems.append("%s.ip_failover[%d]: NIC %s/%s is not on LAN %s" % (
                    where, index, entry["server"], entry["nic"], quoted(lan["name"])))
            elif entry["ip"] not in (have.get("ips") or []):
                self.problems.append("%s.ip_failover[%d]: NIC %s/%s does not have the IP %s (it has %s)" % (
                    where, index, entry["server"], entry["nic"], entry["ip"], ", ".join(have.get("ips") or []) or "none"))
        return len(self.problems) > before

    def failover_write(self, lan, found, wanted):
        have = [(entry.get("ip"), entry.get("nicUuid")) for entry in (found.get("properties") or {}).get("ipFailover") or []]
        if sorted(have) != sorted(wanted):
            self.add(Write("update LAN %s (ip_failover)" % quoted(lan["name"]), "PATCH",
                           "%s/lans/%s" % (self.base, found["id"]),
                           {"ipFailover": [{"ip": ip, "nicUuid": nic_id} for ip, nic_id in wanted]}))

    # -- prune -----------------------------------------------------------------------------

    def plan_prune(self):
        """Delete what the task does not list, innermost first: firewall rules of listed NICs,
        NICs of listed servers, load balancers, servers (their volumes are kept), then LANs
        (prune_lans). Only kinds the task lists are pruned (an empty list is a list; an option
        left out is not). An unlisted resource whose name another of its kind shares is a
        problem: nothing is deleted from an ambiguous name."""
        params = self.params
        for server in params.get("servers") or []:
            found = self.server_named(server["name"])
            if found is None or server.get("nics") is None:
                continue
            where = ' of server %s' % quoted(server["name"])
            nics = items(found, "nics")
            for nic in server.get("nics") or []:
                found_nic = next((item for item in nics if name_of(item) == nic["name"]), None)
                if found_nic is not None and nic.get("firewall_rules") is not None:
                    self.prune_scope("firewall rule", items(found_nic, "firewallrules"), nic.get("firewall_rules"),
                                     "%s/servers/%s/nics/%s/firewallrules" % (self.base, found["id"], found_nic["id"]),
                                     '%s NIC %s' % (where, quoted(nic["name"])))
            self.prune_scope("NIC", nics, server.get("nics"), "%s/servers/%s/nics" % (self.base, found["id"]), where)
        self.prune_scope("load balancer", self.balancers, params.get("loadbalancers"), self.base + "/loadbalancers", "")
        self.prune_scope("server", self.servers, params.get("servers"), self.base + "/servers", "")

    def prune_lans(self):
        """The LANs the task does not list, in a round of their own: a NIC on one may be deleted
        or moved off it in this round, and the API refuses to delete a LAN a NIC is on."""
        numbers = set(str(nic["lan"]) for server in self.params.get("servers") or []
                      for nic in server.get("nics") or [] if is_lan_id(nic["lan"]))
        lans = [lan for lan in self.lans if str(lan["id"]) not in numbers]
        self.prune_scope("LAN", lans, self.params.get("lans"), self.base + "/lans", "", later=bool(self.writes))

    def prune_scope(self, noun, found_in, listed, collection, where, later=False):
        if listed is None:
            return
        names = set(item["name"] for item in listed or [])
        for item in found_in:
            name = name_of(item) or ""
            if name in names:
                continue
            label = "%s %s%s (id %s)" % (noun, quoted(name), where, item["id"])
            same = sorted(other["id"] for other in found_in if (name_of(other) or "") == name)
            if len(same) > 1:
                problem = "%s %s%s is not listed, but its name is ambiguous (ids %s)" % (noun, quoted(name), where,
                                                                                         ", ".join(same))
                if problem not in self.problems:
                    self.problems.append(problem)
                continue
            if later:
                self.later.append("delete " + label)
                continue
            self.deleting.add(item["id"])
            self.deleting.update(nic["id"] for nic in items(item, "nics"))
            self.add(Write("delete " + label, "DELETE", "%s/%s" % (collection, item["id"]), pruned=label))
