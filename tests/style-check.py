#!/usr/bin/python3
"""style-check.py — what the house style can check mechanically, over every C file in app/ and tests/.

Each C file starts with a one-line comment naming it ("/* weft-thing.c — what it
holds"), lines stay within 100 columns, indentation is spaces, no line ends in
white space, and an include of Weft's own headers names the folder
("metrics/weft-metrics.h"). TAP output, one test per rule.
"""

import os
import re
import subprocess
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
LOCAL_TEST_HEADERS = {"weft-test-util.h", "weft-bench.h", "weft-gui-test.h", "weft-fuzz.h", "config.h"}


def sources():
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "app/*.[ch]", "tests/*.[ch]"],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        # Not a checkout (a tarball): walk the tree instead.
        for top in ("app", "tests"):
            for folder, _, names in os.walk(os.path.join(ROOT, top)):
                for name in names:
                    if name.endswith((".c", ".h")):
                        yield os.path.relpath(os.path.join(folder, name), ROOT)
        return
    yield from out.stdout.split()


def main():
    rules = {
        "a first line naming the file": [],
        "at most 100 columns": [],
        "no tabs": [],
        "no trailing white space": [],
        "own headers included by folder": [],
    }
    for path in sorted(sources()):
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            lines = f.read().split("\n")
        name = os.path.basename(path)
        if not lines[0].startswith(f"/* {name} — "):
            rules["a first line naming the file"].append(f"{path}:1")
        for number, line in enumerate(lines, 1):
            where = f"{path}:{number}"
            if len(line) > 100:
                rules["at most 100 columns"].append(where)
            if "\t" in line:
                rules["no tabs"].append(where)
            if line != line.rstrip():
                rules["no trailing white space"].append(where)
            include = re.match(r'#include "([^"]+)"', line)
            if include and "/" not in include.group(1) and include.group(1) not in LOCAL_TEST_HEADERS:
                rules["own headers included by folder"].append(where)
    print(f"1..{len(rules)}")
    failed = 0
    for number, (rule, places) in enumerate(rules.items(), 1):
        if places:
            failed += 1
            print(f"not ok {number} {rule}: {len(places)} places")
            for place in places[:20]:
                print(f"# {place}")
        else:
            print(f"ok {number} {rule}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
