"""account_access_email_notify against real SMTP servers (aiosmtpd) on
loopback: a plain one with authentication, one with implicit TLS and one
offering STARTTLS (a certificate authority and certificate made here), a
closed port, a server that accepts and never greets; and the guard, on a
server that allows loopback and on one that does not (its default)."""
import email
import email.policy
import socket
import ssl
import subprocess
import threading
import time

import pytest
import zeep
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import client_at, fault_code, free_port, make_client, rows, start_server, stop_server, uid

LOGIN, PASSWORD = "mailer", "Secret-Mail-Pass-42"
SENDER = "partner@demo-partner.example"
ANNA = uid("client_user:romashka-anna")
SMTP_TIMEOUT = 3


class Inbox:
    """What an aiosmtpd server received: one entry per message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": server.transport.get_extra_info("ssl_object") is not None,
                              "message": email.message_from_bytes(envelope.content, policy=email.policy.default)})
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == LOGIN.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A throw-away CA, and a certificate it signed for localhost and 127.0.0.1."""
    d = tmp_path_factory.mktemp("tls")
    run = lambda *args: subprocess.run(args, check=True, capture_output=True, cwd=d)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=PartnerAPI test CA")
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost")
    (d / "ext.cnf").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return d


def tls_context(cert_dir):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert_dir / "server.pem", cert_dir / "server.key")
    return ctx


def smtp_server(**kwargs):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_require_tls=False, **kwargs)
    controller.start()
    return controller, inbox


@pytest.fixture(scope="module")
def plain_smtp():
    controller, inbox = smtp_server()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="module")
def smtps(certificate):
    controller, inbox = smtp_server(ssl_context=tls_context(certificate))
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="module")
def starttls_smtp(certificate):
    controller, inbox = smtp_server(tls_context=tls_context(certificate))
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="module")
def mute_smtp():
    """Accepts TCP connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for s in held:
        s.close()
    listener.close()


@pytest.fixture(scope="module")
def loopback_server(tmp_path_factory, certificate):
    """A server whose guard allows loopback, trusting the test CA."""
    proc, port = start_server(tmp_path_factory, f'smtp_allow = ["127.0.0.0/8", "::1/128"]\n'
                                                f"smtp_timeout = {SMTP_TIMEOUT}\n"
                                                f'smtp_ca_file = "{certificate / "ca.pem"}"\n')
    yield proc, client_at(port)
    stop_server(proc)


@pytest.fixture(scope="module")
def default_server(tmp_path_factory):
    """A server with the default guard: public addresses on mail ports only."""
    proc, port = start_server(tmp_path_factory, "")
    yield client_at(port)
    stop_server(proc)


def notify(service, port, host="127.0.0.1", ssl_encryption=False, user=ANNA, login=LOGIN, password=PASSWORD):
    return service.account_access_email_notify(client_user_id=user, sender_email_address=SENDER, email_login=login,
                                               email_password=password, smtp_server=host, smtp_port=port,
                                               ssl_encryption=ssl_encryption)


def anna_agents():
    """(number, password) of Anna's active agents, as agent_user_read gives them."""
    demo = make_client("demo", "demo").service
    return [(r["agent_user_number"], r["agent_user_password"])
            for r in rows(demo.agent_user_read(client_user_id=ANNA, agent_user_activity=True))]


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_plain_server_gets_the_notice_from_the_sender_to_the_users_email(loopback_server, plain_smtp):
    _, service = loopback_server
    port, inbox = plain_smtp
    before = len(inbox.messages)
    assert notify(service, port) is True
    assert len(inbox.messages) == before + 1
    got = inbox.messages[-1]
    assert got["from"] == SENDER
    assert got["to"] == ["anna@romashka.example"]
    m = got["message"]
    assert m["From"] == SENDER and m["To"] == "anna@romashka.example"
    assert m["Subject"] == "Доступ к 1С-Коннект"
    text = body_of(m)
    assert "Здравствуйте, Анна Павловна!" in text
    agents = anna_agents()
    assert agents
    for number, password in agents:
        assert f"номер агента: {number}, пароль: {password}" in text
    assert "Как начать работу" in text


