#!/usr/bin/env python3
"""moto's server plus the CodeDeploy on-premises instance APIs that moto 5.2.x lacks.

Usage is that of `moto_server`:  python3 moto_onprem_server.py -H 127.0.0.1 -p PORT

Plain moto answers RegisterOnPremisesInstance & co. with HTTP 500 NotImplementedError. This file adds those
operations to moto's own CodeDeploy response class and backend (so moto's dispatch, auth checks, per-account/region
state and /moto-api/reset all apply to them) and then runs moto's server unchanged.

This is a BEST-EFFORT MODEL of CodeDeploy, written from the API reference, not from observing the service:
- names: 1-100 characters of [A-Za-z0-9_.+=,@-] (colons and whitespace rejected, as the docs forbid MAC-style names);
- session ARNs must look like arn:aws:sts::<12 digits>:assumed-role/<role>/<session>,
  user ARNs like arn:aws:iam::<12 digits>:user/[path/]<name>;
- a deregistered instance keeps its record (with deregisterTime) but loses its tags, and may be registered again;
- tags are unique by key (adding a key again replaces its value); at most 10 tags per instance;
- at most 100 instance names per tag call (InstanceLimitExceededException beyond that);
- tagFilters of ListOnPremisesInstances match when ANY filter matches (as deployment-group tag filters do);
- no pagination: every match is returned and nextToken is never set.
"""

import json
import re
import sys
import time

import moto
from moto.codedeploy.exceptions import CodeDeployException
from moto.codedeploy.models import CodeDeployBackend
from moto.codedeploy.responses import CodeDeployResponse

import moto_deployment_shim  # noqa: F401  (GetDeployment scripts, deployment targets: cdrun watch)
import moto_revision_shim  # noqa: F401  RegisterApplicationRevision & co., installed on import

if not moto.__version__.startswith("5.2."):
    sys.stderr.write(f"moto_onprem_server.py: written for moto 5.2.x, found {moto.__version__}\n")

MAX_TAGS_PER_INSTANCE = 10
MAX_INSTANCES_PER_CALL = 100
INSTANCE_NAME = re.compile(r"^[A-Za-z0-9_.+=,@-]{1,100}$")
SESSION_ARN = re.compile(r"^arn:aws:sts::\d{12}:assumed-role/[\w+=,.@-]{1,64}/[\w+=,.@-]{2,64}$")
USER_ARN = re.compile(r"^arn:aws:iam::\d{12}:user/(?:[\x21-\x7e]*/)?[\w+=,.@-]{1,64}$")
FILTER_TYPES = ("KEY_ONLY", "VALUE_ONLY", "KEY_AND_VALUE")


def _error(error_type):
    """An exception class that moto serialises as CodeDeploy does: HTTP 400, JSON {"__type", "message"}."""

    class OnPremError(CodeDeployException):
        code = 400

        def __init__(self, message):
            super().__init__(error_type, message)

    OnPremError.__name__ = error_type
    return OnPremError


IamArnRequired = _error("IamArnRequiredException")
MultipleIamArnsProvided = _error("MultipleIamArnsProvidedException")
InstanceNameRequired = _error("InstanceNameRequiredException")
InvalidInstanceName = _error("InvalidInstanceNameException")
InstanceNameAlreadyRegistered = _error("InstanceNameAlreadyRegisteredException")
IamSessionArnAlreadyRegistered = _error("IamSessionArnAlreadyRegisteredException")
IamUserArnAlreadyRegistered = _error("IamUserArnAlreadyRegisteredException")
InvalidIamSessionArn = _error("InvalidIamSessionArnException")
InvalidIamUserArn = _error("InvalidIamUserArnException")
InstanceNotRegistered = _error("InstanceNotRegisteredException")
InstanceLimitExceeded = _error("InstanceLimitExceededException")
TagRequired = _error("TagRequiredException")
InvalidTag = _error("InvalidTagException")
TagLimitExceeded = _error("TagLimitExceededException")
InvalidRegistrationStatus = _error("InvalidRegistrationStatusException")
InvalidTagFilter = _error("InvalidTagFilterException")


