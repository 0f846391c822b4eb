#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_user
short_description: Create, update and delete IONOS users and their group memberships
version_added: 0.1.0
description:
  - Makes sure a user of the account exists with the given properties and group memberships,
    or does not exist.
  - A user is found by O(email), whatever its case; e-mail addresses are unique in an account.
  - Only the options the task sets are compared with the user; the others are left as they are.
  - The API replaces every property of a user when it updates one, so the module sends the
    current values together with the changed ones.
  - The password (O(user_password)) is sent when the user is created. The API never shows a password, so the
    module cannot tell whether an existing user's password differs. With
    O(update_password=always) it sends the password on every run and the task always reports
    C(changed); with O(update_password=on_create) (the default) an existing user's password is
    left alone.
  - The contract owner cannot be deleted and is always an administrator; the API refuses
    both, and the task fails with its message.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  email:
    description:
      - The e-mail address of the user, its identity (compared without regard to case).
    type: str
    required: true
  firstname:
    description:
      - The first name. Required to create a user; never empty.
    type: str
  lastname:
    description:
      - The last name. Required to create a user; never empty.
    type: str
  user_password:
    description:
      - The user's password, 5 to 256 characters. Required to create a user.
      - Sent to an existing user only with O(update_password=always). Never shown.
      - Not to be confused with O(password), the password the module logs in to the API with.
    type: str
  update_password:
    description:
      - V(on_create) sends O(user_password) only when the user is created.
      - V(always) sends it on every run, so the task always reports C(changed) (the API cannot
        tell whether the password differs). Needs O(user_password).
    type: str
    choices: [always, on_create]
    default: on_create
  administrator:
    description:
      - Whether the user is an administrator of the account.
    type: bool
  force_sec_auth:
    description:
      - Whether the user must log in with two-factor authentication.
    type: bool
  active:
    description:
      - Whether the user is active (an inactive user cannot log in).
    type: bool
  groups:
    description:
      - Groups, by name or id, the user must be a member of. Every group must exist; a name
        shared by two groups is an error listing their ids.
      - Groups the user is in but that are not listed are left alone, unless O(purge_groups) is
        set. When O(groups) is not given, the memberships are not touched.
      - For a user created by the task, the memberships are added once the user exists (the
        module then waits for the user even with O(wait=false)).
    type: list
    elements: str
  purge_groups:
    description:
      - Also remove the user from the groups that O(groups) does not list. Needs O(groups)
        (O(groups=[]) removes the user from every group).
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the user, V(absent) deletes it.
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
- name: An operator in two groups
  ionos.enterprise.ionos_user:
    email: jane.doe@example.com
    firstname: Jane
    lastname: Doe
    user_password: "{{ vault_jane_password }}"
    force_sec_auth: true
    groups:
      - operators
      - backup

- name: Only in the group operators (removed from every other group)
  ionos.enterprise.ionos_user:
    email: jane.doe@example.com
    groups: [operators]
    purge_groups: true

- name: Set a new password (reports changed on every run)
  ionos.enterprise.ionos_user:
    email: jane.doe@example.com
    user_password: "{{ vault_jane_new_password }}"
    update_password: always

- name: Delete the user
  ionos.enterprise.ionos_user:
    email: jane.doe@example.com
    state: absent
