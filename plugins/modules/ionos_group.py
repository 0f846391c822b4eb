#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_group
short_description: Create, update and delete IONOS user management groups and their members
version_added: 0.1.0
description:
  - Makes sure a group of the account exists with the given privileges and members, or does not exist.
  - A group is found by O(id), or else by O(name); a name shared by two groups is an error
    listing their ids.
  - Only the privileges the task sets are compared; the others keep their current value. The API
    replaces all properties of a group on an update, so the module sends the current values with
    the changes.
  - Members are reconciled from O(users); users not listed stay members unless O(purge_users=true).
  - Shares of resources with a group are managed with M(ionos.enterprise.ionos_share); users
    with M(ionos.enterprise.ionos_user).
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - The id of the group. With O(id), O(name) is the new name to set, not the identity.
    type: str
  name:
    description:
      - The name of the group; its identity when O(id) is not given. Required to create one.
    type: str
  create_datacenter:
    description:
      - Whether members may create datacenters.
    type: bool
  create_snapshot:
    description:
      - Whether members may create snapshots.
    type: bool
  reserve_ip:
    description:
      - Whether members may reserve IP blocks.
    type: bool
  access_activity_log:
    description:
      - Whether members may read the activity log.
    type: bool
  create_pcc:
    description:
      - Whether members may create private cross connects.
    type: bool
  s3_privilege:
    description:
      - Whether members may manage S3 object storage.
    type: bool
  create_backup_unit:
    description:
      - Whether members may create backup units.
    type: bool
  create_internet_access:
    description:
      - Whether members may create internet access.
    type: bool
  create_k8s_cluster:
    description:
      - Whether members may create Kubernetes clusters.
    type: bool
  users:
    description:
      - Users that must be members of the group, each by e-mail (any case) or id. Every one must exist.
      - Not set, the members are left alone.
    type: list
    elements: str
  purge_users:
    description:
      - Remove the members not listed in O(users). With O(users=[]), every member is removed.
      - Needs O(users).
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the group, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.wait
  - ionos.enterprise.ionos.actions
  - ansible.builtin.action_common_attributes
notes:
  - Members are added once the group exists; for a new group with O(users), the module waits for
    the group's creation even with O(wait=false).
"""

EXAMPLES = r"""
- name: Operators may create datacenters and reserve IPs
  ionos.enterprise.ionos_group:
    name: operators
    create_datacenter: true
    reserve_ip: true
    users:
      - alice@example.com
      - bob@example.com

- name: Exactly these members
  ionos.enterprise.ionos_group:
    name: operators
    users:
      - alice@example.com
    purge_users: true

- name: Rename it
  ionos.enterprise.ionos_group:
    id: "{{ operators.group.id }}"
    name: ops

- name: Delete it
  ionos.enterprise.ionos_group:
    name: ops
    state: absent
"""

RETURN = r"""
group:
  description:
    - The group as the API returns it, with its C(members); after a delete, as it was; C(null)
      when there was none. In check mode, the group as it would be (for a create, with C(id) null).
  returned: always
  type: dict
  contains:
    id:
      description: The group's id.
      type: str
    properties:
      description: C(name) and the privileges (C(createDataCenter), C(createSnapshot), C(reserveIp), C(accessActivityLog),
        C(createPcc), C(s3Privilege), C(createBackupUnit), C(createInternetAccess), C(createK8sCluster)).
      type: dict
      sample: {name: operators, createDataCenter: true, createSnapshot: false, reserveIp: true}
    members:
      description:
        - The members, each with C(id) and C(email), sorted by e-mail.
      type: list
      elements: dict
      sample: [{id: 2d4f0a9e-7c1b-4b8e-9b2a-0f3e5d6c7b8a, email: alice@example.com}]
diff:
  description: The managed properties and the members (e-mails) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _lookup, _um
from ansible_collections.ionos.enterprise.plugins.module_utils._module import ResourceModule
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import Prop

