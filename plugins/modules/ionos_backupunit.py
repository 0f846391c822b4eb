#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_backupunit
short_description: Create, update and delete IONOS backup units
version_added: 0.1.0
description:
  - Makes sure a backup unit exists with the given e-mail address and password, or does not exist.
  - A backup unit is found by O(id), or else by O(name); backup unit names are unique in an account.
    Running the task again finds the unit it created and changes nothing.
  - Changes are sent with one PATCH that holds only what differs.
  - The API never shows a backup unit's password, so the module cannot tell whether it differs.
    By default (O(update_password=on_create)) O(backupunit_password) is sent only when the unit is created.
    With O(update_password=always) it is sent on every run, and the task then always reports
    C(changed).
  - The single sign-on URL of a backup unit is available from M(ionos.enterprise.ionos_backupunit_info).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the backup unit. With O(id), O(name) is a property to set (a rename), not the identity.
    type: str
  name:
    description:
      - The name of the backup unit, letters and digits only (at most 64); its identity when O(id) is not given.
        Required to create one.
    type: str
  email:
    description:
      - The e-mail address of the backup unit; it need not be that of a user. Required to create one.
    type: str
  backupunit_password:
    description:
      - The password of the backup unit, 5 to 256 characters. Required to create one.
      - Sent when the unit is created, and afterwards only with O(update_password=always).
      - Never shown in results or diffs.
      - Not to be confused with O(password), the password the module logs in to the API with.
    type: str
  update_password:
    description:
      - V(on_create) sends O(backupunit_password) only when the backup unit is created.
      - V(always) sends it on every run; as the API never reads a password back, the task then always
        reports C(changed). V(always) needs O(backupunit_password).
    type: str
    choices: [always, on_create]
    default: on_create
  state:
    description:
      - V(present) creates or updates the backup unit, V(absent) deletes it.
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
- name: A backup unit
  ionos.enterprise.ionos_backupunit:
    name: nightly
    email: backup@example.com
    backupunit_password: "{{ vault_backup_password }}"

- name: A new password for it (reports changed on every run)
  ionos.enterprise.ionos_backupunit:
    name: nightly
    backupunit_password: "{{ vault_new_backup_password }}"
    update_password: always

- name: Delete it
  ionos.enterprise.ionos_backupunit:
    name: nightly
    state: absent
"""

RETURN = r"""
backupunit:
  description:
    - The backup unit as the API returns it at depth 0; after a delete, as it was; C(null) when there
      was none. In check mode, the backup unit as it would be (for a create, with C(id) null).
    - The password is never shown.
  returned: always
  type: dict
  contains:
    id:
      description: The backup unit's id.
      type: str
    properties:
      description: C(name), C(email) and C(password) (always null or masked).
      type: dict
      sample: {name: nightly, email: backup@example.com, password: null}
diff:
  description: The managed properties before and after; a password that is sent shows masked.
  returned: when diff mode is on
  type: dict
"""

import re

from ansible_collections.ionos.enterprise.plugins.module_utils import _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK, Prop

NAME = re.compile(r"^[A-Za-z0-9]{1,64}\Z")


class BackupUnitModule(ResourceModule):
    represent = "backupunit"
    label = "backup unit"
    properties = (
        Prop("name"),
        Prop("email"),
        Prop("backupunit_password", api="password", secret=True),
    )

    def collection_path(self):
        return "/backupunits"

    def missing_for_create(self):
        return [option for option in ("name", "email", "backupunit_password") if not self.params.get(option)]

    # Whether the task sends the password: the diff then shows it (masked) as set, though
    # the API reads it back as null.
    password_sent = False

    def create(self):
        self.password_sent = True
        return super(BackupUnitModule, self).create()

    def update_changes(self, current):
        changes = super(BackupUnitModule, self).update_changes(current)
        if self.params["update_password"] == "always" and self.params["backupunit_password"] is not None:
            changes["password"] = self.params["backupunit_password"]
            self.password_sent = True
        return changes

    def result(self, changed, resource, before, after):
        properties = (resource or {}).get("properties") or {}
        if properties.get("password") is not None:
            resource = dict(resource, properties=dict(properties, password=MASK))
        if self.password_sent and after:
            after = dict(after, backupunit_password=MASK)
        return super(BackupUnitModule, self).result(changed, resource, before, after)


def main():
    module = BackupUnitModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            email=dict(type="str"),
            backupunit_password=dict(type="str", no_log=True),
            update_password=dict(type="str", default="on_create", choices=["always", "on_create"], no_log=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
        required_if=[["update_password", "always", ["backupunit_password"]]],
    )
    params = module.params
    problems = []
    if params["name"] is not None and not NAME.match(params["name"]):
        problems.append("name: %r is not a backup unit name (1 to 64 letters and digits, nothing else)"
                        % params["name"])
    problems.append(_um.email_problem("email", params["email"]))
    problems.append(_um.password_problem("backupunit_password", params["backupunit_password"]))
    problems = [problem for problem in problems if problem]
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
