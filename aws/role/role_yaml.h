// Writes a CloudFormation template held as JSON as YAML, with the short intrinsic tags (!Ref, !GetAtt, !Sub).
#pragma once

#include <string>

#include "aws/role/role_documents.h"

namespace cdrun {

// Block style, two-space indents, keys in the tree's order. {"Ref": X} becomes `!Ref X`, {"Fn::GetAtt": [R, A]}
// `!GetAtt R.A` and {"Fn::Sub": S} `!Sub 'S'`. A string stays plain only when YAML cannot read it as anything but
// that string (no numbers, dates, booleans, nulls or indicators); otherwise it is single-quoted, or double-quoted
// with escapes when it holds control characters.
std::string to_cloudformation_yaml(const RoleJson& tree);

}  // namespace cdrun
