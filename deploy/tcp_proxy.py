"""A TCP proxy to pause: ``python -m deploy.tcp_proxy LISTEN_PORT TARGET_PORT`` (127.0.0.1 only), or
``running(target_port)`` from Python. Used by tests/test_faults.py and bench/faults.py.

Stopped with SIGSTOP, it behaves as a hung server: the kernel still accepts connections and data,
and nothing ever answers. SIGCONT resumes it.
"""

import contextlib
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from deploy.nginx import config as nginx_config

PROJECT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def running(target_port):
    """A proxy of ours to 127.0.0.1:``target_port``; yields (its port, its process), stopped on exit."""
    port = nginx_config.free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "deploy.tcp_proxy", str(port), str(target_port)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
    )
    try:
        nginx_config.wait_for_port(port, process=process)
        yield port, process
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGCONT)  # a test may have left it paused
        nginx_config.stop(process)


def pipe(source, target):
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listen_port, target_port):
    server = socket.create_server(("127.0.0.1", listen_port))
    print("ready", flush=True)
    while True:
        client, _ = server.accept()
        upstream = socket.create_connection(("127.0.0.1", target_port))
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=pipe, args=(source, target), daemon=True).start()


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
