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

# A fresh prefix per run: other runs' and targets' datacenters are never ours.
out="${OUTPUT_DIR:-$(mktemp -d)}"
prefix="inventory_ionos-$(head -c 16 /dev/urandom | md5sum | cut -c 1-6)"
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
