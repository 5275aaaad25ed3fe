"""Application revisions for moto 5.2.x's CodeDeploy, which lacks them (HTTP 500 NotImplementedError).

Imported by moto_onprem_server.py; importing it adds to moto's own CodeDeployResponse and
CodeDeployBackend (so moto's dispatch, its IAM auth checks when enforced, per-account/region state and
/moto-api/reset all apply):
- RegisterApplicationRevision: {applicationName, revision, description?} -> {} (HTTP 200, empty object);
- GetApplicationRevision: {applicationName, revision} -> {applicationName, revision, revisionInfo};
- ListApplicationRevisions: {applicationName, ...} -> {revisions: [RevisionLocation]}.
Shapes from the CodeDeploy API reference (API_RegisterApplicationRevision, API_GetApplicationRevision,
API_ListApplicationRevisions, API_RevisionLocation, API_S3Location, API_GenericRevisionInfo).

This is a BEST-EFFORT MODEL written from the reference, not from observing the service:
- only revisionType "S3" is accepted (what cdrun registers); s3Location needs bucket, key and a
  bundleType of tar, tgz, zip, YAML or JSON, else InvalidRevisionException;
- a revision is identified by its whole s3Location (bucket, key, bundleType, eTag, version): registering
  the same one again keeps one record and replaces its description;
- revisionInfo holds description, registerTime (epoch seconds) and deploymentGroups (always empty:
  CreateDeployment does not update firstUsedTime, lastUsedTime or deploymentGroups here);
- ListApplicationRevisions ignores its sort and filter parameters and never sets nextToken;
- the S3 object is not looked at (the real service does not check it at registration either).
"""

import json
import time

from moto.codedeploy.exceptions import ApplicationDoesNotExistException, CodeDeployException
from moto.codedeploy.models import CodeDeployBackend
from moto.codedeploy.responses import CodeDeployResponse

BUNDLE_TYPES = ("tar", "tgz", "zip", "YAML", "JSON")


class _Error(CodeDeployException):
    code = 400

    def __init__(self, error_type, message):
        super().__init__(error_type, message)


def _revisions(backend, application_name):
    if not application_name:
        raise _Error("ApplicationNameRequiredException", "The minimum number of required application names was not specified.")
    if application_name not in backend.applications:
        raise ApplicationDoesNotExistException(
            f"The application {application_name} does not exist with the user or AWS account.")
    if not hasattr(backend, "application_revisions"):
        backend.application_revisions = {}
    return backend.application_revisions.setdefault(application_name, {})


def _identity(revision):
    """The revision's s3Location as a hashable key, after checking it is one cdrun could register."""
    if not revision:
        raise _Error("RevisionRequiredException", "The revision ID was not specified.")
    if revision.get("revisionType") != "S3":
        raise _Error("InvalidRevisionException", "The revision was specified in an invalid format: "
                     "this test server knows only revisionType S3.")
    location = revision.get("s3Location") or {}
    if not location.get("bucket") or not location.get("key") or location.get("bundleType") not in BUNDLE_TYPES:
        raise _Error("InvalidRevisionException", "The revision was specified in an invalid format: "
                     "s3Location needs bucket, key and a bundleType of tar, tgz, zip, YAML or JSON.")
    return tuple(location.get(name) or "" for name in ("bucket", "key", "bundleType", "eTag", "version"))


def register_application_revision(self, application_name, revision, description):
    revisions = _revisions(self, application_name)
    identity = _identity(revision)
    revisions[identity] = {"revision": revision, "description": description, "registerTime": time.time()}


def get_application_revision(self, application_name, revision):
    record = _revisions(self, application_name).get(_identity(revision))
    if record is None:
        raise _Error("RevisionDoesNotExistException", "The named revision does not exist with the user or AWS account.")
    return record


def list_application_revisions(self, application_name):
    return [record["revision"] for record in _revisions(self, application_name).values()]


def _r_register(self):
    self.codedeploy_backend.register_application_revision(
        self._get_param("applicationName"), self._get_param("revision"), self._get_param("description"))
    return "{}"


def _r_get(self):
    name = self._get_param("applicationName")
    record = self.codedeploy_backend.get_application_revision(name, self._get_param("revision"))
    info = {"registerTime": record["registerTime"], "deploymentGroups": []}
    if record["description"]:
        info["description"] = record["description"]
    return json.dumps({"applicationName": name, "revision": record["revision"], "revisionInfo": info})


def _r_list(self):
    return json.dumps({"revisions": self.codedeploy_backend.list_application_revisions(self._get_param("applicationName"))})


for _name, _backend_fn, _response_fn in [
        ("register_application_revision", register_application_revision, _r_register),
        ("get_application_revision", get_application_revision, _r_get),
        ("list_application_revisions", list_application_revisions, _r_list)]:
    setattr(CodeDeployBackend, _name, _backend_fn)
    setattr(CodeDeployResponse, _name, _response_fn)
