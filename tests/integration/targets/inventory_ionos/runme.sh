#!/usr/bin/env bash
# The inventory plugin ionos.enterprise.ionos as users run it: servers built with the
# collection's modules, then ansible-inventory and ansible-playbook -i <file>.ionos.yml.
set -eux

# ansible-test passes `-e @<config>` to runme.sh only for its own cloud plugins, and IONOS
# has none: add the integration config it copied beside the targets.
args=("$@")
config="$(cd ../.. && pwd)/integration_config.yml"
if [ -f "$config" ]; then
    args+=(-e "@$config")
fi

# The inventory files hold no credentials (as we advise users): the plugin reads them from
# the environment, taken here from the integration config (with tracing off: set -x would
# print the password).
set +x
if [ -f "$config" ]; then
    eval "$(python -c '
import shlex, sys, yaml
config = yaml.safe_load(open(sys.argv[1])) or {}
for key in ("api_url", "username", "password"):
    if config.get("ionos_" + key):
        print("export IONOS_%s=%s" % (key.upper(), shlex.quote(str(config["ionos_" + key]))))
' "$config")"
fi
set -x

# A fresh prefix per run: other runs' and targets' datacenters are never ours.
prefix="inventory_ionos-$(head -c 16 /dev/urandom | md5sum | cut -c 1-6)"
# The inventory files, their outputs and the inventory cache go to ansible-test's output
# directory, removed after the target, unless the config names a directory to keep them in
# (tests/run_integration.py --scan-secrets does, and searches it for secrets afterwards).
keep=""
if [ -f "$config" ]; then
    keep="$(sed -n 's/^ionos_keep_dir: "\(.*\)"$/\1/p' "$config")"
fi
if [ -n "$keep" ]; then
    out="$keep/$prefix"
    mkdir -p "$out"
else
    out="${OUTPUT_DIR:-$(mktemp -d)}"
fi
args+=(-e "inventory_ionos_prefix=$prefix" -e "inventory_ionos_out=$out")

# setup_ionos_calls (counts API calls) is a sibling target.
export ANSIBLE_ROLES_PATH=..
# A source the plugin cannot parse fails the command instead of leaving an empty inventory.
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
# Ansible's default list of inventory plugins, as users have it: auto reads `plugin:`.
unset ANSIBLE_INVENTORY_ENABLED

teardown() {
    status=$?
    # A teardown that fails leaves resources behind: the run fails too.
    ansible-playbook playbooks/teardown.yml "${args[@]}" || status=1
    exit "$status"
}
trap teardown EXIT

ansible-playbook playbooks/setup.yml "${args[@]}"

ansible-inventory -i "$out/by_name.ionos.yml" --list > "$out/by_name.list.json"
ansible-inventory -i "$out/by_name.ionos.yml" --graph > "$out/by_name.graph.txt"
ansible-inventory -i "$out/by_id.ionos.yml" --list > "$out/by_id.list.json"
ansible-playbook playbooks/assert_list.yml "${args[@]}"

ansible-playbook -i "$out/constructed.ionos.yml" playbooks/use_inventory.yml "${args[@]}"

ansible-playbook playbooks/count_calls.yml "${args[@]}"
ansible-playbook playbooks/bad_input.yml "${args[@]}"