# The privileges as options, in the API's order (GroupProperties).
PRIVILEGES = (
    Prop("create_datacenter", api="createDataCenter", kind="bool"),
    Prop("create_snapshot", kind="bool"),
    Prop("reserve_ip", kind="bool"),
    Prop("access_activity_log", kind="bool"),
    Prop("create_pcc", kind="bool"),
    Prop("s3_privilege", kind="bool"),
    Prop("create_backup_unit", kind="bool"),
    Prop("create_internet_access", kind="bool"),
    Prop("create_k8s_cluster", api="createK8sCluster", kind="bool"),
)
# A group read at _um.GROUP_DEPTH holds its users with their e-mails; the groups collection
# read one deeper holds every group so: one read finds a group and its members.


class GroupModule(ResourceModule):
    represent = "group"
    stateless = True
    properties = (Prop("name"),) + PRIVILEGES

    def collection_path(self):
        return _um.GROUPS

    # -- reading ----------------------------------------------------------------------

    groups = None  # the groups list find() read, if it read one

    def find(self):
        if self.params["id"]:
            return _lookup.find_by_id(self.client, _um.GROUPS, self.params["id"], depth=_um.GROUP_DEPTH)
        self.groups = self.client.list(_um.GROUPS, depth=_um.GROUP_DEPTH + 1)
        # By name only: a group may be named like an id.
        return _um.find_group(self.client, self.params["name"], self.groups, by_name=True,
                              deletions=self.deletions)

    def read(self, resource_id):
        return self.client.get(self.element_path(resource_id), depth=_um.GROUP_DEPTH)

    @staticmethod
    def ids(wanted):
        """The user ids of wanted_users(), or None."""
        return None if wanted is None else [user["id"] for user in wanted]

    @staticmethod
    def members(group):
        """{user id: e-mail} of a group read at _um.GROUP_DEPTH."""
        return dict((member["id"], member["email"]) for member in _um.group_members(group))

    def wanted_users(self):
        """[{id, email}] of O(users), or None; every user must exist."""
        references = self.params["users"]
        if references is None:
            return None
        return _um.resolve_users(self.client, references, "users")

    # -- planning ---------------------------------------------------------------------

    def check_name_free(self, group):
        """A new name another group has: the API would refuse the rename (422)."""
        name = self.params["name"]
        groups = self.groups if self.groups is not None else self.client.list(_um.GROUPS, depth=1)
        taken = [other["id"] for other in groups
                 if (other.get("properties") or {}).get("name") == name and other["id"] != group["id"]]
        if taken:
            self.fail("name: another group is named %r already (%s); group names are unique."
                      % (name, ", ".join(taken)))

    def send_update(self, current, changes):
        """The API only updates a group with a PUT, which replaces every property."""
        have = current.get("properties") or {}
        properties = dict((prop.api, have.get(prop.api)) for prop in self.properties)
        properties.update(changes)
        for prop in PRIVILEGES:
            properties[prop.api] = bool(properties[prop.api])
        return self.client.put(self.element_path(current["id"]), {"properties": properties})

    # -- the states -------------------------------------------------------------------

    def ensure_present(self):
        if self.params["purge_users"] and self.params["users"] is None:
            self.fail("purge_users needs users, the members to keep (users=[] removes every member).")
        wanted = self.wanted_users()
        current = self.current()
        if current is None:
            if self.params["id"]:
                self.fail("id: no group with id %s exists; to create one, give its name instead." % self.params["id"])
            return self.create_group(wanted)
        changes = self.update_changes(current)
        if "name" in changes:
            self.check_name_free(current)
        members = self.members(current)
        adds, removes = _um.membership_plan(list(members), self.ids(wanted), self.params["purge_users"])
        if not changes and not adds and not removes:
            return self.group_result(False, current, members, current, members)
        after_members = dict((user_id, email) for user_id, email in members.items() if user_id not in removes)
        after_members.update((user_id, self.email_of(user_id, wanted)) for user_id in adds)
        planned = dict(current, properties=dict(current.get("properties") or {}, **changes))
        if self.check_mode:
            return self.group_result(True, planned, after_members, current, members)
        writes = [self.send_update(current, changes)] if changes else []
        added = _um.write_memberships(self.client, [(current["id"], user_id) for user_id in adds],
                                      [(current["id"], user_id) for user_id in removes])
        self.wait_all(writes + added)
        if self.params["wait"]:
            updated = self.read(current["id"])
            return self.group_result(True, updated, self.members(updated), current, members)
        updated = dict(planned, **writes[0].body) if changes else planned
        return self.group_result(True, updated, after_members, current, members)

    def create_group(self, wanted):
        properties = self.desired_properties()
        adds = _um.membership_plan([], self.ids(wanted) or [], False)[0]
        planned_members = dict((user_id, self.email_of(user_id, wanted)) for user_id in adds)
        # What the API gives a new group for the privileges a create leaves out.
        planned = {"id": None, "type": "group",
                   "properties": dict(dict((prop.api, False) for prop in PRIVILEGES), **properties)}
        if self.check_mode:
            return self.group_result(True, planned, planned_members, None, {})
        response, adopted = self.start_create({"properties": properties}, self.params["name"])
        if adopted is not None:
            # An ambiguous create that turned out to have worked: converge from it.
            adopted = self.read(adopted["id"])
            return self.converge_adopted(adopted, wanted)
        if response.request_id and (adds or self.params["wait"]):
            # Members can only be added to a group that exists.
            self.client.wait_for_request(response, self.params["wait_timeout"])
        group = response.body
        added = _um.write_memberships(self.client, [(group["id"], user_id) for user_id in adds], [])
        self.wait_all(added)
        if self.params["wait"]:
            group = self.read(group["id"])
            return self.group_result(True, group, self.members(group), None, {})
        return self.group_result(True, group, planned_members, None, {})

    def converge_adopted(self, group, wanted):
        members = self.members(group)
        adds = _um.membership_plan(list(members), self.ids(wanted), False)[0]
        added = _um.write_memberships(self.client, [(group["id"], user_id) for user_id in adds], [])
        self.wait_all(added)
        if self.params["wait"] and added:
            group = self.read(group["id"])
            return self.group_result(True, group, self.members(group), None, {})
        members.update((user_id, self.email_of(user_id, wanted)) for user_id in adds)
        return self.group_result(True, group, members, None, {})

    def ensure_absent(self):
        current = self.current()
        if current is None:
            return self.group_result(False, None, {}, None, {})
        members = self.members(current)
        if not self.check_mode:
            self.wait_for(self.client.delete(self.element_path(current["id"])))
        return self.group_result(True, current, members, current, members, gone=True)

    def wait_all(self, responses):
        waiting = [response for response in responses if response.request_id]
        if self.params["wait"] and waiting:
            self.client.wait_for_requests(waiting, self.params["wait_timeout"])

    # -- results ----------------------------------------------------------------------

    @staticmethod
    def email_of(user_id, wanted):
        """The e-mail of a user the task lists (read when it was resolved)."""
        for user in wanted or ():
            if user["id"] == user_id:
                return user["email"]
        return None

    def group_view(self, group, members):
        if group is None:
            return {}
        view = self.view(group)
        view["users"] = sorted(email or user_id for user_id, email in members.items())
        return view

    def group_result(self, changed, group, members, before, before_members, gone=False):
        shown = None
        if group is not None:
            shown = dict(group, members=sorted(({"id": user_id, "email": email} for user_id, email in members.items()),
                                               key=lambda member: (member["email"] or "", member["id"])))
        result = {"changed": changed, "group": shown}
        if self.module._diff:
            result["diff"] = {"before": self.group_view(before, before_members),
                              "after": {} if gone else self.group_view(group, members)}
        return result


def main():
    module = GroupModule(
        argument_spec=dict(
            id=dict(type="str"),
            name=dict(type="str"),
            create_datacenter=dict(type="bool"),
            create_snapshot=dict(type="bool"),
            reserve_ip=dict(type="bool"),
            access_activity_log=dict(type="bool"),
            create_pcc=dict(type="bool"),
            s3_privilege=dict(type="bool"),
            create_backup_unit=dict(type="bool"),
            create_internet_access=dict(type="bool"),
            create_k8s_cluster=dict(type="bool"),
            users=dict(type="list", elements="str"),
            purge_users=dict(type="bool", default=False),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_one_of=[["id", "name"]],
    )
    params = module.params
    problems = [_um.email_problem("users[%d]" % index, reference) for index, reference in enumerate(params["users"] or ())
                if not _lookup.looks_like_id(reference)]
    problems = [problem + ", nor a user id" for problem in problems if problem]
    if params["name"] is not None and not params["name"].strip():
        problems.append("name must not be empty")
    if problems:
        module.fail("; ".join(problems))
    module.run_state()


if __name__ == "__main__":
    main()
