"""Statistics through python-zeep: the windows' edges, the two-month bound of
remote access, the filters' faults, and the chat transcripts' base64."""
import datetime

import pytest

from conftest import fault, rows, sql, uid

ANNA_AGENT = uid("agent:romashka-anna")


def moscow(text):
    """A datetime zeep sends as it is (no offset: Moscow time)."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")


def started(table, key):
    return sql(f"SELECT wire_datetime(started_at) FROM {table} WHERE id = '{uid(key)}'")[0][0]


def test_a_call_on_either_edge_of_the_window_is_in_it(demo):
    start = moscow(started("call", "call:1"))
    second = datetime.timedelta(seconds=1)
    ids = lambda **w: {r["call_id"] for r in rows(demo.statistics_read(**w))}
    assert uid("call:1") in ids(start_time=start, end_time=start)
    assert uid("call:1") not in ids(start_time=start + second)
    assert uid("call:1") not in ids(end_time=start - second)
    one = [r for r in rows(demo.statistics_read(start_time=start, end_time=start)) if r["call_id"] == uid("call:1")][0]
    assert one["time"] == start and one["duration"] == 320


def test_remote_access_takes_two_calendar_months_back_and_no_more(demo):
    midnight = sql("SELECT to_char(date_trunc('day', now() AT TIME ZONE 'Europe/Moscow') - interval '2 months', "
                   "'YYYY-MM-DD\"T\"HH24:MI:SS')")[0][0]
    earliest = moscow(midnight)
    assert uid("remote:1") in {r["session_id"] for r in rows(demo.remote_access_statistics_read(start_time=earliest))}
    code, message = fault(demo.remote_access_statistics_read, start_time=earliest - datetime.timedelta(seconds=1))
    assert code == "INVALID_DATE" and "start_time" in message
    by_alias = rows(demo.remote_access_statistics_read(server_agent_id=ANNA_AGENT))
    assert [r["session_id"] for r in by_alias] == [uid("remote:1")]


def test_an_unknown_or_foreign_filter_is_a_fault_not_an_empty_table(demo):
    assert fault(demo.statistics_read, client_id=uid("client:topol"))[0] == "NOT_FOUND"
    assert fault(demo.statistics_read, agent_id=uid("agent:nobody"))[0] == "NOT_FOUND"
    assert fault(demo.sip_calls_statistics_read, agent_id=uid("agent:kuznetsov"))[0] == "NOT_FOUND"


def test_sip_calls_by_the_exact_number(demo):
    got = rows(demo.sip_calls_statistics_read(abonent="+74950000099"))
    assert [r["call_id"] for r in got] == [uid("sip:1")]
    assert got[0]["incoming"] is True and got[0]["duration_after_answer"] == 170


def test_chat_transcripts_are_utf8_text_in_time_order(demo):
    raw = demo.chat_history_statistics_read(client_user_id=uid("client_user:romashka-anna"),
                                            service_id=uid("service_type:demo-buh"))
    text = raw.decode("utf-8")
    lines = text.splitlines()
    assert len(lines) == 2
    # Her name as it is now: other tests edit the demo users.
    name = sql(f"SELECT btrim(concat_ws(' ', name, family_name)) FROM client_user "
               f"WHERE id = '{uid('client_user:romashka-anna')}'")[0][0]
    assert lines[0].endswith(f"{name} (900000001): Здравствуйте! Не формируется отчет.")
    assert lines[0] < lines[1]
    colleagues = demo.chat_history_colleagues_read(Colleague1_id=uid("agent:petrova"),
                                                   Colleague2_id=uid("agent:ivanov")).decode("utf-8")
    assert "Мария, посмотри заявку" in colleagues
    empty = demo.chat_history_colleagues_read(Colleague1_id=uid("agent:petrova"), Colleague2_id=uid("agent:ivanov"),
                                              period_from=datetime.datetime(2099, 1, 1))
    assert empty in (b"", None)


@pytest.mark.parametrize("bad", ["2024-13-01T00:00:00", "2024-02-30T00:00:00", "вчера"])
def test_an_impossible_datetime_is_a_client_fault(demo, bad):
    from conftest import envelope, post
    status, _, body = post(envelope(f"<pa:statistics_read><pa:start_time>{bad}</pa:start_time></pa:statistics_read>"))
    assert status == 400 and "INVALID_DATE" in body
