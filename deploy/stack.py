"""`make stack`: the production topology of README "Deploying", on this machine.

The shipped nginx config on $PORT (default 8080) in front of gunicorn with the production settings,
Redis (its own redis-server unless REDIS_URL is given), the database of DATABASE_URL or the local
SQLite file, migrations and launch content applied, Wagtail's purges wired to nginx. Plain http is
allowed, as for a local run. Prints the URLs; Ctrl+C or SIGTERM stops everything it started.

The tests of takedowns (tests/test_takedown.py) start the same Redis and nginx with these helpers.
"""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy.nginx import config as nginx_config

PROJECT = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT / ".venv" / "bin"
REDIS_SERVER = "/usr/bin/redis-server"
GUNICORN_CONFIG = PROJECT / "deploy" / "gunicorn.conf.py"  # JSON logs, the access log included


@contextlib.contextmanager
def redis_server(folder, port):
    """A redis-server of our own on 127.0.0.1:``port`` that snapshots to ``folder``/dump.rdb on SAVE and
    loads it when started again. Yields the process; stopped on exit."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    arguments = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder)]
    arguments += ["--save", "", "--appendonly", "no", "--logfile", str(folder / "redis.log")]
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        nginx_config.wait_for_port(port, process=process)
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGCONT)  # a test may have left it paused
        nginx_config.stop(process)


@contextlib.contextmanager
def s3_server(port, bucket):
    """moto's S3 API server (a test tool: requirements-dev) on 127.0.0.1:``port``, holding an empty ``bucket``.
    Yields its endpoint URL; it keeps everything in memory and forgets it when stopped."""
    import boto3

    process = subprocess.Popen(
        [VENV_BIN / "moto_server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        nginx_config.wait_for_port(port, timeout=30, process=process)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **S3_CREDENTIALS)
        client.create_bucket(Bucket=bucket)
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_images_policy(bucket)))
        yield endpoint
    finally:
        nginx_config.stop(process)


def public_images_policy(bucket):
    """The bucket policy docs/deployment.md asks for: anyone may read images and renditions; documents stay
    private, reachable only through the addresses the app signs (core/storage.py)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
            }
        ],
    }


# Any key works with moto; boto3 needs one to sign.
S3_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local-secret"}


@contextlib.contextmanager
def gunicorn(port, environment, output):
    process = subprocess.Popen(
        [VENV_BIN / "gunicorn", "--config", GUNICORN_CONFIG, "unodc_site.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", environment.get("WEB_CONCURRENCY", "2")],
        cwd=PROJECT,
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killing a node kills its workers too (deploy/cluster.py)
    )
    try:
        nginx_config.wait_for_port(port, timeout=60, process=process)
        yield process
    finally:
        nginx_config.stop(process)


@contextlib.contextmanager
def task_worker(environment, output):
    """`manage.py db_worker`: runs the purges and other tasks a publish queues (production's TASK_QUEUE=database)."""
    process = subprocess.Popen(
        [VENV_BIN / "python", "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"],
        cwd=PROJECT,
        env=environment,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        nginx_config.stop(process)


def manage(environment, *arguments):
    subprocess.run([VENV_BIN / "python", "manage.py", *arguments], cwd=PROJECT, env=environment, check=True)


def stack_environment(port, purge_port, redis_url):
    site_url = os.environ.get("SITE_URL", f"http://127.0.0.1:{port}")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "unodc_site.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        "SITE_URL": site_url,
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost"),
        "CSRF_TRUSTED_ORIGINS": os.environ.get("CSRF_TRUSTED_ORIGINS", site_url),
        "REDIS_URL": redis_url,
        "FRONTEND_CACHE_PURGE_URLS": f"http://127.0.0.1:{purge_port}",
        "DOCUMENT_DOWNLOADS": "nginx",  # sent by the nginx in front, as in production
        # A local run over plain http: no redirect to https, and cookies that work without it.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(PROJECT / "staticfiles"),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(PROJECT / "media")),
    }


def stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwinds the ExitStack below, as Ctrl+C does


def main():
    port = int(os.environ.get("PORT", "8080"))
    app_port, purge_port = nginx_config.free_port(), nginx_config.free_port()
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory(prefix="unodc-stack-") as workdir:
        redis_url = os.environ.get("REDIS_URL")
        if not redis_url:
            redis_port = nginx_config.free_port()
            stack.enter_context(redis_server(Path(workdir) / "redis", redis_port))
            redis_url = f"redis://127.0.0.1:{redis_port}/0"
        environment = stack_environment(port, purge_port, redis_url)
        manage(environment, "migrate", "--noinput", "--verbosity", "0")
        manage(environment, "load_seed_content")
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        stack.enter_context(gunicorn(app_port, environment, sys.stdout))
        stack.enter_context(task_worker(environment, sys.stdout))
        values = {
            "UPSTREAM": f"127.0.0.1:{app_port}",
            "LISTEN": f"127.0.0.1:{port}",
            "SERVER_NAME": "_",
            "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
            "CACHE_DIR": Path(workdir) / "nginx-cache",
            "STATIC_ROOT": environment["STATIC_ROOT"],
            "MEDIA_ROOT": environment["MEDIA_ROOT"],
        }
        stack.enter_context(nginx_config.running_nginx(Path(workdir) / "nginx", values))
        print(
            f"\nThe stack is up: {environment['SITE_URL']}/ (nginx) -> gunicorn 127.0.0.1:{app_port} "
            f"(production settings) -> {redis_url} and {environment.get('DATABASE_URL', 'db.sqlite3')}; "
            "a task worker runs the purges."
            f"\nPurges: http://127.0.0.1:{purge_port}. Health: {environment['SITE_URL']}/healthz. "
            "Stop with Ctrl+C.",
            flush=True,
        )
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            print("\nStopping nginx, the task worker, gunicorn and Redis.", flush=True)


if __name__ == "__main__":
    main()
