"""Render deploy/nginx/unodc.conf.template, and run it in a throwaway nginx for the benchmark and tests.

python -m deploy.nginx.config > deploy/nginx/unodc.conf   # the production rendering, from the project folder
"""

import contextlib
import os
import pwd
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "unodc.conf.template"
NGINX = "/usr/sbin/nginx"
PURGE_MODULE = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"
MIME_TYPES = "/etc/nginx/mime.types"

# A deployment as README "Deploying" describes it: the project in /srv/site, gunicorn on 127.0.0.1:8000.
PRODUCTION = {
    "UPSTREAM": "127.0.0.1:8000",
    "LISTEN": "80",
    "SERVER_NAME": "_",  # any host: Django's ALLOWED_HOSTS refuses the wrong ones
    "PURGE_LISTEN": "127.0.0.1:8081",
    "CACHE_DIR": "/var/cache/nginx/unodc",
    "STATIC_ROOT": "/srv/site/staticfiles",
    "MEDIA_ROOT": "/srv/site/media",
}
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render(values):
    """The template with every {{NAME}} replaced; a missing or unknown value is an error. UPSTREAM lists the app
    nodes, comma-separated. PURGE_ALLOW, one
    address or network (CIDR) allowed to purge, is loopback unless given (several app nodes: their private
    network, e.g. 10.0.0.0/24)."""
    values = {"PURGE_ALLOW": "127.0.0.1", **values}
    values["UPSTREAM"] = "\n    ".join(f"server {address.strip()};" for address in values["UPSTREAM"].split(","))
    names = set(PLACEHOLDER.findall(TEMPLATE.read_text()))
    if names != set(values):
        raise ValueError(f"Template needs exactly {sorted(names)}, got {sorted(values)}")
    return PLACEHOLDER.sub(lambda match: str(values[match[1]]), TEMPLATE.read_text())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=10, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Process exited with {process.returncode} before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"Nothing listening on 127.0.0.1:{port} after {timeout}s")


def standalone_conf(prefix, site_conf, workers=1):
    """A complete nginx.conf running as this user in ``prefix``: the site config plus what the
    Debian packaging's /etc/nginx/nginx.conf would otherwise provide."""
    prefix = Path(prefix)
    # Started as root (containers, CI), nginx would run its workers as "nobody", who cannot enter
    # the private temporary folders: keep them as this user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    return f"""
load_module {PURGE_MODULE};
{user}
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
{site_conf}
}}
"""


@contextlib.contextmanager
def running_nginx(prefix, values, extra_servers="", workers=1):
    """nginx serving the rendered template (plus ``extra_servers``) from ``prefix``; stopped on exit.

    ``values`` must include LISTEN and PURGE_LISTEN as 127.0.0.1:<port>.
    """
    prefix = Path(prefix)
    prefix.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(standalone_conf(prefix, render(values) + extra_servers, workers))
    check = subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx rejected {conf}:\n{check.stderr}")
    with open(prefix / "stderr.log", "w") as stderr:
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf)], stderr=stderr)
    try:
        for listen in (values["LISTEN"], values["PURGE_LISTEN"]):
            wait_for_port(int(listen.rsplit(":", 1)[1]), process=process)
        yield process
    finally:
        stop(process)


def stop(process, timeout=10):
    """SIGTERM (nginx: fast shutdown; gunicorn: graceful), then SIGKILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def available():
    """Whether nginx and its cache purge module are installed (apt-get install nginx libnginx-mod-http-cache-purge)."""
    return Path(NGINX).exists() and Path(PURGE_MODULE).exists()


if __name__ == "__main__":
    print(render(PRODUCTION), end="")
