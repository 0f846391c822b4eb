"""Managed Kubernetes: clusters, node pools, nodes, kubeconfig and versions.

These are not tracked through requests: a write answers 202 (a cluster PUT
200) without a Location, and clients poll ``metadata.state``: DEPLOYING or
UPDATING -> ACTIVE, DESTROYING -> gone (404), on the Kubernetes delay.
"""

import base64
import re
import secrets

from ..catalog import K8S_DEFAULT, K8S_VERSIONS
from ..errors import invalid, not_found
from ..network import public_ip
from ..store import Res, iso, new_id
from ..validate import as_dict, as_enum, as_int, as_ipv4, as_list, as_str
from .base import Reply, route
from .cleanup import forget
from .fields import CREATE, RO, F, build, put

NAME = re.compile(r"^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$")
TIME = re.compile(r'^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|"Z")?$')
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def k8s_name(value, name):
    value = as_str(value, name)
    if not NAME.fullmatch(value):
        raise invalid(f"Attribute '{name}' must be 63 characters or less, begin and end with a letter or digit and "
                      f"contain only letters, digits, '-', '_' and '.': {value!r}")
    return value


def version(value, name):
    if value not in K8S_VERSIONS:
        raise invalid(f"Attribute '{name}': Kubernetes version {value!r} is not available; "
                      f"available versions are {', '.join(K8S_VERSIONS)}")
    return value


def window(value, name):
    value = as_dict(value, name)
    unknown = set(value) - {"dayOfTheWeek", "time"}
    if unknown or "dayOfTheWeek" not in value or "time" not in value:
        raise invalid(f"Attribute '{name}' takes exactly 'dayOfTheWeek' and 'time'")
    as_enum(value["dayOfTheWeek"], f"{name}.dayOfTheWeek", DAYS)
    if not isinstance(value["time"], str) or not TIME.fullmatch(value["time"]):
        raise invalid(f"Attribute '{name}.time' must look like HH:mm:ss, HH:mm:ssZ or HH:mm:ss\"Z\", "
                      f"got {value['time']!r}")
    return {"dayOfTheWeek": value["dayOfTheWeek"], "time": value["time"]}


def string_map(value, name):
    value = as_dict(value, name)
    for key, item in value.items():
        if not isinstance(item, str):
            raise invalid(f"Attribute '{name}' maps names to strings; {key!r} is {item!r}")
    return dict(value)


def autoscaling(value, name):
    value = as_dict(value, name)
    if set(value) - {"minNodeCount", "maxNodeCount"} or "minNodeCount" not in value or "maxNodeCount" not in value:
        raise invalid(f"Attribute '{name}' needs 'minNodeCount' and 'maxNodeCount' together")
    low = as_int(value["minNodeCount"], f"{name}.minNodeCount", 1)
    high = as_int(value["maxNodeCount"], f"{name}.maxNodeCount", 1)
    if low > high:
        raise invalid(f"Attribute '{name}.minNodeCount' ({low}) must not be greater than maxNodeCount ({high})")
    return {"minNodeCount": low, "maxNodeCount": high}


def lan_list(value, name):
    out = []
    for item in as_list(value, name):
        item = as_dict(item, name)
        if set(item) != {"id"}:
            raise invalid(f"Every entry of '{name}' is an object with just an 'id'")
        out.append({"id": as_int(item["id"], f"{name}.id", 1)})
    return out


def ram_size(value, name):
    value = as_int(value, name, 2048)
    if value % 1024:
        raise invalid(f"Attribute '{name}' must be a multiple of 1024 MB, got {value}")
    return value


def storage_size(value, name):
    value = as_int(value, name)
    if value <= 10:
        raise invalid(f"Attribute '{name}' must be greater than 10 GB, got {value}")
    return value


