#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_ipblock
short_description: Reserve, rename and release IONOS IP blocks
version_added: 0.1.0
description:
  - Makes sure a block of reserved public IPv4 addresses exists with the given name, size and
    location, or does not exist (is released).
  - An IP block belongs to a location, not to a datacenter; its addresses can be used by NICs and
    load balancers of datacenters in the same location.
  - A block is found by O(id), or else by O(name); a name shared by two blocks is an error listing
    their ids, never a guess. When the answer to a reservation is lost, the module looks the block
    up by name before trying again, so it never reserves two blocks.
  - O(name) is updated in place. O(size) and O(location) are set at reservation only; a
    different value for an existing block is an error, never a replacement (a new block would
    have other addresses).
  - A block whose addresses are in use (by a NIC, a load balancer or a Kubernetes node pool)
    is not released; the task fails saying how many of its addresses are in use, how many uses
    there are (one address can be used by several NICs, as with IP failover) and by what.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the IP block. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the IP block; its identity when O(id) is not given. Required to reserve one.
    type: str
  location:
    description:
      - The location of the block, for example V(de/fra) or V(us/las)
        (see M(ionos.enterprise.ionos_location_info)). Required to reserve a block; cannot change.
    type: str
  size:
    description:
      - The number of addresses, at least 1. Required to reserve a block; the API cannot resize one.
    type: int
  state:
    description:
      - V(present) reserves or renames the block, V(absent) releases it.
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
- name: Reserve two addresses in Frankfurt
  ionos.enterprise.ionos_ipblock:
    name: web-public
    location: de/fra
    size: 2
  register: web_ips

- name: Show them
  ansible.builtin.debug:
    msg: "{{ web_ips.ipblock.properties.ips }}"

- name: Rename the block, by id
  ionos.enterprise.ionos_ipblock:
    id: "{{ web_ips.ipblock.id }}"
    name: web-frontend

- name: Release it
  ionos.enterprise.ionos_ipblock:
    name: web-frontend
    state: absent
"""

RETURN = r"""
ipblock:
  description:
    - The IP block as the API returns it at depth 0; after a release, as it was; C(null) when
      there was none. In check mode, the block as it would be (for a reservation, with C(id) null
      and no addresses).
  returned: always
  type: dict
  contains:
    id:
      description: The block's id.
      type: str
      sample: 8e4c5d2a-1b3f-4a6e-9c7d-0f1e2a3b4c5d
    type:
      description: Always C(ipblock).
      type: str
    href:
      description: The block's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state).
      type: dict
    properties:
      description:
        - C(name), C(location), C(size), C(ips) (the reserved addresses) and C(ipConsumers)
          (which NIC, load balancer or node pool uses which address).
        - Without O(wait), the API's first answer to a reservation may not list the addresses yet.
      type: dict
      sample: {name: web-public, location: de/fra, size: 2, ips: [85.215.0.10, 85.215.0.11], ipConsumers: []}
diff:
  description: The managed properties (name, location, size) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop


class IpBlockModule(ResourceModule):
    represent = "ipblock"
    properties = (
        Prop("name"),
        Prop("location", create_only=True),
        Prop("size", kind="int", create_only=True),
    )

    def collection_path(self):
        return "/ipblocks"

    def missing_for_create(self):
        return [option for option in ("name", "location", "size") if not self.params.get(option)]

    def create(self):
        return self.create_in_location()

    def update_changes(self, current):
        have = (current.get("properties") or {}).get("size")
        want = self.params.get("size")
        if want is not None and have is not None and int(want) != int(have):
            self.fail("Cannot change size of the existing %s: it has %s addresses, the task asks for %s."
                      " The API cannot resize an IP block; release it (state=absent) and reserve a new one,"
                      " which gets other addresses." % (_lookup.named(self.noun, current), have, want))
        return super(IpBlockModule, self).update_changes(current)

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        consumers = (current.get("properties") or {}).get("ipConsumers") or []
        if consumers:
            self.fail("Cannot release %s: %s. Free them first." % (_lookup.named(self.noun, current), in_use(consumers)),
                      ipblock=current)
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.result(True, current, self.view(current), {})


def in_use(consumers):
    """What ``ipConsumers`` says, counted as it is: each entry is one use of one address (by a
    NIC, a load balancer or a node pool), and one address can have several (IP failover puts
    one address on many NICs)."""
    addresses = len(set(item.get("ip") for item in consumers))
    return "%d of its addresses %s in use (%d %s: %s)" % (
        addresses, "is" if addresses == 1 else "are", len(consumers), "use" if len(consumers) == 1 else "uses",
        "; ".join(_consumer(item) for item in consumers))


def _consumer(item):
    if item.get("nicId"):
        return "%s by NIC %s of server %s in datacenter %s" % (
            item.get("ip"), item["nicId"], item.get("serverName") or item.get("serverId"),
            item.get("datacenterName") or item.get("datacenterId"))
    if item.get("k8sNodePoolUuid"):
        return "%s by Kubernetes node pool %s" % (item.get("ip"), item["k8sNodePoolUuid"])
    return "%s by a load balancer in datacenter %s" % (
        item.get("ip"), item.get("datacenterName") or item.get("datacenterId"))


def main():
    module = IpBlockModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            location=dict(type="str"),
            size=dict(type="int"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    if module.params["size"] is not None and module.params["size"] < 1:
        module.fail("size must be at least 1 (addresses), got %d" % module.params["size"])
    location = _lookup.location_format_problem(module.params["location"])
    if location:
        module.fail(location)
    module.run_state()


if __name__ == "__main__":
    main()
