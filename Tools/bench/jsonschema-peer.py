#!/usr/bin/env python3
"""The peer for `decisionlog schema check`: Python's jsonschema library (Draft 2020-12, with format checks)
validating each draft's payload in a JSON Lines file against its type's latest schema from Schemas/types (and
team schemas given as files), printing one line per invalid draft. It checks payloads only — not the
envelope, actors, times or the log — so it does less than `schema check`.

    python3 Tools/bench/jsonschema-peer.py DRAFTS.jsonl [TEAM-SCHEMA.json ...]
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator

root = pathlib.Path(__file__).resolve().parent.parent.parent / "Schemas" / "types"
latest = {}
for path in root.glob("*.schema.json"):
    schema = json.loads(path.read_text())
    _, _, _, type_name, version = schema["$id"].split(":")
    if int(version) >= latest.get(type_name, (0, None))[0]:
        latest[type_name] = (int(version), schema)
for path in sys.argv[2:]:
    schema = json.loads(pathlib.Path(path).read_text())
    _, _, _, type_name, version = schema["$id"].split(":")
    latest[type_name] = (int(version), schema)
validators = {name: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
              for name, (_, schema) in latest.items()}

bad = 0
with open(sys.argv[1], encoding="utf-8") as drafts:
    for number, line in enumerate(drafts, 1):
        if not line.strip():
            continue
        draft = json.loads(line)
        validator = validators.get(draft.get("type"))
        if validator is None:
            print(f"line {number}: unknown type")
            bad += 1
            continue
        errors = sorted(validator.iter_errors(draft.get("payload", {})), key=lambda e: list(e.path))
        if errors:
            bad += 1
            print(f"line {number}: " + "; ".join(f"payload.{'.'.join(map(str, e.path))}: {e.message}" for e in errors))
sys.exit(1 if bad else 0)
