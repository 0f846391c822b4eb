#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_group_info
short_description: List the IONOS user management groups with their members
version_added: 0.1.0
description:
  - Returns the groups of the account, all of them or the one with O(id) or those named O(name),
    each with its members and, with O(shares=true), its shares.
  - The groups and their members come from one API call. The shares take one more call per group,
    since the API does not show a share's privileges in the group.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the group with this id.
    type: str
  name:
    description:
      - Only groups with exactly this name.
    type: str
  shares:
    description:
      - Also return each group's shares (the resources shared with it and the edit and share privileges).
    type: bool
    default: false
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every group with its members
  ionos.enterprise.ionos_group_info:
  register: all_groups

- name: The members of operators
  ansible.builtin.debug:
    msg: "{{ (all_groups.groups | selectattr('properties.name', '==', 'operators') | first).members | map(attribute='email') }}"

- name: The group operators with its shares
  ionos.enterprise.ionos_group_info:
    name: operators
    shares: true
  register: operators
"""

RETURN = r"""
groups:
  description:
    - The matching groups as the API returns them at depth 2 (C(entities.users) holds the members,
      C(entities.resources) the resources shared with the group); C([]) when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The group's id.
      type: str
    properties:
      description: C(name) and the privileges (C(createDataCenter), C(createSnapshot), C(reserveIp), C(accessActivityLog),
        C(createPcc), C(s3Privilege), C(createBackupUnit), C(createInternetAccess), C(createK8sCluster)).
      type: dict
    members:
      description: The members, each with C(id) and C(email), sorted by e-mail.
      type: list
      elements: dict
      sample: [{id: 2d4f0a9e-7c1b-4b8e-9b2a-0f3e5d6c7b8a, email: alice@example.com}]
    shares:
      description:
        - The group's shares as the API returns them, each with the C(id) of the shared resource and
          C(properties.editPrivilege) and C(properties.sharePrivilege).
      returned: when O(shares=true)
      type: list
      elements: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def with_members(group):
    members = _um.group_members(group)
    return dict(group, members=sorted(members, key=lambda member: (member["email"] or "", member["id"])))


def groups(module):
    params, client = module.params, module.client
    found = [with_members(group) for group in _lookup.read_items(client, _um.GROUPS, params["id"], depth=_um.GROUP_DEPTH)
             if not params["name"] or (group.get("properties") or {}).get("name") == params["name"]]
    if params["shares"]:
        for group in found:
            group["shares"] = client.list(_lookup.element_path(_um.GROUPS, group["id"]) + "/shares", depth=1)
    return info_result("groups", found)


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        name=dict(type="str"),
        shares=dict(type="bool", default=False),
    ))
    module.run(lambda: groups(module))


if __name__ == "__main__":
    main()
