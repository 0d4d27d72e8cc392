"""A bounded, seeded mutation fuzz of the envelopes of every operation of the
WSDL. For each input: the server answers (no crash), a 5xx carries a SOAP
fault, every fault carries a detail/code, every answer is well-formed XML;
and a request on a new connection is answered throughout.

FUZZ_INPUTS (default 20000) and FUZZ_SEED (default 20261201) repeat a run."""
import http.client
import os
import random
import threading
import urllib.parse

import requests
from lxml import etree

from conftest import URL, basic_auth, envelope, uid

INPUTS = int(os.environ.get("FUZZ_INPUTS", "20000"))
SEED = int(os.environ.get("FUZZ_SEED", "20261201"))
THREADS = 4
XS = "{http://www.w3.org/2001/XMLSchema}"
TNS = "http://buhphone.com/PartnerAPI"

# A demo object for each ID operand, so an unmutated envelope gets past the Resolver.
IDS = {"client_id": "client:romashka", "region_id": "region:Москва", "contact_type_id": "contact_type:client_address",
       "partner_id": "partner:demo", "service_type_id": "service_type:demo-buh", "role_id": "role:franchisee",
       "client_user_id": "client_user:romashka-anna", "partner_user_id": "partner_user:ivanov",
       "agent_id": "agent:ivanov", "service_id": "service:romashka-anna-buh", "contract_id": "contract:demo-service",
       "competence_id": "competence:ivanov-buh"}
SAMPLES = {"xs:boolean": "true", "xs:int": "2", "xs:dateTime": "2024-01-01T00:00:00"}
TOKENS = [b"<", b">", b"&", b"&#0;", b"&#xFFFE;", b"&#xFFFF;", b"&#1;", b"&#x110000;", b"&#xD800;", b"]]>",
          b"<![CDATA[x]]>", b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b'"', b"'", b"<pa:x>", b"</pa:x>", b"</s:Body>",
          b"xmlns:pa='urn:x'", b"<!DOCTYPE a>", b"<?pi x?>", b"<!-- c -->", b"&amp;", b"&unknown;", b"\r\n",
          b"xsi:nil='true'", b"99999999999999999999", b"-1", b"1e9", b"2024-13-45T25:61:61", b"\t", b"\x01", b" " * 50,
          b"\xd0\xaf" * 300]


def operations():
    """(operation, envelope body) for every operation of the WSDL, with sample operands."""
    doc = etree.fromstring(requests.get(URL + "?wsdl", timeout=30).content)
    schema = next(s for s in doc.iter(XS + "schema") if s.get("targetNamespace") == TNS)
    out = []
    for op in doc.iter("{http://schemas.xmlsoap.org/wsdl/}operation"):
        name = op.get("name")
        if op.getparent().tag != "{http://schemas.xmlsoap.org/wsdl/}portType":
            continue
        request = schema.find(f"{XS}element[@name='{name}']")
        parts = []
        for e in request.iter(XS + "element"):
            if e is request:
                continue
            o, t = e.get("name"), e.get("type")
            value = uid(IDS[o]) if o in IDS else SAMPLES.get(t, "Тест")
            parts.append(f"<pa:{o}>{value}</pa:{o}>")
        out.append((name, f"<pa:{name}>{''.join(parts)}</pa:{name}>"))
    return out


def mutate(rng, data):
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        i = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data = data[:i - 1] + bytes([rng.randrange(256)]) + data[i:] if i else data
        elif kind == 1:
            data = data[:i] + rng.choice(TOKENS) + data[i:]
        elif kind == 2:
            data = data[:i] + data[i + rng.randint(1, 40):]
        elif kind == 3:
            j = min(len(data), i + rng.randint(1, 200))
            data = data[:j] + data[i:j] * rng.randint(1, 3) + data[j:]
        elif kind == 4:
            data = data[:i]
        else:
            j = rng.randrange(len(data) + 1)
            a, b = sorted((i, j))
            data = data[:a] + data[b:] + data[a:b]
    return data


def check_answer(status, content_type, body, sent):
    what = f"{status} for {sent[:300]!r}: {body[:400]!r}"
    if status == 401:
        assert content_type.startswith("text/plain"), what
        return
    assert status in (200, 400, 413), what
    doc = etree.fromstring(body)  # raises if not well-formed
    fault = doc.find(".//{*}Fault")
    if status != 200:
        assert fault is not None, what
    if fault is not None:
        assert fault.findtext(".//code"), what


class Worker:
    def __init__(self, n, seed, ops, failures):
        self.n, self.rng, self.ops, self.failures = n, random.Random(seed), ops, failures
        self.url = urllib.parse.urlparse(URL)
        self.conn = None

    def send(self, body, version):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=30)
        ct = "text/xml; charset=utf-8" if version == 11 else "application/soap+xml; charset=utf-8"
        try:
            self.conn.request("POST", self.url.path, body=body, headers={"Content-Type": ct,
                                                                        "Authorization": basic_auth()})
            r = self.conn.getresponse()
            data = r.read()
            if r.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return r.status, r.getheader("Content-Type", ""), data
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = None
            raise

    def run(self):
        for i in range(self.n):
            name, body = self.rng.choice(self.ops)
            version = self.rng.choice((11, 12))
            sent = mutate(self.rng, envelope(body, version))
            try:
                status, ct, answer = self.send(sent, version)
                check_answer(status, ct, answer, sent)
            except Exception as e:  # noqa: BLE001 - every kind of failure is recorded with its input
                self.failures.append(f"{name}: {type(e).__name__}: {e}")
                if len(self.failures) > 20:
                    return
            if i % 500 == 0:
                self.still_served()

    def still_served(self):
        fresh = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=30)
        try:
            fresh.request("POST", self.url.path, body=envelope("<pa:partner_read/>"),
                          headers={"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth()})
            r = fresh.getresponse()
            if r.status != 200 or uid("partner:demo").encode() not in r.read():
                self.failures.append(f"a new connection was not served: {r.status}")
        finally:
            fresh.close()


def test_mutated_envelopes_of_every_operation_get_well_formed_answers_with_codes():
    ops = operations()
    assert len(ops) == 71
    failures = []
    workers = [Worker(INPUTS // THREADS, SEED + k, ops, failures) for k in range(THREADS)]
    threads = [threading.Thread(target=w.run) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    workers[0].still_served()
    assert not failures, "\n".join(failures[:20])
