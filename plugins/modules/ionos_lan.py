#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_lan
short_description: Create, update and delete IONOS LANs, their IP failover and cross-connect
version_added: 0.1.0
description:
  - Makes sure a LAN exists in a datacenter with the given properties, or does not exist.
  - A LAN is found by O(id) (its number, V(1), V(2) and so on), or else by O(name) within the
    datacenter. LAN names are not unique; a name shared by two LANs is an error listing their ids,
    never a guess.
  - The API numbers the LANs of a datacenter in creation order; an id cannot be chosen. A NIC
    created on a LAN number that does not exist yet makes the API create that LAN (private,
    unnamed); such a LAN is then managed with O(id).
  - O(name), O(public), O(pcc) and O(ip_failover) are updated in place, all in one request. Only
    the options the task sets are compared; an unset option is left as it is.
  - Member NICs join a LAN through the NIC (its C(lan)), with M(ionos.enterprise.ionos_server) or
    M(ionos.enterprise.ionos_nic). The result lists the member NICs.
  - A LAN that still has member NICs is not deleted; the task fails naming them.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the LAN, by id or by name.
    type: str
    required: true
  id:
    description:
      - The numeric id of the LAN, for example V(1). With O(id), O(name) is a property to set,
        not the identity. A LAN cannot be created with a given id.
    type: str
  name:
    description:
      - The name of the LAN; its identity when O(id) is not given. Required to create one.
    type: str
  public:
    description:
      - Whether the LAN is public (faces the internet) or private.
      - A new LAN is private unless this is V(true).
      - A LAN with an IP failover does not become private; set O(ip_failover=[]) in the same task.
    type: bool
  pcc:
    description:
      - The private cross-connect the LAN joins, by id or by name (see M(ionos.enterprise.ionos_pcc)).
        Only a private LAN can join one.
      - V("") (the empty string) takes the LAN out of any cross-connect (the API is sent C(pcc) null).
    type: str
  ip_failover:
    description:
      - The IP failover groups of the LAN, the whole list. Each entry makes one NIC the primary
        NIC of one IP; the IP must be one of that NIC's IPs and come from an IP block reserved in
        the datacenter's location (M(ionos.enterprise.ionos_ipblock)). Only a public LAN has IP
        failover, and every NIC must be a member of the LAN.
      - Compared as a set of (IP, NIC) pairs; entries the task does not list are removed.
        V([]) removes all. Unset, the IP failover is left as it is.
      - The NICs a new LAN would need cannot be members yet, so a LAN is created first and given
        its IP failover once NICs are on it.
    type: list
    elements: dict
    suboptions:
      ip:
        description:
          - An IPv4 address.
        type: str
        required: true
      server:
        description:
          - The server of the NIC, by id or by name. Needed when O(ip_failover[].nic) is a name.
        type: str
      nic:
        description:
          - The NIC, by name within O(ip_failover[].server) or by id.
        type: str
        required: true
  state:
    description:
      - V(present) creates or updates the LAN, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: A public LAN for the web servers
  ionos.enterprise.ionos_lan:
    datacenter: web
    name: frontend
    public: true
  register: frontend

- name: The LAN's id, for the NICs of the servers
  ansible.builtin.debug:
    msg: "LAN {{ frontend.lan.id }}"

- name: Make web1 the primary NIC of a reserved IP that web1 and web2 share
  ionos.enterprise.ionos_lan:
    datacenter: web
    name: frontend
    ip_failover:
      - ip: 203.0.113.10
        server: web1
        nic: eth0

- name: A private LAN in a cross-connect
  ionos.enterprise.ionos_lan:
    datacenter: web
    name: backend
    pcc: backends

- name: Take it out of the cross-connect
  ionos.enterprise.ionos_lan:
    datacenter: web
    name: backend
    pcc: ""

- name: Name the LAN 1 that a NIC created
  ionos.enterprise.ionos_lan:
    datacenter: web
    id: "1"
    name: management

- name: Delete a LAN (once no NIC is on it)
  ionos.enterprise.ionos_lan:
    datacenter: web
    name: backend
    state: absent
"""

RETURN = r"""
lan:
  description:
    - The LAN as the API returns it at depth 1; after a delete, as it was; C(null) when there was
      none. In check mode, the LAN as it would be (for a create, with C(id) null).
    - With O(wait=false), after a write, the API's first answer, which does not list the members.
  returned: always
  type: dict
  contains:
    id:
      description: The LAN's id, a number as a string.
      type: str
      sample: "1"
    type:
      description: Always C(lan).
      type: str
    href:
      description: The LAN's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state).
      type: dict
    properties:
      description:
        - C(name), C(public), C(pcc) (the id of the cross-connect or C(null)) and C(ipFailover)
          (a list of C(ip) and C(nicUuid)).
      type: dict
      sample: {name: frontend, public: true, pcc: null, ipFailover: [{ip: 203.0.113.10, nicUuid: 0f4b2a9c-1d2e-4f3a-8b5c-6d7e8f9a0b1c}]}
    entities:
      description:
        - C(nics), the member NICs as the API lists them, in C(nics.items), each with C(id),
          C(type) and C(href).
      type: dict
      sample: {nics: {id: 1/nics, type: collection, items: [{id: 0f4b2a9c-1d2e-4f3a-8b5c-6d7e8f9a0b1c, type: nic}]}}
