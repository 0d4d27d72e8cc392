"""The shipped nginx configuration (deploy/nginx/partnerapi.conf), run by
Debian's nginx in front of two servers of our own, with a certificate
authority and a server certificate made here: zeep over https verifying
against that CA, TLS 1.2 and 1.3, ?wsdl showing the https address, the request
ID passed through, 413 for a 9 MB body, and a server stopped while reads flow
losing none of them."""
import os
import re
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse

import pytest
import requests
import zeep
from zeep.transports import Transport

from conftest import URL, basic_auth, envelope, free_port, one, start_nginx, start_server, stop_server, uid

SHIPPED = os.path.join(os.path.dirname(__file__), "..", "..", "deploy", "nginx", "partnerapi.conf")
PATH = urllib.parse.urlparse(URL).path
READ_ACTION = '"http://buhphone.com/PartnerAPI#PartnerAPI:partner_read"'
WRITE_ACTION = '"http://buhphone.com/PartnerAPI#PartnerAPI:client_delete"'


def make_certificates(root):
    """A CA and a server certificate for 127.0.0.1 signed by it: (ca, cert, key)."""
    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    ca_key, ca, key, csr, cert = (f"{root}/{n}" for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
            "-subj", "/CN=PartnerAPI test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1")
    with open(f"{root}/san.ext", "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-days", "2",
            "-extfile", f"{root}/san.ext")
    return ca, cert, key


