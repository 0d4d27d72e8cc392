"""Agents over the wire (zeep): passwords as given, leading zeros included;
numbers unique under concurrent adds; delete's empty table; and the key
ring's rotation by the admin command, on a database of its own."""
import os
import subprocess
import threading

import pytest

from conftest import client_at, rows, scratch_database, sql, start_server, stop_server, uid

IVANOV = uid("partner_user:ivanov")
ANNA = uid("client_user:romashka-anna")


def test_a_password_comes_back_exactly_as_given(demo):
    added = rows(demo.agent_partner_add(agent_partner_password="000123", partner_user_id=IVANOV))[0]
    assert added["agent_partner_password"] == "000123"
    assert added["agent_partner_number"].startswith("271828")
    assert added["agent_type"] == 1
    again = rows(demo.agent_partner_read(agent_partner_id=added["agent_partner_id"]))[0]
    assert again["agent_partner_password"] == "000123"
    stored = sql(f"SELECT password_plain IS NULL, password_sealed LIKE '%000123%' FROM agent "
                 f"WHERE id = '{added['agent_partner_id']}'")
    assert stored == [["t", "f"]], "the password is stored in the clear"


def test_concurrent_adds_get_distinct_numbers(demo):
    numbers, errors = [], []

    def add():
        try:
            numbers.append(rows(demo.agent_user_add(client_user_id=ANNA))[0]["agent_user_number"])
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
    threads = [threading.Thread(target=add) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(numbers)) == 16
    assert all(len(n) == 9 for n in numbers)


def test_delete_answers_the_columns_and_no_rows_and_a_second_call_restores(demo):
    agent = rows(demo.agent_user_add(agent_user_password="0042", client_user_id=ANNA))[0]["agent_user_id"]
    deleted = demo.agent_user_delete(agent_user_id=agent)
    assert [c.Name for c in deleted.column][0] == "agent_user_id"
    assert not deleted.row
    assert agent not in [r["agent_user_id"] for r in rows(demo.agent_user_read(agent_user_activity=True))]
    restored = rows(demo.agent_user_delete(agent_user_id=agent))
    assert restored[0]["agent_user_activity"] is True and restored[0]["agent_user_password"] == "0042"


def cli(*args, keys, db):
    env = {**os.environ, "PARTNERAPI_DB": db, "PARTNERAPI_AGENT_KEYS": keys}
    return subprocess.run([os.environ["PARTNERAPI_TEST_BIN"], *args], env=env, capture_output=True, text=True)


@pytest.fixture()
def scratch_db():
    with scratch_database("partnerapi_rotation") as db:
        yield db


def key_ids(db):
    out = subprocess.run(["psql", db, "-XAtq", "-c", "SELECT DISTINCT split_part(password_sealed, ':', 1) FROM agent"],
                         check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_rotation_re_encrypts_everything_under_the_new_key(scratch_db, tmp_path_factory):
    old = cli("agent-key-new", "--id", "old", keys="", db="").stdout.strip()
    new = cli("agent-key-new", "--id", "new", keys="", db="").stdout.strip()
    assert cli("migrate", keys=old, db=scratch_db).returncode == 0
    demo = cli("demo", keys=old, db=scratch_db)
    assert demo.returncode == 0, demo.stderr
    assert key_ids(scratch_db) == {"old"}
    # A ring without the old key cannot open what it sealed: nothing changes.
    failed = cli("agent-keys-rotate", keys=new, db=scratch_db)
    assert failed.returncode != 0 and "old" in failed.stderr
    assert key_ids(scratch_db) == {"old"}
    rotated = cli("agent-keys-rotate", keys=f"{new}\n{old}", db=scratch_db)
    assert rotated.returncode == 0, rotated.stderr
    assert "re-encrypted" in rotated.stdout
    assert key_ids(scratch_db) == {"new"}
    assert old.split(":")[1] not in rotated.stdout + rotated.stderr
    # A server with the new key only reads every password.
    proc, port = start_server(tmp_path_factory, "", db=scratch_db, keys=new)
    try:
        passwords = {r["agent_partner_number"]: r["agent_partner_password"]
                     for r in rows(client_at(port).agent_partner_read())}
        assert passwords == {"271828900001": "4711", "271828900002": "0815"}
    finally:
        stop_server(proc)