diff:
  description:
    - The managed properties (name, public, pcc, ip_failover) before and after.
  returned: when diff mode is on
  type: dict
"""

import ipaddress

from ansible.module_utils.common.text.converters import to_text

from ansible_collections.ionos.enterprise.plugins.module_utils import _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule


def failover_set(entries):
    return set((entry.get("ip"), entry.get("nicUuid")) for entry in entries or [])


def failover_list(pairs):
    return [{"ip": ip, "nicUuid": nic} for ip, nic in sorted(pairs)]


def member_ids(lan):
    """The ids of the LAN's member NICs, or None when the LAN was read without them."""
    nics = ((lan or {}).get("entities") or {}).get("nics") or {}
    if "items" not in nics:
        return None
    return [item["id"] for item in nics["items"]]


class LanModule(ResourceModule):
    represent = "lan"
    properties = _kinds.LAN
    datacenter = None

    def __init__(self, *args, **kwargs):
        super(LanModule, self).__init__(*args, **kwargs)
        self._servers = None
        self._nics = {}
        self._nics_by_id = None

    def collection_path(self):
        self.datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
        return "/datacenters/%s/lans" % self.datacenter["id"]

    # -- reading: at depth 1, so the LAN lists its member NICs ---------------------------

    def find(self):
        if self.params["id"]:
            return _lookup.find_by_id(self.client, self.path(), self.params["id"], depth=1)
        # The collection at depth 2 holds the LANs at depth 1: one call, members included.
        return _lookup.find_by_name(self.client, self.path(), self.params["name"], "LAN",
                                    items=self.client.list(self.path(), depth=2), deletions=self.deletions)

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id), depth=1)

    # -- references --------------------------------------------------------------------

    def pcc_id(self):
        """The id of the cross-connect O(pcc) names; None to leave any."""
        reference = self.params["pcc"]
        if _lookup.looks_like_id(reference):
            found = _lookup.find_by_id(self.client, "/pccs", reference)
        else:
            found = _lookup.find_by_name(self.client, "/pccs", reference, "private cross-connect", option="pcc")
        if found is None:
            raise ReferenceNotFoundError("pcc: no private cross-connect with id or name %r exists." % reference)
        return found["id"]

    def server(self, reference, option):
        if self._servers is None:
            self._servers = self.client.list("/datacenters/%s/servers" % self.datacenter["id"], depth=1)
        for item in self._servers:
            if item["id"] == reference:
                return item
        found = _lookup.find_by_name(self.client, None, reference, "server", option=option, items=self._servers)
        if found is None:
            raise ReferenceNotFoundError("%s: no server with id or name %r exists in %s."
                                         % (option, reference, _lookup.named("datacenter", self.datacenter)))
        return found

    def nic(self, server, reference, option):
        if server["id"] not in self._nics:
            self._nics[server["id"]] = self.client.list(
                "/datacenters/%s/servers/%s/nics" % (self.datacenter["id"], server["id"]), depth=1)
        items = self._nics[server["id"]]
        for item in items:
            if item["id"] == reference:
                return item
        found = _lookup.find_by_name(self.client, None, reference, "NIC", option=option, items=items)
        if found is None:
            raise ReferenceNotFoundError("%s: %s has no NIC with id or name %r."
                                         % (option, _lookup.named("server", server), reference))
        return found

    def nic_named(self, nic_id):
        """A NIC known by its id, in a message: by name and id, with its server. Only messages
        need this: the datacenter's servers are read for it once, on the way to an error."""
        if self._nics_by_id is None:
            servers = self.client.list("/datacenters/%s/servers" % self.datacenter["id"], depth=3)
            self._nics_by_id = _lookup.nics_by_id(servers)
        server, nic = self._nics_by_id.get(nic_id, (None, {"id": nic_id}))
        return _lookup.named("NIC", nic) + (" of %s" % _lookup.named("server", server) if server else "")

    def members_named(self, lan):
        """The LAN's member NICs, in a message."""
        return ", ".join(self.nic_named(nic_id) for nic_id in member_ids(lan) or ()) or "none"

    def wanted_failover(self, lan, public):
        """The (ip, nicUuid) pairs O(ip_failover) asks for, checked against the LAN as it will be."""
        entries = self.params["ip_failover"]
        if entries and not public:
            self.fail("ip_failover needs a public LAN; %s is private. Set public to true."
                      % (_lookup.named("LAN", lan) if lan else "the new LAN"))
        if entries and lan is None:
            self.fail("ip_failover: the NICs of an IP failover must be members of the LAN, and a LAN that does not"
                      " exist yet has none. Create the LAN, put the NICs on it, then set ip_failover.")
        members = member_ids(lan) if lan else []
        pairs = set()
        for index, entry in enumerate(entries):
            option = "ip_failover[%d]" % index
            ip = normal_ip(entry["ip"])
            if entry["server"]:
                server = self.server(entry["server"], option + ".server")
                nic = self.nic(server, entry["nic"], option + ".nic")
                ips = (nic.get("properties") or {}).get("ips") or []
                if ip not in ips:
                    self.fail("%s.ip: %s is not an IP of %s of %s; its IPs are %s. Give the NIC the"
                              " IP first." % (option, ip, _lookup.named("NIC", nic), _lookup.named("server", server),
                                              ", ".join(ips) or "none"))
                named_nic = "%s of %s" % (_lookup.named("NIC", nic), _lookup.named("server", server))
                nic_id = nic["id"]
            else:
                nic_id = entry["nic"]
                named_nic = None
            if members is not None and nic_id not in members:
                self.fail("%s.nic: %s is not a member of %s; its members are %s."
                          % (option, named_nic or self.nic_named(nic_id), _lookup.named("LAN", lan),
                             self.members_named(lan)))
            pairs.add((ip, nic_id))
        return pairs

    def will_be_public(self, lan):
        if self.params["public"] is not None:
            return self.params["public"]
        return bool(((lan or {}).get("properties") or {}).get("public"))

    def link_changes(self, lan):
        """The pcc and ipFailover to send: all for a new LAN (lan None), the differences else."""
        have = (lan or {}).get("properties") or {}
        changes = {}
        if self.params["pcc"] is not None:
            wanted = self.pcc_id() if self.params["pcc"] else None
            if wanted and self.will_be_public(lan):
                self.fail("pcc: only a private LAN can join a private cross-connect; %s is public."
                          % (_lookup.named("LAN", lan) if lan else "the new LAN"))
            if wanted != (have.get("pcc") or None) and (lan is not None or wanted):
                changes["pcc"] = wanted
        if self.params["ip_failover"] is not None:
            wanted = self.wanted_failover(lan, self.will_be_public(lan))
            if wanted != failover_set(have.get("ipFailover")) and (lan is not None or wanted):
                changes["ipFailover"] = failover_list(wanted)
        return changes

    # -- planning ----------------------------------------------------------------------

    def desired_properties(self):
        properties = super(LanModule, self).desired_properties()
        properties.update(self.link_changes(None))
        return properties

    def update_changes(self, current):
        changes = super(LanModule, self).update_changes(current)
        changes.update(self.link_changes(current))
        failover = changes.get("ipFailover", (current.get("properties") or {}).get("ipFailover"))
        if changes.get("public") is False and failover:
            self.fail("public: %s cannot become private while it has an IP failover (%s); set ip_failover"
                      " to [] in the same task to remove it." % (_lookup.named("LAN", current), ", ".join(
                          "%s on %s" % (entry.get("ip"), self.nic_named(entry.get("nicUuid"))) for entry in failover)))
        return changes

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        members = member_ids(current)
        if members:
            self.fail("Cannot delete %s: %d NIC(s) are on it: %s. Delete them or move them to another LAN"
                      " first." % (_lookup.named("LAN", current), len(members), self.members_named(current)),
                      lan=current)
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.result(True, current, self.view(current), {})

    def view(self, resource):
        view = super(LanModule, self).view(resource)
        have = (resource or {}).get("properties") or {}
        view["pcc"] = have.get("pcc") or None
        view["ip_failover"] = failover_list(failover_set(have.get("ipFailover")))
        return view


