"""The bundles empty_root_test.py deploys: two revisions of one application and a broken one.

Each revision installs version.txt into /srv/app and has an ApplicationStop and an AfterInstall hook
that write a mark under /srv/marks naming the revision and the event they ran for, so the test can
tell which revision's script ran in which deployment.
"""

import io
import os
import tarfile

APPSPEC = """version: 0.0
os: linux
files:
  - source: version.txt
    destination: /srv/app
hooks:
  ApplicationStop:
    - location: scripts/stop.sh
      timeout: 30
  AfterInstall:
    - location: scripts/after_install.sh
      timeout: 30
"""

BROKEN_APPSPEC = """version: 0.0
os: linux
hooks:
  AfterInstall:
    - location: scripts/missing.sh
"""


def hook(revision, mark):
    return ("#!/bin/sh\nmkdir -p /srv/marks\n"
            'echo "%s $LIFECYCLE_EVENT" > /srv/marks/%s\n' % (revision, mark))


def revision_files(revision):
    return {"appspec.yml": (APPSPEC, 0o644),
            "version.txt": (revision + "\n", 0o644),
            "scripts/stop.sh": (hook(revision, "stop"), 0o755),
            "scripts/after_install.sh": (hook(revision, "after-install") .replace(
                "$LIFECYCLE_EVENT", "$LIFECYCLE_EVENT $DEPLOYMENT_GROUP_NAME"), 0o755)}


def write_directory(path, files):
    for name, (text, mode) in files.items():
        target = os.path.join(path, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            f.write(text)
        os.chmod(target, mode)


def write_tgz(path, files):
    with tarfile.open(path, "w:gz") as archive:
        for name, (text, mode) in sorted(files.items()):
            data = text.encode()
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            entry.mode = mode
            archive.addfile(entry, io.BytesIO(data))


def write_all(work):
    write_directory(os.path.join(work, "v1"), revision_files("v1"))
    write_tgz(os.path.join(work, "v2.tgz"), revision_files("v2"))
    write_tgz(os.path.join(work, "broken.tgz"), {"appspec.yml": (BROKEN_APPSPEC, 0o644)})