def test_implicit_tls_and_starttls_are_used_and_verified(loopback_server, smtps, starttls_smtp):
    _, service = loopback_server
    for (port, inbox), implicit in ((smtps[0], smtps[1]), True), ((starttls_smtp[0], starttls_smtp[1]), False):
        before = len(inbox.messages)
        assert notify(service, port, host="localhost", ssl_encryption=implicit) is True
        assert len(inbox.messages) == before + 1
        assert inbox.messages[-1]["tls"], "the message did not travel over TLS"
        assert "Анна" in body_of(inbox.messages[-1]["message"])


def test_a_certificate_the_server_does_not_trust_is_false(default_server, tmp_path_factory, smtps):
    # A server allowing loopback but without the test CA.
    proc, port = start_server(tmp_path_factory, 'smtp_allow = ["127.0.0.0/8"]\nsmtp_timeout = 3\n')
    try:
        assert notify(client_at(port), smtps[0], host="localhost", ssl_encryption=True) is False
    finally:
        stop_server(proc)


def test_wrong_credentials_are_false(loopback_server, plain_smtp):
    _, service = loopback_server
    port, inbox = plain_smtp
    before = len(inbox.messages)
    assert notify(service, port, password="wrong") is False
    assert len(inbox.messages) == before


def test_a_closed_port_is_false_quickly(loopback_server):
    _, service = loopback_server
    started = time.monotonic()
    assert notify(service, free_port()) is False
    assert time.monotonic() - started < 2


def test_a_server_that_never_greets_is_false_within_the_timeout_and_others_are_served(loopback_server, mute_smtp):
    _, service = loopback_server
    result = {}

    def stalled():
        started = time.monotonic()
        result["value"] = notify(service, mute_smtp)
        result["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=stalled)
    thread.start()
    time.sleep(0.5)
    quick = []
    while thread.is_alive() and len(quick) < 20:
        started = time.monotonic()
        service.partner_read()
        quick.append(time.monotonic() - started)
        time.sleep(0.05)
    thread.join()
    assert result["value"] is False
    assert SMTP_TIMEOUT - 0.5 <= result["seconds"] < SMTP_TIMEOUT + 3
    assert quick and max(quick) < 0.5, f"other requests waited while the e-mail stalled: {quick}"


def test_the_default_guard_refuses_loopback_names_and_private_addresses(default_server, plain_smtp):
    port, inbox = plain_smtp
    before = len(inbox.messages)
    for host, p in (("127.0.0.1", port), ("localhost", port), ("::1", port), ("10.0.0.1", 25),
                    ("192.168.1.1", 587), ("169.254.169.254", 25), ("localhost", 25)):
        with pytest.raises(zeep.exceptions.Fault) as e:
            notify(default_server, p, host=host)
        assert fault_code(e.value) == "SMTP_TARGET_DENIED", host
    assert len(inbox.messages) == before


def test_a_user_without_an_email_contact_or_unknown_is_a_fault(loopback_server, plain_smtp):
    _, service = loopback_server
    for user, code in ((uid("client_user:romashka-boris"), "NO_EMAIL"), (uid("client_user:nobody"), "NOT_FOUND"),
                       (uid("client_user:topol-dina"), "NOT_FOUND")):
        with pytest.raises(zeep.exceptions.Fault) as e:
            notify(service, plain_smtp[0], user=user)
        assert fault_code(e.value) == code, user


def test_no_password_reaches_the_log(loopback_server, plain_smtp):
    proc, service = loopback_server
    assert notify(service, plain_smtp[0]) is True
    notify(service, plain_smtp[0], password="wrong-" + PASSWORD)
    log = proc.log_path.read_text()
    assert "account_access_email_notify" in log and "127.0.0.1" in log
    assert PASSWORD not in log
    assert "номер агента" not in log and "пароль" not in log, "the notice's text reached the log"
