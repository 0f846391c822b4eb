"""Bad input to the identity, sharing, backup and Kubernetes modules: every wrong type, choice,
range, format and combination the modules document (or the SDK README's tables and the API
imply) ends in a message naming the option and the reason, before a single API call.

One row per mistake: (module, args, fragments of the message). The ``rejected`` fixture runs
the module against the emulator and checks that it fails, that every fragment is in the
message, that there is no traceback and no emulator secret, and that the API was not called.
Modules without a ``choices`` option get a misspelt option instead of a bad choice: Ansible
refuses it the same way, naming it.
"""

import pytest

from ansible_collections.ionos.enterprise.plugins.modules.ionos_backupunit import main as backupunit
from ansible_collections.ionos.enterprise.plugins.modules.ionos_backupunit_info import main as backupunit_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_contract_info import main as contract_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_group import main as group
from ansible_collections.ionos.enterprise.plugins.modules.ionos_group_info import main as group_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_cluster import main as k8s_cluster
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_cluster_info import main as k8s_cluster_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_config import main as k8s_config
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool import main as k8s_nodepool
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_nodepool_info import main as k8s_nodepool_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_resource_info import main as resource_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key import main as s3key
from ansible_collections.ionos.enterprise.plugins.modules.ionos_s3key_info import main as s3key_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share import main as share
from ansible_collections.ionos.enterprise.plugins.modules.ionos_share_info import main as share_info
from ansible_collections.ionos.enterprise.plugins.modules.ionos_user import main as user
from ansible_collections.ionos.enterprise.plugins.modules.ionos_user_info import main as user_info

# Passwords given in rows; none may show up in a message (checked for every row).
SHORT_PASSWORD = "Qz9!"  # 4 characters: one too few
LONG_PASSWORD = "Lp7#" * 65  # 260 characters: 4 too many
TEST_PASSWORDS = (SHORT_PASSWORD, LONG_PASSWORD)

JANE = dict(email="jane@example.com")
UNIT = dict(name="backup1")
POOL = dict(cluster="c1", name="pool1")
# A complete node pool, for the rows whose point is one wrong value among right ones.
FULL_POOL = dict(POOL, datacenter="dc1", node_count=2, cpu_family="INTEL_XEON", cores_count=2, ram_size=2048,
                 availability_zone="AUTO", storage_type="SSD", storage_size=20)
WINDOW = dict(day_of_the_week="Monday", time="03:00:00")
ID = "15f67991-0f51-4efc-a8ad-ef1fb31a480c"
# An existing directory with no such subdirectory: its files cannot be written.
NO_DIRECTORY = "/nonexistent-ionos-test-dir/kubeconfig"


def row(module, what, args, *fragments):
    return pytest.param(module, args, fragments, id="%s-%s" % (module.__module__.rsplit(".", 1)[-1][len("ionos_"):], what))


