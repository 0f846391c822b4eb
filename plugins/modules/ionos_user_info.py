#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_user_info
short_description: List the users of an IONOS account with their groups
version_added: 0.1.0
description:
  - Returns the users of the account, all of them or the one with O(email) (whatever its
    case) or O(id), each with the groups it is a member of.
  - Two API calls, whatever the number of users (the users, then their groups).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  email:
    description:
      - Only the user with this e-mail address, compared without regard to case.
    type: str
  id:
    description:
      - Only the user with this id.
    type: str
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every user of the account
  ionos.enterprise.ionos_user_info:
  register: account_users

- name: The administrators
  ansible.builtin.debug:
    msg: "{{ account_users.users | selectattr('properties.administrator') | map(attribute='properties.email') }}"

- name: The groups of one user
  ionos.enterprise.ionos_user_info:
    email: jane.doe@example.com
  register: jane

- name: Their names
  ansible.builtin.debug:
    msg: "{{ jane.users[0].groups | map(attribute='name') }}"
"""

RETURN = r"""
users:
  description: The matching users; C([]) when none matches. Passwords are never returned.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The user's id.
      type: str
    metadata:
      description: C(etag), C(createdDate) and C(lastLogin).
      type: dict
    properties:
      description: C(firstname), C(lastname), C(email), C(administrator), C(forceSecAuth), C(secAuthActive), C(active), C(s3CanonicalUserId).
      type: dict
    groups:
      description: The groups the user is a member of, each with C(id) and C(name).
      type: list
      elements: dict
      sample: [{id: 15f67991-0f51-4efc-a8ad-ef1fb31a480c, name: operators}]
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _um
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import find_by_id
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def users(module):
    params, client = module.params, module.client
    if params["id"]:
        found = find_by_id(client, _um.USERS, params["id"], depth=_um.USERS_DEPTH)
        items = [found] if found else []
    else:
        items = client.list(_um.USERS, depth=_um.USERS_DEPTH)
    if params["email"]:
        found = _um.find_user(client, params["email"], items)
        items = [found] if found else []
    if len(items) == 1:
        # One user: its groups in one small read.
        return info_result("users", [_um.user_view(items[0], _um.read_user_groups(client, items[0]["id"]))])
    groups = client.list(_um.GROUPS, depth=_um.GROUP_DEPTH) if items else []
    return info_result("users", [_um.user_view(item, _um.groups_of(item["id"], groups)) for item in items])


def main():
    module = IonosModule(argument_spec=dict(
        email=dict(type="str"),
        id=dict(type="str"),
    ))
    problem = _um.email_problem("email", module.params["email"])
    if problem:
        module.fail(problem)
    module.run(lambda: users(module))


if __name__ == "__main__":
    main()