CLUSTER_FIELDS = {
    "name": F(k8s_name, required=True, nullable=False),
    "k8sVersion": F(version),
    "maintenanceWindow": F(window),
    "availableUpgradeVersions": F(mode=RO),
    "viableNodePoolVersions": F(mode=RO),
}
POOL_FIELDS = {
    "name": F(k8s_name, mode=CREATE, required=True),
    "datacenterId": F(as_str, mode=CREATE, required=True),
    "nodeCount": F(lambda v, n: as_int(v, n, 1, 100), required=True, nullable=False),
    "cpuFamily": F(as_str, mode=CREATE, required=True),
    "coresCount": F(lambda v, n: as_int(v, n, 1, 62), mode=CREATE, required=True),
    "ramSize": F(ram_size, mode=CREATE, required=True),
    "availabilityZone": F(lambda v, n: as_enum(v, n, ("AUTO", "ZONE_1", "ZONE_2")), mode=CREATE, required=True),
    "storageType": F(lambda v, n: as_enum(v, n, ("HDD", "SSD")), mode=CREATE, required=True),
    "storageSize": F(storage_size, mode=CREATE, required=True),
    "k8sVersion": F(version),
    "maintenanceWindow": F(window),
    "autoScaling": F(autoscaling),
    "lans": F(lan_list, default=list),
    "labels": F(string_map, default=dict),
    "annotations": F(string_map, default=dict),
    "publicIps": F(lambda v, n: [as_ipv4(ip, n) for ip in as_list(v, n)], default=list),
    "availableUpgradeVersions": F(mode=RO),
}


def _minor(v):
    major, minor, patch_level = (int(x) for x in v.split("."))
    return major, minor


def viable_pool_versions(cluster_version):
    """Node pools may run the cluster's minor version or the one before it,
    never newer than the cluster."""
    major, minor = _minor(cluster_version)
    return [v for v in K8S_VERSIONS if _minor(v) in ((major, minor), (major, minor - 1))
            and tuple(map(int, v.split("."))) <= tuple(map(int, cluster_version.split(".")))]


def upgrade_versions(current):
    major, minor = _minor(current)
    now = tuple(map(int, current.split(".")))
    return [v for v in K8S_VERSIONS if tuple(map(int, v.split("."))) > now and _minor(v)[1] <= minor + 1
            and _minor(v)[0] == major]


def default_window(res_id):
    seed = int(res_id.replace("-", "")[:8], 16)
    return {"dayOfTheWeek": DAYS[seed % 7], "time": f"{seed % 24:02d}:{(seed // 24) % 4 * 15:02d}:00Z"}


def delay(ctx):
    return ctx.settings.effective_k8s_delay


def transition(ctx, res, state):
    """Show ``state`` for the Kubernetes delay, then the final state."""
    ctx.store.modify(res)
    d = delay(ctx)
    res.timeline = [(ctx.t + d, state)] if d > 0 else []


def showing(ctx, res, state):
    """The answer to a write: the resource in the state the write put it in,
    even when the emulator has no delay and it is already past it."""
    body = ctx.r.element(res, 0, ctx.t)
    return dict(body, metadata=dict(body["metadata"], state=state))


def _cluster(ctx):
    cluster = ctx.store.get("k8s", ctx.params["k8sClusterId"])
    if cluster.ext.get("gone_at") is not None and cluster.ext["gone_at"] <= ctx.t:
        raise not_found()
    return cluster


def require_state(ctx, res, allowed, what):
    state = res.state(ctx.t)
    if state not in allowed:
        raise invalid(f"The {what} {res.id} is {state}; try again when it is {' or '.join(allowed)}")


def kubeconfig(cluster):
    ca = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nemulator\n-----END CERTIFICATE-----\n").decode()
    name = cluster.props["name"]
    return (
        "apiVersion: v1\nkind: Config\n"
        f"clusters:\n- cluster:\n    certificate-authority-data: {ca}\n"
        f"    server: https://{cluster.id}.k8s.emulator.invalid:443\n  name: cluster-{name}\n"
        f"contexts:\n- context:\n    cluster: cluster-{name}\n    user: cluster-admin\n  name: cluster-admin@{name}\n"
        f"current-context: cluster-admin@{name}\npreferences: {{}}\n"
        f"users:\n- name: cluster-admin\n  user:\n    token: {cluster.ext['token']}\n"
    )


# -- versions ---------------------------------------------------------------

@route("GET", "/k8s/versions")
def versions(ctx):
    return Reply(200, body=list(K8S_VERSIONS))


@route("GET", "/k8s/versions/default")
def default_version(ctx):
    return Reply(200, body=K8S_DEFAULT)


@route("GET", "/k8s/versions/{clusterVersion}/compatibilities")
def compatibilities(ctx):
    cluster_version = ctx.params["clusterVersion"]
    if cluster_version not in K8S_VERSIONS:
        raise not_found(f"Kubernetes version {cluster_version}")
    return Reply(200, body=viable_pool_versions(cluster_version))


# -- clusters ---------------------------------------------------------------

