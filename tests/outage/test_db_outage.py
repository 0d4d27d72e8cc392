"""The server under database faults, with a PostgreSQL of its own that the test
stops and starts as an ops team would (restart -m fast, stop -m fast with a
start 5 s later, stop -m immediate), while writers and readers keep calling:
no request waits past the connect timeout and a margin, /health answers
throughout, the server serves again within a second of PostgreSQL being back,
every acknowledged write is in the database, no fault is INTERNAL; after a
restart 100 writes in a row succeed; and SIGTERM during an outage ends the
process within its grace period."""
import base64
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("PARTNERAPI_TEST_BIN", os.path.join(ROOT, "build", "src", "partnerapi"))
NS = "http://buhphone.com/PartnerAPI"
CONNECT_TIMEOUT = 3  # db_connect_timeout given to the server below
MARGIN = 4
GRACE = 5


def demo_uid(key):
    """The demo data's UID for `key` (md5(key)::uuid)."""
    import hashlib
    h = hashlib.md5(key.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


MOSCOW = demo_uid("region:Москва")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lib(command):
    """A function of scripts/lib.sh (the private cluster's helpers), its output.
    The cluster is durable (the suite's own runs with synchronous_commit off,
    which an immediate stop would turn into lost acknowledged commits)."""
    env = {k: v for k, v in os.environ.items() if k != "PG_EXTRA_OPTS"}
    return subprocess.run(["bash", "-c", f'source "{ROOT}/scripts/lib.sh"; {command}'], check=True,
                          capture_output=True, text=True, env=env).stdout.strip()


class Cluster:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="partnerapi-outage-pg-")
        self.port = free_port()
        self.conninfo = lib(f'pg_start "{self.dir}" {self.port}') + " dbname=postgres"

    def ctl(self, *args):
        lib(f'as_pg "$(pg_bin)/pg_ctl" -D "{self.dir}" -w -t 60 -l "{self.dir}/server.log" {" ".join(args)}')

    def start(self):
        lib(f'pg_start "{self.dir}" {self.port}')

    def sql(self, query):
        return subprocess.run(["psql", self.conninfo, "-XAtq", "-c", query], check=True, capture_output=True,
                              text=True).stdout.strip()


