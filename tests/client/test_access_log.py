"""The access log, on servers of its own: one JSON line per request (or plain
text), the request ID taken from X-Request-Id or made and sent back, and never
a password or an operand's value."""
import json
import time
import urllib.parse

import pytest
import requests

from conftest import URL, basic_auth, envelope, start_server, stop_server

SECRET = "Пароль-которого-нет-в-логе"
VALUE = "значение-операнда"


def post(port, body, request_id=None, auth=("demo", "demo")):
    headers = {"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth(*auth)}
    if request_id:
        headers["X-Request-Id"] = request_id
    path = urllib.parse.urlparse(URL).path
    return requests.post(f"http://127.0.0.1:{port}{path}", data=body, headers=headers, timeout=10)


def lines_of(proc, count):
    """The last `count` access-log lines (the lines that are not spdlog's own)."""
    deadline = time.monotonic() + 5
    while True:
        lines = [line for line in proc.log_path.read_text().splitlines() if not line.startswith("[")]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines[-count:]
        time.sleep(0.05)


def lines_for(proc, *request_ids):
    """The JSON access-log lines of these requests, in that order. Lines reach
    the log within a second of their requests, a thread's buffer at a time."""
    deadline = time.monotonic() + 5
    while True:
        found = {}
        for line in proc.log_path.read_text().splitlines():
            if line.startswith("{"):
                entry = json.loads(line)
                found[entry["request_id"]] = entry
        if all(r in found for r in request_ids) or time.monotonic() > deadline:
            return [found.get(r) for r in request_ids]
        time.sleep(0.05)


@pytest.fixture(scope="module")
def json_server(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, "")
    yield proc, port
    stop_server(proc)


def test_a_json_line_per_request_with_the_request_id_sent_back(json_server):
    proc, port = json_server
    answer = post(port, envelope("<pa:partner_read/>"), request_id="trace-42")
    assert answer.status_code == 200 and answer.headers["X-Request-Id"] == "trace-42"
    made = post(port, envelope("<pa:region_read/>"))
    generated = made.headers["X-Request-Id"]
    assert generated
    first, second = lines_for(proc, "trace-42", generated)
    assert first and second, "a request's line is missing"
    assert first["login"] == "demo" and first["operation"] == "partner_read" and first["soap"] == "1.1"
    assert first["status"] == 200 and first["fault"] == ""
    assert first["bytes_in"] > 0 and first["bytes_out"] > 0 and first["ms"] >= 0
    assert first["time"].endswith("+03:00")


def test_faults_show_their_code_and_no_value_or_password_is_logged(json_server):
    proc, port = json_server
    post(port, envelope(f"<pa:client_read><pa:client_id>{VALUE}</pa:client_id></pa:client_read>"), request_id="fault-1")
    post(port, envelope("<pa:partner_read/>"), auth=("demo", SECRET), request_id="denied-1")
    bad_id = post(port, envelope("<pa:partner_read/>"), request_id="no spaces allowed")
    assert bad_id.headers["X-Request-Id"] != "no spaces allowed"
    fault, denied, third = lines_for(proc, "fault-1", "denied-1", bad_id.headers["X-Request-Id"])
    assert third, "the request with an ID the server would not keep is logged under its own"
    assert (fault["operation"], fault["status"], fault["fault"]) == ("client_read", 400, "INVALID_ID")
    assert (denied["status"], denied["fault"]) == (401, "UNAUTHORIZED")
    assert SECRET not in proc.log_path.read_text(), "a password in the log"
    assert not any(VALUE in json.dumps(line) for line in (fault, denied, third)), "an operand's value in the access log"


def test_plain_text_when_configured(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, 'access_log = "text"\n')
    try:
        post(port, envelope("<pa:partner_read/>"), request_id="plain-1")
        line = lines_of(proc, 1)[0]
        fields = line.split(" ")
        assert fields[1] == "plain-1" and "partner_read" in fields and "200" in fields, line
    finally:
        stop_server(proc)
