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

from ansible_collections.ionos.enterprise.plugins.module_utils._errors import AmbiguousNameError, IonosError, ValidationError
from ansible_collections.ionos.enterprise.plugins.module_utils._lookup import element_path, find_by_id, looks_like_id, named

CLUSTERS = "/k8s"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# HH:mm:ss, HH:mm:ssZ or HH:mm:ss"Z": the formats the API documents.
TIME = re.compile(r'^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|"Z")?\Z')
# Names the API accepts for clusters and node pools.
NAME = re.compile(r"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?\Z")
# Kubernetes versions are MAJOR.MINOR.PATCH (1.18.5): anything else is no version the API offers.
VERSION = re.compile(r"^\d+\.\d+\.\d+\Z")
FAILED_STATES = ("FAILED",)
# States in which the API refuses writes but which end by themselves (in ACTIVE or FAILED).
BUSY = ("DEPLOYING", "UPDATING")


def maintenance_window_spec():
    """The option {day_of_the_week, time} of the modules (a fresh dict for each argument spec)."""
    return dict(
        type="dict",
        options=dict(
            day_of_the_week=dict(type="str", required=True, choices=list(DAYS)),
            time=dict(type="str", required=True),
        ),
    )


def auto_scaling_spec():
    """The option {min_node_count, max_node_count} of node pools (a fresh dict for each argument spec)."""
    return dict(
        type="dict",
        options=dict(
            min_node_count=dict(type="int", required=True),
            max_node_count=dict(type="int", required=True),
        ),
    )


def scaling_body(scaling):
    """The API's autoScaling from the option, or None."""
    if not scaling:
        return None
    return {"minNodeCount": scaling["min_node_count"], "maxNodeCount": scaling["max_node_count"]}


def state(resource):
    """metadata.state of a cluster or node pool (None when it has none)."""
    return ((resource or {}).get("metadata") or {}).get("state")


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


def same_time(want, have):
    """03:00:00, 03:00:00Z and 03:00:00"Z" are the same time of day."""
    def plain(value):
        return str(value or "").replace('"', "").rstrip("Z")
    return plain(want) == plain(have)


def same_window(want, have):
    """Whether the API's maintenanceWindow ``have`` is the window ``want`` (the API's form too)."""
    want, have = want or {}, have or {}
    return want.get("dayOfTheWeek") == have.get("dayOfTheWeek") and same_time(want.get("time"), have.get("time"))


def window_body(window):
    """The API's maintenanceWindow from the option, or None."""
    if not window:
        return None
    return {"dayOfTheWeek": window["day_of_the_week"], "time": window["time"]}


def versions(client):
    """The Kubernetes versions the API offers (GET /k8s/versions answers a list)."""
    return list(client.get("/k8s/versions") or [])


def version_format_problem(option, version):
    """Why ``version`` cannot be a Kubernetes version the API offers, said without asking it; or None."""
    if version is not None and not VERSION.match(str(version)):
        return "%s: %r is not a Kubernetes version (MAJOR.MINOR.PATCH, for example 1.18.5)" % (option, version)
    return None


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


def _refused_after_lost_answer(error):
    """The client retries a PUT or DELETE whose answer was lost. If that attempt took effect,
    the resource is UPDATING or DESTROYING by the time the retry arrives and the API refuses
    it (422): the write was made, only its answer is missing."""
    return isinstance(error, ValidationError) and error.may_have_acted


def put(client, path, body, still_to_change):
    """PUT a cluster or node pool; return the resource as the answer (or a read) shows it.

    A refusal after a lost answer stands only if ``still_to_change(resource)``, on the
    resource read again, says the change is not there."""
    try:
        return client.put(path, body).body
    except ValidationError as error:
        if not _refused_after_lost_answer(error):
            raise
        resource = client.get(path)
        if still_to_change(resource):
            raise
        return resource


def delete(client, path):
    """DELETE a cluster or node pool; a refusal after a lost answer stands only if it is not
    DESTROYING (or gone) when read again."""
    try:
        client.delete(path)
    except ValidationError as error:
        if not _refused_after_lost_answer(error):
            raise
        left = client.get_or_none(path)
        if left is not None and state(left) != "DESTROYING":
            raise


def ready(client, resource, path, label, doing, wait, timeout, waits_for=BUSY, accepts=None,
          until=("ACTIVE",), check_mode=False):
    """The cluster or node pool ``resource`` once ``doing`` can be done to it, or an IonosError.

    A state in ``waits_for`` ends by itself: with ``wait`` the resource is polled until its
    state is in ``until`` (FAILED raises unless it is in ``until``), otherwise that is an error.
    Other states are taken as they are, except that when ``accepts`` is given a state not in it
    (nor None) is an error. In check mode nothing is polled: the resource is returned as it is
    when the real run would wait, and the real run's error is raised when it would fail.
    ``doing`` completes "The <label> '<name>' (<id>) is <STATE>; ...", e.g. "it can be changed".
    """
    current = state(resource)
    if current in waits_for:
        if not wait:
            raise IonosError("The %s is %s; %s once it is %s. Run again later, or with wait=true to wait"
                             " for it." % (named(label, resource), current, doing, " or ".join(until)))
        if check_mode:
            return resource
        failed = tuple(s for s in FAILED_STATES if s not in until)
        return client.wait_for_state(path, tuple(until), timeout, failed_states=failed)
    if accepts is not None and current is not None and current not in accepts:
        raise IonosError("The %s is %s; %s only while it is %s."
                         % (named(label, resource), current, doing, " or ".join(accepts)))
    return resource
