"""scripts/run.sh, as a newcomer runs it, on a machine where something else
holds the local cluster's port: it takes a free port, says so, keeps it for
the cluster's next start, and serves. A port given in PARTNERAPI_PG_PORT is
the only one tried: when it is held, the end of PostgreSQL's log says why."""
import base64
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_PORT = 55432


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def held_default_port():
    """A listening socket on the default port (or whoever holds it already)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", DEFAULT_PORT))
        s.listen(1)
    except OSError:
        pass  # held by something else already: taken all the same
    yield
    s.close()


@pytest.fixture
def cluster_dir():
    with tempfile.TemporaryDirectory(prefix="partnerapi-run-") as d:
        os.chmod(d, 0o755)
        yield os.path.join(d, "pg")


def run_script(pg_dir, listen, **env):
    e = {k: v for k, v in os.environ.items() if k not in ("PARTNERAPI_DB", "PARTNERAPI_PG_PORT")}
    e.update(PARTNERAPI_PG_DIR=pg_dir, PARTNERAPI_LISTEN=listen, **env)
    return subprocess.Popen([os.path.join(ROOT, "scripts", "run.sh")], env=e, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def serves(listen, proc, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://{listen}/health", timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def region_read(listen):
    body = ('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:pa="http://buhphone.com/PartnerAPI"><s:Body><pa:region_read/></s:Body></s:Envelope>')
    req = urllib.request.Request(f"http://{listen}/cus/ws/PartnerAPI", data=body.encode(), headers={
        "Content-Type": "text/xml; charset=utf-8",
        "Authorization": "Basic " + base64.b64encode(b"demo:demo").decode()})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read().decode()


def stop(proc):
    os.kill(proc.pid, signal.SIGTERM)
    out, _ = proc.communicate(timeout=120)
    return out


def test_a_taken_port_is_replaced_said_and_kept_and_the_service_serves(held_default_port, cluster_dir):
    listen = f"127.0.0.1:{free_port()}"
    proc = run_script(cluster_dir, listen)
    try:
        assert serves(listen, proc), proc.communicate(timeout=60)[0][-3000:]
        status, answer = region_read(listen)
        assert status == 200 and "<row>" in answer
    finally:
        out = stop(proc)
    kept = open(cluster_dir + ".port").read().strip()
    assert int(kept) != DEFAULT_PORT
    assert f"port {DEFAULT_PORT} is taken" in out and f"uses port {kept}" in out, out[-3000:]
    assert not os.path.exists(os.path.join(cluster_dir, "postmaster.pid")), "the cluster stopped with the script"

    # Its next start takes the kept port, without a word.
    listen = f"127.0.0.1:{free_port()}"
    proc = run_script(cluster_dir, listen)
    try:
        assert serves(listen, proc), proc.communicate(timeout=60)[0][-3000:]
        port = open(os.path.join(cluster_dir, "postmaster.pid")).read().split("\n")[3].strip()
        assert port == kept
    finally:
        out = stop(proc)
    assert "is taken" not in out


def test_a_port_given_that_is_held_fails_with_the_end_of_the_log(held_default_port, cluster_dir):
    proc = run_script(cluster_dir, f"127.0.0.1:{free_port()}", PARTNERAPI_PG_PORT=str(DEFAULT_PORT))
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode != 0
    assert "did not start on port 55432" in out, out[-3000:]
    assert "Address already in use" in out or "could not bind" in out, out[-3000:]
