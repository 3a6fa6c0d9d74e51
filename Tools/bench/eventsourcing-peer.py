#!/usr/bin/env python3
"""The Python `eventsourcing` peer of the scale benchmark: the first COUNT events of a log, one aggregate a
subject kept in memory, appended through an application (one save an event) and then read back by replaying every aggregate.

    python eventsourcing-peer.py EVENTS.jsonl COUNT [sqlite]    # in memory, or in an SQLite file

Prints `appended N events/s` and `read N events/s`, each timed inside the process (interpreter start left out).
"""
import json
import os
import sys
import tempfile
import time
import uuid

path, count = sys.argv[1], int(sys.argv[2])
if len(sys.argv) > 3 and sys.argv[3] == "sqlite":
    os.environ["PERSISTENCE_MODULE"] = "eventsourcing.sqlite"
    os.environ["SQLITE_DBNAME"] = os.path.join(tempfile.mkdtemp(), "events.db")

from eventsourcing.application import Application  # noqa: E402
from eventsourcing.domain import Aggregate, event  # noqa: E402


class Subject(Aggregate):
    def __init__(self, name):
        self.name = name
        self.state = {}

    @event("Changed")
    def change(self, type, payload):
        self.state[type] = payload


class Decisions(Application):
    pass


lines = []
with open(path, "rb") as source:
    for line in source:
        lines.append(json.loads(line))
        if len(lines) == count:
            break

app = Decisions()
aggregates = {}
start = time.perf_counter()
for stored in lines:
    subject = stored["subject"]
    aggregate = aggregates.get(subject)
    if aggregate is None:
        aggregate = aggregates[subject] = Subject(subject)
    aggregate.change(stored["type"], stored["payload"])
    app.save(aggregate)
appended = time.perf_counter() - start
ids = {subject: aggregate.id for subject, aggregate in aggregates.items()}

start = time.perf_counter()
replayed = 0
for aggregate_id in ids.values():
    replayed += app.repository.get(aggregate_id).version
read = time.perf_counter() - start
print(f"appended {len(lines) / appended:.0f} events/s")
print(f"read {replayed / read:.0f} events/s")
