#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_location_info
short_description: List the IONOS locations
version_added: 0.1.0
description:
  - Returns the locations where datacenters can be created, with their features, CPU
    architectures and image aliases, with one API call.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only this location, for example V(de/fra).
    type: str
  region:
    description:
      - Only the locations of this region, for example V(de).
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every location
  ionos.enterprise.ionos_location_info:
  register: all_locations

- name: The image aliases of Frankfurt
  ionos.enterprise.ionos_location_info:
    id: de/fra
  register: fra

- name: Show them
  ansible.builtin.debug:
    msg: "{{ fra.locations[0].properties.imageAliases }}"
"""

RETURN = r"""
locations:
  description: The matching locations; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample:
    - id: de/fra
      type: location
      properties: {name: frankfurt, features: [SSD, MULTIPLE_CPU], imageAliases: ["ubuntu:latest"]}
"""

import re

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import NotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result

LOCATION_ID = re.compile(r"^[a-z]+/[a-z]+$")
REGION_ID = re.compile(r"^[a-z]+$")


def locations(module):
    params, client = module.params, module.client
    if params["id"]:
        found = client.get_or_none("/locations/%s" % params["id"], depth=1)
        return info_result("locations", [found] if found else [])
    path = "/locations/%s" % params["region"] if params["region"] else "/locations"
    try:
        return info_result("locations", client.list(path, depth=1))
    except NotFoundError:  # an unknown region is an empty answer, not a failure
        return info_result("locations", [])


def main():
    module = IonosModule(
        argument_spec=dict(id=dict(type="str"), region=dict(type="str")),
        mutually_exclusive=[["id", "region"]],
    )
    if module.params["id"] and not LOCATION_ID.match(module.params["id"]):
        module.fail("id must look like region/city, for example de/fra; got %r" % module.params["id"])
    if module.params["region"] and not REGION_ID.match(module.params["region"]):
        module.fail("region must be lower-case letters, for example de; got %r" % module.params["region"])
    module.run(lambda: locations(module))


if __name__ == "__main__":
    main()
