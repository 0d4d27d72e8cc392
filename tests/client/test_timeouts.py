"""Connections, on servers of our own: with short timeouts (receive 1 s,
transfer 3 s) an idle keep-alive connection is closed, a stalled request is
given up, a client dripping bytes is cut at the transfer deadline, and none of
them keeps others from being served; with two workers, idle keep-alive
connections do not hold them."""
import select
import socket
import time

import pytest

from conftest import chunked_request, envelope, raw_request, start_server, stop_server

RECV_TIMEOUT, TRANSFER_TIMEOUT = 1, 3


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, f"workers = 4\nrecv_timeout = {RECV_TIMEOUT}\n"
                              f"send_timeout = {RECV_TIMEOUT}\ntransfer_timeout = {TRANSFER_TIMEOUT}\n")
    yield port
    stop_server(proc)


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, "workers = 2\n")  # receive timeout 30 s
    yield port
    stop_server(proc)


def seconds_until_closed(sock, limit=15):
    """Reads (and drops) whatever comes until the server closes; the time it took."""
    started = time.monotonic()
    sock.settimeout(limit)
    while sock.recv(65536):
        pass
    return time.monotonic() - started


def served(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(raw_request())
        return s.recv(65536).startswith(b"HTTP/1.1 200")


def test_idle_keep_alive_connection_is_closed_after_the_receive_timeout(server):
    with socket.create_connection(("127.0.0.1", server), timeout=5) as s:
        s.sendall(raw_request())
        assert s.recv(65536).startswith(b"HTTP/1.1 200")
        waited = seconds_until_closed(s)
    assert RECV_TIMEOUT - 0.2 <= waited < RECV_TIMEOUT + 3


def test_stalled_request_is_given_up_and_others_are_served(server):
    whole = raw_request()
    with socket.create_connection(("127.0.0.1", server), timeout=5) as s:
        s.sendall(whole[: len(whole) - 20])  # the body's end never comes
        assert served(server)
        waited = seconds_until_closed(s)
    assert waited < RECV_TIMEOUT + 3


def server_gave_up(sock):
    """True once the server has answered or closed (without waiting)."""
    if not select.select([sock], [], [], 0)[0]:
        return False
    try:
        sock.recv(65536)  # the closing, or a fault sent before it
    except OSError:
        pass
    return True


def test_client_dripping_bytes_is_cut_at_the_transfer_deadline(server):
    # One byte every 0.3 s: every receive is in time, only the whole-request
    # deadline can end it, and it must while the client is still sending.
    whole = raw_request(envelope("<pa:partner_read/>" + " " * 200))
    with socket.create_connection(("127.0.0.1", server), timeout=5) as s:
        started, sent, cut_after = time.monotonic(), 0, None
        while time.monotonic() - started < TRANSFER_TIMEOUT + 4:
            try:
                s.sendall(whole[sent:sent + 1])
                sent += 1
            except OSError:
                cut_after = time.monotonic() - started
                break
            if server_gave_up(s):
                cut_after = time.monotonic() - started
                break
            time.sleep(0.3)
    assert sent < len(whole)
    assert cut_after is not None and TRANSFER_TIMEOUT - 0.5 <= cut_after < TRANSFER_TIMEOUT + 2
    assert served(server)


def test_idle_keep_alive_connections_do_not_hold_the_workers(two_workers):
    # Six clients keep their connections open after a request, as an nginx
    # upstream pool does. Were each holding a worker until its 30 s receive
    # timeout, the third would not be served at all within 5 s.
    idle = []
    try:
        for _ in range(6):
            s = socket.create_connection(("127.0.0.1", two_workers), timeout=5)
            s.sendall(raw_request())
            assert s.recv(65536).startswith(b"HTTP/1.1 200")
            idle.append(s)
        assert served(two_workers)
        for s in idle:  # each is still open, and its next request is served
            s.sendall(raw_request())
            assert s.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        for s in idle:
            s.close()


def test_slow_senders_do_not_hold_the_workers(two_workers):
    # Six clients send their requests a piece at a time, stopping inside the
    # header, short of the body's Content-Length, or before the last chunk.
    # Were each holding a worker until its receive timeout, nobody else would
    # be served for 30 s.
    plain, chunked = raw_request(), chunked_request()
    requests = [(plain, 40), (plain, len(plain) - 10), (chunked, len(chunked) - 5)] * 2
    slow = []
    try:
        for whole, cut in requests:
            s = socket.create_connection(("127.0.0.1", two_workers), timeout=5)
            s.sendall(whole[:cut])
            slow.append(s)
        time.sleep(0.2)
        assert served(two_workers)
        for s, (whole, cut) in zip(slow, requests):  # each sends the rest and is answered
            s.sendall(whole[cut:])
            assert s.recv(65536).startswith(b"HTTP/1.1 200")
    finally:
        for s in slow:
            s.close()
