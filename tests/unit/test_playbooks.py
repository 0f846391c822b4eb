"""The SDK README's builds as playbooks: each ends in the state the README describes (the
playbook's own assertions) and a second run changes nothing and writes nothing."""

import os
import re
import subprocess
import sys

import pytest
from conftest import playbook_env, REPO

RECAP = re.compile(r"changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def play(emulator, playbook, *args):
    env = playbook_env(emulator.url)
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                           os.path.join(REPO, "playbooks", playbook), *args],
                          env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    changed, unreachable, failed = map(int, RECAP.search(proc.stdout).groups())
    assert (unreachable, failed) == (0, 0)
    return changed


# Composite: one POST of the whole tree. Component: datacenter, LAN, server, NIC, firewall
# rule, 2 volumes, 2 attaches.
# Two-tier: datacenter, IP block, 2 LANs, 4 servers, 6 NICs, 6 firewall rules, 1 load balancer.
BUILDS = [("composite_build.yml", 1), ("component_build.yml", 9), ("two_tier_network.yml", 21)]


@pytest.mark.parametrize("playbook, writes", BUILDS)
def test_a_build_converges_and_a_rerun_writes_nothing(emulator, playbook, writes):
    assert play(emulator, playbook) > 0
    assert emulator.counters()["writes"] == writes
    emulator.control("DELETE", "/counters")
    assert play(emulator, playbook) == 0
    assert emulator.counters()["writes"] == 0


def test_a_kubernetes_cluster_with_two_pools_waits_until_active_and_converges(emulator, tmp_path):
    # A real wait: the cluster and each pool stay DEPLOYING for a second.
    emulator.config(k8s_delay=1)
    kubeconfig = tmp_path / "kube" / "config"
    kubeconfig.parent.mkdir()
    extra = ("-e", "k8s_kubeconfig_path=%s" % kubeconfig)
    assert play(emulator, "kubernetes_cluster.yml", *extra) > 0
    # datacenter, LAN, cluster, 2 node pools; the kubeconfig is a read
    assert emulator.counters()["writes"] == 5
    assert oct(kubeconfig.stat().st_mode & 0o777) == "0o600"
    emulator.control("DELETE", "/counters")
    assert play(emulator, "kubernetes_cluster.yml", *extra) == 0
    assert emulator.counters()["writes"] == 0


@pytest.mark.parametrize("playbook, writes", BUILDS)
def test_check_mode_previews_a_whole_build_on_an_empty_account(emulator, playbook, writes):
    """Each task under a datacenter that only an earlier task would create reports changed,
    writes nothing and fails nothing (issue 19): the whole play can be previewed."""
    assert play(emulator, playbook, "--check", "--diff") > 0
    assert emulator.counters()["writes"] == 0
    assert emulator.datacenter_count() == 0


def test_check_mode_previews_the_demo_on_an_empty_account(emulator):
    assert play(emulator, os.path.join("..", "playbooks", "demo.yml"), "--check", "--diff") > 0
    assert emulator.counters()["writes"] == 0