def shipped_config(port, upstreams, cert, key, options="max_fails=1 fail_timeout=5s"):
    """The shipped file with only what the file says to change: servers, listen, certificate."""
    text = open(SHIPPED).read()
    servers = "".join(f"    server 127.0.0.1:{p} {options};\n" for p in upstreams)
    text, n = re.subn(r"(    server 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, text)
    assert n == 1
    for old, new in ((r"listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
                     (r"ssl_certificate /etc/nginx/tls/partnerapi\.crt;", f"ssl_certificate {cert};"),
                     (r"ssl_certificate_key /etc/nginx/tls/partnerapi\.key;", f"ssl_certificate_key {key};")):
        text, n = re.subn(old, new, text)
        assert n == 1, old
    return text


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """(base https URL, CA file, the two servers' processes)."""
    root = str(tmp_path_factory.mktemp("nginx-tls"))
    ca, cert, key = make_certificates(root)
    servers = [start_server(tmp_path_factory, "") for _ in range(2)]
    port = free_port()
    with open(f"{root}/partnerapi.conf", "w") as f:
        f.write(shipped_config(port, [p for _, p in servers], cert, key))
    proc = start_nginx(root, port, f"  include {root}/partnerapi.conf;")
    yield f"https://127.0.0.1:{port}", ca, [p for p, _ in servers]
    proc.terminate()
    proc.wait(10)
    for p, _ in servers:
        if p.poll() is None:
            stop_server(p)


def zeep_over_https(base, ca):
    session = requests.Session()
    session.auth = ("demo", "demo")
    session.verify = ca
    session.trust_env = False  # else REQUESTS_CA_BUNDLE would win over `verify`
    return zeep.Client(f"{base}{PATH}?wsdl", transport=Transport(session=session)).service


def test_zeep_calls_over_https_verifying_the_ca(nginx):
    base, ca, _ = nginx
    assert one(zeep_over_https(base, ca).partner_read())["partner_id"] == uid("partner:demo")
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{base}{PATH}?wsdl", timeout=10)  # the system's CAs do not know ours


def test_tls_12_and_13_are_offered(nginx):
    base, ca, _ = nginx
    u = urllib.parse.urlparse(base)
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
        context = ssl.create_default_context(cafile=ca)
        context.minimum_version = context.maximum_version = version
        with socket.create_connection((u.hostname, u.port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname=u.hostname) as tls:
                assert tls.version() == {ssl.TLSVersion.TLSv1_2: "TLSv1.2", ssl.TLSVersion.TLSv1_3: "TLSv1.3"}[version]


def test_the_wsdl_shows_the_https_address_and_the_request_id_passes(nginx):
    base, ca, _ = nginx
    wsdl = requests.get(f"{base}{PATH}?wsdl", verify=ca, timeout=10)
    assert wsdl.status_code == 200 and f'location="{base}{PATH}"' in wsdl.text
    headers = {"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth(), "SOAPAction": READ_ACTION}
    mine = requests.post(f"{base}{PATH}", data=envelope("<pa:partner_read/>"), verify=ca, timeout=10,
                         headers={**headers, "X-Request-Id": "trace-nginx-1"})
    assert mine.status_code == 200 and mine.headers["X-Request-Id"] == "trace-nginx-1"
    made = requests.post(f"{base}{PATH}", data=envelope("<pa:partner_read/>"), verify=ca, timeout=10, headers=headers)
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["X-Request-Id"]), "nginx's $request_id"
    assert requests.get(f"{base}/metrics", verify=ca, timeout=10).status_code == 404


def test_a_nine_megabyte_body_gets_413_from_nginx(nginx):
    base, ca, _ = nginx
    u = urllib.parse.urlparse(base)
    context = ssl.create_default_context(cafile=ca)
    with socket.create_connection((u.hostname, u.port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=u.hostname) as tls:
            tls.sendall(f"POST {PATH} HTTP/1.1\r\nHost: {u.netloc}\r\nContent-Type: text/xml\r\n"
                        f"Authorization: {basic_auth()}\r\nContent-Length: {9 * 1024 * 1024}\r\n\r\n".encode()
                        + b"<" * 65536)
            answer = tls.recv(4096).decode(errors="replace")
    assert answer.startswith("HTTP/1.1 413") and "nginx" in answer


def test_stopping_one_server_loses_no_read(nginx):
    base, ca, servers = nginx
    headers = {"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth(), "SOAPAction": READ_ACTION}
    results, stop = [], threading.Event()

    def reader():
        with requests.Session() as s:
            while not stop.is_set():
                try:
                    r = s.post(f"{base}{PATH}", data=envelope("<pa:partner_read/>"), verify=ca, timeout=20,
                               headers=headers)
                    results.append((r.status_code, b"</soap:Envelope>" in r.content or b"Envelope>" in r.content))
                except requests.RequestException as e:
                    results.append((repr(e), False))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    stopped = len(results)
    servers[0].terminate()
    assert servers[0].wait(timeout=15) == 0
    time.sleep(1.5)
    stop.set()
    for t in threads:
        t.join(30)
    assert len(results) > stopped + 20, "reads went on after the stop"
    failed = [r for r in results if r != (200, True)]
    assert not failed, failed[:5]


class Closer:
    """An upstream that reads each request whole, notes its SOAP action, and
    closes the connection without answering: a server failing mid-request."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.actions = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1)) if head else 0
                while len(body) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                action = re.search(rb'(?i)(?:soapaction: *|action=)"[^"]*:(\w+)"', head)
                self.actions.append(action.group(1).decode() if action else None)


@pytest.fixture(scope="module")
def nginx_before_a_failing_server(tmp_path_factory):
    """The shipped configuration before a server that always fails mid-request
    and one of ours, taken in turn (never marked down): (base URL, CA, the closer)."""
    root = str(tmp_path_factory.mktemp("nginx-closer"))
    ca, cert, key = make_certificates(root)
    closer = Closer()
    proc, server_port = start_server(tmp_path_factory, "")
    port = free_port()
    with open(f"{root}/partnerapi.conf", "w") as f:
        f.write(shipped_config(port, [closer.port, server_port], cert, key, options="max_fails=0"))
    nginx = start_nginx(root, port, f"  include {root}/partnerapi.conf;")
    yield f"https://127.0.0.1:{port}", ca, closer
    nginx.terminate()
    nginx.wait(10)
    closer.listener.close()
    stop_server(proc)


def test_a_read_is_sent_to_the_next_server_and_a_write_never(nginx_before_a_failing_server):
    base, ca, closer = nginx_before_a_failing_server
    auth = {"Authorization": basic_auth()}
    soap11 = {**auth, "Content-Type": "text/xml; charset=utf-8"}
    soap12_read = {**auth, "Content-Type": f"application/soap+xml; charset=utf-8; action={READ_ACTION}"}
    call = lambda body, headers: requests.post(f"{base}{PATH}", data=body, headers=headers, verify=ca, timeout=20)
    reads = [call(envelope("<pa:partner_read/>"), {**soap11, "SOAPAction": READ_ACTION}) for _ in range(4)]
    reads += [call(envelope("<pa:partner_read/>", 12), soap12_read) for _ in range(4)]
    assert [r.status_code for r in reads] == [200] * 8
    assert closer.actions.count("partner_read") >= 2, "reads reached the failing server and were sent on"
    delete = envelope("<pa:client_delete><pa:client_id>not-a-uid</pa:client_id></pa:client_delete>")
    writes = [call(delete, {**soap11, "SOAPAction": WRITE_ACTION}).status_code for _ in range(6)]
    assert 502 in writes and set(writes) <= {400, 502}, writes
    assert closer.actions.count("client_delete") == writes.count(502), "each failed write was sent once, never again"
