// What agent 2.x's opt-in hardening settings refuse in an appspec its parser accepts
// (agent2-behavior.md §3.4, §4.2, §4.5, §5.4): each finding is an error, since the agent fails the
// deployment with the quoted text when the setting is on.
#pragma once

#include <string>
#include <string_view>

#include "appspec/agent2/agent2_settings.h"
#include "appspec/core/diagnostic.h"

namespace cdrun {

// CD245 a files source leaving the archive, CD246 a destination whose ".." climbs above its
// root, CD247 a hook location leaving the archive (reject_path_traversal_in_bundle); CD248 a
// SUID/SGID mode (reject_unsafe_permissions_in_bundle); CD249 an unconfined SELinux type
// (reject_unconfined_selinux_in_bundle). Nothing when the parser refuses the text.
Diagnostics check_agent2_hardened_appspec(std::string_view text, const Agent2Settings& settings, const std::string& file);

// Whether the agent's lexical containment check refuses `relative` joined to the deployment
// archive (leading '/' stripped, '.' and '..' resolved without touching the filesystem).
bool agent2_path_leaves_archive(std::string_view relative);

// Whether a destination's ".." components climb above its own root ("/a/../../etc", "../x").
bool agent2_destination_climbs_above_root(std::string_view destination);

}  // namespace cdrun
