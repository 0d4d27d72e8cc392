"""GET /metrics on a server of its own: Prometheus' text format as promtool
checks it, and counters and histograms that move with the requests sent."""
import re
import shutil
import subprocess
import urllib.request

import pytest

from conftest import client_at, fault, start_server, stop_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, "")
    yield port
    stop_server(proc)


def scrape(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        assert r.status == 200
        assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return r.read().decode()


def value(text, series):
    m = re.search("^" + re.escape(series) + r" (\S+)$", text, re.M)
    return float(m.group(1)) if m else 0.0


def test_the_exposition_passes_promtool(server):
    client_at(server).role_read()
    if not shutil.which("promtool"):
        pytest.skip("promtool (Debian's prometheus) is not installed")
    check = subprocess.run(["promtool", "check", "metrics"], input=scrape(server), capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_counters_and_histograms_move_with_the_requests(server):
    api = client_at(server)
    before = scrape(server)
    api.role_read()
    api.role_read()
    assert fault(api.competence_read, competence_id="not-a-uid")[0] == "INVALID_ID"
    with pytest.raises(Exception):
        client_at(server, password="wrong").role_read()
    after = scrape(server)
    ok = 'partnerapi_requests_total{operation="role_read",outcome="ok"}'
    assert value(after, ok) - value(before, ok) == 2
    bad = 'partnerapi_requests_total{operation="competence_read",outcome="client_fault"}'
    assert value(after, bad) - value(before, bad) == 1
    denied = 'partnerapi_requests_total{operation="none",outcome="401"}'
    assert value(after, denied) - value(before, denied) >= 1
    count = 'partnerapi_request_duration_seconds_count{operation="role_read"}'
    assert value(after, count) - value(before, count) == 2
    assert value(after, 'partnerapi_request_duration_seconds_bucket{operation="role_read",le="+Inf"}') == \
        value(after, count)


def test_gauges_show_the_workers_the_pool_and_the_build(server):
    text = scrape(server)
    assert value(text, "partnerapi_workers") == 128
    assert value(text, 'partnerapi_db_pool_connections{state="size"}') == 48
    assert re.search(r'^partnerapi_db_pool_connections\{state="open"\} \d+$', text, re.M)
    assert value(text, 'partnerapi_connections{state="busy"}') >= 1, "the scrape itself is served by a worker"
    assert re.search(r'^partnerapi_build_info\{version="[^"]+",commit="[^"]+",gsoap="2\.8\.\d+"\} 1$', text, re.M)
