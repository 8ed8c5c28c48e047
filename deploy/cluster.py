"""Several app nodes on this machine, in docs/deployment.md's topology: nginx balancing gunicorn nodes that share no
folder, one PostgreSQL (DATABASE_URL, pooled connections), one Redis, an S3 API (moto's server) for media and a
task worker. tests/test_two_nodes.py and `make bench`'s two-node row run it; Ctrl+C-safe, everything it started
is stopped on exit.
"""

import contextlib
import dataclasses
import os
import signal
from pathlib import Path

import psycopg

from deploy import stack
from deploy.nginx import config as nginx_config

BUCKET = "unodc-media"


@dataclasses.dataclass
class Node:
    name: str
    port: int
    process: object

    def kill(self):
        """Gone at once, as a machine failing: gunicorn and its workers (its process group), in-flight requests cut."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@dataclasses.dataclass
class Cluster:
    url: str  # the load balancer (nginx)
    nodes: list
    environment: dict


@contextlib.contextmanager
def fresh_database(server_url, name):
    """An empty PostgreSQL database ``name`` on the server of ``server_url`` (postgres://user@host:port), dropped
    on exit; yields its URL."""

    def drop(connection):
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        drop(connection)
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
            drop(connection)


@contextlib.contextmanager
def running(workdir, database_url, output, node_count=2, **settings):
    """Starts the cluster in ``workdir`` on the (empty or migrated) database of ``database_url``: migrations and
    launch content applied; yields a Cluster. ``settings`` are further environment variables of every process."""
    workdir = Path(workdir)
    with contextlib.ExitStack() as started:
        redis_port = nginx_config.free_port()
        started.enter_context(stack.redis_server(workdir / "redis", redis_port))
        s3 = started.enter_context(stack.s3_server(nginx_config.free_port(), BUCKET))
        port, purge_port = nginx_config.free_port(), nginx_config.free_port()
        shared = {
            **stack.stack_environment(port, purge_port, f"redis://127.0.0.1:{redis_port}/0"),
            "DATABASE_URL": database_url,
            "DATABASE_POOL_SIZE": "2",
            "TASK_QUEUE": "database",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": stack.S3_CREDENTIALS["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": stack.S3_CREDENTIALS["aws_secret_access_key"],
            "CSP_MEDIA_ORIGINS": s3,
            "DOCUMENT_DOWNLOADS": "storage",
            "LOG_LEVEL": "ERROR",
            **settings,
        }

        def node_environment(folder):
            """A node's own folders: nothing another node reads is written there."""
            folder.mkdir(parents=True, exist_ok=True)
            return {**shared, "STATIC_ROOT": str(folder / "static"), "MEDIA_ROOT": str(folder / "media")}

        stack.manage(node_environment(workdir / "release"), "migrate", "--noinput", "--verbosity", "0")
        stack.manage(node_environment(workdir / "release"), "load_seed_content")
        nodes = []
        for number in range(node_count):
            environment = node_environment(workdir / f"node-{number}")
            stack.manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
            node_port = nginx_config.free_port()
            process = started.enter_context(stack.gunicorn(node_port, environment, output))
            nodes.append(Node(f"node-{number}", node_port, process))
        started.enter_context(stack.task_worker(node_environment(workdir / "worker"), output))
        balancer = node_environment(workdir / "balancer")
        stack.manage(balancer, "collectstatic", "--noinput", "--verbosity", "0")  # nginx's own copy
        values = {
            "UPSTREAM": ",".join(f"127.0.0.1:{node.port}" for node in nodes),
            "LISTEN": f"127.0.0.1:{port}",
            "SERVER_NAME": "_",
            "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
            "CACHE_DIR": workdir / "balancer" / "cache",
            "STATIC_ROOT": balancer["STATIC_ROOT"],
            "MEDIA_ROOT": balancer["MEDIA_ROOT"],
        }
        started.enter_context(nginx_config.running_nginx(workdir / "balancer" / "nginx", values))
        yield Cluster(f"http://127.0.0.1:{port}", nodes, shared)


def postgres_server():
    """The PostgreSQL server the cluster uses: POSTGRES_URL, else the local one."""
    return os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
