#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_s3key
short_description: Make sure an IONOS user has S3 keys, activate, deactivate and delete them
version_added: 0.1.0
description:
  - Without O(key_id), makes sure the O(user) has at least O(count) active S3 keys. Keys are
    created only when the user has fewer, so running the task again creates nothing; a new key is
    never created just because the task runs.
  - Inactive keys are not counted, and kept. The API gives every new user one inactive key whose
    secret nobody has seen, so the first run for a new user creates a key (and returns its secret).
  - With O(key_id), manages that one key, which must exist; O(active) activates or deactivates it.
    With O(state=absent), deletes it. Keys are never deleted by guess, so O(state=absent) needs O(key_id).
  - The id of an S3 key is its access key. A user has at most 5 S3 keys.
  - The secret key of an S3 key is shown by the API only once, in the answer to its creation. This
    module returns it, in RV(s3keys[].secret_key), only for keys the task created; for any other key
    it is null. It is never part of the diff, and in check mode nothing is created, so no secret is
    returned.
  - Since the secret key is part of the registered result, put C(no_log=true) on tasks that may create
    a key, and store the secret somewhere safe right away; it cannot be read again.
  - When creating several keys fails part way, the task fails but still returns the keys it did create,
    with their secrets, in RV(s3keys).
  - When the answer to a creation is lost (an HTTP 5xx, a dropped connection, a time-out), the user's keys
    are read before the key is created again. A key that the lost answer made is deleted, with a warning
    naming it, since its secret was only in that answer. The task ends with keys whose secrets it
    returns, never with a key nobody has the secret of, nor with more new keys than were missing.
  - O(wait) waits for the requests of an activation change and of a delete. The API answers the
    creation of a key at once, with the key and its secret, and usually starts no request for it; when it
    does, O(wait) waits for that too.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  user:
    description:
      - The user the keys belong to, by id or by e-mail address (any case). A value that is neither an
        id nor an e-mail address is an error before any call.
    type: str
    required: true
  key_id:
    description:
      - The access key (the id) of one S3 key of the user to manage. It must exist; this module
        cannot choose the access key of a new key.
      - Required with O(state=absent).
    type: str
  count:
    description:
      - Without O(key_id), the number of active S3 keys the user has at least; missing keys are
        created. Keys beyond this number, and inactive keys, are kept. 1 to 5; 1 when not given.
      - A user has at most 5 keys in all, inactive ones included; when O(count) active keys would
        need more, the task fails before any change, naming the inactive keys to activate or delete.
    type: int
  active:
    description:
      - Whether the key O(key_id) is active. Needs O(key_id); new keys are always created active.
    type: bool
  state:
    description:
      - V(present) makes sure the keys exist (and sets O(active)), V(absent) deletes the key O(key_id).
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
- name: Make sure the user has an S3 key (creates one only on the first run)
  ionos.enterprise.ionos_s3key:
    user: backup@example.com
  register: s3
  no_log: true  # the result holds the secret key of a key it creates

- name: Keep the secret of a new key (it is shown only once)
  ansible.builtin.copy:
    dest: ~/.s3-credentials
    mode: "0600"
    content: "{{ item.id }}:{{ item.secret_key }}"
  loop: "{{ s3.s3keys | selectattr('created') | list }}"
  no_log: true

- name: Deactivate a key
  ionos.enterprise.ionos_s3key:
    user: backup@example.com
    key_id: 00e556a9f6cd2b7b5a14
    active: false

- name: Delete it
  ionos.enterprise.ionos_s3key:
    user: backup@example.com
    key_id: 00e556a9f6cd2b7b5a14
    state: absent