def normal_ip(value):
    return to_text(ipaddress.ip_address(to_text(value)))


def input_problems(params):
    """What is wrong with the options, before any API call."""
    problems = []
    if params["id"] is not None and not str(params["id"]).isdigit():
        problems.append("id must be the numeric id of the LAN, such as 1, got %r" % params["id"])
    seen = {}
    for index, entry in enumerate(params["ip_failover"] or []):
        option = "ip_failover[%d]" % index
        try:
            address = ipaddress.ip_address(to_text(entry["ip"]))
        except ValueError:
            problems.append("%s.ip must be an IPv4 address, got %r" % (option, entry["ip"]))
            continue
        if address.version != 4:
            problems.append("%s.ip must be an IPv4 address, got %r" % (option, entry["ip"]))
            continue
        if str(address) in seen:
            problems.append("%s.ip %s is also in ip_failover[%d]; an IP has one primary NIC"
                            % (option, address, seen[str(address)]))
        seen[str(address)] = index
        if not entry["server"] and not _lookup.looks_like_id(entry["nic"]):
            problems.append("%s.server is required when %s.nic is a name (%r), not an id"
                            % (option, option, entry["nic"]))
    return problems


def main():
    module = LanModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            public=dict(type="bool"),
            pcc=dict(type="str"),
            ip_failover=dict(type="list", elements="dict", options=dict(
                ip=dict(type="str", required=True),
                server=dict(type="str"),
                nic=dict(type="str", required=True),
            )),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    problems = input_problems(module.params)
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
