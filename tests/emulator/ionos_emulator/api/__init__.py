"""The API handlers, one module per area of the spec; importing this package
registers every route in ``ROUTES``."""

from .base import ROUTES  # noqa: F401
from . import (  # noqa: F401
    info, locations, contracts, datacenters, servers, volumes, nics, firewallrules, lans,
    loadbalancers, images, snapshots, ipblocks, pccs, backupunits, requests_api, um, s3keys,
    k8s, labels,
)
