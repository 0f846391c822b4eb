"""An AWX inventory update, as the AWX tests run it through ansible-runner."""

import json
import os
import sys

import ansible_runner

BIN = os.path.dirname(sys.executable)


def inventory_update(private_data_dir, env, source="inventory/demo.ionos.yml"):
    """AWX runs ansible-inventory on the project's source file and reads the JSON it writes
    (--export); an unparsed source fails the update. Returns that JSON."""
    output = os.path.join(private_data_dir, "artifacts", "inventory-update", "output.json")
    os.makedirs(os.path.dirname(output))
    unused_out, err, rc = ansible_runner.run_command(
        executable_cmd=os.path.join(BIN, "ansible-inventory"),
        cmdline_args=["-i", source, "--list", "--export", "--output", output],
        private_data_dir=private_data_dir, host_cwd=os.path.join(private_data_dir, "project"), ident="inventory-update",
        envvars=dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="true"), suppress_env_files=True, quiet=True)
    assert rc == 0, err
    with open(output) as handle:
        return json.load(handle)