class Server:
    def __init__(self, cluster):
        self.port = free_port()
        self.log = open(os.path.join(cluster.dir, "partnerapi.log"), "w")
        config = os.path.join(cluster.dir, "partnerapi.toml")
        with open(config, "w") as f:
            f.write(f"db_connect_timeout = {CONNECT_TIMEOUT}\nstop_grace = {GRACE}\nworkers = 32\n")
        env = dict(os.environ, PARTNERAPI_DB=cluster.conninfo, PARTNERAPI_LISTEN=f"127.0.0.1:{self.port}")
        env.pop("PGCONNECT_TIMEOUT", None)
        self.proc = subprocess.Popen([BIN, "--config", config, "serve", "--migrate", "--demo"], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            if self.health() == 200:
                return
            time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def health(self, timeout=3):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            c.request("GET", "/health")
            return c.getresponse().status
        except OSError:
            return None

    def call(self, body, timeout=30):
        """(status, text, seconds) of one POST on a new connection."""
        started = time.monotonic()
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        auth = "Basic " + base64.b64encode(b"demo:demo").decode()
        c.request("POST", "/cus/ws/PartnerAPI", body=envelope(body),
                  headers={"Content-Type": "text/xml; charset=utf-8", "Authorization": auth})
        r = c.getresponse()
        text = r.read().decode("utf-8", "replace")
        c.close()
        return r.status, text, time.monotonic() - started


def envelope(body):
    return (f'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pa="{NS}">'
            f"<s:Body>{body}</s:Body></s:Envelope>").encode()


def add_client(name):
    return (f"<pa:client_add><pa:client_name>{name}</pa:client_name>"
            f"<pa:region_id>{MOSCOW}</pa:region_id></pa:client_add>")


def code_of(text):
    start = text.find("<code>")
    return text[start + 6:text.find("</code>")] if start >= 0 else None


@pytest.fixture
def stack():
    cluster = Cluster()
    assert cluster.sql("SELECT 1") == "1"
    server = Server(cluster)
    yield cluster, server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()
    lib(f'pg_stop "{cluster.dir}"')
    server.log.close()
    with open(server.log.name, encoding="utf-8", errors="replace") as f:
        log = f.read()
    # A sanitizer build reports into the server's log: none may be there.
    for report in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        assert report not in log, log[log.find(report) - 200:log.find(report) + 2000]


class Load:
    """Writers and readers calling until stopped; what each call gave."""

    def __init__(self, server):
        self.server, self.stopping = server, threading.Event()
        self.calls, self.acknowledged, self.health = [], [], []
        self.threads = [threading.Thread(target=self.writer) for _ in range(4)]
        self.threads += [threading.Thread(target=self.reader) for _ in range(4)]
        self.threads.append(threading.Thread(target=self.health_checker))
        for t in self.threads:
            t.start()

    def record(self, kind, body, name=None):
        try:
            status, text, took = self.server.call(body)
        except OSError as e:
            self.calls.append((kind, None, str(e), 0.0))
            return
        self.calls.append((kind, status, code_of(text), took))
        if name and status == 200:
            self.acknowledged.append(name)

    def writer(self):
        while not self.stopping.is_set():
            name = f"Выдержка {uuid.uuid4().hex[:12]}"
            self.record("write", add_client(name), name)

    def reader(self):
        while not self.stopping.is_set():
            self.record("read", "<pa:partner_read/>")

    def health_checker(self):
        while not self.stopping.is_set():
            started = time.monotonic()
            status = self.server.health()
            self.health.append((status, time.monotonic() - started))
            time.sleep(0.2)

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(60)


def serves_again_within(server, seconds):
    """Seconds until a read succeeds, polled every 20 ms; None past `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if server.call("<pa:partner_read/>", timeout=seconds)[0] == 200:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.02)
    return None


def test_restarts_and_stops_under_load(stack):
    cluster, server = stack
    load = Load(server)
    back = []
    try:
        time.sleep(2)
        cluster.ctl("restart -m fast")
        back.append(serves_again_within(server, 1.0))
        time.sleep(3)
        cluster.ctl("stop -m fast")
        time.sleep(5)
        cluster.start()
        back.append(serves_again_within(server, 1.0))
        time.sleep(3)
        cluster.ctl("stop -m immediate")
        time.sleep(2)
        cluster.start()
        back.append(serves_again_within(server, 1.0))
        time.sleep(2)
    finally:
        load.stop()
    assert all(b is not None for b in back), f"not serving within 1 s of PostgreSQL being back: {back}"
    slow = [c for c in load.calls if c[3] > CONNECT_TIMEOUT + MARGIN]
    assert not slow, slow[:5]
    internal = [c for c in load.calls if c[2] == "INTERNAL"]
    assert not internal, internal[:5]
    assert all(status is not None and took < 3 for status, took in load.health), \
        [h for h in load.health if h[0] is None or h[1] >= 3][:5]
    names = set(cluster.sql("SELECT string_agg(name, '|') FROM client WHERE name LIKE 'Выдержка %'").split("|"))
    missing = [n for n in load.acknowledged if n not in names]
    assert not missing, f"{len(missing)} acknowledged writes are not in the database: {missing[:3]}"
    assert sum(1 for c in load.calls if c[1] == 200) > 100  # the load did run


def test_after_a_restart_the_next_100_writes_all_succeed(stack):
    cluster, server = stack
    # Writes at once fill the pool with connections the restart will leave stale.
    before = []
    threads = [threading.Thread(target=lambda i=i: before.append(
        server.call(add_client(f"До рестарта {i} {uuid.uuid4().hex[:6]}"))[0])) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert before == [200] * 24
    cluster.ctl("restart -m fast")
    failed = []
    for i in range(100):
        status, text, _ = server.call(add_client(f"После рестарта {i} {uuid.uuid4().hex[:6]}"))
        if status != 200:
            failed.append((i, status, code_of(text)))
    assert not failed, failed[:5]


def test_sigterm_during_an_outage_ends_within_the_grace_period(stack):
    cluster, server = stack
    load = Load(server)
    time.sleep(1)
    stopper = threading.Thread(target=cluster.ctl, args=("stop -m fast",))
    stopper.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(GRACE + 5)
    finally:
        load.stop()
        stopper.join(60)
    assert time.monotonic() - started < GRACE + 5
    # New connections are refused at once after SIGTERM, not left hanging.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2)


def test_a_second_sigterm_ends_it_at_once(stack):
    cluster, server = stack
    load = Load(server)
    time.sleep(1)
    cluster.ctl("stop -m immediate")  # requests now wait for connections that cannot be had
    try:
        server.proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        started = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(GRACE)
        assert time.monotonic() - started < 2
    finally:
        load.stop()
        cluster.start()
