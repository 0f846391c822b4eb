#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ionos_contract_info
short_description: Read the IONOS contract with its resource limits and usage
version_added: 0.1.0
description:
  - Returns the contract of the account, with its resource limits (cores, RAM, HDD and SSD
    storage, reservable IPs, Kubernetes clusters) and what is provisioned now.
  - The API answers one contract, the one of O(contract_number) when the user has more.
author:
  - IONOS Enterprise collection developers (@ionos-enterprise)
options: {}
extends_documentation_fragment:
  - ionos.enterprise.ionos
  - ionos.enterprise.ionos.info
  - ansible.builtin.action_common_attributes
"""

EXAMPLES = r"""
- name: The contract
  ionos.enterprise.ionos_contract_info:
  register: contract

- name: Cores still free on the contract
  ansible.builtin.debug:
    msg: >-
      {{ contract.contracts[0].properties.resourceLimits.coresPerContract
         - contract.contracts[0].properties.resourceLimits.coresProvisioned }}
"""

RETURN = r"""
contracts:
  description: The contract, as a list of one (the API answers one contract object).
  returned: always
  type: list
  elements: dict
  contains:
    type:
      description: V(contract).
      type: str
    properties:
      description: The contract's properties.
      type: dict
      contains:
        contractNumber:
          description: The contract number.
          type: int
        owner:
          description: The contract owner's user name.
          type: str
        status:
          description: The contract's status, such as V(BILLABLE).
          type: str
        regDomain:
          description: The registration domain.
          type: str
        resourceLimits:
          description:
            - The limits, such as C(coresPerServer), C(coresPerContract), C(ramPerServer),
              C(ramPerContract), C(hddLimitPerVolume), C(hddLimitPerContract),
              C(ssdLimitPerVolume), C(ssdLimitPerContract), C(reservableIps) and
              C(k8sClusterLimitTotal), and the usage, C(coresProvisioned), C(ramProvisioned),
              C(hddVolumeProvisioned), C(ssdVolumeProvisioned), C(reservedIpsOnContract),
              C(reservedIpsInUse) and C(k8sClustersProvisioned).
          type: dict
"""

from ansible_collections.ionos.enterprise.plugins.module_utils._module import IonosModule, info_result


def contracts(module):
    body = module.client.get("/contracts", depth=1) or {}
    # The v5 API answers one contract object; a collection (items) is taken as it is.
    items = body.get("items") if "items" in body else [body]
    return info_result("contracts", [item for item in items if item])


def main():
    module = IonosModule(argument_spec=dict())
    module.run(lambda: contracts(module))


if __name__ == "__main__":
    main()
