# -*- coding: utf-8 -*-
# Copyright: ionos.enterprise contributors
# Apache License 2.0 (see LICENSE or https://www.apache.org/licenses/LICENSE-2.0)
"""Private to ionos.enterprise: what the Kubernetes modules share.

Kubernetes resources are not tracked through the API's requests: a write answers at once
and the cluster or node pool moves through metadata.state (DEPLOYING, UPDATING, ACTIVE,
DESTROYING, FAILED), which ``wait_active`` and ``wait_gone`` poll with the client's state
poller. The maintenance window and the Kubernetes version are checked here before any
write, so a wrong one is a clear message rather than a half-made cluster.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import AmbiguousNameError
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import element_path, find_by_id, looks_like_id

CLUSTERS = "/k8s"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# HH:mm:ss, HH:mm:ssZ or HH:mm:ss"Z": the formats the API documents.
TIME = re.compile(r'^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|"Z")?\Z')
# Names the API accepts for clusters and node pools.
NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?\Z")
FAILED_STATES = ("FAILED",)

# The option of the modules: {day_of_the_week, time}.
MAINTENANCE_WINDOW_SPEC = dict(
    type="dict",
    options=dict(
        day_of_the_week=dict(type="str", required=True, choices=list(DAYS)),
        time=dict(type="str", required=True),
    ),
)


def name_problem(option, value):
    if value is not None and not NAME.match(str(value)):
        return ("%s: %r must be 1 to 63 letters, digits, '-', '_' or '.', beginning and ending with a letter"
                " or digit" % (option, value))
    return None


def window_problem(option, window):
    """Why a maintenance window option would be refused, or None."""
    if window and not TIME.match(str(window.get("time"))):
        return ("%s.time: %r is not HH:mm:ss, HH:mm:ssZ or HH:mm:ss\"Z\" (for example 03:00:00)"
                % (option, window.get("time")))
    return None


def window_body(window):
    """The API's maintenanceWindow from the option, or None."""
    if not window:
        return None
    return {"dayOfTheWeek": window["day_of_the_week"], "time": window["time"]}


def versions(client):
    """The Kubernetes versions the API offers (GET /k8s/versions answers a list)."""
    return list(client.get("/k8s/versions") or [])


def version_problem(option, version, offered):
    if version is not None and version not in offered:
        return "%s: Kubernetes %s is not offered; the API offers %s" % (option, version, ", ".join(offered))
    return None


def find_cluster(client, reference, clusters=None, option="name"):
    """The cluster with this id or name, None, or AmbiguousNameError."""
    if looks_like_id(reference):
        return find_by_id(client, CLUSTERS, reference)
    if clusters is None:
        clusters = client.list(CLUSTERS, depth=1)
    matches = [c for c in clusters if (c.get("properties") or {}).get("name") == reference]
    if len(matches) > 1:
        raise AmbiguousNameError("Kubernetes cluster", reference, [c["id"] for c in matches], option=option)
    return matches[0] if matches else None


def cluster_path(cluster_id):
    return element_path(CLUSTERS, cluster_id)


def wait_active(client, path, timeout):
    """Poll a cluster or node pool until it is ACTIVE; return it."""
    return client.wait_for_state(path, ("ACTIVE",), timeout, failed_states=FAILED_STATES)


def wait_gone(client, path, timeout):
    client.wait_for_absence(path, timeout)
