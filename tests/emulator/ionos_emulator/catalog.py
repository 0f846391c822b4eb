"""What a fresh account holds: locations, public images per location, the
contract with its limits, its owner, and the Kubernetes versions."""

import ipaddress
import uuid

from .store import Res, iso, new_id

NAMESPACE = uuid.UUID("6f1e2a36-3c1b-4bde-9f0d-5b7f0e4a1c2d")

# id -> (name, public /16 network, CPU families)
LOCATIONS = {
    "us/las": ("lasvegas", "158.222.0.0/16", ["AMD_OPTERON", "INTEL_XEON"]),
    "us/ewr": ("newark", "157.97.0.0/16", ["AMD_OPTERON", "INTEL_XEON"]),
    "de/fra": ("frankfurt", "85.215.0.0/16", ["AMD_OPTERON", "INTEL_XEON", "INTEL_SKYLAKE"]),
    "de/fkb": ("karlsruhe", "212.227.0.0/16", ["AMD_OPTERON", "INTEL_XEON", "INTEL_SKYLAKE"]),
    "de/txl": ("berlin", "85.214.0.0/16", ["AMD_OPTERON", "INTEL_XEON", "INTEL_SKYLAKE"]),
    "gb/lhr": ("london", "217.160.0.0/16", ["AMD_OPTERON", "INTEL_XEON"]),
}
LOCATION_FEATURES = ["SSD", "MULTIPLE_CPU"]

LINUX_FLAGS = {
    "cpuHotPlug": True, "cpuHotUnplug": False, "ramHotPlug": True, "ramHotUnplug": False,
    "nicHotPlug": True, "nicHotUnplug": True, "discVirtioHotPlug": True, "discVirtioHotUnplug": True,
    "discScsiHotPlug": False, "discScsiHotUnplug": False,
}
WINDOWS_FLAGS = dict(LINUX_FLAGS, discVirtioHotUnplug=False, nicHotUnplug=False)

# (name, imageType, licenceType, size GB, aliases). A volume of 2 GB from an Ubuntu image
# is accepted by the real API; CD-ROM aliases end in _iso (wire reference section 7b).
IMAGES = [
    ("Ubuntu-20.04-LTS-server-2021-06-01", "HDD", "LINUX", 2, ["ubuntu:latest", "ubuntu:20.04"]),
    ("Ubuntu-18.04-LTS-server-2021-06-01", "HDD", "LINUX", 2, ["ubuntu:18.04"]),
    ("Ubuntu-16.04-LTS-server-2021-06-01", "HDD", "LINUX", 2, ["ubuntu:16.04"]),
    ("Debian-10-server-2021-06-01", "HDD", "LINUX", 2, ["debian:latest", "debian:10"]),
    ("CentOS-7-server-2021-06-01", "HDD", "LINUX", 4, ["centos:latest", "centos:7"]),
    ("Windows-2019-Server-2021-06-01", "HDD", "WINDOWS2016", 30, ["windows:latest", "windows:2019"]),
    ("ubuntu-20.04.2-live-server-amd64.iso", "CDROM", "LINUX", 1, ["ubuntu:latest_iso", "ubuntu:20.04_iso"]),
    ("debian-10.9.0-amd64-netinst.iso", "CDROM", "LINUX", 1, ["debian:latest_iso", "debian:10_iso"]),
]

K8S_VERSIONS = ["1.17.8", "1.18.5", "1.18.9", "1.19.4"]
K8S_DEFAULT = "1.18.9"

CONTRACT_NUMBER = 31721345
RESOURCE_LIMITS = {
    "coresPerServer": 62, "coresPerContract": 20000, "ramPerServer": 245760, "ramPerContract": 40960000,
    "hddLimitPerVolume": 4096, "hddLimitPerContract": 4000000, "ssdLimitPerVolume": 4096,
    "ssdLimitPerContract": 1000000, "reservableIps": 5000, "k8sClusterLimitTotal": 50,
}


def image_id(location, name):
    return str(uuid.uuid5(NAMESPACE, f"{location}/{name}"))


def public_network(location):
    return ipaddress.IPv4Network(LOCATIONS[location][1])


def location_aliases(location):
    return sorted(a for img_name, kind, licence, size, aliases in IMAGES for a in aliases)


def seed(store, settings, t):
    """Fill an empty store with what every account sees."""
    created = iso(t)
    owner = new_id()
    store.counters["owner_id"] = owner
    store.counters["contract_number"] = CONTRACT_NUMBER
    # Public images are created by "System", with an empty description (wire reference 7b).
    system = {"etag": uuid.uuid4().hex, "createdDate": created, "createdBy": "System", "createdByUserId": None,
              "lastModifiedDate": created, "lastModifiedBy": "System", "lastModifiedByUserId": None}
    for loc, (name, network, cpu_families) in LOCATIONS.items():
        region, city = loc.split("/")
        store.insert(Res("location", loc, f"/locations/{loc}",
                         {"name": name, "features": list(LOCATION_FEATURES), "imageAliases": location_aliases(loc)},
                         dict(system), {"region": region, "cpuFamilies": cpu_families}))
        for img_name, kind, licence, size, aliases in IMAGES:
            iid = image_id(loc, img_name)
            flags = WINDOWS_FLAGS if licence.startswith("WINDOWS") else LINUX_FLAGS
            store.insert(Res("image", iid, f"/images/{iid}", {
                "name": img_name, "description": "", "location": loc, "size": float(size), **flags,
                "licenceType": licence, "imageType": kind, "public": True, "imageAliases": list(aliases),
            }, dict(system)))
    store.insert(Res("user", owner, f"/um/users/{owner}", {
        "firstname": "Contract", "lastname": "Owner", "email": settings.username, "administrator": True,
        "forceSecAuth": False, "secAuthActive": False, "s3CanonicalUserId": uuid.uuid4().hex, "active": True,
    }, {"etag": uuid.uuid4().hex, "createdDate": created, "lastLogin": created},
        {"password": None, "s3keys": [], "owner": True}))
