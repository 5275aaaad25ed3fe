"""What `cdrun watch` needs of CodeDeploy and moto 5.2.x lacks, plus a test-only control endpoint.

Imported by moto_onprem_server.py; importing this module installs everything below.

EMULATED (shapes from the CodeDeploy API reference: GetDeployment/DeploymentInfo,
ListDeploymentTargets, BatchGetDeploymentTargets/DeploymentTarget/InstanceTarget/LifecycleEvent/
Diagnostics):
- GetDeployment: moto's own answer (status "Created" forever: moto never advances a deployment),
  with the members of the scripted step merged over it when the deployment has a script. Each
  GetDeployment of a scripted deployment moves to the next step; the last step repeats.
- ListDeploymentTargets: the targetIds of the current step (the one the last GetDeployment
  answered, or the first), `pageSize` ids per page (default 100) with nextToken as the next index;
  no script means no targets. targetFilters are ignored.
- BatchGetDeploymentTargets: the current step's targets with those ids, as scripted
  (deploymentTargetType plus instanceTarget / lambdaTarget / ecsTarget / cloudFormationTarget),
  deploymentId filled in. More than 25 ids: DeploymentTargetListSizeExceededException; an unknown
  id: DeploymentTargetDoesNotExistException; no ids: DeploymentTargetIdRequiredException.
- Throttling: after a script sets "throttle": N, the next N calls of these three operations on
  that deployment answer HTTP 400 ThrottlingException (the error CodeDeploy sends when a caller
  exceeds its request rate).
All three go through moto's CodeDeployResponse, so moto's signature and IAM checks apply (the
actions are codedeploy:GetDeployment, codedeploy:ListDeploymentTargets,
codedeploy:BatchGetDeploymentTargets).

NOT EMULATED: CodeDeploy's fleet side cannot run here. No agent polls for commands, no instance runs
a lifecycle event, nothing fails, rolls back or times out by itself: every state a test sees is one
it scripted. Page sizes, the order of targets and the timing of state changes are the script's, not
the service's.

CONTROL ENDPOINT (test only, unsigned, not a CodeDeploy API):
  POST /cdrun-test/deployments/<deploymentId>/script
  {"steps": [{"deployment": {...DeploymentInfo members...}, "targets": [...DeploymentTarget...]}, ...],
   "throttle": N, "pageSize": K}
  200 {"deploymentId": ..., "steps": n}; 404 when no moto backend holds the deployment; 400 for a
  body that is not such a document. Posting again replaces the script and restarts at step 0.
  POST /cdrun-test/deployments/next/script
  the same document for a deployment not created yet (`cdrun push --wait` creates it and watches it
  in one run): the first deployment without a script that one of the three operations asks about
  takes it. Scripts posted this way are taken in the order they were posted.
"""

import json

from moto.codedeploy.exceptions import CodeDeployException
from moto.codedeploy.models import codedeploy_backends
from moto.codedeploy.responses import CodeDeployResponse
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

MAX_TARGETS_PER_BATCH = 25
TYPED_MEMBERS = {"InstanceTarget": "instanceTarget", "LambdaTarget": "lambdaTarget", "ECSTarget": "ecsTarget",
                 "CloudFormationTarget": "cloudFormationTarget"}
SCRIPT_PREFIX = "/cdrun-test/deployments/"


class ShimError(CodeDeployException):
    """Serialised by moto as CodeDeploy errors are: HTTP 400, JSON {"__type": error_type, "message"}."""
    code = 400
    error_type = ""

    def __init__(self, message):
        super().__init__(self.error_type, message)


class Throttling(ShimError):
    error_type = "ThrottlingException"


class TargetListSizeExceeded(ShimError):
    error_type = "DeploymentTargetListSizeExceededException"


class TargetDoesNotExist(ShimError):
    error_type = "DeploymentTargetDoesNotExistException"


class TargetIdRequired(ShimError):
    error_type = "DeploymentTargetIdRequiredException"


class DeploymentScript:
    def __init__(self, document):
        self.steps = document.get("steps") or [{}]
        self.throttle = int(document.get("throttle", 0))
        self.page_size = int(document.get("pageSize", 100))
        self.current = 0
        self.polls = 0

    def check_throttle(self):
        if self.throttle > 0:
            self.throttle -= 1
            raise Throttling("Rate exceeded")

    def next_step(self):
        self.current = min(self.polls, len(self.steps) - 1)
        self.polls += 1
        return self.steps[self.current]

    def targets(self, deployment_id):
        answered = []
        for target in self.steps[self.current].get("targets", []):
            target = json.loads(json.dumps(target))
            typed = target.get(TYPED_MEMBERS.get(target.get("deploymentTargetType"), "instanceTarget"), {})
            typed["deploymentId"] = deployment_id
            answered.append((typed.get("targetId"), target))
        return answered