"""

RETURN = r"""
user:
  description:
    - The user; after a delete, as it was; C(null) when there was none. In check mode, the user
      as it would be (for a create, with C(id) null and the API's defaults for what the task does not set). The password is never returned.
  returned: always
  type: dict
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
      sample: {firstname: Jane, lastname: Doe, email: jane.doe@example.com, administrator: false, forceSecAuth: true, active: true}
    groups:
      description:
        - The groups the user is a member of, each with C(id) and C(name).
      type: list
      elements: dict
      sample: [{id: 15f67991-0f51-4efc-a8ad-ef1fb31a480c, name: operators}]
diff:
  description:
    - The managed properties and the group names before and after.
    - Never the password; when the task sends one (a create, or O(update_password=always)),
      C(after.user_password) is a fixed mask, C(********).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _um
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import ValidationError
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

# What a PUT replaces: sent with their current values when the task does not change them
# (left out, the API would put them back to their defaults).
WRITABLE = ("firstname", "lastname", "email", "administrator", "forceSecAuth", "secAuthActive", "active")
# What the API gives a new user for the properties a create leaves out (check mode shows them).
CREATE_DEFAULTS = {"administrator": False, "forceSecAuth": False, "secAuthActive": False, "active": True}
# Shown in diff.after for a password the task sends; never the password itself.
PASSWORD_MASK = "********"


class EmailProp(Prop):
    """The identity: the same address in another case is the same user."""

    def same(self, want, have):
        return (want or "").lower() == (have or "").lower()


class UserModule(ResourceModule):
    represent = "user"
    stateless = True
    identity = "email"
    properties = (
        EmailProp("email"),
        Prop("firstname"),
        Prop("lastname"),
        Prop("administrator", kind="bool"),
        Prop("force_sec_auth", kind="bool"),
        Prop("active", kind="bool"),
        Prop("user_password", api="password", secret=True),
    )

    def collection_path(self):
        return _um.USERS

    def find(self):
        users = self.client.list(_um.USERS, depth=_um.USERS_DEPTH)
        return _um.find_user(self.client, self.params["email"], users)

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id), depth=_um.USER_DEPTH)

    def missing_for_create(self):
        return [option for option in ("firstname", "lastname", "user_password") if not self.params.get(option)]

    def sends_password(self):
        return self.params["update_password"] == "always" and bool(self.params.get("user_password"))

    def update_changes(self, current):
        changes = super(UserModule, self).update_changes(current)
        if self.sends_password():
            changes["password"] = self.params["user_password"]
        return changes

    def send_update(self, current, changes):
        have = current.get("properties") or {}
        properties = dict((key, have[key]) for key in WRITABLE if have.get(key) is not None)
        properties.update(changes)
        return self.client.put(self.element_path(current["id"]), {"properties": properties})

    def view(self, resource):
        have = (resource or {}).get("properties") or {}
        return dict((prop.option, have.get(prop.api)) for prop in self.properties if not prop.secret)

    # -- groups -----------------------------------------------------------------------

    def groups_read(self, user):
        """(the groups the task lists as [{id, name}], or None; the user's groups as [{id, name}]).

        With O(groups), one groups list read resolves them and tells the user's memberships;
        without, the user's groups are one small read (none for a user still to be created)."""
        references = self.params.get("groups")
        if references is None:
            return None, _um.read_user_groups(self.client, user["id"]) if user else []
        groups = self.client.list(_um.GROUPS, depth=_um.GROUP_DEPTH)
        wanted = _um.resolve_groups(self.client, references, "groups", groups)
        return wanted, _um.groups_of(user["id"], groups) if user else []

    def diff_view(self, user, groups, password=False):
        view = self.view(user)
        view["groups"] = sorted(group["name"] or group["id"] for group in groups)
        if password:
            view["user_password"] = PASSWORD_MASK
        return view

    # -- the states -------------------------------------------------------------------

    def ensure_present(self):
        current = self.current()
        wanted, have_groups = self.groups_read(current)
        if current is None:
            return self.create(wanted)
        changes = self.update_changes(current)
        have = [group["id"] for group in have_groups]
        add, remove = _um.membership_plan(have, None if wanted is None else [g["id"] for g in wanted],
                                          self.params["purge_groups"])
        if not (changes or add or remove):
            return self.done(False, current, have_groups, current, have_groups)
        names = dict((group["id"], group["name"]) for group in (wanted or []) + have_groups)
        after_groups = [group for group in have_groups if group["id"] not in remove] + \
            [{"id": group_id, "name": names.get(group_id)} for group_id in add]
        shown_changes = dict((key, value) for key, value in changes.items() if key != "password")
        planned = dict(current, properties=dict(current.get("properties") or {}, **shown_changes))
        if self.check_mode:
            return self.done(True, planned, after_groups, current, have_groups)
        writes = []
        if changes:
            writes.append(self.send_update(current, changes))
        writes.extend(_um.write_memberships(self.client, [(group_id, current["id"]) for group_id in add],
                                            [(group_id, current["id"]) for group_id in remove]))
        if self.params["wait"]:
            self.client.wait_for_requests([r for r in writes if r.request_id], self.params["wait_timeout"])
            updated = self.read(current["id"])
            return self.done(True, updated, _um.user_groups(updated), current, have_groups)
        return self.done(True, planned, after_groups, current, have_groups)

    def create(self, wanted):
        missing = self.missing_for_create()
        if missing:
            self.fail("%s %s required to create the user %r, which does not exist yet."
                      % (" and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing),
                         "is" if len(missing) == 1 else "are", self.params["email"]))
        names = dict((group["id"], group["name"]) for group in wanted or [])
        wanted = _um.membership_plan([], None if wanted is None else [g["id"] for g in wanted], False)[0]
        planned_groups = [{"id": group_id, "name": names.get(group_id)} for group_id in wanted]
        properties = self.desired_properties()
        if self.check_mode:
            shown = dict(CREATE_DEFAULTS)
            shown.update((key, value) for key, value in properties.items() if key != "password")
            planned = {"id": None, "type": "user", "properties": shown}
            return self.done(True, planned, planned_groups, None, [])
        response, adopted = self.start_create({"properties": properties}, self.params["email"])
        if adopted is not None:
            created = adopted
        else:
            if self.params["wait"] or wanted:
                # Memberships are added to a user that exists.
                self.client.wait_for_request(response, self.params["wait_timeout"])
            created = response.body
        writes = _um.write_memberships(self.client, [(group_id, created["id"]) for group_id in wanted], [])
        if self.params["wait"]:
            self.client.wait_for_requests([r for r in writes if r.request_id], self.params["wait_timeout"])
            created = self.read(created["id"])
            return self.done(True, created, _um.user_groups(created), None, [])
        return self.done(True, created, planned_groups, None, [])

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.result(False, None, {}, {})
        groups = _um.read_user_groups(self.client, current["id"])
        if not self.check_mode:
            try:
                self.wait_for(self.client.delete(self.element_path(current["id"])))
            except ValidationError as error:
                self.fail("The API refused to delete the user %s (%s): %s"
                          % (self.params["email"], current["id"], error), failure=error.to_failure())
        return self.done(True, current, groups, current, groups, deleted=True)

    def done(self, changed, user, groups, before, before_groups, deleted=False):
        result = {"changed": changed, "user": _um.user_view(user, groups)}
        if self.module._diff:
            # A password sent is shown as a fixed mask (never its value), after only: the
            # API cannot tell the old one, and before and after must differ.
            sent = changed and not deleted and (before is None or self.sends_password())
            result["diff"] = {
                "before": self.diff_view(before, before_groups) if before is not None else {},
                "after": {} if deleted else self.diff_view(user, groups, password=sent),
            }
        return result


def main():
    module = UserModule(
        argument_spec=dict(
            email=dict(type="str", required=True),
            firstname=dict(type="str"),
            lastname=dict(type="str"),
            user_password=dict(type="str", no_log=True),
            update_password=dict(type="str", default="on_create", choices=["always", "on_create"], no_log=False),
            administrator=dict(type="bool"),
            force_sec_auth=dict(type="bool"),
            active=dict(type="bool"),
            groups=dict(type="list", elements="str"),
            purge_groups=dict(type="bool", default=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
    )
    params = module.params
    problems = [_um.email_problem("email", params["email"]), _um.password_problem("user_password", params["user_password"])]
    problems.extend("%s must not be empty" % option for option in ("firstname", "lastname")
                    if params[option] is not None and not params[option].strip())
    problems.extend("groups: an empty group name or id" for group in params["groups"] or [] if not group)
    if params["purge_groups"] and params["groups"] is None:
        problems.append("purge_groups needs groups, the groups to keep (groups=[] removes the user from every group)")
    if params["update_password"] == "always" and params["user_password"] is None and params["state"] == "present":
        problems.append("update_password=always needs user_password, the password to send")
    problems = [problem for problem in problems if problem]
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
