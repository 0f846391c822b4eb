#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_loadbalancer
short_description: Create, update and delete IONOS load balancers and their balanced NICs
version_added: 0.1.0
description:
  - Makes sure a (Cloud API v5) load balancer exists in a datacenter with the given properties
    and balanced NICs, or does not exist.
  - A load balancer is found by O(id), or else by O(name) within the datacenter; a name shared by
    two load balancers is an error listing their ids.
  - O(name), O(ip) and O(dhcp) are updated in place. When O(ip) is not set, the API assigns an
    address and the module does not compare it.
  - Every balanced NIC carries the load balancer's IP as its first address (the API says
    "All attached NICs will inherit this IP"); changing O(ip) changes it on every balanced NIC,
    and a NIC removed from the load balancer gets an address of its LAN again.
  - A balanced NIC must be a NIC of a server in the same datacenter; the API does not require
    the NICs to be in one LAN. A public O(ip) must belong to an IP block reserved in the
    datacenter's location; a private one may be any private address.
  - The balanced NICs listed in O(balanced_nics) are added when missing; with
    O(purge_balanced_nics=true) the others are removed. All the additions and removals are
    started together and waited on together.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the load balancer, by id or by name.
    type: str
    required: true
  id:
    description:
      - The id of the load balancer. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the load balancer; its identity when O(id) is not given. Required to create one.
    type: str
  ip:
    description:
      - The IPv4 address of the load balancer, inherited by every balanced NIC. A public address
        must come from an IP block reserved in the datacenter's location.
      - When not set, the API assigns one and it is not compared.
    type: str
  dhcp:
    description:
      - Whether the load balancer reserves its IP by DHCP.
    type: bool
  balanced_nics:
    description:
      - NICs the load balancer must balance, each given by O(balanced_nics[].id), or by
        O(balanced_nics[].server) and O(balanced_nics[].nic).
      - Every reference is resolved before anything is written; a NIC or server that does not
        exist, or a name matching two, is an error naming the list entry.
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - The id of a NIC of any server of the datacenter.
        type: str
      server:
        description:
          - The server of the NIC, by id or by name.
        type: str
      nic:
        description:
          - The NIC, by id or by name among the NICs of O(balanced_nics[].server).
        type: str
  purge_balanced_nics:
    description:
      - Remove the balanced NICs that are not in O(balanced_nics). Without O(balanced_nics),
        every balanced NIC is removed. Removing a NIC from a load balancer never deletes it.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the load balancer, V(absent) deletes it (its NICs stay).
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
- name: A load balancer in front of the public NICs of two servers
  ionos.enterprise.ionos_loadbalancer:
    datacenter: web
    name: web-lb
    dhcp: true
    balanced_nics:
      - server: web-1
        nic: public
      - server: web-2
        nic: public

- name: Balance exactly these NICs, removing any other
  ionos.enterprise.ionos_loadbalancer:
    datacenter: web
    name: web-lb
    balanced_nics:
      - id: 6e2fbd3a-5f0c-4b6e-9f61-0c4d3a7b9e21
    purge_balanced_nics: true

- name: A fixed private address, changed in place
  ionos.enterprise.ionos_loadbalancer:
    datacenter: web
    name: web-lb
    ip: 10.12.0.10

- name: Delete it
  ionos.enterprise.ionos_loadbalancer:
    datacenter: web
    name: web-lb
    state: absent
"""

RETURN = r"""
loadbalancer:
  description:
    - The load balancer as the API returns it at depth 1, with the ids of its balanced NICs
      under C(entities.balancednics.items); after a delete, as it was; C(null) when there was
      none. In check mode, the load balancer as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The load balancer's id.
      type: str
    properties:
      description: C(name), C(ip) and C(dhcp).
      type: dict
      sample: {name: web-lb, ip: 10.12.0.10, dhcp: true}
    entities:
      description: C(balancednics), whose C(items) are references C({id, type, href}) to the balanced NICs.
      type: dict
diff:
  description:
    - The managed properties and C(balanced_nics) before and after. C(balanced_nics) names each balanced NIC
      as C(server/nic), by the names of its server and of the NIC (an id where one has no name), sorted.
      When two NICs of the datacenter share those names, the NIC's id follows in brackets.
    - To name the NICs the module reads the datacenter's servers once, as it does anyway when the task
      sets O(balanced_nics); a task that does not set it makes that read only in diff mode.
  returned: when diff mode is on
  type: dict
  sample: {before: {name: web-lb, ip: 10.12.0.10, dhcp: true, balanced_nics: [web-1/public]},
           after: {name: web-lb, ip: 10.12.0.10, dhcp: true, balanced_nics: [web-1/public, web-2/public]}}
