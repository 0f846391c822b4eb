#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_pcc_info
short_description: List IONOS private cross-connects
version_added: 0.1.0
description:
  - Returns the private cross-connects (PCCs), all of them or the one with O(id) or those named O(name),
    each with the LANs it connects and the datacenters that can join it.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the PCC with this id.
    type: str
  name:
    description:
      - Only PCCs with exactly this name.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The PCC named backends
  ionos.enterprise.ionos_pcc_info:
    name: backends
  register: result

- name: The datacenters its LANs are in
  ansible.builtin.debug:
    msg: "{{ result.pccs | map(attribute='properties.peers') | flatten | map(attribute='datacenterName') | unique }}"
"""

RETURN = r"""
pccs:
  description:
    - The matching PCCs as the API returns them at depth 0; C([]) when none matches.
    - Their C(properties) are C(name), C(description), C(peers) and C(connectableDatacenters).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5b2d8f3e-7c1a-4e9b-8d6f-2a3c4b5d6e7f
      type: pcc
      properties:
        name: backends
        description: Private traffic between web and db
        peers: []
        connectableDatacenters: [{id: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c, name: web, location: de/fra}]
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def pccs(module):
    params, client = module.params, module.client
    return info_result("pccs", [item for item in _lookup.read_items(client, "/pccs", params["id"])
                                if not params["name"] or item["properties"].get("name") == params["name"]])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
    ))
    module.run(lambda: pccs(module))


if __name__ == "__main__":
    main()
