"""Streamed table answers, on a server and database of their own holding 50,000
more clients of the demo partner: zeep reads them all, equal row for row to
the database; the answer is chunked (Content-Length to an HTTP/1.0 client);
and a database connection killed in the middle of an answer ends it so that
the client sees an error, never a table that looks whole."""
import http.client
import os
import re
import subprocess
import time

import pytest
import requests

from conftest import client_at, envelope, rows, scratch_database, start_server, stop_server, uid

DEMO = uid("partner:demo")
EXTRA = 50_000
CLIENT_READ = envelope("<pa:client_read/>")


def psql(db, query):
    out = subprocess.run(["psql", db, "-XAtq", "-v", "ON_ERROR_STOP=1", "-F", "\t", "-c", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(database, port) of a server whose demo partner has 50,000 more clients,
    with names that need escaping and Cyrillic ones."""
    with scratch_database("partnerapi_streaming") as db:
        env = {**os.environ, "PARTNERAPI_DB": db}
        for command in ("migrate", "demo"):
            subprocess.run([os.environ["PARTNERAPI_TEST_BIN"], command], env=env, check=True, capture_output=True)
        psql(db, f"""INSERT INTO client (id, partner_id, new_id, name, region_id, full_name, inn, kpp, reg_num,
                                         pay_method_type_id, addit_attribute, deleted)
                     SELECT md5('bulk' || i)::uuid, '{DEMO}', md5('bulk-new' || i)::uuid,
                            CASE i % 3 WHEN 0 THEN 'ООО «Клиент ' || i || '»'
                                       WHEN 1 THEN 'A & B <' || i || '>' ELSE 'Client ' || i END,
                            (SELECT id FROM region ORDER BY id LIMIT 1), 'Полное имя ' || i,
                            lpad(i::text, 10, '0'), '', '', 1, '', i % 10 = 0
                     FROM generate_series(1, {EXTRA}) AS i""")
        proc, port = start_server(tmp_path_factory, "", db=db)
        try:
            yield db, port, proc
        finally:
            stop_server(proc)


def post(port, body, version="HTTP/1.1"):
    """The response to `body`, its status and headers read, its body not yet."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn._http_vsn_str = version
    conn._http_vsn = 10 if version == "HTTP/1.0" else 11
    conn.request("POST", "/cus/ws/PartnerAPI", body,
                 {"Content-Type": "text/xml; charset=utf-8", "Authorization": "Basic ZGVtbzpkZW1v"})
    return conn.getresponse()


def stream_backend(db, timeout=20):
    """The pid of the backend holding the client list's cursor, once it waits
    for our server to fetch more rows (so it is stopped in the middle of the
    answer)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = psql(db, "SELECT pid FROM pg_stat_activity WHERE state = 'idle in transaction' "
                         "AND query LIKE 'FETCH % FROM answer_rows'")
        if found:
            return found[0][0]
        time.sleep(0.05)
    raise AssertionError("no backend stopped in the middle of the client list")


def kill(db, pid):
    assert psql(db, f"SELECT pg_terminate_backend({pid})") == [["t"]]


def test_fifty_thousand_rows_read_by_zeep_are_the_database_row_for_row(big):
    db, port, _ = big
    got = rows(client_at(port).client_read(include_deleted=True))
    want = psql(db, f"SELECT id, name, inn, deleted, pay_method_type_id, full_name FROM client "
                    f"WHERE partner_id = '{DEMO}' ORDER BY name, id")
    assert len(want) >= EXTRA and len(got) == len(want)
    for g, (id_, name, inn, deleted, pay, full) in zip(got, want):
        assert (g["client_id"], g["client_name"], g["client_inn"], g["client_del"], g["pay_method_id"],
                g["client_full_name"]) == (id_, name, inn, deleted == "t", int(pay), full)


def test_a_large_answer_is_chunked_and_one_to_http10_is_counted(big):
    _, port, _ = big
    r = post(port, CLIENT_READ)
    assert r.status == 200 and r.getheader("Transfer-Encoding") == "chunked" and not r.getheader("Content-Length")
    body = r.read()
    assert body.rstrip().endswith(b"Envelope>") and body.count(b"<row>") >= EXTRA * 9 // 10
    old = post(port, CLIENT_READ, "HTTP/1.0")
    assert old.status == 200 and old.getheader("Transfer-Encoding") is None
    old_body = old.read()
    assert int(old.getheader("Content-Length")) == len(old_body) and old_body.count(b"<row>") == body.count(b"<row>")


def test_a_small_answer_keeps_its_content_length(big):
    _, port, _ = big
    r = post(port, envelope(f"<pa:client_read><pa:client_id>{uid('client:romashka')}</pa:client_id></pa:client_read>"))
    assert r.status == 200 and r.getheader("Transfer-Encoding") is None
    assert int(r.getheader("Content-Length")) == len(r.read())


def test_a_database_killed_mid_answer_is_an_error_to_the_client(big):
    db, port, proc = big
    r = post(port, CLIENT_READ)
    assert r.status == 200 and r.getheader("Transfer-Encoding") == "chunked"
    first = r.read(64 * 1024)  # then nothing is read: our server, then the backend, wait
    assert b"<row>" in first
    kill(db, stream_backend(db))
    with pytest.raises(http.client.IncompleteRead) as cut:
        r.read()
    assert not cut.value.partial.rstrip().endswith(b"Envelope>")
    assert re.search(r"client_read: answer cut short after \d+ rows", proc.log_path.read_text())
    # The server goes on: the next request on a new connection is answered whole.
    again = post(port, envelope(f"<pa:client_read><pa:client_id>{uid('client:romashka')}</pa:client_id>"
                                "</pa:client_read>"))
    assert again.status == 200 and b"<row>" in again.read()


def test_zeep_sees_the_cut_answer_as_an_error(big):
    db, port, _ = big
    killed = []

    def kill_mid_answer(response, *args, **kwargs):
        # requests runs response hooks before it reads the body: the answer has begun.
        if response.headers.get("Transfer-Encoding") == "chunked" and not killed:
            killed.append(stream_backend(db))
            kill(db, killed[0])

    service = client_at(port)
    service._client.transport.session.hooks["response"].append(kill_mid_answer)
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError)):
        service.client_read()
    assert killed, "the answer was chunked and cut in its middle"
