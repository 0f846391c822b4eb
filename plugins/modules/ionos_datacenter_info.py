#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_datacenter_info
short_description: List IONOS virtual datacenters
version_added: 0.1.0
description:
  - Returns the datacenters the credentials can see, all of them or those matching
    O(id), O(name) or O(location), with one API call.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the datacenter with this id.
    type: str
  name:
    description:
      - Only datacenters with exactly this name (names are not unique).
    type: str
  location:
    description:
      - Only datacenters in this location, for example V(de/fra).
    type: str
  depth:
    description:
      - How much of each datacenter to return, from V(0) (its properties and references to
        its servers, volumes, load balancers and LANs) to V(9) (everything in it, fully).
    type: int
    default: 0
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every datacenter in Frankfurt
  ionos.enterprise.ionos_datacenter_info:
    location: de/fra
  register: frankfurt

- name: One datacenter with its servers and their NICs
  ionos.enterprise.ionos_datacenter_info:
    name: web
    depth: 3
  register: web

- name: Show the server names
  ansible.builtin.debug:
    msg: "{{ web.datacenters[0].entities.servers['items'] | map(attribute='properties.name') }}"
"""

RETURN = r"""
datacenters:
  description: The matching datacenters as the API returns them; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c
      type: datacenter
      properties: {name: web, description: Web tier, location: de/fra, version: 2, features: [SSD], secAuthProtection: false}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def datacenters(module):
    params, client = module.params, module.client
    items = _lookup.read_items(client, "/datacenters", params["id"], depth=params["depth"])
    return info_result("datacenters", [
        item for item in items
        if (not params["name"] or item["properties"].get("name") == params["name"])
        and (not params["location"] or item["properties"].get("location") == params["location"])
    ])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        location=dict(type="str"),
        depth=dict(type="int", default=0),
    ))
    if not 0 <= module.params["depth"] <= 9:
        module.fail("depth must be between 0 and 9, got %d" % module.params["depth"])
    module.run(lambda: datacenters(module))


if __name__ == "__main__":
    main()