ROWS = [
    # -- ionos_user ---------------------------------------------------------------------
    row(user, "administrator-not-a-bool", dict(JANE, administrator="maybe"), "administrator", "bool"),
    row(user, "update_password-bad-choice", dict(JANE, update_password="sometimes"), "update_password", "one of"),
    row(user, "state-bad-choice", dict(JANE, state="gone"), "state", "one of"),
    row(user, "email-missing", dict(firstname="Jane"), "email", "required"),
    row(user, "email-no-at", dict(email="jane.example.com"), "email", "not an e-mail address"),
    row(user, "email-no-dot-in-domain", dict(email="jane@localhost"), "email", "not an e-mail address"),
    row(user, "email-with-space", dict(email="jane doe@example.com"), "email", "not an e-mail address"),
    row(user, "password-too-short", dict(JANE, user_password=SHORT_PASSWORD), "user_password", "5 to 256"),
    row(user, "password-too-long", dict(JANE, user_password=LONG_PASSWORD), "user_password", "5 to 256"),
    row(user, "firstname-blank", dict(JANE, firstname="  "), "firstname", "empty"),
    row(user, "lastname-empty", dict(JANE, lastname=""), "lastname", "empty"),
    row(user, "groups-empty-entry", dict(JANE, groups=["ops", ""]), "groups", "empty"),
    row(user, "purge_groups-without-groups", dict(JANE, purge_groups=True), "purge_groups", "needs groups"),
    row(user, "update_password-always-without-password", dict(JANE, update_password="always"),
        "update_password=always", "user_password"),
    # -- ionos_user_info ----------------------------------------------------------------
    row(user_info, "email-not-an-address", dict(email="jane"), "email", "not an e-mail address"),
    row(user_info, "api_timeout-not-an-int", dict(api_timeout="soon"), "api_timeout", "int"),
    row(user_info, "unknown-option", dict(mail="jane@example.com"), "mail", "Unsupported"),
    # -- ionos_group --------------------------------------------------------------------
    row(group, "privilege-not-a-bool", dict(name="ops", create_datacenter="sometimes"), "create_datacenter", "bool"),
    row(group, "k8s-privilege-not-a-bool", dict(name="ops", create_k8s_cluster="yes please"), "create_k8s_cluster", "bool"),
    row(group, "users-not-a-list", dict(name="ops", users={"a": 1}), "users", "list"),
    row(group, "state-bad-choice", dict(name="ops", state="deleted"), "state", "one of"),
    row(group, "neither-id-nor-name", dict(create_snapshot=True), "id, name", "one of"),
    row(group, "name-blank", dict(name=" "), "name", "empty"),
    row(group, "users-neither-email-nor-id", dict(name="ops", users=["jane"]), "users[0]", "not an e-mail address"),
    row(group, "users-empty-entry", dict(name="ops", users=["jane@example.com", ""]), "users[1]", "not an e-mail address"),
    row(group, "purge_users-without-users", dict(name="ops", purge_users=True), "purge_users", "needs users"),
    # -- ionos_group_info ---------------------------------------------------------------
    row(group_info, "shares-not-a-bool", dict(shares="all"), "shares", "bool"),
    row(group_info, "unknown-option", dict(group="ops"), "group", "Unsupported"),
    # -- ionos_share --------------------------------------------------------------------
    row(share, "edit_privilege-not-a-bool", dict(group="ops", resource=ID, edit_privilege="rw"), "edit_privilege", "bool"),
    row(share, "resource_type-bad-choice", dict(group="ops", resource="web", resource_type="server"), "resource_type", "one of"),
    row(share, "resource_type-volume", dict(group="ops", resource=ID, resource_type="volume"), "resource_type", "one of"),
    row(share, "state-bad-choice", dict(group="ops", resource=ID, state="shared"), "state", "one of"),
    row(share, "group-missing", dict(resource=ID), "group", "required"),
    row(share, "resource-missing", dict(group="ops"), "resource", "required"),
    row(share, "name-without-resource_type", dict(group="ops", resource="web"), "resource_type", "required"),
    row(share, "group-blank", dict(group=" ", resource=ID), "group", "empty"),
    row(share, "resource-blank", dict(group="ops", resource="", resource_type="datacenter"), "resource", "empty"),
    # -- ionos_share_info ---------------------------------------------------------------
    row(share_info, "group-missing", dict(), "group", "required"),
    row(share_info, "group-blank", dict(group=""), "group", "empty"),
    row(share_info, "resource-a-name", dict(group="ops", resource="web"), "resource", "not an id"),
    row(share_info, "api_retries-not-an-int", dict(group="ops", api_retries="often"), "api_retries", "int"),
    row(share_info, "unknown-option", dict(group="ops", resource_type="datacenter"), "resource_type", "Unsupported"),
    # -- ionos_resource_info ------------------------------------------------------------
    row(resource_info, "type-bad-choice", dict(type="server"), "type", "one of"),
    row(resource_info, "id-without-type", dict(id=ID), "type", "id"),
    row(resource_info, "validate_certs-not-a-bool", dict(validate_certs="sure"), "validate_certs", "bool"),
    # -- ionos_contract_info ------------------------------------------------------------
    row(contract_info, "contract_number-not-an-int", dict(contract_number="first"), "contract_number", "int"),
    row(contract_info, "unknown-option", dict(depth=2), "depth", "Unsupported"),
    row(contract_info, "api_timeout-zero", dict(api_timeout=0), "api_timeout", "at least 1"),
    # -- ionos_s3key --------------------------------------------------------------------
    row(s3key, "count-not-an-int", dict(user=JANE["email"], count="two"), "count", "int"),
    row(s3key, "state-bad-choice", dict(user=JANE["email"], state="inactive"), "state", "one of"),
    row(s3key, "user-missing", dict(count=1), "user", "required"),
    row(s3key, "user-neither-email-nor-id", dict(user="jane"), "user", "not an e-mail address"),
    row(s3key, "count-zero", dict(user=JANE["email"], count=0), "count", "1 to 5"),
    row(s3key, "count-six", dict(user=JANE["email"], count=6), "count", "1 to 5"),
    row(s3key, "key_id-and-count", dict(user=JANE["email"], key_id="AKIAEXAMPLE", count=2), "key_id|count", "exclusive"),
    row(s3key, "absent-without-key_id", dict(user=JANE["email"], state="absent"), "key_id", "state is absent"),
    row(s3key, "active-without-key_id", dict(user=JANE["email"], active=False), "key_id", "active"),
    row(s3key, "active-with-absent", dict(user=JANE["email"], key_id="AKIAEXAMPLE", active=True, state="absent"),
        "active", "state=present"),
    # -- ionos_s3key_info ---------------------------------------------------------------
    row(s3key_info, "sso_url-not-a-bool", dict(user=JANE["email"], sso_url="please"), "sso_url", "bool"),
    row(s3key_info, "user-missing", dict(), "user", "required"),
    row(s3key_info, "user-neither-email-nor-id", dict(user="jane@"), "user", "not an e-mail address"),
    row(s3key_info, "unknown-option", dict(user=JANE["email"], key="AKIAEXAMPLE"), "key", "Unsupported"),
    # -- ionos_backupunit ---------------------------------------------------------------
    row(backupunit, "wait-not-a-bool", dict(UNIT, wait="later"), "wait", "bool"),
    row(backupunit, "update_password-bad-choice", dict(UNIT, update_password="never"), "update_password", "one of"),
    row(backupunit, "state-bad-choice", dict(UNIT, state="stopped"), "state", "one of"),
    row(backupunit, "neither-id-nor-name", dict(email="b@example.com"), "id, name", "one of"),
    row(backupunit, "name-with-dash", dict(name="backup-1"), "name", "letters and digits"),
    row(backupunit, "name-with-space", dict(name="backup 1"), "name", "letters and digits"),
    row(backupunit, "name-65-characters", dict(name="b" * 65), "name", "64"),
    row(backupunit, "email-not-an-address", dict(UNIT, email="backup"), "email", "not an e-mail address"),
    row(backupunit, "password-too-short", dict(UNIT, backupunit_password=SHORT_PASSWORD), "backupunit_password", "5 to 256"),
    row(backupunit, "password-too-long", dict(UNIT, backupunit_password=LONG_PASSWORD), "backupunit_password", "5 to 256"),
    row(backupunit, "update_password-always-without-password", dict(UNIT, update_password="always"),
        "backupunit_password", "update_password is always"),
    # -- ionos_backupunit_info ----------------------------------------------------------
    row(backupunit_info, "sso_url-not-a-bool", dict(name="backup1", sso_url="maybe"), "sso_url", "bool"),
    row(backupunit_info, "sso_url-without-id-or-name", dict(sso_url=True), "sso_url", "id or name"),
    row(backupunit_info, "unknown-option", dict(email="b@example.com"), "email", "Unsupported"),
    # -- ionos_k8s_cluster --------------------------------------------------------------
    row(k8s_cluster, "wait_timeout-not-an-int", dict(name="c1", wait_timeout="long"), "wait_timeout", "int"),
    row(k8s_cluster, "maintenance_window-not-a-dict", dict(name="c1", maintenance_window="Monday 03:00"),
        "maintenance_window", "dict"),
    row(k8s_cluster, "state-bad-choice", dict(name="c1", state="running"), "state", "one of"),
    row(k8s_cluster, "day-bad-choice", dict(name="c1", maintenance_window=dict(WINDOW, day_of_the_week="monday")),
        "day_of_the_week", "one of"),
    row(k8s_cluster, "neither-id-nor-name", dict(k8s_version="1.18.5"), "id, name", "one of"),
    row(k8s_cluster, "name-with-space", dict(name="my cluster"), "name", "63"),
    row(k8s_cluster, "name-ends-with-dash", dict(name="cluster-"), "name", "letter"),
    row(k8s_cluster, "name-64-characters", dict(name="c" * 64), "name", "63"),
    row(k8s_cluster, "window-without-time", dict(name="c1", maintenance_window=dict(day_of_the_week="Monday")),
        "time", "maintenance_window"),
    row(k8s_cluster, "window-without-day", dict(name="c1", maintenance_window=dict(time="03:00:00")),
        "day_of_the_week", "maintenance_window"),
    row(k8s_cluster, "window-time-without-seconds", dict(name="c1", maintenance_window=dict(WINDOW, time="03:00")),
        "maintenance_window.time", "HH:mm:ss"),
    row(k8s_cluster, "window-time-hour-24", dict(name="c1", maintenance_window=dict(WINDOW, time="24:00:00")),
        "maintenance_window.time", "HH:mm:ss"),
    row(k8s_cluster, "window-time-offset", dict(name="c1", maintenance_window=dict(WINDOW, time="03:00:00+01:00")),
        "maintenance_window.time", "HH:mm:ss"),
    row(k8s_cluster, "version-not-a-version", dict(name="c1", k8s_version="latest"), "k8s_version", "version"),
    row(k8s_cluster, "version-with-v", dict(name="c1", k8s_version="v1.18.5"), "k8s_version", "version"),
    # -- ionos_k8s_cluster_info ---------------------------------------------------------
    row(k8s_cluster_info, "nodepools-not-a-bool", dict(nodepools="all"), "nodepools", "bool"),
    row(k8s_cluster_info, "versions-not-a-bool", dict(versions="latest"), "versions", "bool"),
    row(k8s_cluster_info, "unknown-option", dict(cluster="c1"), "cluster", "Unsupported"),
    # -- ionos_k8s_nodepool -------------------------------------------------------------
    row(k8s_nodepool, "node_count-not-an-int", dict(POOL, node_count="three"), "node_count", "int"),
    row(k8s_nodepool, "ram_size-not-an-int", dict(POOL, ram_size="2GB"), "ram_size", "int"),
    row(k8s_nodepool, "labels-not-a-dict", dict(POOL, labels=["env=prod"]), "labels", "dict"),
    row(k8s_nodepool, "availability_zone-bad-choice", dict(POOL, availability_zone="ZONE_3"), "availability_zone", "one of"),
    row(k8s_nodepool, "storage_type-bad-choice", dict(POOL, storage_type="NVME"), "storage_type", "one of"),
    row(k8s_nodepool, "state-bad-choice", dict(POOL, state="scaled"), "state", "one of"),
    row(k8s_nodepool, "cluster-missing", dict(name="pool1"), "cluster", "required"),
    row(k8s_nodepool, "name-missing", dict(cluster="c1"), "name", "required"),
    row(k8s_nodepool, "cluster-blank", dict(POOL, cluster=""), "cluster", "empty"),
    row(k8s_nodepool, "datacenter-blank", dict(FULL_POOL, datacenter=" "), "datacenter", "empty"),
    row(k8s_nodepool, "cpu_family-blank", dict(FULL_POOL, cpu_family=""), "cpu_family", "empty"),
    row(k8s_nodepool, "lans-empty-entry", dict(POOL, lans=["2", ""]), "lans", "empty"),
    row(k8s_nodepool, "name-with-slash", dict(cluster="c1", name="pool/1"), "name", "63"),
    row(k8s_nodepool, "name-64-characters", dict(cluster="c1", name="p" * 64), "name", "63"),
    row(k8s_nodepool, "node_count-zero", dict(FULL_POOL, node_count=0), "node_count", "1 to 100"),
    row(k8s_nodepool, "node_count-101", dict(FULL_POOL, node_count=101), "node_count", "1 to 100"),
    row(k8s_nodepool, "cores_count-zero", dict(FULL_POOL, cores_count=0), "cores_count", "1 to 62"),
    row(k8s_nodepool, "cores_count-63", dict(FULL_POOL, cores_count=63), "cores_count", "1 to 62"),
    row(k8s_nodepool, "ram_size-below-2048", dict(FULL_POOL, ram_size=1024), "ram_size", "2048"),
    row(k8s_nodepool, "ram_size-not-a-multiple-of-1024", dict(FULL_POOL, ram_size=3000), "ram_size", "multiple of 1024"),
    row(k8s_nodepool, "storage_size-10", dict(FULL_POOL, storage_size=10), "storage_size", "greater than 10"),
    row(k8s_nodepool, "auto_scaling-not-a-dict", dict(POOL, auto_scaling="1-3"), "auto_scaling", "dict"),
    # A list for a dict option with suboptions crashes ansible-core's suboption check (a
    # TypeError); the module base lets its plain type check refuse it, naming the option.
    row(k8s_nodepool, "auto_scaling-a-list", dict(POOL, auto_scaling=[1, 3]), "auto_scaling", "dict"),
    row(k8s_nodepool, "auto_scaling-without-max", dict(POOL, auto_scaling=dict(min_node_count=1)),
        "max_node_count", "auto_scaling"),
    row(k8s_nodepool, "auto_scaling-min-zero", dict(POOL, auto_scaling=dict(min_node_count=0, max_node_count=3)),
        "auto_scaling.min_node_count", "at least 1"),
    row(k8s_nodepool, "auto_scaling-min-above-max", dict(POOL, auto_scaling=dict(min_node_count=4, max_node_count=2)),
        "auto_scaling.min_node_count", "greater than max_node_count"),
    row(k8s_nodepool, "node_count-outside-auto_scaling",
        dict(FULL_POOL, node_count=5, auto_scaling=dict(min_node_count=1, max_node_count=3)), "node_count", "between"),
    row(k8s_nodepool, "day-bad-choice", dict(POOL, maintenance_window=dict(WINDOW, day_of_the_week="Mon")),
        "day_of_the_week", "one of"),
    row(k8s_nodepool, "window-time-not-a-time", dict(POOL, maintenance_window=dict(WINDOW, time="3am")),
        "maintenance_window.time", "HH:mm:ss"),
    row(k8s_nodepool, "label-value-not-a-string", dict(POOL, labels=dict(replicas=3)), "labels", "string"),
    row(k8s_nodepool, "annotation-value-not-a-string", dict(POOL, annotations=dict(enabled=True)), "annotations", "string"),
    row(k8s_nodepool, "version-not-a-version", dict(POOL, k8s_version="stable"), "k8s_version", "version"),
    row(k8s_nodepool, "public_ips-not-an-address", dict(POOL, public_ips=["203.0.113.7", "host.example.com"]),
        "public_ips", "IPv4"),
    row(k8s_nodepool, "public_ips-count-vs-auto_scaling",
        dict(POOL, auto_scaling=dict(min_node_count=1, max_node_count=3), public_ips=["203.0.113.7", "203.0.113.8"]),
        "public_ips", "exactly 4"),
    # -- ionos_k8s_nodepool_info --------------------------------------------------------
    row(k8s_nodepool_info, "nodes-not-a-bool", dict(cluster="c1", nodes="every"), "nodes", "bool"),
    row(k8s_nodepool_info, "cluster-missing", dict(name="pool1"), "cluster", "required"),
    row(k8s_nodepool_info, "cluster-blank", dict(cluster=" "), "cluster", "empty"),
    row(k8s_nodepool_info, "unknown-option", dict(cluster="c1", nodepool="pool1"), "nodepool", "Unsupported"),
    # -- ionos_k8s_config ---------------------------------------------------------------
    row(k8s_config, "return_content-not-a-bool", dict(cluster="c1", path="/tmp/kc", return_content="yes please"),
        "return_content", "bool"),
    row(k8s_config, "state-bad-choice", dict(cluster="c1", path="/tmp/kc", state="written"), "state", "one of"),
    row(k8s_config, "path-missing", dict(cluster="c1"), "path", "required"),
    row(k8s_config, "present-without-cluster", dict(path="/tmp/kc"), "cluster", "state is present"),
    row(k8s_config, "cluster-blank", dict(cluster="", path="/tmp/kc"), "cluster", "empty"),
    row(k8s_config, "path-a-directory", dict(cluster="c1", path="/tmp"), "path", "directory"),
    row(k8s_config, "path-in-missing-directory", dict(cluster="c1", path=NO_DIRECTORY), "path", "does not exist"),
    row(k8s_config, "mode-unquoted-600", dict(cluster="c1", path="/tmp/kc", mode=600), "mode", "quote"),
    row(k8s_config, "mode-unquoted-not-octal", dict(cluster="c1", path="/tmp/kc", mode=1999), "mode", "not a file mode"),
    row(k8s_config, "mode-symbolic", dict(cluster="c1", path="/tmp/kc", mode="u=rw"), "mode", "not an octal mode"),
    row(k8s_config, "mode-octal-9", dict(cluster="c1", path="/tmp/kc", mode="0690"), "mode", "not an octal mode"),
]


@pytest.mark.parametrize("module, args, fragments", ROWS)
def test_bad_input_is_refused_naming_the_option_before_any_call(rejected, module, args, fragments):
    message = rejected(module, args, *fragments)
    for secret in TEST_PASSWORDS:
        assert secret not in message


def test_a_malformed_version_does_not_block_a_delete(run_module):
    # k8s_version is ignored with state=absent (documented for node pools): no format check there.
    assert not run_module(k8s_cluster, name="c1", k8s_version="latest", state="absent")["changed"]
    # The node pool's delete goes on to look for its cluster, as without k8s_version; with the
    # cluster gone, the pool is gone too (absent means absent).
    gone = run_module(k8s_nodepool, cluster="c1", name="pool1", k8s_version="latest", state="absent")
    assert not gone.get("failed") and not gone["changed"], gone