def _set_versions(cluster):
    cluster.props["availableUpgradeVersions"] = upgrade_versions(cluster.props["k8sVersion"])
    cluster.props["viableNodePoolVersions"] = viable_pool_versions(cluster.props["k8sVersion"])


@route("GET", "/k8s")
def list_clusters(ctx):
    return ctx.listing("k8s", "/k8s", ctx.store.all("k8s"))


@route("POST", "/k8s")
def create_cluster(ctx):
    values = build(CLUSTER_FIELDS, ctx.properties(), "Kubernetes cluster")
    cid = new_id()
    values["k8sVersion"] = values["k8sVersion"] or K8S_DEFAULT
    values["maintenanceWindow"] = values["maintenanceWindow"] or default_window(cid)
    cluster = Res("k8s", cid, f"/k8s/{cid}", values, ctx.new_meta(),
                  {"nodepools": [], "token": secrets.token_hex(32)}, final_state="ACTIVE")
    ctx.emu.secrets.add(cluster.ext["token"])
    _set_versions(cluster)
    ctx.store.insert(cluster)
    transition(ctx, cluster, "DEPLOYING")
    return Reply(202, render=lambda: showing(ctx, cluster, "DEPLOYING"))


@route("GET", "/k8s/{k8sClusterId}")
def get_cluster(ctx):
    return ctx.ok(_cluster(ctx))


@route("PUT", "/k8s/{k8sClusterId}")
def update_cluster(ctx):
    cluster = _cluster(ctx)
    require_state(ctx, cluster, ("ACTIVE",), "Kubernetes cluster")
    values = put(CLUSTER_FIELDS, cluster.props, ctx.properties(), "Kubernetes cluster")
    for key in ("availableUpgradeVersions", "viableNodePoolVersions"):
        values.pop(key, None)
    if values.get("k8sVersion") is None:
        values["k8sVersion"] = cluster.props["k8sVersion"]
    if values.get("maintenanceWindow") is None:
        values["maintenanceWindow"] = cluster.props["maintenanceWindow"]
    upgrading = values["k8sVersion"] != cluster.props["k8sVersion"]
    if upgrading and values["k8sVersion"] not in cluster.props["availableUpgradeVersions"]:
        raise invalid(f"Attribute 'k8sVersion': the cluster cannot move from {cluster.props['k8sVersion']} to "
                      f"{values['k8sVersion']}; upgrades available: {', '.join(cluster.props['availableUpgradeVersions']) or 'none'}")
    ctx.touch(cluster).props.update(values)
    _set_versions(cluster)
    if upgrading:
        transition(ctx, cluster, "UPDATING")
    return Reply(200, render=lambda: ctx.r.element(cluster, 0, ctx.t))


@route("DELETE", "/k8s/{k8sClusterId}")
def delete_cluster(ctx):
    cluster = _cluster(ctx)
    if cluster.ext["nodepools"]:
        raise invalid(f"The Kubernetes cluster {cluster.id} still has {len(cluster.ext['nodepools'])} node pool(s); "
                      "delete them first")
    require_state(ctx, cluster, ("ACTIVE", "FAILED"), "Kubernetes cluster")
    destroy(ctx, cluster)
    return Reply(202)


@route("GET", "/k8s/{k8sClusterId}/kubeconfig")
def get_kubeconfig(ctx):
    cluster = _cluster(ctx)
    if cluster.state(ctx.t) == "DEPLOYING":
        raise invalid(f"The kubeconfig of cluster {cluster.id} is available once the cluster is ACTIVE")
    return Reply(200, body={"id": cluster.id, "type": "kubeconfig", "href": f"{ctx.r.base}{cluster.path}/kubeconfig",
                            "properties": {"kubeconfig": kubeconfig(cluster)}})


def destroy(ctx, res):
    """DESTROYING for the delay, then gone (at once when there is no delay)."""
    d = delay(ctx)
    if d <= 0:
        remove_k8s(ctx.store, res)
        return
    transition(ctx, res, "DESTROYING")
    res.final_state = "DESTROYING"
    ctx.store.schedule_removal(res, ctx.t + d)
    for node_id in res.ext.get("nodes", ()):
        node = ctx.store.find("node", node_id)
        if node is not None:
            transition(ctx, node, "TERMINATING")
            node.final_state = "TERMINATING"


