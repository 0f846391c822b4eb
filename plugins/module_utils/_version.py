# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: the collection's version, for the User-Agent.

A unit test keeps it equal to galaxy.yml's version.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_VERSION

COLLECTION_VERSION = "0.1.0"


def user_agent():
    return "ansible-collection-ionos-enterprise/%s ansible-core/%s" % (COLLECTION_VERSION, ANSIBLE_VERSION)
