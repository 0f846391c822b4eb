"""Parallel integration shards share nothing a tool creates once per user.

``make test-integration`` runs ansible-test in two shards at once. ansible-test creates its
SSH key pair in ~/.ansible/test on first use, and ssh-keygen, started by both shards in a
HOME without one, stops the second at "Overwrite (y/n)?": on a new machine (CI, a new
contributor) a target failed before it ran. Each tree now gets a HOME of its own
(tests/run_integration.py ``home_of``). This test starts two shards at once in an empty
HOME, on a tree with one small target, and checks that both pass, that each made its
per-user files in its own HOME (the modules' temporary directories too, which ansible puts
in the account's home from the password database unless tests/integration/integration.cfg
says $HOME), and that the shared HOME is still empty: whatever a later tool starts keeping
per user cannot be shared by shards again unnoticed.
"""

import os
import shutil
import subprocess
import sys

from conftest import REPO

sys.path.insert(0, os.path.join(REPO, "tests"))
import run_integration  # noqa: E402  pylint: disable=wrong-import-position
from homes import PER_USER_PLACES  # noqa: E402  pylint: disable=wrong-import-position

SMOKE = os.path.join("tests", "integration", "targets", "harness_smoke")


def small_collection(base, folders=(SMOKE,)):
    """A collection tree with only ``folders`` of this one (the smoke target), laid out as
    ansible-test wants it."""
    root = os.path.join(base, "ansible_collections", "ionos", "enterprise")
    os.makedirs(os.path.join(root, "meta"))
    os.makedirs(os.path.join(root, "tests", "integration"))
    for name in ("galaxy.yml", os.path.join("meta", "runtime.yml"), os.path.join("tests", "integration", "integration.cfg")):
        shutil.copy2(os.path.join(REPO, name), os.path.join(root, name))
    for folder in folders:
        shutil.copytree(os.path.join(REPO, folder), os.path.join(root, folder))
    # As tests/harness.py copy does: ansible-test lists the content of a git tree.
    subprocess.run(["git", "init", "--quiet", root], check=True)
    return root


def files_under(folder):
    return sorted(os.path.relpath(os.path.join(here, name), folder)
                  for here, unused, names in os.walk(folder) for name in names)


def test_two_shards_started_at_once_in_an_empty_home_share_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    collection = small_collection(str(tmp_path / "tree"))
    env = dict(os.environ, HOME=str(home))
    for name in PER_USER_PLACES:
        env.pop(name, None)
    # The same target twice: two workers, each in its own copy with its own emulator, start together.
    run = subprocess.run([sys.executable, os.path.join(REPO, "tests", "run_integration.py"), "--collection-root",
                          collection, "--jobs", "2", "harness_smoke", "harness_smoke"],
                         env=env, capture_output=True, text=True, check=False, timeout=600)
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
    assert run.stdout.count("Running harness_smoke integration test") == 2, run.stdout[-3000:]

    shards = [collection, run_integration.shard_copy_path(collection, 1)]
    homes = [run_integration.home_of(shard) for shard in shards]
    assert len(set(homes)) == 2
    for shard_home in homes:
        made = files_under(shard_home)
        # ansible-test's key pair, made in this shard's own HOME
        assert os.path.join(".ansible", "test", "id_rsa") in made, made
        # the modules' temporary directories (remote_tmp, integration.cfg), not in the account's home
        assert os.path.isdir(os.path.join(shard_home, ".ansible", "tmp")), made
    assert files_under(str(home)) == [], "the shards wrote into the HOME they share"


def test_a_playbook_a_test_runs_keeps_its_modules_temporary_files_in_the_workers_home(tmp_path):
    """ansible puts the modules' temporary directories in the account's home from the password
    database, whatever HOME says; a test's playbook keeps them in its worker's HOME instead
    (tests/homes.py), so that two workers, or two runs, never write into the user's HOME."""
    playbook = tmp_path / "touch.yml"
    playbook.write_text("- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                        "    - ansible.builtin.command: 'true'\n      changed_when: false\n")
    env = dict(os.environ, ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_PIPELINING="false",
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING="false",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    assert os.environ["HOME"].startswith(os.path.join(REPO, ".cache", "home"))  # the worker's own (conftest)
    kept = os.path.join(os.environ["HOME"], ".ansible", "tmp")
    before = set(os.listdir(kept)) if os.path.isdir(kept) else set()
    run = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), str(playbook)],
                         env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    made = [name for name in set(os.listdir(kept)) - before if name.startswith("ansible-tmp-")]
    assert made, os.listdir(kept)
    for name in made:
        shutil.rmtree(os.path.join(kept, name))
