"""GET /contracts: the one contract of the account, with its limits and what
is provisioned now. The quota checks of the writes use the same sums."""

from ..catalog import RESOURCE_LIMITS
from .base import Reply, route


def limits(store):
    return {**RESOURCE_LIMITS, **store.counters.get("limits", {})}


def compute_used(store):
    servers = store.table("server").values()
    return sum(s.props["cores"] for s in servers), sum(s.props["ram"] for s in servers)


def storage_used(store, ssd):
    return sum(v.props["size"] for v in store.table("volume").values() if (v.props["type"] != "HDD") == ssd)


def reserved_ip_count(store):
    return sum(b.props["size"] for b in store.table("ipblock").values())


def usage(store):
    cores, ram = compute_used(store)
    in_use = set()
    for nic in store.table("nic").values():
        in_use.update(nic.props.get("ips") or ())
    reserved = {ip for b in store.table("ipblock").values() for ip in b.props["ips"]}
    return {
        "coresProvisioned": cores, "ramProvisioned": ram,
        "hddVolumeProvisioned": int(storage_used(store, False)),
        "ssdVolumeProvisioned": int(storage_used(store, True)),
        "reservedIpsOnContract": reserved_ip_count(store),
        "reservedIpsInUse": len(in_use & reserved),
        "k8sClustersProvisioned": len(store.table("k8s")),
    }


@route("GET", "/contracts")
def get_contract(ctx):
    props = {
        "contractNumber": ctx.store.counters["contract_number"],
        "owner": ctx.settings.username,
        "status": "BILLABLE",
        "regDomain": "ionos.de",
        "resourceLimits": {**limits(ctx.store), **usage(ctx.store)},
    }
    return Reply(200, body={"type": "contract", "properties": props})
