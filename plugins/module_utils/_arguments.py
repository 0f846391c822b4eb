# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the options every module shares.

Mirrored, option by option, by plugins/doc_fragments/ionos.py (CONNECTION and WAIT).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.errors import AnsibleFallbackNotFound


def set_env_fallback(*names):
    """Like Ansible's env_fallback, but a variable set to "" counts as unset: AWX injects
    every field of a credential type, the ones left empty as "" (docs/awx.md)."""
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


def connection_argument_spec():
    return dict(
        api_url=dict(type="str", fallback=(set_env_fallback, ["IONOS_API_URL"])),
        username=dict(type="str", fallback=(set_env_fallback, ["IONOS_USERNAME"])),
        password=dict(type="str", no_log=True, fallback=(set_env_fallback, ["IONOS_PASSWORD"])),
        token=dict(type="str", no_log=True, fallback=(set_env_fallback, ["IONOS_TOKEN"])),
        validate_certs=dict(type="bool", default=True),
        api_timeout=dict(type="int", default=60),
        api_retries=dict(type="int", default=5),
        contract_number=dict(type="int", fallback=(set_env_fallback, ["IONOS_CONTRACT_NUMBER"])),
    )


def wait_argument_spec():
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=600),
    )


def connection_problems(params):
    """What is wrong with the connection options, before any API call."""
    problems = []
    if not params.get("token"):
        if not params.get("username") and not params.get("password"):
            problems.append("no credentials: set username and password, or token"
                            " (or IONOS_USERNAME and IONOS_PASSWORD, or IONOS_TOKEN)")
        elif not params.get("username"):
            problems.append("password is set but username is not (or IONOS_USERNAME)")
        elif not params.get("password"):
            problems.append("username is set but password is not (or IONOS_PASSWORD)")
    url = params.get("api_url")
    if url and not url.startswith(("http://", "https://")):
        problems.append("api_url must start with http:// or https://, got %r" % url)
    if params.get("api_timeout") is not None and params["api_timeout"] < 1:
        problems.append("api_timeout must be at least 1 (seconds)")
    if params.get("api_retries") is not None and params["api_retries"] < 0:
        problems.append("api_retries must be 0 or more")
    if params.get("wait_timeout") is not None and params["wait_timeout"] < 1:
        problems.append("wait_timeout must be at least 1 (seconds)")
    return problems


def client_options(params):
    """The IonosClient keyword arguments from a module's or plugin's options."""
    return dict(
        api_url=params.get("api_url"),
        username=params.get("username"),
        password=params.get("password"),
        token=params.get("token"),
        validate_certs=params.get("validate_certs", True),
        api_timeout=params.get("api_timeout") or 60,
        api_retries=params.get("api_retries") if params.get("api_retries") is not None else 5,
        contract_number=params.get("contract_number"),
    )
