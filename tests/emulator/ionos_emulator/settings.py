"""Emulator settings: defaults, environment variables and command-line flags.

Every knob has an environment variable so that `make` targets and CI can set it
without flags; flags win over the environment. Most knobs can also be changed
at run time through ``PUT /_emulator/config``.
"""

import argparse
import json
import os
from dataclasses import dataclass, field, fields

DEFAULT_PORT = 18080
DEFAULT_USERNAME = "emulator@example.com"
DEFAULT_PASSWORD = "emulator-password"
DEFAULT_TOKEN = "emulator-token"
API_PREFIX = "/cloudapi/v5"


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    token: str = DEFAULT_TOKEN
    # Seconds from a write to its request reaching DONE (resources stay BUSY
    # meanwhile). 0 means done by the first poll.
    provisioning_delay: float = 0.0
    # Seconds a Kubernetes cluster or node pool spends DEPLOYING, UPDATING or
    # DESTROYING; None follows provisioning_delay.
    k8s_delay: float | None = None
    # Average requests per minute per credential; 0 turns the limit off (the
    # X-RateLimit-* headers are still sent).
    rate_limit: int = 0
    # Requests allowed at once above the average; 0 means rate_limit / 6.
    rate_burst: int = 0
    fault_seed: int = 0
    faults: list = field(default_factory=list)
    state_file: str | None = None
    seed_datacenters: int = 0
    seed_servers: int = 0
    access_log: bool = False
    # Scheme, host and port that clients use, when they differ from the
    # listen address (e.g. http://emulator:18080 from another container).
    public_url: str | None = None
    # Kept finished requests (GET /requests); the oldest are forgotten first.
    request_history: int = 20000

    RUNTIME = ("provisioning_delay", "k8s_delay", "rate_limit", "rate_burst", "request_history")

    @property
    def effective_k8s_delay(self):
        return self.provisioning_delay if self.k8s_delay is None else self.k8s_delay

    @property
    def effective_burst(self):
        if self.rate_burst:
            return self.rate_burst
        return max(1, self.rate_limit // 6)

    def public(self):
        """The settings as shown by GET /_emulator/config (no secrets)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out.pop("password")
        out.pop("token")
        return out

    def update(self, values):
        for key, value in values.items():
            if key not in self.RUNTIME:
                raise ValueError(f"'{key}' cannot be changed at run time; use one of {', '.join(self.RUNTIME)}")
            if key == "k8s_delay" and value is None:
                self.k8s_delay = None
                continue
            kind = float if key in ("provisioning_delay", "k8s_delay") else int
            number = kind(value)
            if number < 0:
                raise ValueError(f"'{key}' must not be negative")
            setattr(self, key, number)


def _env(name, default, kind=str):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if kind is bool:
        return raw.lower() in ("1", "true", "yes", "on")
    return kind(raw)


def parse_args(argv=None):
    env = Settings(
        port=_env("EMULATOR_PORT", DEFAULT_PORT, int),
        username=_env("IONOS_USERNAME", DEFAULT_USERNAME),
        password=_env("IONOS_PASSWORD", DEFAULT_PASSWORD),
        token=_env("IONOS_TOKEN", DEFAULT_TOKEN),
        provisioning_delay=_env("EMULATOR_PROVISIONING_DELAY", 0.0, float),
        k8s_delay=_env("EMULATOR_K8S_DELAY", None, float),
        rate_limit=_env("EMULATOR_RATE_LIMIT", 0, int),
        rate_burst=_env("EMULATOR_RATE_BURST", 0, int),
        fault_seed=_env("EMULATOR_FAULT_SEED", 0, int),
        faults=json.loads(_env("EMULATOR_FAULTS", "[]")),
        state_file=_env("EMULATOR_STATE_FILE", None),
        seed_datacenters=_env("EMULATOR_SEED_DATACENTERS", 0, int),
        seed_servers=_env("EMULATOR_SEED_SERVERS", 0, int),
        access_log=_env("EMULATOR_ACCESS_LOG", False, bool),
        public_url=_env("EMULATOR_PUBLIC_URL", None),
    )
    p = argparse.ArgumentParser(
        prog="ionos_emulator",
        description="A local emulator of the IONOS Enterprise Cloud API v5 "
        f"(API base http://HOST:PORT{API_PREFIX}).",
    )
    p.add_argument("--host", default=env.host, help="address to listen on (default %(default)s)")
    p.add_argument("--port", type=int, default=env.port, help="port (EMULATOR_PORT, default %(default)s; 0 picks a free one)")
    p.add_argument("--provisioning-delay", type=float, default=env.provisioning_delay,
                   help="seconds until a request is DONE (EMULATOR_PROVISIONING_DELAY, default 0)")
    p.add_argument("--k8s-delay", type=float, default=env.k8s_delay,
                   help="seconds Kubernetes resources stay DEPLOYING/DESTROYING (EMULATOR_K8S_DELAY, default: the provisioning delay)")
    p.add_argument("--rate-limit", type=int, default=env.rate_limit,
                   help="requests per minute per credential, 0 = off (EMULATOR_RATE_LIMIT)")
    p.add_argument("--rate-burst", type=int, default=env.rate_burst, help="burst above the average (EMULATOR_RATE_BURST)")
    p.add_argument("--faults", type=json.loads, default=env.faults,
                   help="JSON list of fault rules (EMULATOR_FAULTS); see README")
    p.add_argument("--fault-seed", type=int, default=env.fault_seed, help="seed of the fault dice (EMULATOR_FAULT_SEED)")
    p.add_argument("--state-file", default=env.state_file, help="JSON file the state is kept in across restarts (EMULATOR_STATE_FILE)")
    p.add_argument("--seed-datacenters", type=int, default=env.seed_datacenters, help="datacenters to create at start")
    p.add_argument("--seed-servers", type=int, default=env.seed_servers, help="servers per seeded datacenter")
    p.add_argument("--access-log", action="store_true", default=env.access_log, help="log every request")
    p.add_argument("--public-url", default=env.public_url,
                   help="base URL clients use, for hrefs and Location (EMULATOR_PUBLIC_URL); default http://HOST:PORT")
    a = p.parse_args(argv)
    env.host = a.host
    env.port = a.port
    env.provisioning_delay = a.provisioning_delay
    env.k8s_delay = a.k8s_delay
    env.rate_limit = a.rate_limit
    env.rate_burst = a.rate_burst
    env.faults = a.faults
    env.fault_seed = a.fault_seed
    env.state_file = a.state_file
    env.seed_datacenters = a.seed_datacenters
    env.seed_servers = a.seed_servers
    env.access_log = a.access_log
    env.public_url = a.public_url
    return env
