"""How an option's value is compared with what the API holds: the heart of converge."""

import pytest
from ansible_collections.ionos.enterprise.plugins.module_utils._properties import MASK, Prop, camel_case


@pytest.mark.parametrize("option, api", [
    ("name", "name"), ("cpu_family", "cpuFamily"), ("port_range_start", "portRangeStart"),
    ("availability_zone", "availabilityZone"), ("ssh_keys", "sshKeys"),
])
def test_options_take_the_api_spelling(option, api):
    assert camel_case(option) == api and Prop(option).api == api


@pytest.mark.parametrize("kind, want, have, same", [
    ("str", "", None, True),             # an empty description is the API's null
    ("str", "a", "b", False),
    ("int", "4096", 4096, True),         # a templated number arrives as a string
    ("int", 2, None, False),
    ("enum", "intel_xeon", "INTEL_XEON", True),
    ("enum", "AMD_OPTERON", "INTEL_XEON", False),
    ("set", ["10.0.0.2", "10.0.0.1"], ["10.0.0.1", "10.0.0.2"], True),   # order does not matter
    ("set", ["10.0.0.1"], ["10.0.0.1", "10.0.0.2"], False),
    ("bool", True, False, False),
    ("bool", False, None, False),
])
def test_values_are_normalised_before_comparing(kind, want, have, same):
    assert Prop("x", kind=kind).same(want, have) is same


def test_secrets_are_never_compared_and_always_masked():
    secret = Prop("image_password", secret=True)
    assert secret.create_only and secret.same("new", None) and secret.same("new", "old")
    assert secret.shown("hunter22") == MASK and secret.shown(None) is None


def test_properties_the_api_does_not_read_back_are_not_drift():
    keys = Prop("ssh_keys", kind="set", create_only=True, readable=False)
    assert keys.same(["ssh-rsa AAA"], None) and not keys.same(["ssh-rsa AAA"], ["ssh-rsa BBB"])


def test_values_are_sent_in_the_api_form():
    assert Prop("cores", kind="int").to_api("4") == 4
    assert Prop("bus", kind="enum").to_api("virtio") == "VIRTIO"
    assert Prop("ips", kind="set").to_api(("a", "b")) == ["a", "b"]