class OnPremInstance:
    def __init__(self, name, arn_prefix, session_arn, user_arn):
        self.name = name
        self.instance_arn = f"{arn_prefix}:instance/{name}"
        self.session_arn = session_arn
        self.user_arn = user_arn
        self.register_time = time.time()
        self.deregister_time = None
        self.tags = {}  # key -> value, insertion order kept for stable output

    @property
    def registered(self):
        return self.deregister_time is None

    def to_dict(self):
        info = {"instanceName": self.name, "instanceArn": self.instance_arn, "registerTime": self.register_time,
                "tags": [{"Key": k, "Value": v} for k, v in self.tags.items()]}
        if self.session_arn:
            info["iamSessionArn"] = self.session_arn
        if self.user_arn:
            info["iamUserArn"] = self.user_arn
        if self.deregister_time is not None:
            info["deregisterTime"] = self.deregister_time
        return info

    def matches(self, tag_filter):
        kind, key, value = tag_filter.get("Type"), tag_filter.get("Key"), tag_filter.get("Value")
        if kind == "KEY_ONLY":
            return key in self.tags
        if kind == "VALUE_ONLY":
            return value in self.tags.values()
        return self.tags.get(key) == value


# --- backend: state lives on moto's per-account/region CodeDeployBackend, so /moto-api/reset clears it ---

def _instances(backend):
    if not hasattr(backend, "onprem_instances"):
        backend.onprem_instances = {}
    return backend.onprem_instances


def _check_name(name):
    if not name:
        raise InstanceNameRequired("An on-premises instance name was not specified.")
    if not INSTANCE_NAME.match(name):
        raise InvalidInstanceName(f"The on-premises instance name {name} was specified in an invalid format.")


def register_on_premises_instance(self, instance_name, iam_session_arn, iam_user_arn):
    _check_name(instance_name)
    if iam_session_arn and iam_user_arn:
        raise MultipleIamArnsProvided("Both an IAM user ARN and an IAM session ARN were included in the request.")
    if not iam_session_arn and not iam_user_arn:
        raise IamArnRequired("No IAM ARN was included in the request.")
    if iam_session_arn and not SESSION_ARN.match(iam_session_arn):
        raise InvalidIamSessionArn(f"The IAM session ARN {iam_session_arn} is not in a valid format.")
    if iam_user_arn and not USER_ARN.match(iam_user_arn):
        raise InvalidIamUserArn(f"The IAM user ARN {iam_user_arn} is not in a valid format.")
    instances = _instances(self)
    existing = instances.get(instance_name)
    if existing is not None and existing.registered:
        raise InstanceNameAlreadyRegistered(f"The on-premises instance name {instance_name} is already registered.")
    for other in instances.values():
        if not other.registered:
            continue
        if iam_session_arn and other.session_arn == iam_session_arn:
            raise IamSessionArnAlreadyRegistered(f"The IAM session ARN {iam_session_arn} is already registered.")
        if iam_user_arn and other.user_arn == iam_user_arn:
            raise IamUserArnAlreadyRegistered(f"The IAM user ARN {iam_user_arn} is already registered.")
    arn_prefix = f"arn:aws:codedeploy:{self.region_name}:{self.account_id}"
    instances[instance_name] = OnPremInstance(instance_name, arn_prefix, iam_session_arn, iam_user_arn)


def _registered_targets(self, instance_names, tags):
    if not instance_names:
        raise InstanceNameRequired("An on-premises instance name was not specified.")
    if len(instance_names) > MAX_INSTANCES_PER_CALL:
        raise InstanceLimitExceeded("The maximum number of allowed on-premises instances in a single call was exceeded.")
    if not tags:
        raise TagRequired("A tag was not specified.")
    for tag in tags:
        if not tag.get("Key") or tag.get("Value") is None or tag.get("Value") == "":
            raise InvalidTag(f"The tag {json.dumps(tag)} was specified in an invalid format: Key and Value are required.")
    targets = []
    for name in instance_names:
        _check_name(name)
        instance = _instances(self).get(name)
        if instance is None or not instance.registered:
            raise InstanceNotRegistered(f"The on-premises instance {name} is not registered.")
        targets.append(instance)
    return targets


