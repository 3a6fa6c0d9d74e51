#!/usr/bin/env python3
"""Writes a JSON Lines file of drafts for the schema benchmarks: goal.set, launch.slipped, metric.recorded and
the team type pricing.changed in turn, with every INVALID-th draft broken (a wrong type, a bad pattern, an
unknown member).

    python3 Tools/bench/drafts.py COUNT [INVALID] [--built-in | --rules] > drafts.jsonl     # INVALID 0: all valid

--built-in leaves out the team type: every fourth draft is another goal.set instead of a pricing.changed, and
the file starts with the launches and metrics the others refer to, so that it imports into any log, an empty one
included, and keeps the domain rules (docs/rules.md): each launch is scheduled before it slips, each slip moves it
later, and each metric is defined before its actuals.
"""
import datetime
import json
import sys

arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
built_in = "--built-in" in sys.argv
# --rules keeps the team type but, as --built-in does, schedules and defines what the others refer to first, under
# subjects of its own (launch/xl…, metric/xm…), so that the file keeps the domain rules in a log that has launches
# and metrics of those names already (a generated one).
rules = built_in or "--rules" in sys.argv
own = "" if built_in else "x"
count = int(arguments[0])
invalid_every = int(arguments[1]) if len(arguments) > 1 else 0
prelude = []
if rules:
    prelude += [{"type": "launch.scheduled", "subject": f"launch/{own}l{i}", "effectiveAt": "2025-07-01",
                 "payload": {"name": f"Launch {i}", "date": "2025-09-01"}} for i in range(20)]
    prelude += [{"type": "metric.defined", "subject": f"metric/{own}m{i}", "effectiveAt": "2025-06-01",
                 "payload": {"name": f"Metric {i}", "unit": "count", "direction": "higher"}} for i in range(5)]
for draft in prelude[:count]:
    print(json.dumps(draft, separators=(",", ":")))
first_slip = datetime.date(2025, 10, 1)
for n in range(max(0, count - len(prelude))):
    kind = n % 4
    if built_in and kind == 3:
        kind = 0
    if kind == 0:
        draft = {"type": "goal.set", "subject": f"goal/g{n % 50}", "effectiveAt": "2025-07-01",
                 "payload": {"title": f"Goal {n}", "timeframe": "2025-Q3", "target": n, "unit": "count", "confidence": 60}}
    elif kind == 1:
        # Each launch's slips move it a day later each time (slip k of launch/l… goes to 2025-10-01 + k days).
        date = first_slip + datetime.timedelta(days=n // 80) if rules else first_slip
        draft = {"type": "launch.slipped", "subject": f"launch/{own if rules else ''}l{n % 20}", "effectiveAt": "2025-08-11",
                 "reason": f"Slip {n}", "payload": {"date": date.isoformat(), "cause": "security review"}}
    elif kind == 2:
        draft = {"type": "metric.recorded", "subject": f"metric/{own if rules else ''}m{n % 5}", "effectiveAt": "2025-09-30",
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