SCRIPTS = {}  # deployment id -> DeploymentScript
NEXT_SCRIPTS = []  # for deployments not created yet, oldest first
NEXT_ID = "next"


def _script_of(deployment_id):
    if deployment_id not in SCRIPTS and NEXT_SCRIPTS:
        SCRIPTS[deployment_id] = NEXT_SCRIPTS.pop(0)
    return SCRIPTS.get(deployment_id)


def _r_get_deployment(self):
    deployment_id = self._get_param("deploymentId")
    info = self.codedeploy_backend.get_deployment(deployment_id).to_dict()
    script = _script_of(deployment_id)
    if script is not None:
        script.check_throttle()
        info.update(script.next_step().get("deployment", {}))
    return json.dumps({"deploymentInfo": info}, default=str)


def _r_list_deployment_targets(self):
    deployment_id = self._get_param("deploymentId")
    self.codedeploy_backend.get_deployment(deployment_id)
    script = _script_of(deployment_id)
    if script is None:
        return json.dumps({"targetIds": []})
    script.check_throttle()
    ids = [target_id for target_id, _ in script.targets(deployment_id)]
    start = int(self._get_param("nextToken") or 0)
    page = ids[start:start + script.page_size]
    answer = {"targetIds": page}
    if start + script.page_size < len(ids):
        answer["nextToken"] = str(start + script.page_size)
    return json.dumps(answer)


def _r_batch_get_deployment_targets(self):
    deployment_id = self._get_param("deploymentId")
    self.codedeploy_backend.get_deployment(deployment_id)
    wanted = self._get_param("targetIds") or []
    if not wanted:
        raise TargetIdRequired("A deployment target ID was not provided.")
    if len(wanted) > MAX_TARGETS_PER_BATCH:
        raise TargetListSizeExceeded(f"The maximum number of targets that can be requested is {MAX_TARGETS_PER_BATCH}.")
    script = _script_of(deployment_id)
    if script is not None:
        script.check_throttle()
    known = dict(script.targets(deployment_id)) if script is not None else {}
    for target_id in wanted:
        if target_id not in known:
            raise TargetDoesNotExist(f"The provided target ID {target_id} does not belong to the deployment.")
    return json.dumps({"deploymentTargets": [known[target_id] for target_id in wanted]})


def _deployment_exists(deployment_id):
    for account_backends in codedeploy_backends.values():
        for backend in account_backends.values():
            if deployment_id in backend.deployments:
                return True
    return False


def _control(environ, start_response):
    """POST /cdrun-test/deployments/<id>/script: store the script of that deployment."""

    def answer(status, document):
        body = json.dumps(document).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    path = environ.get("PATH_INFO", "")
    deployment_id = path[len(SCRIPT_PREFIX):-len("/script")] if path.endswith("/script") else ""
    if environ.get("REQUEST_METHOD") != "POST" or not deployment_id:
        return answer("404 Not Found", {"message": "POST /cdrun-test/deployments/<deploymentId>/script"})
    if deployment_id != NEXT_ID and not _deployment_exists(deployment_id):
        return answer("404 Not Found", {"message": f"no deployment {deployment_id}"})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    try:
        document = json.loads(environ["wsgi.input"].read(length) or b"{}")
        if not isinstance(document, dict) or not isinstance(document.get("steps", []), list):
            raise ValueError("the script must be an object whose steps are a list")
        script = DeploymentScript(document)
    except (ValueError, TypeError) as problem:
        return answer("400 Bad Request", {"message": str(problem)})
    if deployment_id == NEXT_ID:
        NEXT_SCRIPTS.append(script)
    else:
        SCRIPTS[deployment_id] = script
    return answer("200 OK", {"deploymentId": deployment_id, "steps": len(script.steps)})


def install():
    CodeDeployResponse.get_deployment = _r_get_deployment
    CodeDeployResponse.list_deployment_targets = _r_list_deployment_targets
    CodeDeployResponse.batch_get_deployment_targets = _r_batch_get_deployment_targets
    dispatch = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith(SCRIPT_PREFIX):
            return _control(environ, start_response)
        return dispatch(self, environ, start_response)

    DomainDispatcherApplication.__call__ = call


install()