def add_tags_to_on_premises_instances(self, tags, instance_names):
    targets = _registered_targets(self, instance_names, tags)
    for instance in targets:  # check every instance first: the call changes all or nothing
        merged = dict(instance.tags)
        merged.update({t["Key"]: t["Value"] for t in tags})
        if len(merged) > MAX_TAGS_PER_INSTANCE:
            raise TagLimitExceeded(f"The maximum allowed number of tags ({MAX_TAGS_PER_INSTANCE}) was exceeded "
                                   f"for on-premises instance {instance.name}.")
    for instance in targets:
        instance.tags.update({t["Key"]: t["Value"] for t in tags})


def remove_tags_from_on_premises_instances(self, tags, instance_names):
    for instance in _registered_targets(self, instance_names, tags):
        for tag in tags:
            if instance.tags.get(tag["Key"]) == tag["Value"]:
                del instance.tags[tag["Key"]]


def get_on_premises_instance(self, instance_name):
    _check_name(instance_name)
    instance = _instances(self).get(instance_name)
    if instance is None:
        raise InstanceNotRegistered(f"The on-premises instance {instance_name} is not registered.")
    return instance


def list_on_premises_instances(self, registration_status, tag_filters):
    if registration_status not in (None, "Registered", "Deregistered"):
        raise InvalidRegistrationStatus(f"The registration status {registration_status} is not valid.")
    for tag_filter in tag_filters or []:
        if tag_filter.get("Type") not in FILTER_TYPES:
            raise InvalidTagFilter(f"The tag filter {json.dumps(tag_filter)} has an invalid Type.")
    names = []
    for instance in _instances(self).values():
        if registration_status == "Registered" and not instance.registered:
            continue
        if registration_status == "Deregistered" and instance.registered:
            continue
        if tag_filters and not any(instance.matches(f) for f in tag_filters):
            continue
        names.append(instance.name)
    return names


def deregister_on_premises_instance(self, instance_name):
    _check_name(instance_name)
    instance = _instances(self).get(instance_name)
    if instance is not None and instance.registered:  # unknown names: success, as the API lists no error for them
        instance.deregister_time = time.time()
        instance.tags = {}  # the docs: deregistering removes the instance's tags


# --- responses: moto's dispatch calls a method named after the operation in snake_case ---

def _r_register(self):
    self.codedeploy_backend.register_on_premises_instance(
        self._get_param("instanceName"), self._get_param("iamSessionArn"), self._get_param("iamUserArn"))
    return "{}"


def _r_add_tags(self):
    self.codedeploy_backend.add_tags_to_on_premises_instances(self._get_param("tags"), self._get_param("instanceNames"))
    return "{}"


def _r_remove_tags(self):
    self.codedeploy_backend.remove_tags_from_on_premises_instances(
        self._get_param("tags"), self._get_param("instanceNames"))
    return "{}"


def _r_get(self):
    instance = self.codedeploy_backend.get_on_premises_instance(self._get_param("instanceName"))
    return json.dumps({"instanceInfo": instance.to_dict()})


def _r_list(self):
    names = self.codedeploy_backend.list_on_premises_instances(
        self._get_param("registrationStatus"), self._get_param("tagFilters"))
    return json.dumps({"instanceNames": names})


def _r_deregister(self):
    self.codedeploy_backend.deregister_on_premises_instance(self._get_param("instanceName"))
    return "{}"


def install():
    for name, fn in [("register_on_premises_instance", register_on_premises_instance),
                     ("add_tags_to_on_premises_instances", add_tags_to_on_premises_instances),
                     ("remove_tags_from_on_premises_instances", remove_tags_from_on_premises_instances),
                     ("get_on_premises_instance", get_on_premises_instance),
                     ("list_on_premises_instances", list_on_premises_instances),
                     ("deregister_on_premises_instance", deregister_on_premises_instance)]:
        setattr(CodeDeployBackend, name, fn)
    for name, fn in [("register_on_premises_instance", _r_register),
                     ("add_tags_to_on_premises_instances", _r_add_tags),
                     ("remove_tags_from_on_premises_instances", _r_remove_tags),
                     ("get_on_premises_instance", _r_get),
                     ("list_on_premises_instances", _r_list),
                     ("deregister_on_premises_instance", _r_deregister)]:
        setattr(CodeDeployResponse, name, fn)


if __name__ == "__main__":
    install()
    from moto.server import main

    main(sys.argv[1:])
