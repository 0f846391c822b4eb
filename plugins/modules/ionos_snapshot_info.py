#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_snapshot_info
short_description: List IONOS volume snapshots
version_added: 0.1.0
description:
  - Returns the snapshots of the account, all of them or those matching O(id), O(name) and
    O(location), with one API call.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the snapshot with this id.
    type: str
  name:
    description:
      - Only snapshots with exactly this name.
    type: str
  location:
    description:
      - Only snapshots in this location, for example V(de/fra)
        (see M(ionos.enterprise.ionos_location_info)).
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
seealso:
  - module: ionos.enterprise.ionos_snapshot
"""

EXAMPLES = r"""
- name: The snapshots in Frankfurt
  ionos.enterprise.ionos_snapshot_info:
    location: de/fra
  register: fra

- name: Their names and sizes
  ansible.builtin.debug:
    msg: "{{ fra.snapshots | map(attribute='properties') | map(attribute='name') }}"

- name: The snapshot named system-before-upgrade
  ionos.enterprise.ionos_snapshot_info:
    name: system-before-upgrade
  register: before_upgrade
"""

RETURN = r"""
snapshots:
  description: The matching snapshots as the API returns them; C([]) when none matches.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 9bb4ad6e-3e0b-4a3f-a1f5-0b1c8d2e4f60
      type: snapshot
      properties: {name: system-before-upgrade, description: Taken before the upgrade, location: de/fra,
                   size: 20.0, licenceType: LINUX, cpuHotPlug: true}
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def matches(params, properties):
    if params["name"] and properties.get("name") != params["name"]:
        return False
    if params["location"] and properties.get("location") != params["location"]:
        return False
    return True


def snapshots(module):
    params, client = module.params, module.client
    items = _lookup.read_items(client, "/snapshots", params["id"])
    return info_result("snapshots", [item for item in items if matches(params, item.get("properties") or {})])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        location=dict(type="str"),
    ))
    module.run(lambda: snapshots(module))


if __name__ == "__main__":
    main()