"""

RETURN = r"""
s3keys:
  description:
    - Without O(key_id), every S3 key of the user, the ones the task created last.
    - With O(key_id), that key (after a delete, as it was; C([]) when it did not exist).
    - In check mode, the keys as they would be; a key that would be created has C(id) null.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The key's id, which is its access key.
      type: str
      sample: 00e556a9f6cd2b7b5a14
    active:
      description: Whether the key is active.
      type: bool
    created:
      description: Whether this task created the key.
      type: bool
    created_date:
      description: When the key was created.
      type: str
      sample: "2026-11-27T08:00:00Z"
    secret_key:
      description:
        - The secret key, only for a key this task created (C(created=true)); null for any other key.
        - It cannot be read again later. Use C(no_log=true) on the task.
      type: str
diff:
  description: The user's keys (id and active flag) before and after; never a secret key.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _um
from ansible_collections.ionos.enterprise.plugins.module_utils._errors import IonosError, NotFoundError, ParentNotFoundError
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import Deletions, element_path, looks_like_id
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule

MAX_KEYS = 5


def view(key, created=False, secret=None):
    """A key as the result shows it; the secret only for a key this task created."""
    return {
        "id": key.get("id"),
        "active": (key.get("properties") or {}).get("active"),
        "created": created,
        "created_date": (key.get("metadata") or {}).get("createdDate"),
        "secret_key": secret if created else None,
    }


def public(keys):
    """What the diff shows of keys: never a secret."""
    return {"s3keys": [{"id": key["id"], "active": key["active"]} for key in keys]}


