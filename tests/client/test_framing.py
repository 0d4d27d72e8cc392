"""HTTP framing at the socket level (RFC 9112 §6): one request in, one answer
out. Each case is what a probe of the server found answered wrongly before."""
import re
import socket
import uuid

import pytest

from conftest import URL, basic_auth, connect, envelope, raw_request, sql

PATH = URL.split("//", 1)[1].split("/", 1)[1]


def exchange(data, silence=1.0, shut=False):
    """Sends `data` on a new connection and reads what comes back until the
    server closes or is silent for `silence` s: ([(status, body)], closed)."""
    s = connect()
    s.sendall(data)
    if shut:
        s.shutdown(socket.SHUT_WR)
    s.settimeout(silence)
    buf, closed = b"", False
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            buf += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    finally:
        s.close()
    return responses(buf), closed


def responses(buf):
    out = []
    while buf:
        head, sep, rest = buf.partition(b"\r\n\r\n")
        assert sep, buf[:300]
        status = int(head.split(b" ", 2)[1])
        m = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
        n = int(m.group(1)) if m else 0
        out.append((status, rest[:n].decode("utf-8", "replace")))
        buf = rest[n:]
    return out


def head(extra, length=None):
    cl = f"Content-Length: {length}\r\n" if length is not None else ""
    return (f"POST /{PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\n"
            f"Authorization: {basic_auth()}\r\n{extra}{cl}\r\n").encode()


def client_add(name, login=("demo", "demo")):
    body = envelope(f"<pa:client_add><pa:client_name>{name}</pa:client_name>"
                    f"<pa:region_id>{uid_moscow()}</pa:region_id></pa:client_add>")
    req = raw_request(body)
    if login != ("demo", "demo"):
        req = req.replace(basic_auth().encode(), basic_auth(*login).encode())
    return req


def uid_moscow():
    import hashlib
    h = hashlib.md5("region:Москва".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def clients_named(name):
    return int(sql(f"SELECT count(*) FROM client WHERE name = '{name}'")[0][0])


def refused(answers, closed, status):
    assert len(answers) == 1 and answers[0][0] == status, answers
    assert "<code>BAD_REQUEST</code>" in answers[0][1], answers[0][1][:300]
    assert closed


def test_a_request_inside_a_body_is_part_of_that_body_and_never_runs():
    name = f"Контрабанда {uuid.uuid4().hex[:8]}"
    body = envelope("<pa:partner_read/>") + client_add(name, ("demo2", "demo2"))
    answers, _ = exchange(raw_request(body))
    assert len(answers) == 1, answers
    assert clients_named(name) == 0


def test_junk_after_the_envelope_does_not_touch_the_next_request():
    answers, _ = exchange(raw_request(envelope("<pa:partner_read/>") + b"XYZ") + raw_request())
    assert len(answers) == 2, answers
    assert answers[1][0] == 200 and "partner_name" in answers[1][1], answers[1]


@pytest.mark.parametrize("lengths", ["{n}\r\nContent-Length: {m}", "{m}\r\nContent-Length: {n}", "{n}, {m}", "+{n}"],
                         ids=["two_headers", "two_headers_reversed", "list", "plus_sign"])
def test_conflicting_or_malformed_content_length_is_400_and_close(lengths):
    body = envelope("<pa:partner_read/>")
    value = lengths.format(n=len(body), m=len(body) + 5)
    answers, closed = exchange(head(f"Content-Length: {value}\r\n") + body + b"12345" + raw_request())
    refused(answers, closed, 400)


def test_transfer_encoding_with_content_length_is_400_and_nothing_after_it_runs():
    name = f"После чанков {uuid.uuid4().hex[:8]}"
    body = envelope("<pa:partner_read/>")
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    answers, closed = exchange(head("Transfer-Encoding: chunked\r\n", len(chunked)) + chunked + client_add(name))
    refused(answers, closed, 400)
    assert clients_named(name) == 0


def test_chunked_body_past_the_limit_is_413_and_nothing_of_it_runs():
    name = f"Недочанк {uuid.uuid4().hex[:8]}"
    body = client_add(name).split(b"\r\n\r\n", 1)[1]
    pad = b" " * (1 << 20)
    data = head("Transfer-Encoding: chunked\r\n") + b"%x\r\n%s\r\n" % (len(body), body)
    data += b"".join(b"%x\r\n%s\r\n" % (len(pad), pad) for _ in range(9))  # no last chunk
    answers, closed = exchange(data, shut=True)
    refused(answers, closed, 413)
    assert clients_named(name) == 0


def test_a_transfer_coding_other_than_chunked_is_501():
    answers, closed = exchange(head("Transfer-Encoding: gzip, chunked\r\n") + b"0\r\n\r\n")
    refused(answers, closed, 501)


def test_an_invalid_chunk_size_is_400():
    answers, closed = exchange(head("Transfer-Encoding: chunked\r\n") + b"zz\r\n<s:Env\r\n0\r\n\r\n")
    refused(answers, closed, 400)


def test_an_obs_fold_line_is_400():
    body = envelope("<pa:partner_read/>")
    answers, closed = exchange(head("X-Folded: a\r\n b\r\n", len(body)) + body)
    refused(answers, closed, 400)


def test_a_header_section_over_its_limits_is_431():
    answers, closed = exchange(head("X-Long: " + "a" * 70000 + "\r\n", 0))
    refused(answers, closed, 431)
    many = "".join(f"X-{i}: 1\r\n" for i in range(101))
    answers, closed = exchange(head(many, 0))
    refused(answers, closed, 431)


def test_a_post_without_a_length_is_411():
    answers, closed = exchange(head("") + envelope("<pa:partner_read/>"), shut=True)
    refused(answers, closed, 411)