def remove_k8s(store, res):
    """Remove a cluster, node pool or node for good."""
    if res.kind == "k8s":
        forget(store, res)
    if res.kind == "nodepool":
        for node_id in res.ext["nodes"]:
            node = store.find("node", node_id)
            if node is not None:
                store.remove(node)
        cluster = store.find("k8s", res.ext["cluster"])
        if cluster is not None and res.id in cluster.ext["nodepools"]:
            store.modify(cluster).ext["nodepools"].remove(res.id)
    store.remove(res)


CASCADES = {"k8s": remove_k8s, "nodepool": remove_k8s}


# -- node pools --------------------------------------------------------------

def _pool(ctx, cluster):
    pool_id = ctx.params["nodepoolId"]
    if pool_id not in cluster.ext["nodepools"]:
        raise not_found()
    return ctx.store.get("nodepool", pool_id)


def new_node(ctx, pool):
    nid = new_id()
    dc = ctx.store.get("datacenter", pool.props["datacenterId"])
    suffix = secrets.token_hex(3)[:5]
    node = Res("node", nid, f"{pool.path}/nodes/{nid}", {
        "name": f"{pool.props['name']}-{suffix}", "publicIP": public_ip(ctx.store, dc.props["location"]),
        "k8sVersion": pool.props["k8sVersion"],
    }, {"etag": secrets.token_hex(16), "createdDate": iso(ctx.t), "lastModifiedDate": iso(ctx.t),
        "lastSoftwareUpdatedDate": None},
        {"cluster": pool.ext["cluster"], "nodepool": pool.id}, final_state="READY")
    ctx.store.insert(node)
    transition(ctx, node, "PROVISIONING")
    pool.ext["nodes"].append(nid)
    return node


def resize(ctx, pool, count):
    ctx.store.modify(pool)
    while len(pool.ext["nodes"]) < count:
        new_node(ctx, pool)
    while len(pool.ext["nodes"]) > count:
        node = ctx.store.find("node", pool.ext["nodes"].pop())
        if node is not None:
            ctx.store.remove(node)


def check_pool(ctx, cluster, values, pool=None):
    dc = ctx.store.find("datacenter", values["datacenterId"])
    if dc is None:
        raise invalid(f"Attribute 'datacenterId': datacenter {values['datacenterId']} does not exist")
    families = ctx.store.get("location", dc.props["location"]).ext["cpuFamilies"]
    if values["cpuFamily"] not in families:
        raise invalid(f"Attribute 'cpuFamily': {values['cpuFamily']} is not available in {dc.props['location']}; "
                      f"choose one of {', '.join(families)}")
    if values["k8sVersion"] not in cluster.props["viableNodePoolVersions"]:
        raise invalid(f"Attribute 'k8sVersion': {values['k8sVersion']} cannot run in a cluster of version "
                      f"{cluster.props['k8sVersion']}; viable: {', '.join(cluster.props['viableNodePoolVersions'])}")
    scaling = values.get("autoScaling")
    if scaling and not scaling["minNodeCount"] <= values["nodeCount"] <= scaling["maxNodeCount"]:
        raise invalid(f"Attribute 'nodeCount' ({values['nodeCount']}) must be between autoScaling.minNodeCount "
                      f"({scaling['minNodeCount']}) and autoScaling.maxNodeCount ({scaling['maxNodeCount']})")
    for lan in values["lans"]:
        found = ctx.store.find("lan", f"{dc.id}/{lan['id']}")
        if found is None:
            raise invalid(f"Attribute 'lans': LAN {lan['id']} does not exist in datacenter {dc.id}")
        if found.props["public"]:
            raise invalid(f"Attribute 'lans': LAN {lan['id']} is public; node pools join private LANs")
    if values["publicIps"]:
        from .nics import reserved_ips
        wanted = (scaling["maxNodeCount"] if scaling else values["nodeCount"]) + 1
        if len(values["publicIps"]) != wanted:
            raise invalid(f"Attribute 'publicIps' must list {wanted} IPs (one more than the most nodes the pool can have)")
        reserved = reserved_ips(ctx.store, dc.props["location"])
        for ip in values["publicIps"]:
            if ip not in reserved:
                raise invalid(f"Attribute 'publicIps': {ip} is not part of a reserved IP block in {dc.props['location']}")
    for other_id in cluster.ext["nodepools"]:
        other = ctx.store.find("nodepool", other_id)
        if other is not None and other.id != (pool.id if pool else None) and other.props["name"] == values["name"]:
            raise invalid(f"A node pool named {values['name']!r} already exists in cluster {cluster.id}")


