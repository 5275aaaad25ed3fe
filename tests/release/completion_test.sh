#!/usr/bin/env bash
# The bash completion (packaging/bash-completion/cdrun) offers what the binary really has: it reads
# cdrun's --help, so these expectations are written from the documented command line.
# Usage: completion_test.sh CDRUN_DIR   (the directory holding cdrun and codedeploy-local)
set -uo pipefail
source "$(dirname "$0")/../../packaging/bash-completion/cdrun"
PATH=$1:$PATH
failed=0

expect() {  # "WORDS TYPED" "EXPECTED COMPLETIONS"
  local typed=$1 want=$2
  COMP_WORDS=($typed)
  [[ $typed == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _cdrun
  local got="${COMPREPLY[*]}"
  if [ "$got" = "$want" ]; then echo "ok    '$typed' -> $got"; else echo "FAIL  '$typed' -> '$got', want '$want'"; failed=1; fi
}

expect "cdrun va" "validate"
expect "cdrun p" "push plan"
expect "cdrun pl" "plan"
expect "cdrun w" "watch"
expect "cdrun help de" "deploy"
expect "cdrun validate --fo" "--format"
expect "cdrun validate --format s" "sarif"
expect "cdrun deploy -t t" "tar tgz"
expect "cdrun deploy --file-exists-behavior O" "OVERWRITE"
expect "cdrun role r" "render"
expect "cdrun onprem r" "renew"
expect "cdrun onprem configure --role" "--role-arn"
expect "cdrun exec --ti" "--timeout"
expect "codedeploy-local --bundle-l" "--bundle-location"
exit $failed
