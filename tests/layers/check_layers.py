#!/usr/bin/env python3
"""Checks that every include in runner/, appspec/, aws/ and host/ points down the room graph.

A room is a folder whose CMakeLists.txt declares `cdrun_room(TARGET DEPENDS ... SUBDIRS ...)`
(cmake/CdrunRoom.cmake). A file may include headers of its own room and of the rooms its room
depends on, directly or through them; anything else (a lower room reaching up, two rooms reaching
sideways) is reported as `file:line: room A includes B, which is not below it`.
Also enforced: no source file directly under runner/, at most 30 source files in a folder, none
over 400 lines.

Usage: check_layers.py SOURCE_DIR           exit 0 clean, 1 with the violations listed
       check_layers.py --self-test          proves on a scratch tree that a violation is caught
"""
import os
import re
import sys
import tempfile

TOPS = ("runner", "appspec", "aws", "host")
MAX_FILES, MAX_LINES = 30, 400
ROOM_RE = re.compile(r"cdrun_room\(\s*(\w+)([^)]*)\)", re.S)
INTERFACE_RE = re.compile(r"add_library\((\w+)\s+INTERFACE\)\s*target_link_libraries\(\1\s+INTERFACE([^)]*)\)", re.S)
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def words_after(keyword, text):
    m = re.search(keyword + r"\s+([^A-Z)]*)", text)
    return m.group(1).split() if m else []


def read_rooms(root):
    """folder (relative) -> target, target -> direct dependencies (targets)."""
    folder_of, deps, aliases = {}, {}, {}
    for top in TOPS:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            if "CMakeLists.txt" not in files:
                continue
            text = open(os.path.join(dirpath, "CMakeLists.txt")).read()
            for m in INTERFACE_RE.finditer(text):
                aliases[m.group(1)] = m.group(2).split()
            for m in ROOM_RE.finditer(text):
                target, args = m.group(1), m.group(2)
                rel = os.path.relpath(dirpath, root)
                folder_of[rel] = target
                for sub in words_after("SUBDIRS", args):
                    folder_of[os.path.join(rel, sub)] = target
                deps[target] = words_after("DEPENDS", args)
    for target, names in deps.items():
        expanded = []
        for name in names:
            expanded += aliases.get(name, [name])
        deps[target] = [d for d in expanded if d in deps or d in aliases]
    # Aliases may name aliases: expand to a fixed point.
    changed = True
    while changed:
        changed = False
        for target, names in deps.items():
            flat = []
            for name in names:
                flat += aliases.get(name, [name])
            if flat != names:
                deps[target], changed = flat, True
    return folder_of, deps


def below(deps):
    closure = {}
    def visit(target, seen=()):
        if target in closure:
            return closure[target]
        if target in seen:
            raise SystemExit("room cycle through " + target)
        reach = set()
        for d in deps.get(target, []):
            reach.add(d)
            reach |= visit(d, seen + (target,))
        closure[target] = reach
        return reach
    for t in deps:
        visit(t)
    return closure


def room_of(path, folder_of):
    folder = os.path.dirname(path)
    return folder_of.get(folder)


def check(root):
    folder_of, deps = read_rooms(root)
    reach = below(deps)
    problems = []
    for top in TOPS:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            sources = sorted(f for f in files if f.endswith((".cc", ".h")))
            rel_dir = os.path.relpath(dirpath, root)
            if rel_dir == "runner" and sources:
                problems.append(f"runner/: source files at the top: {', '.join(sources)}")
            if len(sources) > MAX_FILES:
                problems.append(f"{rel_dir}/: {len(sources)} source files (at most {MAX_FILES})")
            for name in sources:
                rel = os.path.join(rel_dir, name)
                lines = open(os.path.join(root, rel), encoding="utf-8", errors="replace").read().split("\n")
                if len(lines) - 1 > MAX_LINES:
                    problems.append(f"{rel}: {len(lines) - 1} lines (at most {MAX_LINES})")
                own = room_of(rel, folder_of)
                if own is None:
                    problems.append(f"{rel}: not in any room (no cdrun_room for {rel_dir})")
                    continue
                for number, line in enumerate(lines, 1):
                    m = INCLUDE_RE.match(line)
                    if not m or not m.group(1).startswith(tuple(t + "/" for t in TOPS)):
                        continue
                    other = room_of(m.group(1), folder_of)
                    if other is None:
                        problems.append(f"{rel}:{number}: includes {m.group(1)}, which is in no room")
                    elif other != own and other not in reach[own]:
                        problems.append(f"{rel}:{number}: room {own} includes {m.group(1)} of room {other}, which is not below it")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as root:
        def write(rel, text):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            open(os.path.join(root, rel), "w").write(text)
        write("runner/low/CMakeLists.txt", "cdrun_room(low)\n")
        write("runner/high/CMakeLists.txt", "cdrun_room(high DEPENDS low)\n")
        write("runner/high/h.h", '#include "runner/low/l.h"\n')
        write("runner/low/l.h", "int x;\n")
        assert check(root) == [], check(root)
        write("runner/low/l.cc", '#include "runner/high/h.h"\n')
        found = check(root)
        assert len(found) == 1 and "room low includes runner/high/h.h" in found[0], found
        write("runner/stray.cc", "\n")
        assert any("at the top" in p for p in check(root)), check(root)
    print("self-test: an upward include and a file at runner/'s top are both caught")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(sys.argv[1])
    for p in problems:
        print(p)
    folder_of, _ = read_rooms(sys.argv[1])
    print(f"layers: {len(set(folder_of.values()))} rooms, {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