"""

from collections import Counter

from ansible_collections.ionos.enterprise.plugins.module_utils import _addresses, _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ReferenceNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule


def balanced_ids(loadbalancer):
    """The ids of the NICs a load balancer read at depth >= 1 balances."""
    entities = (loadbalancer or {}).get("entities") or {}
    return [item["id"] for item in (entities.get("balancednics") or {}).get("items") or []]


def nics_of(server):
    return ((server.get("entities") or {}).get("nics") or {}).get("items") or []


def name_or_id(resource):
    return (resource.get("properties") or {}).get("name") or resource["id"]


def nic_labels(servers):
    """{NIC id: "server/nic"}: how the diff shows a NIC, by the names a task gives it by. A label
    two NICs of the datacenter share gets the NIC's id too, so the diff still tells them apart."""
    labels = dict((nic_id, "%s/%s" % (name_or_id(server), name_or_id(nic)))
                  for nic_id, (server, nic) in _lookup.nics_by_id(servers).items())
    shared = Counter(labels.values())
    return dict((nic_id, "%s (%s)" % (label, nic_id) if shared[label] > 1 else label)
                for nic_id, label in labels.items())


class LoadBalancerModule(ResourceModule):
    represent = "loadbalancer"
    properties = _kinds.LOADBALANCER
    datacenter = None
    _servers = None

    def collection_path(self):
        self.datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
        return "/datacenters/%s/loadbalancers" % self.datacenter["id"]

    # -- reading: the load balancer with the ids of its balanced NICs, in one call -------

    def find(self):
        if self.params.get("id"):
            return _lookup.find_by_id(self.client, self.path(), self.params["id"], depth=1)
        # depth 2 on the collection: each item at depth 1, its balanced NICs as references.
        items = self.client.list(self.path(), depth=2)
        return _lookup.find_by_name(self.client, None, self.params["name"], self.noun, items=items,
                                    deletions=self.deletions)

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id), depth=1)

    # -- balanced NICs by reference -----------------------------------------------------

    def servers(self):
        """The datacenter's servers with their NICs (full), read once: depth 3."""
        if self._servers is None:
            self._servers = self.client.list("/datacenters/%s/servers" % self.datacenter["id"], depth=3)
        return self._servers

    def _reference(self, items, reference, label, option, where):
        for item in items:
            if item["id"] == reference:
                return item
        found = _lookup.find_by_name(self.client, None, reference, label, option=option, items=items)
        if found is None:
            raise ReferenceNotFoundError("%s: no %s with id or name %r exists %s."
                                         % (option, label, reference, where))
        return found

    def nic_id(self, item, index):
        """A NIC of balanced_nics, resolved like _lookup.resolve_nic (server by id or name,
        then NIC by id or name within it), from one listing of the datacenter's servers."""
        option = "balanced_nics[%d]" % index
        where = "in %s" % _lookup.named("datacenter", self.datacenter)
        if item.get("id"):
            for server in self.servers():
                for nic in nics_of(server):
                    if nic["id"] == item["id"]:
                        return nic["id"]
            raise ReferenceNotFoundError("%s.id: no NIC with id %r exists %s."
                                         % (option, item["id"], where))
        server = self._reference(self.servers(), item["server"], "server", option + ".server", where)
        nic = self._reference(nics_of(server), item["nic"], "NIC", option + ".nic",
                              "on %s" % _lookup.named("server", server))
        return nic["id"]

    def wanted_nics(self):
        """The NIC ids the task lists, in order and once each; None when it does not manage them."""
        listed = self.params["balanced_nics"]
        if listed is None and not self.params["purge_balanced_nics"]:
            return None
        return list(dict.fromkeys(self.nic_id(item, index) for index, item in enumerate(listed or [])))

    # -- pre-write checks ---------------------------------------------------------------

    def check_ip(self, ip):
        """A public address must come from a block reserved in the datacenter's location."""
        if ip is None or _addresses.is_private_ipv4(ip):
            return
        location = self.datacenter["properties"]["location"]
        if ip in _addresses.reserved_ips(self.client, location):
            return
        self.fail("ip: %s is a public address but not part of an IP block reserved in %s; reserve"
                  " an IP block there or use a private address." % (ip, location))

    # -- the task -----------------------------------------------------------------------

    def converge(self):
        if self.params["state"] == "absent":
            return self.remove()
        current = self.current()
        if current is None and self.params.get("id"):
            self.fail("id: no %s with id %s exists; to create one, give its name instead."
                      % (self.noun, self.params["id"]))
        if current is None and not self.params.get("name"):
            self.fail("name is required to create the loadbalancer, which does not exist yet.")
        wanted = self.wanted_nics()
        if current is None:
            return self.create_with(wanted)
        return self.update(current, wanted)

    def create_with(self, wanted):
        properties = self.desired_properties()
        self.check_ip(properties.get("ip"))
        body = {"properties": properties}
        if wanted:
            body["entities"] = {"balancednics": {"items": [{"id": nic_id} for nic_id in wanted]}}
        if self.check_mode:
            planned = {"id": None, "type": self.planned_type, "properties": properties,
                       "entities": {"balancednics": {"items": [{"id": nic_id, "type": "nic"}
                                                               for nic_id in wanted or []]}}}
            return self.result_of(True, planned, None, wanted or [])
        created = self.post_once(body)
        if not self.params.get("wait"):
            # The 202 answer may not list them yet: show them as they will be.
            created = dict(created, entities=dict(created.get("entities") or {}, balancednics={
                "items": [{"id": nic_id, "type": "nic"} for nic_id in wanted or []]}))
        return self.result_of(True, created, None, wanted or [])

    def update(self, current, wanted):
        changes = self.update_changes(current)
        if "ip" in changes:
            self.check_ip(changes["ip"])
        have = balanced_ids(current)
        attach = [nic_id for nic_id in wanted or [] if nic_id not in have]
        detach = [nic_id for nic_id in have if nic_id not in wanted] \
            if wanted is not None and self.params["purge_balanced_nics"] else []
        after = [nic_id for nic_id in have if nic_id not in detach] + attach
        if not (changes or attach or detach):
            return self.result_of(False, current, current, have)
        planned = dict(current, properties=dict(current.get("properties") or {}, **changes),
                       entities=dict(current.get("entities") or {}, balancednics=dict(
                           (current.get("entities") or {}).get("balancednics") or {},
                           items=[{"id": nic_id, "type": "nic"} for nic_id in after])))
        if self.check_mode:
            return self.result_of(True, planned, current, after)
        base = self.element_path(current["id"]) + "/balancednics"
        writes = []
        if changes:
            writes.append(self.send_update(current, changes))
        writes.extend(write for write in (self.client.attach(base, nic_id) for nic_id in attach) if write is not None)
        writes.extend(self.client.delete(_lookup.element_path(base, nic_id)) for nic_id in detach)
        if self.params["wait"]:
            self.client.wait_for_requests([r for r in writes if r.request_id], self.params["wait_timeout"])
            updated = self.read(current["id"])
        else:
            updated = planned
        return self.result_of(True, updated, current, balanced_ids(updated))

    def remove(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.result_of(True, current, current, None)

    def result_of(self, changed, resource, before, after_nics):
        """The result, with the balanced NICs in the diff."""
        result = self.result(changed, resource, {}, {})
        if "diff" in result:
            if before is not None:
                result["diff"]["before"] = dict(self.view(before), balanced_nics=self.shown_nics(balanced_ids(before)))
            if after_nics is not None:
                result["diff"]["after"] = dict(self.view(resource), balanced_nics=self.shown_nics(after_nics))
        return result

    def shown_nics(self, nic_ids):
        """The NICs as the diff shows them, "server/nic", sorted. Only the diff needs the names:
        a task that did not read the servers to resolve balanced_nics reads them here, once."""
        if not nic_ids:
            return []
        labels = nic_labels(self.servers())
        return sorted(labels.get(nic_id, nic_id) for nic_id in nic_ids)


def ip_problem(ip):
    if _addresses.ipv4(ip) is None:
        return "ip must be an IPv4 address such as 10.12.0.10, got %r" % ip
    return None


def main():
    module = LoadBalancerModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            ip=dict(type="str"),
            dhcp=dict(type="bool"),
            balanced_nics=dict(type="list", elements="dict", options=dict(
                id=dict(type="str"),
                server=dict(type="str"),
                nic=dict(type="str"),
            )),
            purge_balanced_nics=dict(type="bool", default=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    params = module.params
    problems = []
    if params["ip"] is not None:
        problem = ip_problem(params["ip"])
        if problem:
            problems.append(problem)
    for index, item in enumerate(params["balanced_nics"] or []):
        if item["id"] and (item["server"] or item["nic"]):
            problems.append("balanced_nics[%d] gives a NIC by id or by server and nic, not both" % index)
        elif not item["id"] and not (item["server"] and item["nic"]):
            problems.append("balanced_nics[%d] needs id, or server and nic" % index)
    if problems:
        module.fail("; ".join(problems))
    module.run(module.converge)


if __name__ == "__main__":
    main()
