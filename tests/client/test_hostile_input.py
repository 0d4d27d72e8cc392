"""Bad and hostile input: each gets a fault (or 400/413), and the service goes on."""
import re
import urllib.parse

import pytest

from conftest import URL, basic_auth, chunked_request, connect, envelope, post, raw_request, rows, make_client


def assert_still_serving():
    assert len(rows(make_client("demo", "demo").service.partner_read())) == 1


def fault(body):
    return re.search(r"<faultstring>(.*?)</faultstring>", body, re.S) or re.search(r"<SOAP-ENV:Text[^>]*>(.*?)<", body, re.S)


CASES = {
    "malformed_xml": (b'<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
                      b"<pa:partner_read xmlns:pa=\"http://buhphone.com/PartnerAPI\"></s:Body>"),
    "not_xml": b"hello, this is not XML at all",
    "wrong_namespace": envelope('<x:partner_read xmlns:x="http://example.com/other"/>'),
    "unknown_operation": envelope("<pa:no_such_operation/>"),
    "unknown_operand": envelope("<pa:partner_read><pa:evil>1</pa:evil></pa:partner_read>"),
    "bad_uuid": envelope("<pa:partner_read><pa:partner_id>123</pa:partner_id></pa:partner_read>"),
    "bad_date": envelope("<pa:contract_read><pa:contract_end_date>2024-13-01</pa:contract_end_date></pa:contract_read>"),
    "bad_boolean": envelope("<pa:client_read><pa:include_deleted>maybe</pa:include_deleted></pa:client_read>"),
    "invalid_utf8": envelope("<pa:partner_read><pa:partner_id>X</pa:partner_id></pa:partner_read>").replace(b"X", b"\xff\xfe"),
    "dtd_entity": (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                   + envelope("<pa:partner_read><pa:partner_id>&b;</pa:partner_id></pa:partner_read>").split(b"?>", 1)[1]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_fault_and_the_service_goes_on(name):
    status, _, body = post(CASES[name])
    assert status in (400, 413), (status, body[:300])  # what the client sent: never a 5xx
    assert fault(body), body[:300]
    assert "Client" in body or "Sender" in body, body[:300]
    assert "SELECT" not in body and "/work" not in body
    assert_still_serving()


def test_unknown_operation_names_it():
    status, _, body = post(envelope("<pa:no_such_operation/>"))
    assert status == 400 and "<code>UNKNOWN_OPERATION</code>" in body and "no_such_operation" in body


def test_9mb_body_is_refused_with_413_even_when_the_client_sends_it_all_first():
    # http.client writes the whole body before reading: the server answers,
    # then reads and drops the refused body, so the client gets the 413, not a reset.
    big = envelope("<pa:partner_read><pa:partner_id>" + "a" * (9 * 1024 * 1024) + "</pa:partner_id></pa:partner_read>")
    status, _, body = post(big)
    assert status == 413 and "BAD_REQUEST" in body
    assert_still_serving()


def in_chunks(body, size=65536):
    return [body[i:i + size] for i in range(0, len(body), size)]


def test_9mb_chunked_body_is_refused_with_413():
    # No Content-Length to refuse up front: the limit is met while reading.
    big = envelope("<pa:region_read>" + " " * (9 * 1024 * 1024) + "</pa:region_read>")
    status, _, body = post(in_chunks(big))
    assert status == 413 and "BAD_REQUEST" in body
    assert_still_serving()


# A fault found early in a large body: the client, still sending, must read
# the fault, not a connection reset (the server lingers, dropping the rest).
LONG_VALUE = envelope("<pa:partner_contact_edit><pa:contact_view>" + "a" * (5 * 1024 * 1024)
                      + "</pa:contact_view></pa:partner_contact_edit>")


@pytest.mark.parametrize("chunked", [False, True], ids=["content_length", "chunked"])
def test_a_fault_early_in_a_large_body_reaches_a_client_that_sends_it_all_first(chunked):
    status, _, body = post(in_chunks(LONG_VALUE) if chunked else LONG_VALUE)
    assert status == 400 and "<code>BAD_REQUEST</code>" in body and "contact_view" in body, body[:300]
    assert_still_serving()


def test_a_401_reaches_a_client_that_sends_a_large_body_first():
    status, _, body = post(LONG_VALUE, auth=("demo", "wrong"))
    assert status == 401 and "Unauthorized" in body


def test_the_connection_stays_open_after_an_operations_fault():
    # A partner checking many records gets "not found" or "invalid ID" as
    # answers: each must not cost it a new connection.
    import http.client
    u = urllib.parse.urlparse(URL)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    h = {"Content-Type": "text/xml; charset=utf-8", "Authorization": basic_auth()}
    try:
        conn.request("POST", u.path, body=envelope("<pa:partner_read><pa:partner_id>bad</pa:partner_id></pa:partner_read>"),
                     headers=h)
        r = conn.getresponse()
        assert r.status == 400 and "<code>INVALID_ID</code>" in r.read().decode()
        assert r.getheader("Connection") == "keep-alive"
        first = conn.sock.getsockname()
        conn.request("POST", u.path, body=envelope("<pa:partner_read/>"), headers=h)
        r = conn.getresponse()
        assert r.status == 200 and "<code>" not in r.read().decode()
        assert conn.sock.getsockname() == first  # the same connection served it
    finally:
        conn.close()


def test_pipelined_requests_are_answered_in_order():
    # Requests sent back to back without waiting (HTTP/1.1 pipelining), one of
    # them chunked: each must end where it ends, and what gSOAP read ahead be
    # kept (it writes its answer through its input buffer). The last request
    # arrives in two pieces.
    health = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    post = raw_request()
    with connect() as s:
        s.sendall(post + health + chunked_request() + post + post[:60])
        s.sendall(post[60:])
        answers = b""
        while answers.count(b"</SOAP-ENV:Envelope>") < 4:
            chunk = s.recv(65536)
            assert chunk, answers[-300:]
            answers += chunk
    statuses = re.findall(rb"HTTP/1.1 (\d+)", answers)
    assert statuses == [b"200"] * 5
    assert answers.index(b"ok\n") < answers.rindex(b"partner_readResponse")


def code_of(body):
    m = re.search(r"<code>(.*?)</code>", body)
    return m and m.group(1)


def test_invalid_utf8_is_an_invalid_value_fault_not_latin1():
    bad = envelope("<pa:partner_read><pa:partner_id>X</pa:partner_id></pa:partner_read>").replace(b"X", b"\xff\xfe")
    status, _, body = post(bad)
    assert status == 400 and code_of(body) == "INVALID_VALUE" and "UTF-8" in body, body[:400]
    half = len(bad) // 2
    status, _, body = post([bad[:half], bad[half:]])  # chunked: checked after de-chunking
    assert status == 400 and code_of(body) == "INVALID_VALUE", body[:400]
    assert_still_serving()


def test_a_character_split_between_chunks_is_read_whole():
    request = envelope("<pa:partner_read><pa:partner_id>Привет</pa:partner_id></pa:partner_read>")
    cut = request.index("Привет".encode()) + 1  # inside the first letter's two bytes
    status, _, body = post([request[:cut], request[cut:]])
    assert status == 400 and code_of(body) == "INVALID_ID" and "«Привет»" in body, body[:400]


def test_1000_deep_nesting_is_refused():
    deep = "<pa:x>" * 1000 + "</pa:x>" * 1000
    status, _, body = post(envelope(f"<pa:partner_read>{deep}</pa:partner_read>"))
    assert status == 400 and fault(body)
    assert_still_serving()


def test_missing_credentials_is_401_with_realm_and_a_short_text():
    status, headers, body = post(envelope("<pa:partner_read/>"), auth=None)
    assert status == 401
    assert headers.get("WWW-Authenticate") == 'Basic realm="PartnerAPI"'
    assert headers["Content-Type"].startswith("text/plain") and "Envelope" not in body


def test_soap12_envelope_is_answered_in_soap12_whatever_the_content_type():
    status, headers, body = post(envelope("<pa:partner_read/>", version=12), content_type="text/xml; charset=utf-8")
    assert status == 200
    assert "http://www.w3.org/2003/05/soap-envelope" in body
    assert headers["Content-Type"].startswith("application/soap+xml")
    status, headers, body = post(envelope("<pa:partner_read/>", version=11))
    assert "http://schemas.xmlsoap.org/soap/envelope/" in body and headers["Content-Type"].startswith("text/xml")


def test_soap12_fault_is_a_soap12_fault():
    status, headers, body = post(envelope("<pa:partner_read><pa:partner_id>1</pa:partner_id></pa:partner_read>", version=12),
                                 content_type="application/soap+xml; charset=utf-8")
    assert "http://www.w3.org/2003/05/soap-envelope" in body and "Sender" in body and "INVALID_ID" in body


def test_stalled_connection_does_not_block_others():
    stalled = connect()
    stalled.sendall(b"POST /cus/ws/PartnerAPI HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<")
    try:
        assert_still_serving()
    finally:
        stalled.close()


def test_wsdl_address_follows_the_proxy_headers():
    import http.client
    u = urllib.parse.urlparse(URL)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("GET", u.path + "?wsdl", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "partners.example"})
    body = conn.getresponse().read().decode()
    assert 'location="https://partners.example/cus/ws/PartnerAPI"' in body


def test_expect_100_continue_is_answered_before_the_body_is_sent():
    # .NET and curl send Expect: 100-continue and wait for the 100 before the
    # body; the answer must not sit in the server's output buffer meanwhile.
    request = raw_request(extra_headers="Expect: 100-continue\r\n")
    header, body = request.split(b"\r\n\r\n", 1)
    with connect(timeout=2) as s:
        s.sendall(header + b"\r\n\r\n")
        assert s.recv(4096).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(body)
        answer = b""
        while b"</SOAP-ENV:Envelope>" not in answer:
            chunk = s.recv(65536)
            assert chunk
            answer += chunk
        assert b"HTTP/1.1 200 OK" in answer
