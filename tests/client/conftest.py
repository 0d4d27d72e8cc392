"""Client tests against the running server at PARTNERAPI_TEST_URL."""
import base64
import contextlib
import os
import http.client
import socket
import urllib.parse

import pytest
import requests
import zeep
from zeep.transports import Transport

URL = os.environ.get("PARTNERAPI_TEST_URL", "http://127.0.0.1:8080/cus/ws/PartnerAPI")
NS = "http://buhphone.com/PartnerAPI"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


def basic_auth(login="demo", password="demo"):
    """The Authorization header's value for HTTP Basic."""
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()


def connect(timeout=5):
    """A raw socket to the server under test."""
    u = urllib.parse.urlparse(URL)
    return socket.create_connection((u.hostname, u.port), timeout=timeout)


def make_client(login, password):
    session = requests.Session()
    session.auth = (login, password)
    return zeep.Client(URL + "?wsdl", transport=Transport(session=session))


@pytest.fixture(scope="session")
def demo():
    return make_client("demo", "demo").service


@pytest.fixture(scope="session")
def demo2():
    return make_client("demo2", "demo2").service


@pytest.fixture(scope="session")
def demo12():
    return make_client("demo", "demo").bind("PartnerAPI", "PartnerAPISoap12")


def rows(table):
    """A ValueTable as a list of dicts keyed by column name."""
    names = [c.Name for c in table.column]
    return [dict(zip(names, r.Value)) for r in (table.row or [])]


def fault_code(fault):
    return next((e.text for e in fault.detail.iter() if e.tag == "code"), None) if fault.detail is not None else None


def fault(call, *args, **kwargs):
    """The (code, message) of the fault `call` raises; fails when it raises none."""
    with pytest.raises(zeep.exceptions.Fault) as f:
        call(*args, **kwargs)
    return fault_code(f.value), f.value.message


def one(table):
    """The only row of a ValueTable, as a dict."""
    r = rows(table)
    assert len(r) == 1
    return r[0]


def envelope(body, version=11):
    ns = SOAP11 if version == 11 else SOAP12
    return (f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{ns}" xmlns:pa="{NS}">'
            f"<s:Body>{body}</s:Body></s:Envelope>").encode()


def post(body, content_type="text/xml; charset=utf-8", auth=("demo", "demo"), headers=None):
    """Raw POST on a new connection: (status, headers, body text). A list of
    byte strings is sent with chunked transfer encoding, one chunk each."""
    u = urllib.parse.urlparse(URL)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = {"Content-Type": content_type}
    if auth:
        h["Authorization"] = basic_auth(*auth)
    h.update(headers or {})
    try:
        if isinstance(body, list):
            conn.request("POST", u.path, body=iter(body), headers=h, encode_chunked=True)
        else:
            conn.request("POST", u.path, body=body, headers=h)
        r = conn.getresponse()
        return r.status, dict(r.getheaders()), r.read().decode("utf-8", "replace")
    finally:
        conn.close()


def raw_request(body=b"", extra_headers=""):
    """A POST as bytes, for tests that write to a socket themselves: the
    header (demo's credentials, `extra_headers` as "Name: value\r\n" lines)
    and `body` (partner_read by default)."""
    body = body or envelope("<pa:partner_read/>")
    head = (f"POST {urllib.parse.urlparse(URL).path} HTTP/1.1\r\nHost: x\r\n"
            f"Content-Type: text/xml; charset=utf-8\r\nAuthorization: {basic_auth()}\r\n{extra_headers}"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def chunked_request():
    """raw_request's partner_read with its body sent chunked, in two chunks."""
    body = envelope("<pa:partner_read/>")
    head = raw_request(b"x").split(b"Content-Length")[0] + b"Transfer-Encoding: chunked\r\n\r\n"
    half = len(body) // 2
    return head + b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (half, body[:half], len(body) - half, body[half:])


def sql(query):
    """One query on the server's database (PARTNERAPI_TEST_CLIENT_DB), for
    setting up and reading back what the API cannot yet; rows of text."""
    import subprocess
    conninfo = os.environ.get("PARTNERAPI_TEST_CLIENT_DB")
    if not conninfo:
        pytest.skip("PARTNERAPI_TEST_CLIENT_DB is not set")
    out = subprocess.run(["psql", conninfo, "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", "|", "-c", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines()]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(tmp_path_factory, config_text, db=None, keys=None):
    """Our binary on a free port with `config_text` as its configuration, on
    the client tests' database (or `db`), with the suite's key ring (or
    `keys`): (process, port). Its log is the file `process.log_path`."""
    import subprocess
    import time
    binary, db = os.environ.get("PARTNERAPI_TEST_BIN"), db or os.environ.get("PARTNERAPI_TEST_CLIENT_DB")
    if not binary or not db:
        pytest.skip("PARTNERAPI_TEST_BIN / PARTNERAPI_TEST_CLIENT_DB are not set")
    port = free_port()
    directory = tmp_path_factory.mktemp("server")
    config = directory / "partnerapi.toml"
    config.write_text(config_text)
    env = {**os.environ, "PARTNERAPI_DB": db, "PARTNERAPI_LISTEN": f"127.0.0.1:{port}"}
    if keys:
        env["PARTNERAPI_AGENT_KEYS"] = keys
    log_path = directory / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([binary, "--config", str(config), "serve"], env=env,
                                stdout=subprocess.DEVNULL, stderr=log)
    proc.log_path = log_path
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, log_path.read_text()
            time.sleep(0.1)
    return proc, port


def start_nginx(root, port, http_body):
    """Debian's nginx, its pid, logs and temporary files in `root`, with
    `http_body` inside `http { }`, once it accepts on `port`: the process."""
    import shutil
    import subprocess
    import time
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.path.exists(binary), "nginx is not installed (scripts/test.sh installs it)"
    os.chmod(root, 0o777)
    with open(f"{root}/nginx.conf", "w") as f:
        f.write(f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {root}/nginx.pid;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
{http_body}
}}
""")
    proc = subprocess.Popen([binary, "-p", root, "-c", f"{root}/nginx.conf", "-e", f"{root}/error.log",
                             "-g", "daemon off;"])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, open(f"{root}/error.log").read()
            time.sleep(0.05)
    return proc


def stop_server(proc):
    proc.terminate()
    assert proc.wait(timeout=10) == 0, proc.log_path.read_text()


@contextlib.contextmanager
def scratch_database(name):
    """An empty database `name` beside the client tests' one, dropped afterwards: its conninfo."""
    import re
    import subprocess
    conninfo = os.environ.get("PARTNERAPI_TEST_CLIENT_DB")
    if not conninfo or not os.environ.get("PARTNERAPI_TEST_BIN"):
        pytest.skip("PARTNERAPI_TEST_CLIENT_DB / PARTNERAPI_TEST_BIN are not set")
    on = lambda db: re.sub(r"dbname=\S+", f"dbname={db}", conninfo)
    psql = lambda q: subprocess.run(["psql", on("postgres"), "-XAtq", "-c", q], check=True, capture_output=True)
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    try:
        yield on(name)
    finally:
        psql(f"DROP DATABASE IF EXISTS {name}")


def client_at(port, login="demo", password="demo"):
    """A zeep client of the server on `port` (start_server's)."""
    session = requests.Session()
    session.auth = (login, password)
    u = urllib.parse.urlparse(URL)
    return zeep.Client(f"http://127.0.0.1:{port}{u.path}?wsdl", transport=Transport(session=session)).service


def uid(key):
    """The demo data's UID for `key` (md5(key)::uuid)."""
    import hashlib
    h = hashlib.md5(key.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
