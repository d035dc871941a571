#!/usr/bin/env python3
"""Writes a long-format answers CSV of about SIZE bytes (default 250 MB) to PATH:
respondent,wave,item,value rows such as `p000123,pre,op01,4`, CRLF line ends, as
100,000 people x 2 waves x 25 items would give, repeated with new ids to reach SIZE."""
import sys

path = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 250_000_000
with open(path, "w", newline="") as out:
    out.write("respondent,wave,item,value\r\n")
    size, person, lines = 0, 0, []
    while size < target:
        for wave in ("pre", "post"):
            for item in range(1, 26):
                line = "p%06d,%s,op%02d,%d\r\n" % (person, wave, item, (person * 7 + item * 3) % 5 + 1)
                lines.append(line)
                size += len(line)
        person += 1
        if len(lines) > 100_000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))
