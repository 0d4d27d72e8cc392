"""Many kinds of clients at once on the running server: keep-alive clients
(with faults among their answers), pipelining ones (chunked requests among
them), slow senders, clients that give up mid-request and idle ones. Every
request sent whole is answered, and the server goes on."""
import random
import threading
import time

from conftest import chunked_request, connect, envelope, raw_request, rows, make_client

SECONDS, CLIENTS = 4, 12
POST, CHUNKED, HEALTH = raw_request(), chunked_request(), b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
FAULT = raw_request(envelope("<pa:partner_read><pa:partner_id>bad</pa:partner_id></pa:partner_read>"))


def answers(sock, expected):
    """How many answers came (up to `expected`), reading at most 10 s."""
    data, started = b"", time.monotonic()
    while data.count(b"HTTP/1.1 ") < expected and time.monotonic() - started < 10:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.count(b"HTTP/1.1 ")


def one_client(rng, kind):
    with connect(timeout=10) as s:
        if kind == "keep_alive":
            for _ in range(rng.randint(1, 10)):
                s.sendall(rng.choice([POST, FAULT, HEALTH]))
                assert answers(s, 1) == 1, kind
        elif kind == "pipelining":
            batch = [rng.choice([POST, FAULT, HEALTH, CHUNKED]) for _ in range(rng.randint(2, 6))]
            s.sendall(b"".join(batch))
            assert answers(s, len(batch)) == len(batch), kind
        elif kind == "slow":
            request = rng.choice([POST, CHUNKED])
            cut = rng.randint(1, len(request) - 1)
            s.sendall(request[:cut])
            time.sleep(rng.uniform(0, 0.2))
            s.sendall(request[cut:])
            assert answers(s, 1) == 1, kind
        elif kind == "gives_up":
            request = rng.choice([POST, CHUNKED])
            s.sendall(request[:rng.randint(1, len(request) - 1)])
        elif kind == "idle":
            s.sendall(POST)
            assert answers(s, 1) == 1, kind
            time.sleep(rng.uniform(0, 0.2))
            s.sendall(POST)
            assert answers(s, 1) == 1, kind


def test_mixed_clients_at_once_are_all_answered():
    failures, runs = [], [0]
    lock = threading.Lock()

    def client_loop(seed):
        rng, stop = random.Random(seed), time.monotonic() + SECONDS
        while time.monotonic() < stop:
            kind = rng.choice(["keep_alive", "pipelining", "slow", "gives_up", "idle"])
            try:
                one_client(rng, kind)
            except Exception as e:  # noqa: BLE001 - every failure is reported below
                with lock:
                    failures.append(f"{kind}: {e!r}")
            with lock:
                runs[0] += 1

    threads = [threading.Thread(target=client_loop, args=(seed,)) for seed in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:5]
    assert runs[0] > CLIENTS
    assert len(rows(make_client("demo", "demo").service.partner_read())) == 1
