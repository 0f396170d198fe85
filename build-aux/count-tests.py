#!/usr/bin/env python3
"""Counts test cases in meson's test log and prints "N passed, N failed".

GTest programs speak TAP (meson keeps their output in the log), so each
test case counts; a test that is a single command (a data validator)
counts once. A program that crashed or
timed out counts as one failure more, on top of the cases it reported.
"""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding='utf-8') as log:
    for line in log:
        entry = json.loads(line)
        result = entry.get('result', '')
        cases = [l for l in entry.get('stdout', '').splitlines()
                 if re.match(r'(not )?ok \d+', l)]
        if not cases:
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
            continue
        for case in cases:
            if re.search(r'#\s*SKIP', case, re.I):
                skipped += 1
            elif case.startswith('ok'):
                passed += 1
            else:
                failed += 1
        if result in ('FAIL', 'TIMEOUT', 'ERROR') and not any(c.startswith('not ok') for c in cases):
            failed += 1

line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
sys.exit(1 if failed else 0)
