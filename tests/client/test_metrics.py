"""GET /metrics on a server of its own: Prometheus' text format as promtool
checks it, and counters and histograms that move with the requests sent."""
import os
import re
import shutil
import subprocess
import time
import urllib.request
import uuid

import pytest

from conftest import client_at, fault, scratch_database, start_server, stop_server


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


def test_the_shared_reads_and_streams_are_reported(server):
    client_at(server).region_read()
    text = scrape(server)
    assert value(text, 'partnerapi_shared_reads_total{ran="shared"}') >= 1
    assert re.search(r'^partnerapi_shared_reads_total\{ran="pool"\} \d+$', text, re.M)
    assert re.search(r"^partnerapi_shared_reads_waiting \d+$", text, re.M)
    assert value(text, "partnerapi_db_streams") == 0, "no answer is being streamed"


def test_events_imported_are_counted_by_kind(tmp_path_factory):
    with scratch_database("partnerapi_metrics_events") as db:
        env = {**os.environ, "PARTNERAPI_DB": db}
        binary = os.environ["PARTNERAPI_TEST_BIN"]
        for command in ("migrate", "demo"):
            subprocess.run([binary, command], env=env, check=True, capture_output=True)
        demo = subprocess.run(["psql", db, "-XAtc", "SELECT md5('partner:demo')::uuid"], check=True,
                              capture_output=True, text=True).stdout.strip()
        calls = "id,started_at,duration,partner_id,call_status_id\n" + "".join(
            f"{uuid.uuid4()},2026-11-0{d}T10:00:00,60,{demo},1\n" for d in (1, 2, 3))
        subprocess.run([binary, "events-import", "--kind", "calls", "--file", "-"], env=env, input=calls,
                       check=True, capture_output=True, text=True)
        proc, port = start_server(tmp_path_factory, "", db=db)
        try:
            text = scrape(port)
            assert value(text, 'partnerapi_events_imported_total{kind="calls"}') == 3
            assert value(text, 'partnerapi_events_imported_total{kind="chat"}') == 0
            assert abs(value(text, 'partnerapi_events_last_import_timestamp_seconds{kind="calls"}') - time.time()) < 600
            assert value(text, 'partnerapi_events_last_import_timestamp_seconds{kind="sip"}') == 0
        finally:
            stop_server(proc)
