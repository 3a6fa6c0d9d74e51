#!/usr/bin/env python3
"""Writes a JSON Lines file of drafts for the schema benchmarks: goal.set, launch.slipped, metric.recorded and
the team type pricing.changed in turn, with every INVALID-th draft broken (a wrong type, a bad pattern, an
unknown member).

    python3 Tools/bench/drafts.py COUNT [INVALID] [--built-in] > drafts.jsonl     # INVALID 0: all valid

--built-in leaves out the team type: every fourth draft is another goal.set instead of a pricing.changed, so the
file imports into any log.
"""
import json
import sys

arguments = [a for a in sys.argv[1:] if a != "--built-in"]
built_in = "--built-in" in sys.argv
count = int(arguments[0])
invalid_every = int(arguments[1]) if len(arguments) > 1 else 0
for n in range(count):
    kind = n % 4
    if built_in and kind == 3:
        kind = 0
    if kind == 0:
        draft = {"type": "goal.set", "subject": f"goal/g{n % 50}", "effectiveAt": "2025-07-01",
                 "payload": {"title": f"Goal {n}", "timeframe": "2025-Q3", "target": n, "unit": "count", "confidence": 60}}
    elif kind == 1:
        draft = {"type": "launch.slipped", "subject": f"launch/l{n % 20}", "effectiveAt": "2025-08-11",
                 "reason": f"Slip {n}", "payload": {"date": "2025-10-01", "cause": "security review"}}
    elif kind == 2:
        draft = {"type": "metric.recorded", "subject": f"metric/m{n % 5}", "effectiveAt": "2025-09-30",
                 "payload": {"value": n / 10, "date": "2025-09-30", "source": "dashboard"}}
    else:
        draft = {"type": "pricing.changed", "subject": f"plan/p{n % 10}", "effectiveAt": "2025-09-01",
                 "reason": "Price review", "payload": {"price": 40 + n % 60, "currency": "EUR"}}
    if invalid_every and n % invalid_every == invalid_every - 1:
        payload = draft["payload"]
        key = sorted(payload)[0]
        payload[key] = "fast" if not isinstance(payload[key], str) else 17
        payload["extra"] = True
    print(json.dumps(draft, separators=(",", ":")))
