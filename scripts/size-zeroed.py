#!/usr/bin/env python3
"""What each group of functions really adds to the wasm, in brotli bytes.

    scripts/size-zeroed.py NAMED.wasm LABEL=REGEX [LABEL=REGEX ...]

NAMED.wasm is the release wasm with its name section (scripts/size-breakdown
writes target/size-breakdown/named.wasm). Each function goes in the first
group whose REGEX matches its name (crate hashes removed), the others in
"rest". For each group the bodies of its functions are overwritten with
zeros, the module (without custom sections) is compressed with brotli -q 11
again, and the difference from the untouched module is the group's
contribution. Unlike a share of the raw bytes, this counts how well each
group compresses.
"""
import collections
import re
import subprocess
import sys


def leb(data, i):
    """An unsigned LEB128 number at i: (value, next index)."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(data):
    """(id, start of header, start of contents, size) of every section."""
    out, pos = [], 8
    while pos < len(data):
        size, start = leb(data, pos + 1)
        out.append((data[pos], pos, start, size))
        pos = start + size
    return out


def skip_limits(data, q):
    flags, q = leb(data, q)
    _, q = leb(data, q)
    return leb(data, q)[1] if flags & 1 else q


def imported_functions(data, secs):
    count = 0
    for sid, _, start, _ in secs:
        if sid != 2:
            continue
        n, q = leb(data, start)
        for _ in range(n):
            for _ in range(2):  # module and field names
                length, q = leb(data, q)
                q += length
            kind = data[q]
            q += 1
            if kind == 0:
                _, q = leb(data, q)
                count += 1
            elif kind == 1:
                q = skip_limits(data, q + 1)
            elif kind == 2:
                q = skip_limits(data, q)
            elif kind == 3:
                q += 2
            elif kind == 4:
                _, q = leb(data, q + 1)
    return count


def function_names(data, secs):
    names = {}
    for sid, _, start, size in secs:
        if sid != 0:
            continue
        length, q = leb(data, start)
        if data[q:q + length] != b"name":
            continue
        q += length
        end = start + size
        while q < end:
            sub = data[q]
            sub_size, q = leb(data, q + 1)
            if sub == 1:
                n, r = leb(data, q)
                for _ in range(n):
                    index, r = leb(data, r)
                    length, r = leb(data, r)
                    names[index] = data[r:r + length].decode("utf8", "replace")
                    r += length
            q += sub_size
    return names


def brotli(data, secs):
    kept = b"".join(data[header:start + size] for sid, header, start, size in secs if sid != 0)
    out = subprocess.run(["brotli", "-q", "11", "-c"], input=bytes(data[:8]) + kept,
                         capture_output=True, check=True).stdout
    return len(out)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data = bytearray(open(sys.argv[1], "rb").read())
    groups = [arg.split("=", 1) for arg in sys.argv[2:]]
    secs = sections(data)
    first = imported_functions(data, secs)
    names = function_names(data, secs)
    by_group = collections.defaultdict(list)
    for sid, _, start, _ in secs:
        if sid != 10:
            continue
        n, q = leb(data, start)
        for i in range(n):
            size, body = leb(data, q)
            name = re.sub(r"\[[0-9a-f]+\]", "", names.get(first + i, "?"))
            label = next((label for label, regex in groups if re.search(regex, name)), "rest")
            by_group[label].append((body, size))
            q = body + size
    base = brotli(data, secs)
    print(f"wasm without custom sections: {base} bytes brotli")
    print(f"{'group':24} {'raw':>8} {'brotli':>8}")
    for label, _ in groups + [("rest", "")]:
        zeroed = bytearray(data)
        raw = 0
        for body, size in by_group.get(label, []):
            zeroed[body:body + size] = bytes(size)
            raw += size
        print(f"{label:24} {raw:8} {base - brotli(zeroed, secs):8}")


main()
