"""A HOME of its own for each process of a test run that works beside another one.

Tools keep things once per user: ansible-test its SSH key pair (~/.ansible/test, made by
ssh-keygen, which stops a second process making it at the same moment at "Overwrite
(y/n)?"), its virtual environments and pip bootstrap; ansible ~/.ansible/tmp; ansible-galaxy
~/.ansible/galaxy_cache; ansible-lint, molecule and pip their caches under ~/.cache. (The
modules' temporary directories, ansible's remote_tmp, go to the account's home from the
password database whatever HOME says: ANSIBLE_REMOTE_TMP puts them in this HOME, and
tests/integration/integration.cfg does so for ansible-test, which passes on only its own
environment.) Two integration shards, or two pytest workers, sharing one HOME race for these
on a new machine; with a HOME each they share nothing, and the user's own HOME is left as it was.
"""

import os

# Where a tool keeps things per user rather than per run, when these are set (else in HOME).
PER_USER_PLACES = ("ANSIBLE_HOME", "ANSIBLE_LOCAL_TEMP", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


def with_own_home(env, home):
    """``env`` with HOME at ``home`` (made if missing) and no per-user place pointing elsewhere."""
    os.makedirs(home, exist_ok=True)
    env = {key: value for key, value in env.items() if key not in PER_USER_PLACES}
    env["HOME"] = home
    env["ANSIBLE_REMOTE_TMP"] = os.path.join(home, ".ansible", "tmp")
    return env
