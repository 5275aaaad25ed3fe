#!/usr/bin/env python3
"""Give the replayed bundles back the file modes they had when the corpus was recorded.

    restore_modes.py CONFORMANCE_COPY

../shared is mounted read-only, which shows every file as r--r--r-- (scripts r-xr-xr-x): a 0600
or 0640 file in a bundle loses its mode. The golden root-tree of each directory-bundle run lists
what the agent copied into deployment-archive, with the modes it kept; this sets the bundle copy's
files to those modes. Modes with an execute bit are left alone: the agent may have set them itself
(a non-executable script is chmod +x'ed in the archive, case 08h), and u+w already restored 0755.
"""
import os
import re
import sys

ARGV_BUNDLE = re.compile(r"--bundle-location /tmp/cdconf/bundles/(\S+)")
ENTRY = re.compile(r"^[^/]+/d-RUN(\d+)-local/deployment-archive/(\S+) f (\d{4}) ")


def main():
    top = sys.argv[1]
    golden = os.path.join(top, "golden")
    for case in sorted(os.listdir(golden)):
        case_dir = os.path.join(golden, case)
        if not os.path.isdir(case_dir):
            continue
        for run in sorted(os.listdir(case_dir)):
            m = re.match(r"run-(\d+)-", run)
            if not m:
                continue
            argv = open(os.path.join(case_dir, run, "argv.txt")).read()
            b = ARGV_BUNDLE.search(argv)
            if not b or "--type directory" not in argv and "--type" in argv:
                continue
            tree = os.path.join(case_dir, run, "root-tree.txt")
            if not os.path.exists(tree):
                continue
            for line in open(tree):
                e = ENTRY.match(line)
                if not e or e.group(1) != m.group(1):
                    continue
                mode = int(e.group(3), 8)
                if mode & 0o111:
                    continue
                target = os.path.join(top, "cases", case, "bundles", b.group(1), e.group(2))
                if os.path.isfile(target) and not os.path.islink(target):
                    os.chmod(target, mode)


if __name__ == "__main__":
    main()
