#!/usr/bin/env python3
"""`cmake --install BUILD --prefix P` with DESTDIR installs the release layout, for any prefix.

  install_layout_test.py BUILD_DIR

Installs into two scratch DESTDIRs (prefix /usr and /opt/cdrun) and checks the files, the
codedeploy-local link and that the systemd unit starts the binary installed under that prefix.
"""

import os
import subprocess
import sys
import tempfile

EXPECTED = ["bin/cdrun", "bin/codedeploy-local", "lib/systemd/system/cdrun-onprem-renew.service",
            "lib/systemd/system/cdrun-onprem-renew.timer", "share/bash-completion/completions/cdrun",
            "share/doc/cdrun/LICENSE", "share/doc/cdrun/README.md"]


def installed(build, prefix, destdir):
    env = dict(os.environ, DESTDIR=destdir)
    subprocess.run(["cmake", "--install", build, "--prefix", prefix], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    root = destdir + prefix
    found = []
    for folder, _, files in os.walk(root):
        found += [os.path.relpath(os.path.join(folder, f), root) for f in files]
    return root, sorted(found)


def main():
    build = sys.argv[1]
    failures = 0
    for prefix in ["/usr", "/opt/cdrun"]:
        with tempfile.TemporaryDirectory() as destdir:
            root, found = installed(build, prefix, destdir)
            problems = []
            if found != sorted(EXPECTED):
                problems.append("files: %s" % found)
            if os.readlink(os.path.join(root, "bin/codedeploy-local")) != "cdrun":
                problems.append("codedeploy-local is not a link to cdrun")
            if not os.access(os.path.join(root, "bin/cdrun"), os.X_OK):
                problems.append("bin/cdrun is not executable")
            with open(os.path.join(root, "lib/systemd/system/cdrun-onprem-renew.service")) as unit:
                if "ExecStart=%s/bin/cdrun onprem renew\n" % prefix not in unit.read():
                    problems.append("the unit does not start %s/bin/cdrun" % prefix)
            for problem in problems:
                print("FAIL prefix %s: %s" % (prefix, problem))
            if not problems:
                print("ok   prefix %s: %d files" % (prefix, len(found)))
            failures += len(problems)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
