"""Rate limits on a server of their own: role_read limited to 2 calls per
4-second window for demo. The third call is a RATE_LIMITED Client fault with
HTTP 429 and Retry-After; other operations and logins are not counted with
it; the next window admits calls again."""
import time

import pytest
import requests

from conftest import basic_auth, client_at, envelope, fault, start_server, stop_server

CONFIG = """
[[rate_limit]]
operation = "role_read"
login = "demo"
limit = 2
window = 4
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, port = start_server(tmp_path_factory, CONFIG)
    yield port, proc
    stop_server(proc)


def fresh_window():
    """Sleeps to just after the start of a 4-second window (aligned to the clock, as the server's)."""
    time.sleep(4 - time.time() % 4 + 0.05)


def over_the_limit(api):
    """In a fresh window: the two calls the limit admits, then the third's fault (code, message)."""
    fresh_window()
    api.role_read()
    api.role_read()
    return fault(api.role_read)


def test_over_the_limit_is_a_fault_with_429_and_the_time_to_wait(server):
    port, proc = server
    api = client_at(port)
    code, message = over_the_limit(api)
    assert code == "RATE_LIMITED" and "role_read" in message and "повторите через" in message
    r = requests.post(f"http://127.0.0.1:{port}/cus/ws/PartnerAPI", data=envelope("<pa:role_read/>"), timeout=10,
                      headers={"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth()})
    assert r.status_code == 429 and b"RATE_LIMITED" in r.content and 1 <= int(r.headers["Retry-After"]) <= 4
    assert r.headers["X-Request-Id"], "the answer keeps its request ID"
    # Not counted with it: another operation, another login.
    api.region_read()
    client_at(port, "demo2", "demo2").role_read()
    assert "over the rate limit of demo" in proc.log_path.read_text()


def test_the_next_window_admits_calls_again(server):
    port, _ = server
    api = client_at(port)
    assert over_the_limit(api)[0] == "RATE_LIMITED"
    fresh_window()
    api.role_read()
    api.role_read()
