"""Through a real nginx with keep-alive upstream connections, as ops run it:
clients interleaved, some sending what once desynchronised the server (a
request inside a body, junk after the envelope, conflicting lengths), each
gets exactly its own answers: one answer per request, for its own login."""
import http.client
import shutil
import socket
import tempfile
import threading
import urllib.parse

import pytest
from lxml import etree

from conftest import URL, basic_auth, envelope, free_port, raw_request, start_nginx, uid

PARTNERS = {"demo": uid("partner:demo"), "demo2": uid("partner:demo2")}


@pytest.fixture(scope="module")
def nginx_url():
    upstream = urllib.parse.urlparse(URL)
    port = free_port()
    root = tempfile.mkdtemp(prefix="partnerapi-nginx-")
    proc = start_nginx(root, port, f"""
  upstream partnerapi {{ server {upstream.hostname}:{upstream.port}; keepalive 4; }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 16m;
    location / {{
      proxy_pass http://partnerapi;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
    }}
  }}""")
    yield f"http://127.0.0.1:{port}{upstream.path}"
    proc.terminate()
    proc.wait(10)
    shutil.rmtree(root, ignore_errors=True)


def partner_of(body):
    """The partner_id in a partner_read answer, or the fault's code."""
    doc = etree.fromstring(body)
    code = doc.findtext(".//code")
    if code:
        return "fault:" + code
    values = [v.text for v in doc.iter("{http://v8.1c.ru/8.1/data/core}Value")]
    return values[0] if values else None


def one_client(base, login, rounds, results):
    """One keep-alive connection to nginx; every answer recorded with what was asked."""
    u = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    other = "demo2" if login == "demo" else "demo"
    smuggled = raw_request().replace(basic_auth().encode(), basic_auth(other, other).encode())
    bodies = {
        "plain": envelope("<pa:partner_read/>"),
        "request_in_body": envelope("<pa:partner_read/>") + smuggled,
        "junk_after_envelope": envelope("<pa:partner_read/>") + b"XYZ",
    }
    headers = {"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth(login, login)}
    for i in range(rounds):
        kind = list(bodies)[i % len(bodies)]
        conn.request("POST", u.path, body=bodies[kind], headers=headers)
        r = conn.getresponse()
        results.append((login, kind, r.status, partner_of(r.read())))
    conn.close()


def test_interleaved_clients_each_get_exactly_their_own_answers(nginx_url):
    results = []
    threads = [threading.Thread(target=one_client, args=(nginx_url, login, 30, results))
               for login in ("demo", "demo2", "demo", "demo2", "demo", "demo2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 6 * 30
    wrong = [r for r in results if r[2] != 200 or r[3] != PARTNERS[r[0]]]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("extra", ["Content-Length: 5\r\nContent-Length: 6\r\n", "Transfer-Encoding: gzip\r\n",
                                   "Transfer-Encoding: chunked\r\nContent-Length: 16\r\n"],
                         ids=["two_lengths", "gzip", "chunked_and_length"])
def test_malformed_framing_through_nginx_leaves_other_clients_their_answers(nginx_url, extra):
    u = urllib.parse.urlparse(nginx_url)
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    s.sendall((f"POST {u.path} HTTP/1.1\r\nHost: x\r\nAuthorization: {basic_auth()}\r\n{extra}\r\n"
               "0\r\n\r\n").encode() + raw_request())
    s.settimeout(3)
    try:
        while s.recv(65536):
            pass
    except socket.timeout:
        pass
    s.close()
    results = []
    one_client(nginx_url, "demo2", 6, results)
    assert all(r[2] == 200 and r[3] == PARTNERS["demo2"] for r in results), results
