#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_pcc
short_description: Create, update and delete IONOS private cross-connects
version_added: 0.1.0
description:
  - Makes sure a private cross-connect (PCC) exists with the given name and description, or does
    not exist. A PCC links private LANs of several datacenters of one location.
  - A PCC is found by O(id), or else by O(name); a name shared by two PCCs is an error listing their
    ids, never a guess. Re-running a task never creates a second PCC.
  - O(name) and O(description) are updated in place; only the options the task sets are compared.
  - LANs join and leave a PCC through the LAN itself (its C(pcc) property), with
    M(ionos.enterprise.ionos_lan), not with this module. The result lists the joined LANs in
    C(properties.peers) and the datacenters whose LANs can join in C(properties.connectableDatacenters).
  - A PCC that still connects LANs is not deleted; the task fails naming them. Take the LANs out
    of the PCC first.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the PCC. With O(id), O(name) is a property to set, not the identity.
    type: str
  name:
    description:
      - The name of the PCC; its identity when O(id) is not given. Required to create one.
    type: str
  description:
    description:
      - A description of the PCC.
    type: str
  state:
    description:
      - V(present) creates or updates the PCC, V(absent) deletes it.
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
- name: A cross-connect for the backends of two datacenters
  ionos.enterprise.ionos_pcc:
    name: backends
    description: Private traffic between web and db
  register: backends

- name: The LANs it connects
  ansible.builtin.debug:
    msg: "{{ backends.pcc.properties.peers | map(attribute='name') }}"

- name: Delete it (once no LAN is connected)
  ionos.enterprise.ionos_pcc:
    name: backends
    state: absent
"""

RETURN = r"""
pcc:
  description:
    - The PCC as the API returns it at depth 0; after a delete, as it was; C(null) when there was
      none. In check mode, the PCC as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The PCC's id.
      type: str
      sample: 5b2d8f3e-7c1a-4e9b-8d6f-2a3c4b5d6e7f
    type:
      description: Always C(pcc).
      type: str
    href:
      description: The PCC's URL.
      type: str
    metadata:
      description: Creation and modification dates and users, C(etag) and C(state).
      type: dict
    properties:
      description:
        - C(name), C(description), C(peers) (the joined LANs, each with C(id), C(name),
          C(datacenterId), C(datacenterName), C(location)) and C(connectableDatacenters) (each with
          C(id), C(name), C(location)).
        - Without O(wait), the API's first answer to a create may not list C(peers) and
          C(connectableDatacenters).
      type: dict
      sample:
        name: backends
        description: Private traffic between web and db
        peers: [{id: "1", name: backend, datacenterId: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c, datacenterName: web, location: de/fra}]
        connectableDatacenters: [{id: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c, name: web, location: de/fra}]
diff:
  description: The managed properties (name, description) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop


def peer_named(peer):
    """A peer of the PCC (its LAN and datacenter by name and id, as the API lists them) in a message."""
    lan = {"id": peer.get("id"), "properties": {"name": peer.get("name")}}
    datacenter = {"id": peer.get("datacenterId"), "properties": {"name": peer.get("datacenterName")}}
    return "%s of %s" % (_lookup.named("LAN", lan), _lookup.named("datacenter", datacenter))


class PccModule(ResourceModule):
    represent = "pcc"
    properties = (
        Prop("name"),
        Prop("description"),
    )

    def collection_path(self):
        return "/pccs"

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        peers = (current.get("properties") or {}).get("peers") or []
        if peers:
            self.fail("Cannot delete %s: it still connects %d LAN(s): %s. Take them out of the PCC first"
                      " (ionos.enterprise.ionos_lan)."
                      % (_lookup.named(self.noun, current), len(peers), "; ".join(peer_named(peer) for peer in peers)),
                      pcc=current)
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.result(True, current, self.view(current), {})


def main():
    module = PccModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            description=dict(type="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    module.run_state()


if __name__ == "__main__":
    main()
