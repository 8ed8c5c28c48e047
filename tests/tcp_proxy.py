"""A TCP proxy to pause: ``python -m tests.tcp_proxy LISTEN_PORT TARGET_PORT`` (127.0.0.1 only).

Stopped with SIGSTOP, it behaves as a hung server: the kernel still accepts connections and data,
and nothing ever answers. SIGCONT resumes it.
"""

import socket
import sys
import threading


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
