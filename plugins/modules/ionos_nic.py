#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_nic
short_description: Create, update and delete the network interfaces (NICs) of an IONOS server
version_added: 0.1.0
description:
  - Makes sure a NIC of a server exists with the given properties, or does not exist.
  - A NIC is found by O(id), or else by O(name) within the server; a name shared by two NICs
    of the server is an error listing their ids. There is no generated name, so running a task
    again never adds a second NIC.
  - O(name), O(lan), O(dhcp), O(nat), O(ips) and O(firewall_active) are updated in place with one
    request. Only the options the task sets are compared.
  - Firewall rules of a NIC are managed with M(ionos.enterprise.ionos_firewall_rule).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter of the server, by id or by name.
    type: str
    required: true
  server:
    description:
      - The server of the NIC, by id or by name.
    type: str
    required: true
  id:
    description:
      - The id of the NIC. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the NIC; its identity within the server when O(id) is not given.
        Required to create one.
    type: str
  lan:
    description:
      - The LAN the NIC is connected to, by its numeric id (V(1)) or by name.
        Required to create a NIC.
      - A numeric id of a LAN that does not exist yet makes the API create a private LAN with
        that id; a name must be the name of an existing LAN.
    type: str
  dhcp:
    description:
      - Whether the NIC gets its addresses by DHCP.
    type: bool
  nat:
    description:
      - Whether the NIC does NAT for the private LAN it is on.
    type: bool
  ips:
    description:
      - The fixed IPv4 addresses of the NIC; their order does not matter.
      - On a public LAN every address must belong to an IP block the account reserved in the
        datacenter's location; on a private LAN every address must be private. Both are checked
        before anything is written.
      - Not set, or an empty list, leaves the addresses as they are (a new NIC gets one address
        chosen by the API).
    type: list
    elements: str
  firewall_active:
    description:
      - Whether the NIC's firewall is active (see M(ionos.enterprise.ionos_firewall_rule)).
    type: bool
  state:
    description:
      - V(present) creates or updates the NIC, V(absent) deletes it (with its firewall rules).
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
- name: A NIC on the public LAN 1 with a reserved address
  ionos.enterprise.ionos_nic:
    datacenter: web
    server: web-01
    name: public
    lan: 1
    ips:
      - 203.0.113.10
    firewall_active: true

- name: A NIC on the LAN named backend, by DHCP
  ionos.enterprise.ionos_nic:
    datacenter: web
    server: web-01
    name: backend
    lan: backend
    dhcp: true

- name: Delete it
  ionos.enterprise.ionos_nic:
    datacenter: web
    server: web-01
    name: backend
    state: absent
"""

RETURN = r"""
nic:
  description:
    - The NIC as the API returns it at depth 0; after a delete, as it was; C(null) when there
      was none. In check mode, the NIC as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The NIC's id.
      type: str
    properties:
      description: C(name), C(mac), C(ips), C(dhcp), C(lan) (an integer), C(firewallActive) and C(nat).
      type: dict
      sample: {name: public, mac: "02:01:5e:11:22:33", ips: [203.0.113.10], dhcp: true, lan: 1, firewallActive: true, nat: false}
diff:
  description: The managed properties before and after, by option name.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _addresses, _kinds, _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule


class NicModule(ResourceModule):
    represent = "nic"
    label = "NIC"
    properties = _kinds.NIC

    datacenter = None
    server = None
    # The LAN the task names, once read (None: not read, or a numeric id not read).
    lan = None

    def collection_path(self):
        self.datacenter = _lookup.resolve_datacenter(self.client, self.params["datacenter"])
        self.server = _lookup.resolve_server(self.client, self.datacenter["id"], self.params["server"])
        return "/datacenters/%s/servers/%s/nics" % (self.datacenter["id"], self.server["id"])

    def ensure_present(self):
        self.path()
        reference = self.params["lan"]
        if reference is not None and not str(reference).isdigit():
            # By name: the LAN must exist; its numeric id is what the NIC holds.
            self.lan = _lookup.resolve_lan(self.client, self.datacenter["id"], reference)
            self.params["lan"] = self.lan["id"]
        return super(NicModule, self).ensure_present()

    def missing_for_create(self):
        return [option for option in ("name", "lan") if not self.params.get(option)]

    def create(self):
        if self.params["ips"] and not self.missing_for_create():
            self.check_ips(self.params["ips"], int(self.params["lan"]))
        return super(NicModule, self).create()

    def update_changes(self, current):
        changes = super(NicModule, self).update_changes(current)
        have = current.get("properties") or {}
        # New fixed IPs, or the task's fixed IPs moving to another LAN, must suit the LAN they
        # end on (addresses the API assigned itself follow the LAN on their own).
        ips = changes.get("ips") or (self.params["ips"] if "lan" in changes else None)
        if ips:
            self.check_ips(ips, changes.get("lan", have.get("lan")))
        return changes

    def check_ips(self, ips, lan_id):
        """What the API would refuse about fixed IPs on the LAN, said before the write."""
        lan = self.lan
        if lan is None or str(lan["id"]) != str(lan_id):
            lan = _lookup.find_by_id(self.client, "/datacenters/%s/lans" % self.datacenter["id"], lan_id)
        # A LAN that does not exist yet is created private by the API.
        if lan is None or not (lan.get("properties") or {}).get("public"):
            public = [ip for ip in ips if not _addresses.is_private_ipv4(ip)]
            if public:
                self.fail("ips: %s %s not a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16);"
                          " %s is private." % (", ".join(public), "is" if len(public) == 1 else "are",
                                               _lookup.named("LAN", lan or {"id": lan_id})))
            return
        location = self.datacenter["properties"]["location"]
        reserved = _addresses.reserved_ips(self.client, location)
        missing = [ip for ip in ips if ip not in reserved]
        if missing:
            self.fail("ips: %s %s not in an IP block reserved in %s; the fixed IPs of a NIC on the public"
                      " %s must come from a reserved IP block of the datacenter's location"
                      " (see ionos.enterprise.ionos_ipblock)."
                      % (", ".join(missing), "is" if len(missing) == 1 else "are", location,
                         _lookup.named("LAN", lan)))


def main():
    module = NicModule(
        argument_spec=dict(
            datacenter=dict(type="str", required=True),
            server=dict(type="str", required=True),
            id=dict(type="str"),
            name=dict(type="str"),
            lan=dict(type="str"),
            dhcp=dict(type="bool"),
            nat=dict(type="bool"),
            ips=dict(type="list", elements="str"),
            firewall_active=dict(type="bool"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    params = module.params
    problems = []
    if params["lan"] is not None and str(params["lan"]).isdigit() and not 1 <= int(params["lan"]) <= 4095:
        problems.append("lan must be a LAN id between 1 and 4095 or a LAN name, got %s" % params["lan"])
    problems.extend(_kinds.canonical_ips(params))
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