class S3KeyModule(IonosModule):

    def keys_path(self):
        """The user's S3 keys' path; a user given by e-mail is looked up (one read)."""
        return element_path(_um.USERS, _um.resolve_user(self.client, self.params["user"])) + "/s3keys"

    def read(self, call):
        """A read of the user's keys; a 404 there means the user (given by id) is missing."""
        return _um.user_read(self.params["user"], call)

    def result(self, changed, keys, before, after):
        result = {"changed": changed, "s3keys": keys}
        if self.module._diff:
            result["diff"] = {"before": public(before), "after": public(after)}
        return result

    # -- without key_id: at least count keys -------------------------------------------

    def ensure_count(self):
        count = self.params["count"] or 1
        try:
            path = self.keys_path()
            have = [view(key) for key in self.read(lambda: self.client.list(path, depth=1))]
        except ParentNotFoundError as error:
            if not (self.check_mode and error.reference):
                raise
            # Check mode: the user an earlier task would create gets its keys with it.
            self.module.warn("%s Check mode assumes that an earlier task creates it; its S3 keys would be created."
                             % error)
            have, path = [], None
        missing = count - len([key for key in have if key["active"]])
        if missing <= 0:
            return self.result(False, have, have, have)
        if len(have) + missing > MAX_KEYS:
            inactive = [key["id"] for key in have if not key["active"]]
            self.fail("count: %s has %d active S3 keys and %d inactive (%s); %d more would make more than the"
                      " %d keys a user can have. Activate an inactive key (key_id, active: true) or delete it"
                      " (key_id, state: absent)." % (self.params["user"], len(have) - len(inactive), len(inactive),
                                                     ", ".join(inactive), missing, MAX_KEYS))
        if self.check_mode:
            planned = [{"id": None, "active": True, "created": True, "created_date": None, "secret_key": None}
                       for unused in range(missing)]
            return self.result(True, have + planned, have, have + planned)
        created, writes = [], []
        for unused in range(missing):
            known = set(key["id"] for key in have + created)
            # No body: the API creates a key and shows its secret once, in this answer.
            try:
                response, unused_found = self.client.post_unless_found(
                    path, None, lookup=lambda: self.delete_keys_of_lost_answers(path, known))
            except IonosError as error:
                if not created:
                    raise
                self.fail_keeping_secrets(error, have, created, missing)
            writes.append(response)
            body = response.body or {}
            created.append(view(body, created=True, secret=(body.get("properties") or {}).get("secretKey")))
        if self.params.get("wait"):
            try:
                self.client.wait_for_requests([w for w in writes if w.request_id], self.params["wait_timeout"])
            except IonosError as error:
                self.fail_keeping_secrets(error, have, created, missing)
        return self.result(True, have + created, have, have + created)

    def fail_keeping_secrets(self, error, have, created, missing):
        """Fail, returning the keys created so far with their secrets: they cannot be read again."""
        self.fail("%s (after creating %d of %d S3 keys, returned in s3keys)" % (error, len(created), missing),
                  failure=error.to_failure(), s3keys=have + created)

    def delete_keys_of_lost_answers(self, path, known):
        """After a create whose answer was lost: delete the keys it may have made (any key
        that is not in ``known``), whose secrets nobody saw, so that the create can be sent
        again. Always None: nothing made by a lost answer is kept."""
        for key in self.client.list(path, depth=0):
            if key["id"] in known:
                continue
            self.module.warn("The answer to the creation of S3 key %s for %s was lost, and with it the key's"
                             " secret: the key was deleted and another one created." % (key["id"], self.params["user"]))
            self.wait_for(self.client.delete(element_path(path, key["id"])))
        return None

    # -- with key_id: one key --------------------------------------------------------

    def current_key(self):
        path = self.keys_path()
        key_path = element_path(path, self.params["key_id"])
        if looks_like_id(self.params["user"]):
            # The key's 404 does not tell a missing user from a missing key: one more read.
            try:
                return key_path, self.client.get(key_path, depth=0)
            except NotFoundError:
                self.read(lambda: self.client.get(element_path(_um.USERS, self.params["user"]), depth=0))
                return key_path, None
        return key_path, self.client.get_or_none(key_path, depth=0)

    def ensure_key(self):
        key_path, key = self.current_key()
        if key is None:
            self.fail("key_id: user %s has no S3 key %r; this module cannot create a key with a chosen"
                      " access key (leave key_id out to create one)." % (self.params["user"], self.params["key_id"]))
        before = view(key)
        want = self.params["active"]
        if want is None or want == before["active"]:
            return self.result(False, [before], [before], [before])
        after = dict(before, active=want)
        if self.check_mode:
            return self.result(True, [after], [before], [after])
        # A PUT replaces every writable attribute; active is the only one an S3 key has.
        self.wait_for(self.client.put(key_path, {"properties": {"active": want}}))
        return self.result(True, [after], [before], [after])

    def ensure_absent(self):
        try:
            key_path, key = self.current_key()
        except ParentNotFoundError:
            return self.result(False, [], [], [])  # the user is gone, and its keys with it
        # A key shows no state: the request list tells whether a DELETE of it is under way.
        deleting = key and Deletions(self.client).request_deleting(key, always=True)
        if deleting and self.params.get("wait") and not self.check_mode:
            self.client.wait_for_request(deleting, self.params["wait_timeout"])
        if key is None or deleting:
            return self.result(False, [], [], [])
        before = view(key)
        if not self.check_mode:
            self.wait_for(self.client.delete(key_path))
        return self.result(True, [before], [before], [])

    def run_state(self):
        if self.params["state"] == "absent":
            self.run(self.ensure_absent)
        elif self.params["key_id"]:
            self.run(self.ensure_key)
        else:
            self.run(self.ensure_count)


def main():
    module = S3KeyModule(
        argument_spec=dict(
            user=dict(type="str", required=True),
            key_id=dict(type="str", no_log=False),
            count=dict(type="int"),
            active=dict(type="bool"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        ),
        wait=True,
        required_if=[["state", "absent", ["key_id"]]],
        required_by={"active": "key_id"},
        mutually_exclusive=[["key_id", "count"]],
    )
    count = module.params["count"]
    if count is not None and not 1 <= count <= MAX_KEYS:
        module.fail("count: a user has 1 to %d S3 keys, got %d" % (MAX_KEYS, count))
    if module.params["state"] == "absent" and module.params["active"] is not None:
        module.fail("active applies to state=present only")
    if not looks_like_id(module.params["user"]):
        problem = _um.email_problem("user", module.params["user"])
        if problem:
            module.fail("%s; give the user's id or e-mail address." % problem)
    module.run_state()


if __name__ == "__main__":
    main()
