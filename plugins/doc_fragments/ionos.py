# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The connection options of every module (plugins/module_utils/_arguments.py).
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - The base URL of the IONOS Cloud API v5.
      - If not set, the environment variable E(IONOS_API_URL) is used, else
        V(https://api.ionos.com/cloudapi/v5).
    type: str
  username:
    description:
      - The IONOS user (an e-mail address) for HTTP Basic authentication, with O(password).
      - If not set, the environment variable E(IONOS_USERNAME) is used.
    type: str
  password:
    description:
      - The password of O(username).
      - If not set, the environment variable E(IONOS_PASSWORD) is used.
    type: str
  token:
    description:
      - An IONOS API token, sent as a Bearer token. When set, it is used instead of
        O(username) and O(password).
      - If not set, the environment variable E(IONOS_TOKEN) is used.
    type: str
  validate_certs:
    description:
      - Whether to check the API's TLS certificate. Turn it off only for a test endpoint.
    type: bool
    default: true
  api_timeout:
    description:
      - Seconds to wait for the API to answer one HTTP call (connect and read).
    type: int
    default: 60
  api_retries:
    description:
      - How many times one call is retried after a rate limit (429, waiting C(Retry-After)
        and up to half as long again, so that tasks refused together do not all return
        together), a 5xx answer, a refused or a broken connection.
      - Between retries without C(Retry-After) the pause doubles, from about 0.5 s up to
        30 s (each between half and all of that), so the default 5 retries span up to about
        15 s and 10 retries about 2.5 minutes; an API restarting is waited for that long, and
        a wrong O(api_url) fails after it.
      - Reads, updates and deletes are retried; a create (POST) is retried only when
        the API cannot have acted on it (429, connection refused). After any other
        create failure the module looks the resource up by name before trying again,
        so it is never created twice.
      - Before any call the module paces itself by the C(X-RateLimit-*) headers of earlier
        answers, shared by the tasks of the same account on this machine through a state
        file in the temp directory, so that a 429 is rare; status polls give way first,
        writes last.
    type: int
    default: 5
  contract_number:
    description:
      - The contract to act on, for users with more than one (header C(X-Contract-Number)).
      - If not set, the environment variable E(IONOS_CONTRACT_NUMBER) is used.
    type: int
notes:
  - The module needs the Python library C(requests) on the host it runs on.
  - All IONOS modules are in the action group C(ionos.enterprise.ionos), so the
    connection options can be set once for a play with
    C(module_defaults) and C(group/ionos.enterprise.ionos).
requirements:
  - requests
"""

    # The wait options of modules that write.
    WAIT = r"""
options:
  wait:
    description:
      - Wait until the API has finished the change (its request is DONE) before
        returning, and return the resource as it is then.
      - With V(false) the task returns as soon as the API has accepted the change; the
        returned resource is then the API's first answer, which repeats what was sent
        rather than the finished resource. Its state is BUSY, properties the API fills in
        later (a server's C(vmState), a NIC's C(mac), a snapshot's C(size)) are C(null), and
        C(entities) lists only the children that were sent. Secrets the answer repeats (an
        image password, SSH keys, a user's or backup unit's password) are masked.
      - A resource whose deletion is already under way (BUSY until its request is DONE, or
        a Kubernetes cluster or node pool DESTROYING) counts as gone; O(state=absent)
        changes nothing and sends nothing, and with O(wait=true) returns once that deletion
        is done. Except for Kubernetes, a name then matches only the resources that stay (a
        create makes a new one), and an id given to any other state fails, saying so.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the API to finish, when O(wait=true).
      - The module polls the request every 0.5 s for its first 4 s, then every eighth of the time
        waited so far (up to 5 s apart), so it returns within 0.5 s of the request being done, or
        within an eighth of the time waited for a longer one. The first poll comes after 0.5 s, or at
        once where the account's last wait found its requests done at its first poll. Three or more
        requests are polled together, with one call per round.
      - When waiting fails (the time is up, or the API cannot be reached any more) after the
        API accepted a write, the task fails with C(changed=true), and C(failure.accepted)
        lists those writes with their request ids (C(failure.request_id) is the last one's);
        they may still take effect. Follow them up with
        M(ionos.enterprise.ionos_request_info) and run the task again; it finds what was made.
    type: int
    default: 600
"""

    # Shared attributes of modules that change resources.
    ACTIONS = r"""
attributes:
  check_mode:
    support: full
    details:
      - Nothing is written; the result says what a real run would change.
      - A parent named by a name that does not exist yet (a datacenter an earlier task
        would create) makes the resource "would be created with it", with a warning, so
        that a whole play can be previewed; a parent given by an id must exist.
  diff_mode:
    support: full
    details: C(before) and C(after) hold the managed properties; secrets are masked.
  platform:
    support: full
    platforms: all
    details: The module talks to the API over HTTPS from wherever it runs.
  action_group:
    description: Use C(group/ionos.enterprise.ionos) in C(module_defaults) to set the shared options once.
    support: full
    membership:
      - ionos.enterprise.ionos
"""

    # Shared attributes of the read-only _info modules.
    INFO = r"""
attributes:
  check_mode:
    support: full
    details: The module only reads.
  diff_mode:
    support: N/A
    details: The module only reads.
  platform:
    support: full
    platforms: all
    details: The module talks to the API over HTTPS from wherever it runs.
  action_group:
    description: Use C(group/ionos.enterprise.ionos) in C(module_defaults) to set the shared options once.
    support: full
    membership:
      - ionos.enterprise.ionos
"""
