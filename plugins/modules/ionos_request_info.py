#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_request_info
short_description: List IONOS API requests and their status
version_added: 0.1.0
description:
  - Every change the API accepts is a request that ends C(DONE) or C(FAILED). This module
    returns one request with its status (O(id)), or the newest requests matching the API's
    filters, with one API call.
  - Useful after a task ran with O(ionos.enterprise.ionos_datacenter#module:wait=false), or to
    find what failed.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options:
  id:
    description:
      - Only this request (the id a module's error names as C(failure.request_id)).
    type: str
  status:
    description:
      - Only requests in this state.
    type: str
    choices: [QUEUED, RUNNING, DONE, FAILED]
  created_after:
    description:
      - Only requests created after this UTC time, written C(YYYY-MM-DD hh:mm:ss).
    type: str
  created_before:
    description:
      - Only requests created before this UTC time, written C(YYYY-MM-DD hh:mm:ss).
    type: str
  created_by:
    description:
      - Only requests of users whose e-mail contains this text.
    type: str
  method:
    description:
      - Only requests with this HTTP method.
    type: str
    choices: [POST, PUT, PATCH, DELETE]
  url:
    description:
      - Only requests whose URL contains this text, for example a datacenter id.
    type: str
  body:
    description:
      - Only requests whose body contains this text.
    type: str
  limit:
    description:
      - At most this many requests, the newest first.
    type: int
    default: 100
  offset:
    description:
      - Skip this many of the newest matching requests.
    type: int
    default: 0
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: What failed today
  ionos.enterprise.ionos_request_info:
    status: FAILED
    created_after: "{{ now(utc=true, fmt='%Y-%m-%d 00:00:00') }}"
  register: failed

- name: One request and its status
  ionos.enterprise.ionos_request_info:
    id: 7e6f1a52-04c1-4a7e-9f3b-2b6a2f0c1d11
  register: one

- name: Show its status
  ansible.builtin.debug:
    msg: "{{ one.request_status.metadata.status }}: {{ one.request_status.metadata.message }}"
"""

RETURN = r"""
requests:
  description:
    - The matching requests, newest first, each with C(properties) (method, url, headers, body)
      and C(metadata.requestStatus); C([]) when none matches.
    - Passwords, secrets and tokens in a request's body are masked.
  returned: always
  type: list
  elements: dict
request_status:
  description: The status of the request O(id) (C(metadata.status) is QUEUED, RUNNING, DONE or FAILED).
  returned: when O(id) is given and the request exists
  type: dict
  sample:
    id: 7e6f1a52-04c1-4a7e-9f3b-2b6a2f0c1d11/status
    type: request-status
    metadata:
      status: DONE
      message: Request has been successfully executed
      targets: [{status: DONE, target: {id: 3f7a5b1e-9a0c-4c3e-8a51-0d4b5f6a7b8c, type: datacenter}}]
"""

import json
import re

from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK

SECRET_KEY = re.compile(r"(?i)password|secret|token")
SECRET_TEXT = re.compile(r'(?i)("[^"]*(?:password|secret|token)[^"]*"\s*:\s*)"[^"]*"')
DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
FILTERS = {
    "status": "filter.status",
    "created_after": "filter.createdAfter",
    "created_before": "filter.createdBefore",
    "created_by": "filter.createdBy",
    "method": "filter.method",
    "url": "filter.url",
    "body": "filter.body",
}


def hide_secrets(request):
    """A request's body as the API keeps it may hold the secrets it was sent (image or
    user passwords, S3 secret keys): mask them before they reach the task's result."""
    properties = (request or {}).get("properties") or {}
    body = properties.get("body")
    if body:
        try:
            properties["body"] = json.dumps(_masked(json.loads(body)))
        except ValueError:
            properties["body"] = SECRET_TEXT.sub(r'\1"%s"' % MASK, body)
    return request


def _masked(value):
    if isinstance(value, dict):
        return dict((key, MASK if SECRET_KEY.search(key) and item is not None else _masked(item))
                    for key, item in value.items())
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def requests(module):
    params, client = module.params, module.client
    if params["id"]:
        found = client.get_or_none("/requests/%s" % params["id"], depth=1)
        if found is None:
            return info_result("requests", [])
        result = info_result("requests", [hide_secrets(found)])
        result["request_status"] = found.get("metadata", {}).get("requestStatus")
        return result
    query = dict((FILTERS[option], params[option]) for option in FILTERS if params[option])
    query.update(offset=params["offset"], limit=params["limit"])
    # Depth 2: each request with its status (QUEUED ... DONE, message, targets).
    page = client.get("/requests", depth=2, params=query)
    return info_result("requests", [hide_secrets(item) for item in page.get("items") or []])


def main():
    module = IonosModule(argument_spec=dict(
        id=dict(type="str"),
        status=dict(type="str", choices=["QUEUED", "RUNNING", "DONE", "FAILED"]),
        created_after=dict(type="str"),
        created_before=dict(type="str"),
        created_by=dict(type="str"),
        method=dict(type="str", choices=["POST", "PUT", "PATCH", "DELETE"]),
        url=dict(type="str"),
        body=dict(type="str"),
        limit=dict(type="int", default=100),
        offset=dict(type="int", default=0),
    ))
    params = module.params
    for option in ("created_after", "created_before"):
        if params[option] and not DATE.match(params[option]):
            module.fail("%s must be written YYYY-MM-DD hh:mm:ss (UTC), got %r" % (option, params[option]))
    if params["limit"] < 1 or params["offset"] < 0:
        module.fail("limit must be at least 1 and offset at least 0")
    module.run(lambda: requests(module))


if __name__ == "__main__":
    main()
