"""XML characters: an operand that holds a character XML 1.0 does not allow,
raw or as a character reference, is refused naming it, nothing is cut or
stored; and whatever is stored, every answer is well-formed XML."""
import uuid

import pytest
from lxml import etree

from conftest import envelope, post, rows, sql, uid

MOSCOW = uid("region:Москва")


def code_of(body):
    return etree.fromstring(body.encode()).findtext(".//code")


def add_named(name_xml):
    body = envelope(f"<pa:client_add><pa:client_name>{name_xml}</pa:client_name>"
                    f"<pa:region_id>{MOSCOW}</pa:region_id></pa:client_add>")
    return post(body)


@pytest.mark.parametrize("bad", ["&#xFFFE;", "&#xFFFF;", "&#0;", "&#x0000;", "&#1;", "&#x1F;", "\x01", "\x08",
                                 "\ufffe", "\uffff"],
                         ids=["ref_fffe", "ref_ffff", "ref_0", "ref_x0000", "ref_1", "ref_1f", "raw_01", "raw_08",
                              "raw_fffe", "raw_ffff"])
def test_a_character_xml_does_not_allow_is_refused_naming_the_operand(bad):
    tag = uuid.uuid4().hex[:8]
    status, _, body = add_named(f"ab{bad}cd {tag}")
    assert status == 400 and code_of(body) == "INVALID_VALUE" and "client_name" in body, body[:400]
    etree.fromstring(body.encode())  # the fault itself is well-formed
    assert sql(f"SELECT count(*) FROM client WHERE name LIKE '%{tag}%'") == [["0"]]


def test_tab_lf_and_cr_are_characters_and_kept():
    status, _, body = add_named(f"a&#9;b&#10;c&#13;d {uuid.uuid4().hex[:6]}")
    assert status == 200, body[:300]


def test_whatever_is_stored_the_answer_is_well_formed_xml(demo):
    client = str(uuid.uuid4())
    name = f"Хранимое {client[:6]}"
    sql(f"INSERT INTO client (id, partner_id, region_id, name, full_name, new_id) VALUES "
        f"('{client}', md5('partner:demo')::uuid, '{MOSCOW}', '{name}', "
        f"E'a\\x01b\\x1fc' || chr(65534) || chr(65535) || E'd\\re', gen_random_uuid())")
    try:
        status, _, body = post(envelope(f"<pa:client_read><pa:client_id>{client}</pa:client_id></pa:client_read>"))
        assert status == 200
        etree.fromstring(body.encode())  # raises if not well-formed
        got = rows(demo.client_read(client_id=client))
        assert got[0]["client_full_name"] == "abcd\re"
        assert any(r["client_id"] == client for r in rows(demo.client_read()))  # the whole list still reads
    finally:
        sql(f"DELETE FROM client WHERE id = '{client}'")
