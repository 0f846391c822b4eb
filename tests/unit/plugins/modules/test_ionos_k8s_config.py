"""ionos_k8s_config against the emulator: the kubeconfig written atomically with its mode,
unchanged when the file holds it, and its token in no result, diff or error unless asked."""

import json
import os
import stat

from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_cluster import main as cluster
from ansible_collections.ionos.enterprise.plugins.modules.ionos_k8s_config import main
from conftest import PASSWORD, USERNAME


def kubeconfig(emulator, cluster_id):
    answer = emulator.http.get(emulator.url + "/k8s/%s/kubeconfig" % cluster_id, auth=(USERNAME, PASSWORD), timeout=10)
    return answer.json()["properties"]["kubeconfig"]


def token_of(text):
    return [line.split("token:")[1].strip() for line in text.splitlines() if "token:" in line][0]


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_converge_mode_and_remove(run_module, emulator, tmp_path):
    cluster_id = run_module(cluster, name="c1")["cluster"]["id"]
    text = kubeconfig(emulator, cluster_id)
    token = token_of(text)
    path = str(tmp_path / "kubeconfig")

    planned = run_module(main, cluster="c1", path=path, _check_mode=True, _diff=True)
    assert planned["changed"] and not os.path.exists(path)
    written = run_module(main, cluster="c1", path=path, _diff=True)
    assert written["changed"] and written["cluster_id"] == cluster_id and written["mode"] == "0600"
    assert open(path).read() == text and mode_of(path) == 0o600
    assert written["diff"]["before"] == {"path": path, "state": "absent"}
    assert written["diff"]["after"]["content"].startswith("<kubeconfig, %d bytes, sha256 " % len(text))
    assert os.listdir(str(tmp_path)) == ["kubeconfig"]

    emulator.control("DELETE", "/counters")
    again = run_module(main, cluster=cluster_id, path=path, _diff=True)
    assert not again["changed"] and emulator.counters()["reads"] == 2  # the cluster, its kubeconfig

    os.chmod(path, 0o644)
    fixed = run_module(main, cluster="c1", path=path)
    assert fixed["changed"] and mode_of(path) == 0o600
    wider = run_module(main, cluster="c1", path=path, mode="0640")
    assert wider["changed"] and mode_of(path) == 0o640 and wider["mode"] == "0640"

    with open(path, "w") as out:
        out.write("stale")
    os.chmod(path, 0o644)
    rewritten = run_module(main, cluster="c1", path=path, _diff=True)
    assert rewritten["changed"] and open(path).read() == text and mode_of(path) == 0o600
    assert rewritten["diff"]["before"]["content"].startswith("<file, 5 bytes")

    shown = run_module(main, cluster="c1", path=path, return_content=True)
    assert shown["kubeconfig"] == text and not shown["changed"]

    for result in (planned, written, again, fixed, wider, rewritten):
        assert token not in json.dumps(result) and "kubeconfig" not in result

    assert run_module(main, path=path, state="absent", _check_mode=True)["changed"] and os.path.exists(path)
    removed = run_module(main, path=path, state="absent", _diff=True)
    assert removed["changed"] and not os.path.exists(path) and token not in json.dumps(removed)
    assert not run_module(main, path=path, state="absent")["changed"]


def test_bad_input_and_missing_cluster(run_module, emulator, tmp_path):
    path = str(tmp_path / "kubeconfig")
    failed = run_module(main, cluster="c1", path=path, mode="rw-all")
    assert failed["failed"] and failed["msg"].startswith("mode: 'rw-all' is not an octal mode")
    failed = run_module(main, cluster="c1", path=str(tmp_path / "nowhere" / "config"))
    assert failed["failed"] and "directory" in failed["msg"] and "does not exist" in failed["msg"]
    assert emulator.counters()["reads"] == 0
    failed = run_module(main, cluster="nope", path=path)
    assert failed["failed"] and failed["msg"] == "cluster: no Kubernetes cluster with id or name 'nope' exists."
    assert not os.path.exists(path)


def test_a_deploying_cluster_is_waited_on_or_refused(run_module, emulator, tmp_path):
    emulator.config(k8s_delay=1)
    run_module(cluster, name="c1", wait=False)
    path = str(tmp_path / "kubeconfig")
    failed = run_module(main, cluster="c1", path=path, wait=False)
    assert failed["failed"] and "is DEPLOYING" in failed["msg"] and not os.path.exists(path)
    written = run_module(main, cluster="c1", path=path)
    assert written["changed"] and os.path.exists(path)


def test_int_modes_and_an_updating_cluster(run_module, emulator, tmp_path):
    run_module(cluster, name="c1")
    path = str(tmp_path / "kubeconfig")
    failed = run_module(main, cluster="c1", path=path, mode=600)
    assert failed["failed"] and "quote the mode, for example '0600'" in failed["msg"] and not os.path.exists(path)
    written = run_module(main, cluster="c1", path=path, mode=0o600)
    assert written["changed"] and written["mode"] == "0600" and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not run_module(main, cluster="c1", path=path, mode="0o600")["changed"]
    emulator.config(k8s_delay=0.5)
    assert run_module(cluster, name="c1", k8s_version="1.19.4", wait=False)["cluster"]["metadata"]["state"] == "UPDATING"
    os.remove(path)
    updating = run_module(main, cluster="c1", path=path, wait=False)
    assert updating["changed"] and os.path.exists(path)


def test_a_failed_move_leaves_nothing(run_module, emulator, tmp_path, monkeypatch):
    from ansible.module_utils.basic import AnsibleModule

    def refuse(*args, **kwargs):
        raise Exception("no room")

    run_module(cluster, name="c1")
    monkeypatch.setattr(AnsibleModule, "atomic_move", refuse)
    path = str(tmp_path / "kubeconfig")
    failed = run_module(main, cluster="c1", path=path)
    assert failed["failed"] and failed["msg"] == "path: could not write %s: no room" % path
    assert "exception" not in failed and os.listdir(str(tmp_path)) == []
