"""The leak scan of `make test-integration` (tests/run_integration.py --scan-secrets)
finds a secret wherever it is, names the file and line, and never prints the secret; run
end to end, it fails a run whose module leaks a secret the API echoed, and passes the same
target with the collection as it is."""

import os
import subprocess
import sys

from conftest import REPO

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from run_integration import scan_secrets  # noqa: E402


def test_a_secret_anywhere_under_the_roots_is_found_with_its_line(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "log.txt").write_text("line one\nthe key is S3CRET-key-123 here\n")
    (tmp_path / "clean.json").write_text('{"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}')
    searched, found = scan_secrets(["S3CRET-key-123", "never-there-456"], [str(tmp_path)])
    assert searched == 2
    assert found == [(str(tmp_path / "a" / "log.txt"), 2, "S3******")]


def test_nothing_found_in_clean_files(tmp_path):
    log = tmp_path / "x.log"
    log.write_text("all masked: ********\n")
    assert scan_secrets(["p4ssw0rd-long"], [str(log)]) == (1, [])


# A target that creates a volume from a public image with a root password and does not wait:
# its result is the API's first answer, which repeats the password (wire reference 7b).
ECHO_TARGET = """---
- module_defaults:
    group/ionos.enterprise.ionos:
      api_url: "{{ ionos_api_url }}"
      username: "{{ ionos_username }}"
      password: "{{ ionos_password }}"
  vars:
    # Through a variable: the junit report names a task by its arguments as written.
    probe_password: Pr0beEchoedSecret42
  block:
    - name: A datacenter
      ionos.enterprise.ionos_datacenter:
        name: probe
        location: de/fra
    - name: A volume from a public image, not waited for
      ionos.enterprise.ionos_volume:
        datacenter: probe
        name: root
        size: 10
        image_alias: "ubuntu:latest"
        image_password: "{{ probe_password }}"
        wait: false
      register: created
    - name: Created
      ansible.builtin.assert:
        that: created.changed
"""


def _leaky(root):
    """Drop the two guards an echoed secret passes: the client's masking of what a 202
    repeats, and no_log on the option (Ansible scrubs the values of no_log options from all
    a module returns, so a module leaks only when it lacks both)."""
    client = os.path.join(root, "plugins", "module_utils", "_client.py")
    module = os.path.join(root, "plugins", "modules", "ionos_volume.py")
    for path, old, new in ((client, "def masked_echo(value):\n", "def masked_echo(value):\n    return value\n"),
                           (module, "image_password=dict(type=\"str\", no_log=True)",
                            "image_password=dict(type=\"str\", no_log=False)")):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert old in text, (path, old)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace(old, new, 1))


def _scan_run(tmp_path, name, leak):
    from test_shards import small_collection
    root = small_collection(str(tmp_path / name), folders=("plugins",))
    target = os.path.join(root, "tests", "integration", "targets", "echo_probe")
    os.makedirs(os.path.join(target, "tasks"))
    with open(os.path.join(target, "aliases"), "w", encoding="utf-8") as handle:
        handle.write("local\n")
    with open(os.path.join(target, "tasks", "main.yml"), "w", encoding="utf-8") as handle:
        handle.write(ECHO_TARGET)
    if leak:
        _leaky(root)
    run = subprocess.run([sys.executable, os.path.join(REPO, "tests", "run_integration.py"), "--collection-root",
                          root, "--scan-secrets", "echo_probe"],
                         capture_output=True, text=True, check=False, timeout=600)
    with open(os.path.join(root, "tests", "output", "integration-vvv.log"), encoding="utf-8") as handle:
        return run, handle.read()


def test_the_scan_fails_a_run_whose_module_leaks_an_echoed_secret_and_passes_it_fixed(tmp_path):
    leaked, output = _scan_run(tmp_path, "leaky", leak=True)
    assert '"imagePassword": "Pr0beEchoedSecret42"' in output  # the echo reached the output
    assert leaked.returncode != 0, (leaked.stdout + leaked.stderr)[-4000:]
    assert "SECRET LEAKED: Pr******" in leaked.stderr, (leaked.stdout + leaked.stderr)[-4000:]
    assert "Pr0beEchoedSecret42" not in leaked.stdout + leaked.stderr  # the report masks it too
    fixed, output = _scan_run(tmp_path, "fixed", leak=False)
    assert '"imagePassword": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in output
    assert fixed.returncode == 0, (fixed.stdout + fixed.stderr)[-4000:]
    assert " 0 found" in fixed.stdout, fixed.stdout[-3000:]
