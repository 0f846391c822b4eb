"""Coercion and validation of request attributes, with the API's 422 texts.

The real API coerces strings where it expects other types (the SDK sends LAN
``public`` as "true", IP block ``size`` as "4"), so these helpers accept them.
"""

import ipaddress
import re

from .catalog import LOCATIONS
from .errors import invalid

SECRET_NAME = re.compile(r"password|secret|sshkeys|token", re.I)
MAC = re.compile(r"^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def shown(name, value):
    """A value as an error message may quote it: secrets never."""
    return "(hidden)" if SECRET_NAME.search(name) else repr(value)


def as_int(value, name, lo=None, hi=None):
    if isinstance(value, bool):
        raise invalid(f"Attribute '{name}' must be an integer, got {shown(name, value)}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        raise invalid(f"Attribute '{name}' must be an integer, got {shown(name, value)}")
    if lo is not None and hi is not None and not lo <= value <= hi:
        raise invalid(f"Attribute '{name}' must be between {lo} and {hi}, got {value}")
    if lo is not None and value < lo:
        raise invalid(f"Attribute '{name}' must be at least {lo}, got {value}")
    if hi is not None and value > hi:
        raise invalid(f"Attribute '{name}' must be at most {hi}, got {value}")
    return value


def as_bool(value, name):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid(f"Attribute '{name}' must be a boolean, got {shown(name, value)}")


def as_str(value, name, max_len=None):
    if not isinstance(value, str):
        raise invalid(f"Attribute '{name}' must be a string, got {shown(name, value)}")
    if max_len is not None and len(value) > max_len:
        raise invalid(f"Attribute '{name}' must be at most {max_len} characters long")
    return value


def as_enum(value, name, choices):
    if value not in choices:
        raise invalid(f"Attribute '{name}' has an invalid value {shown(name, value)}; allowed values are {', '.join(choices)}",
                      "109")
    return value


def as_location(value, name):
    if not isinstance(value, str) or value not in LOCATIONS:
        raise invalid(f"Attribute '{name}' has an invalid value {shown(name, value)}; "
                      f"known locations are {', '.join(LOCATIONS)}", "109")
    return value


def as_ipv4(value, name):
    try:
        return str(ipaddress.IPv4Address(as_str(value, name)))
    except ipaddress.AddressValueError:
        raise invalid(f"Attribute '{name}' is not a valid IPv4 address: {shown(name, value)}") from None


def as_mac(value, name):
    if not isinstance(value, str) or not MAC.fullmatch(value):
        raise invalid(f"Attribute '{name}' is not a valid MAC address (aa:bb:cc:dd:ee:ff): {shown(name, value)}")
    return value.lower().replace("-", ":")


def as_email(value, name):
    if not isinstance(value, str) or not EMAIL.fullmatch(value):
        raise invalid(f"Attribute '{name}' is not a valid email address: {shown(name, value)}")
    return value


def as_list(value, name):
    if not isinstance(value, list):
        raise invalid(f"Attribute '{name}' must be a list, got {shown(name, value)}")
    return value


def as_dict(value, name):
    if not isinstance(value, dict):
        raise invalid(f"Attribute '{name}' must be an object, got {shown(name, value)}")
    return value


def as_ref_id(value, name):
    """A ``{"id": ...}`` reference as the API takes it (bootVolume, bootCdrom)."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    raise invalid(f"Attribute '{name}' must be an object with an 'id'")


def is_private(ip):
    return ipaddress.IPv4Address(ip).is_private
