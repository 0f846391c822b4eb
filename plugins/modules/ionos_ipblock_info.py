#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_ipblock_info
short_description: List IONOS IP blocks
version_added: 0.1.0
description:
  - Returns the reserved IP blocks, all of them or the one with O(id), or those named O(name)
    and/or in O(location).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the IP block with this id.
    type: str
  name:
    description:
      - Only IP blocks with exactly this name.
    type: str
  location:
    description:
      - Only IP blocks of this location, for example V(de/fra).
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The IP blocks of Frankfurt
  ionos.enterprise.ionos_ipblock_info:
    location: de/fra
  register: fra_blocks

- name: All their addresses
  ansible.builtin.debug:
    msg: "{{ fra_blocks.ipblocks | map(attribute='properties.ips') | flatten }}"
"""

RETURN = r"""
ipblocks:
  description:
    - The matching IP blocks as the API returns them at depth 0; C([]) when none matches.
    - Their C(properties) are C(name), C(location), C(size), C(ips) and C(ipConsumers).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 8e4c5d2a-1b3f-4a6e-9c7d-0f1e2a3b4c5d
      type: ipblock
      properties: {name: web-public, location: de/fra, size: 2, ips: [85.215.0.10, 85.215.0.11], ipConsumers: []}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def ipblocks(module):
    params, client = module.params, module.client
    items = _lookup.read_items(client, "/ipblocks", params["id"])
    return info_result("ipblocks", [
        item for item in items
        if (not params["name"] or item["properties"].get("name") == params["name"])
        and (not params["location"] or item["properties"].get("location") == params["location"])
    ])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        location=dict(type="str"),
    ))
    module.run(lambda: ipblocks(module))


if __name__ == "__main__":
    main()
