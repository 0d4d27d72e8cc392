#!/usr/bin/env python3
"""Realistic statistics events at scale, as CSV for `partnerapi events-import`.

  gen_events.py --kind calls|remote|sip|chat --count N --db CONNINFO [--focus-month N]

The events belong to the database's partners and their agents (the demo data's
and the benchmark's), spread over the last two years; `--focus-month N` gives
the demo partner N of them in the last 30 days (the benchmark's month read).
Deterministic (seeded), so a re-run makes the same events: a second import is
the idempotence benchmark."""
import argparse
import random
import subprocess
import sys
import uuid
from datetime import datetime, timedelta

DEMO = "140cb530-a922-8f90-2a2a-91a31e42d1b7"  # md5('partner:demo')


def query(db, sql):
    out = subprocess.run(["psql", db, "-XAtq", "-F", "|", "-c", sql], check=True, capture_output=True, text=True)
    return [line.split("|") for line in out.stdout.splitlines()]


def world(db):
    """Per partner: its agents (partner and user agents), clients, lines and client users."""
    partners = {}
    for pid, in query(db, "SELECT id FROM partner"):
        partners[pid] = {"agents": [], "clients": [], "users": [], "lines": []}
    for aid, pid, cid, uid in query(db, "SELECT a.id, COALESCE(a.partner_id, c.partner_id), a.client_id, "
                                        "a.client_user_id FROM agent a LEFT JOIN client c ON c.id = a.client_id"):
        p = partners[pid]
        p["agents"].append(aid)
        if cid:
            p["clients"].append(cid)
        if uid:
            p["users"].append(uid)
    for lid, pid in query(db, "SELECT id, partner_id FROM service_type WHERE partner_id IS NOT NULL"):
        partners[pid]["lines"].append(lid)
    common = [row[0] for row in query(db, "SELECT id FROM service_type WHERE partner_id IS NULL")]
    for p in partners.values():
        p["lines"] += common
        for key in ("agents", "clients", "users"):
            p[key] = p[key] or [""]
    return {pid: p for pid, p in partners.items() if p["agents"] != [""]}


def when(rng, now, days):
    return (now - timedelta(seconds=rng.randrange(days * 86400))).strftime("%Y-%m-%dT%H:%M:%S")


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--kind", required=True, choices=["calls", "remote", "sip", "chat"])
    a.add_argument("--count", type=int, required=True)
    a.add_argument("--db", required=True)
    a.add_argument("--focus-month", type=int, default=0)
    args = a.parse_args()
    rng = random.Random(f"{args.kind}:{args.count}")
    partners = world(args.db)
    ids = list(partners)
    now = datetime.utcnow() + timedelta(hours=3) - timedelta(minutes=5)
    out = sys.stdout
    header = {
        "calls": "id,started_at,duration,partner_id,client_id,src_agent_id,dst_agent_id,service_type_id,"
                 "call_status_id,record_url",
        "remote": "id,started_at,duration,partner_id,client_id,server_agent_id,client_agent_id,service_type_id,"
                  "result,remote_access_type_id",
        "sip": "id,started_at,duration,duration_after_answer,partner_id,agent_id,abonent,incoming,status",
        "chat": "id,sent_at,partner_id,service_type_id,from_agent_id,to_agent_id,client_user_id,body",
    }[args.kind]
    out.write(header + "\n")
    lines = []
    for i in range(args.count):
        focus = i < args.focus_month
        pid = DEMO if focus else ids[i % len(ids)]
        p = partners[pid]
        at = when(rng, now, 30 if focus else 730)
        event = uuid.UUID(int=rng.getrandbits(128), version=4)
        agent, other = rng.choice(p["agents"]), rng.choice(p["agents"])
        client, line = rng.choice(p["clients"]), rng.choice(p["lines"])
        duration = rng.randrange(0, 1800)
        if args.kind == "calls":
            lines.append(f"{event},{at},{duration},{pid},{client},{agent},{other},{line},{rng.randrange(8)},"
                         f"https://records.example/{event}")
        elif args.kind == "remote":
            lines.append(f"{event},{at},{duration},{pid},{client},{agent},{other},{line},{rng.randrange(2)},"
                         f"{1 + rng.randrange(2)}")
        elif args.kind == "sip":
            lines.append(f"{event},{at},{duration},{duration // 2},{pid},{agent},+7495{rng.randrange(10**7):07d},"
                         f"{'true' if rng.randrange(2) else 'false'},{rng.randrange(3)}")
        else:
            user = rng.choice(p["users"])
            lines.append(f'{event},{at},{pid},{line},{agent},{other},{user},"Сообщение {i}: '
                         f'не формируется отчет, ""срочно"""')
        if len(lines) == 10000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
