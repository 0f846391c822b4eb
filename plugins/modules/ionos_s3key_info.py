#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_s3key_info
short_description: List the S3 keys of an IONOS user and get the user's S3 single sign-on URL
version_added: 0.1.0
description:
  - Returns the S3 keys of a user, all of them or the one with O(key_id). A secret key is shown only
    once, by M(ionos.enterprise.ionos_s3key) when it creates the key; here C(properties.secretKey) is
    always null, even when the API returns it.
  - With O(sso_url=true), also the user's S3 single sign-on URL.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  user:
    description:
      - The user, by id or by e-mail address (any case). A value that is neither an id nor an
        e-mail address is an error before any call.
    type: str
    required: true
  key_id:
    description:
      - Only the key with this access key (id).
    type: str
  sso_url:
    description:
      - Also return the user's S3 single sign-on URL, in RV(sso_url).
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
- name: The S3 keys of a user
  ionos.enterprise.ionos_s3key_info:
    user: backup@example.com
  register: keys

- name: Their access keys and whether they are active
  ansible.builtin.debug:
    msg: "{{ keys.s3keys | items2dict(key_name='id', value_name='properties') }}"

- name: The user's S3 single sign-on URL
  ionos.enterprise.ionos_s3key_info:
    user: backup@example.com
    sso_url: true
  register: s3_login
  no_log: true
"""

RETURN = r"""
s3keys:
  description:
    - The user's matching S3 keys as the API returns them at depth 0; C([]) when none matches.
    - C(id) is the access key; C(properties.active) whether the key is active; C(properties.secretKey) is always null.
  returned: always
  type: list
  elements: dict
sso_url:
  description:
    - The user's S3 single sign-on URL.
    - It carries a login token; keep it out of logs.
  returned: when O(sso_url=true)
  type: str
"""

from ansible_collections.ionos.enterprise.plugins.module_utils import _um
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import element_path, looks_like_id
from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def without_secret(key):
    """A key as the API returns it, its secret key null (the API's GET may carry it)."""
    return dict(key, properties=dict(key.get("properties") or {}, secretKey=None))


def s3keys(module):
    params, client = module.params, module.client
    user_path = element_path(_um.USERS, _um.resolve_user(client, params["user"]))

    def read():
        if params["key_id"]:
            key = client.get_or_none(element_path(user_path + "/s3keys", params["key_id"]), depth=0)
            if key is None:
                client.get(user_path, depth=0)  # a 404 here: the user is missing, not the key
            keys = [key] if key else []
        else:
            keys = client.list(user_path + "/s3keys", depth=1)
        result = info_result("s3keys", [without_secret(key) for key in keys])
        if params["sso_url"]:
            result["sso_url"] = (client.get(user_path + "/s3ssourl") or {}).get("ssoUrl")
        return result
    return _um.user_read(params["user"], read)


def main():
    module = IonosModule(argument_spec=dict(
        user=dict(type="str", required=True),
        key_id=dict(type="str", no_log=False),
        sso_url=dict(type="bool", default=False),
    ))
    if not looks_like_id(module.params["user"]):
        problem = _um.email_problem("user", module.params["user"])
        if problem:
            module.fail("%s; give the user's id or e-mail address." % problem)
    module.run(lambda: s3keys(module))


if __name__ == "__main__":
    main()
