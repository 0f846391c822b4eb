#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_server_info
short_description: List the servers of an IONOS datacenter
version_added: 0.1.0
description:
  - Returns the servers of a datacenter, all of them or the one with O(id), those named
    O(name) or those in a power state, with one API call after the datacenter is found.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  datacenter:
    description:
      - The datacenter, by id or by name.
    type: str
    required: true
  id:
    description:
      - Only the server with this id.
    type: str
  name:
    description:
      - Only servers with exactly this name.
    type: str
  vm_state:
    description:
      - Only servers in this power state, for example V(RUNNING) or V(SHUTOFF).
    type: str
  depth:
    description:
      - How much of each server to return, from V(0) (its properties and references to its
        NICs, volumes and CD-ROMs) to V(9); V(2) includes its NICs and volumes.
    type: int
    default: 0
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The running servers of the datacenter web, with their NICs
  ionos.enterprise.ionos_server_info:
    datacenter: web
    vm_state: RUNNING
    depth: 2
  register: running

- name: Their IPs
  ansible.builtin.debug:
    msg: "{{ running.servers | map(attribute='entities.nics.items') | flatten | map(attribute='properties.ips') | flatten }}"
"""

RETURN = r"""
servers:
  description: The matching servers as the API returns them; C([]) when none matches.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def servers(module):
    params, client = module.params, module.client
    datacenter = _lookup.resolve_datacenter(client, params["datacenter"])
    path = "/datacenters/%s/servers" % datacenter["id"]
    items = _lookup.read_items(client, path, params["id"], depth=params["depth"])
    return info_result("servers", [
        item for item in items
        if (not params["name"] or item["properties"].get("name") == params["name"])
        and (not params["vm_state"] or str(item["properties"].get("vmState")).upper() == params["vm_state"].upper())
    ])


def main():
    module = IonosModule(argument_spec=dict(
        datacenter=dict(type="str", required=True),
        id=dict(type="str"),
        name=dict(type="str"),
        vm_state=dict(type="str"),
        depth=dict(type="int", default=0),
    ))
    if not 0 <= module.params["depth"] <= 9:
        module.fail("depth must be between 0 and 9, got %d" % module.params["depth"])
    module.run(lambda: servers(module))


if __name__ == "__main__":
    main()
