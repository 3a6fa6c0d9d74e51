#!/usr/bin/env python3
"""The SQLite peer of the scale benchmark, with python3's sqlite3 module:

    python3 Tools/bench/sqlite-peer.py insert FILE.jsonl DB   # one executemany of every line, one transaction
    python3 Tools/bench/sqlite-peer.py latest DB               # the latest event of every subject (GROUP BY)

`insert` reads stored events or drafts alike (missing members become NULL) into a table of their envelope
columns and payload text, then commits. `latest` prints how many subjects it found.
"""
import json
import sqlite3
import sys

COLUMNS = ("seq", "id", "type", "subject", "effectiveAt", "recordedAt", "actor", "reason", "payload")


def rows(path):
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, 1):
            event = json.loads(line)
            actor = event.get("actor")
            yield (event.get("seq", number), event.get("id"), event["type"], event["subject"], event.get("effectiveAt"),
                   event.get("recordedAt"), actor and actor.get("name"), event.get("reason"),
                   json.dumps(event.get("payload"), separators=(",", ":")))


def insert(path, database):
    connection = sqlite3.connect(database)
    connection.execute(f"CREATE TABLE events ({', '.join(COLUMNS)})")
    with connection:
        connection.executemany(f"INSERT INTO events VALUES ({', '.join('?' * len(COLUMNS))})", rows(path))
    connection.close()


def latest(database):
    connection = sqlite3.connect(database)
    found = connection.execute(
        "SELECT e.subject, e.type, e.payload FROM events e"
        " JOIN (SELECT subject, MAX(seq) AS seq FROM events GROUP BY subject) l ON e.subject = l.subject AND e.seq = l.seq"
    ).fetchall()
    print(f"{len(found)} subjects")


if __name__ == "__main__":
    if sys.argv[1] == "insert":
        insert(sys.argv[2], sys.argv[3])
    else:
        latest(sys.argv[2])
