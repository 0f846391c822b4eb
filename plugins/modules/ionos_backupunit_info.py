#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_backupunit_info
short_description: List IONOS backup units and get a backup unit's single sign-on URL
version_added: 0.1.0
description:
  - Returns the backup units of the account, all of them or the one with O(id) or O(name).
  - With O(sso_url=true), also the single sign-on URL of the one backup unit given by O(id) or O(name).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only the backup unit with this id.
    type: str
  name:
    description:
      - Only the backup unit with exactly this name.
    type: str
  sso_url:
    description:
      - Also return the single sign-on URL of the backup unit, in RV(sso_url). Needs O(id) or O(name).
      - The URL carries a login token, so it is sensitive; treat it like a password
        (for instance with C(no_log=true) on the task that registers it).
    type: bool
    default: false
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: Every backup unit of the account
  ionos.enterprise.ionos_backupunit_info:
  register: units

- name: Their names
  ansible.builtin.debug:
    msg: "{{ units.backupunits | map(attribute='properties.name') | list }}"

- name: The single sign-on URL of the backup unit nightly
  ionos.enterprise.ionos_backupunit_info:
    name: nightly
    sso_url: true
  register: nightly
  no_log: true
"""

RETURN = r"""
backupunits:
  description:
    - The matching backup units as the API returns them at depth 0; C([]) when none matches.
    - C(properties.password) is always null, even when the API returns it.
  returned: always
  type: list
  elements: dict
sso_url:
  description:
    - The single sign-on URL of the backup unit; C(null) when no backup unit matched.
    - It carries a login token; keep it out of logs.
  returned: when O(sso_url=true)
  type: str
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result

PATH = "/backupunits"


def without_password(unit):
    """A backup unit as the API returns it, its password null (the API's GET may carry it)."""
    return dict(unit, properties=dict(unit.get("properties") or {}, password=None))


def backupunits(module):
    params, client = module.params, module.client
    units = [item for item in _lookup.read_items(client, PATH, params["id"])
             if not params["name"] or (item.get("properties") or {}).get("name") == params["name"]]
    result = info_result("backupunits", [without_password(unit) for unit in units])
    if params["sso_url"]:
        result["sso_url"] = None
        if len(units) > 1:
            module.fail("sso_url: name %r matches %d backup units: %s; give the id instead."
                        % (params["name"], len(units), ", ".join(unit["id"] for unit in units)))
        if units:
            answer = client.get(_lookup.element_path(PATH, units[0]["id"]) + "/ssourl")
            result["sso_url"] = (answer or {}).get("ssoUrl")
    return result


def main():
    module = IonosModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            sso_url=dict(type="bool", default=False),
        ),
    )
    if module.params["sso_url"] and not (module.params["id"] or module.params["name"]):
        module.fail("sso_url needs one backup unit: set id or name")
    module.run(lambda: backupunits(module))


if __name__ == "__main__":
    main()