@route("GET", "/k8s/{k8sClusterId}/nodepools")
def list_pools(ctx):
    cluster = _cluster(ctx)
    pools = [ctx.store.get("nodepool", p) for p in cluster.ext["nodepools"]]
    return ctx.listing(f"{cluster.id}/nodepools", f"{cluster.path}/nodepools", pools)


@route("POST", "/k8s/{k8sClusterId}/nodepools")
def create_pool(ctx):
    cluster = _cluster(ctx)
    require_state(ctx, cluster, ("ACTIVE",), "Kubernetes cluster")
    values = build(POOL_FIELDS, ctx.properties(), "node pool")
    values["k8sVersion"] = values["k8sVersion"] or cluster.props["k8sVersion"]
    check_pool(ctx, cluster, values)
    pid = new_id()
    values["maintenanceWindow"] = values["maintenanceWindow"] or default_window(pid)
    values["availableUpgradeVersions"] = upgrade_versions(values["k8sVersion"])
    pool = Res("nodepool", pid, f"{cluster.path}/nodepools/{pid}", values, ctx.new_meta(),
               {"cluster": cluster.id, "nodes": []}, final_state="ACTIVE")
    ctx.store.insert(pool)
    ctx.store.modify(cluster).ext["nodepools"].append(pid)
    transition(ctx, pool, "DEPLOYING")
    resize(ctx, pool, values["nodeCount"])
    return Reply(202, render=lambda: showing(ctx, pool, "DEPLOYING"))


@route("GET", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}")
def get_pool(ctx):
    return ctx.ok(_pool(ctx, _cluster(ctx)))


@route("PUT", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}")
def update_pool(ctx):
    cluster = _cluster(ctx)
    pool = _pool(ctx, cluster)
    require_state(ctx, pool, ("ACTIVE",), "node pool")
    values = put(POOL_FIELDS, pool.props, ctx.properties(), "node pool")
    values.pop("availableUpgradeVersions", None)
    for key in ("k8sVersion", "maintenanceWindow"):
        if values.get(key) is None:
            values[key] = pool.props[key]
    merged = {**pool.props, **values}
    check_pool(ctx, cluster, merged, pool)
    ctx.touch(pool).props.update(values)
    pool.props["availableUpgradeVersions"] = upgrade_versions(pool.props["k8sVersion"])
    transition(ctx, pool, "UPDATING")
    resize(ctx, pool, pool.props["nodeCount"])
    for node_id in pool.ext["nodes"]:
        node = ctx.store.get("node", node_id)
        if node.props["k8sVersion"] != pool.props["k8sVersion"]:
            ctx.store.modify(node).props["k8sVersion"] = pool.props["k8sVersion"]
            transition(ctx, node, "REBUILDING")
    return Reply(202, render=lambda: showing(ctx, pool, "UPDATING"))


@route("DELETE", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}")
def delete_pool(ctx):
    cluster = _cluster(ctx)
    pool = _pool(ctx, cluster)
    require_state(ctx, pool, ("ACTIVE", "FAILED"), "node pool")
    destroy(ctx, pool)
    return Reply(202)


# -- nodes -------------------------------------------------------------------

def _node(ctx, pool):
    node_id = ctx.params["nodeId"]
    if node_id not in pool.ext["nodes"]:
        raise not_found()
    return ctx.store.get("node", node_id)


@route("GET", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}/nodes")
def list_nodes(ctx):
    pool = _pool(ctx, _cluster(ctx))
    nodes = [ctx.store.get("node", n) for n in pool.ext["nodes"]]
    return ctx.listing(f"{pool.id}/nodes", f"{pool.path}/nodes", nodes)


@route("GET", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}/nodes/{nodeId}")
def get_node(ctx):
    pool = _pool(ctx, _cluster(ctx))
    return ctx.ok(_node(ctx, pool))


def _replace(ctx):
    pool = _pool(ctx, _cluster(ctx))
    node = _node(ctx, pool)
    ctx.store.modify(pool).ext["nodes"].remove(node.id)
    ctx.store.remove(node)
    new_node(ctx, pool)
    return Reply(202)


@route("DELETE", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}/nodes/{nodeId}")
def delete_node(ctx):
    # The pool keeps its node count: the service replaces a deleted node.
    return _replace(ctx)


@route("POST", "/k8s/{k8sClusterId}/nodepools/{nodepoolId}/nodes/{nodeId}/replace")
def replace_node(ctx):
    return _replace(ctx)
