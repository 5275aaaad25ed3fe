#include "appspec/core/diagnostic_codes.h"

#include <map>

namespace cdrun {
namespace {

using Table = std::map<std::string, const char*>;

// EC2/on-premises (CD1xx agent verdict, CD2xx cdrun's rules), bundles and scripts (CD3xx) and
// plan's predictions (CD6xx).
const Table& server_and_bundle_codes() {
  static const Table table{
      {"CD100", "The agent's appspec parser rejects the appspec"},
      {"CD101", "The agent's appspec parser crashes with an internal Ruby error"},
      {"CD102", "YAML syntax error, as the agent's Psych reports it"},
      {"CD103", "YAML alias, refused by agents on Ruby 3.1 and later"},
      {"CD104", "Date, time or Ruby object tag, refused by agents on Ruby 3.1 and later"},
      {"CD105", "Empty ECS or Lambda appspec"},
      {"CD106", "UTF-8 byte order mark in the appspec"},
      {"CD107", "CRLF line endings in the appspec"},
      {"CD108", "Text after the first YAML document, ignored by the agent"},
      {"CD110", "Agent 2.x's appspec parser rejects the appspec"},
      {"CD111", "Agent 2.x rejects what agent 1.8 accepts"},
      {"CD112", "Agent 1.8 rejects what agent 2.x accepts"},
      {"CD200", "Unknown lifecycle event name"},
      {"CD201", "Reserved lifecycle event used as a hook"},
      {"CD203", "Explicit timeouts of one event add up to more than 3600 seconds"},
      {"CD204", "Timeout the agent reads differently than written"},
      {"CD205", "Traffic event that runs only with a load balancer"},
      {"CD206", "files destination that is not an absolute path"},
      {"CD207", "runas with os: windows, which the Windows agent ignores"},
      {"CD209", "Unquoted mode with a leading zero, read as a YAML 1.1 octal number"},
      {"CD210", "version written as the integer 0"},
      {"CD211", "Quoted version \"0.0\", rejected by the agent"},
      {"CD212", "sudo given as a string, which the agent treats as true"},
      {"CD213", "Empty runas, which runs the script as root"},
      {"CD214", "permissions pattern other than **, which matches direct children only"},
      {"CD215", "permissions object equal to a files destination, which itself never changes"},
      {"CD216", "permissions object that this appspec's files never install"},
      {"CD217", "file_exists_behavior OVERWRITE, whose overwritten files the next deployment deletes"},
      {"CD218", "file_exists_behavior in the wrong case"},
      {"CD219", "file_exists_behavior inside a files entry, where it is ignored"},
      {"CD221", "Unknown top-level key"},
      {"CD222", "Unknown key in a script, files or permissions entry"},
      {"CD223", "files, hooks or permissions present but empty"},
      {"CD224", "Lifecycle event with an empty script list"},
      {"CD225", "os in the wrong case"},
      {"CD226", "Symbolic mode"},
      {"CD227", "acls or context, on which codedeploy-local dies"},
      {"CD228", "context without range, which crashes the agent's Install"},
      {"CD229", "Duplicate key; the later value wins"},
      {"CD232", "Empty files source, which installs the whole bundle"},
      {"CD236", "Hook location starting with /, joined to the bundle root"},
      {"CD237", "Same permissions object listed twice"},
      {"CD240", "--events entry with spaces around it"},
      {"CD241", "--events order that codedeploy-local refuses"},
      {"CD242", "--events order that runs a previous-revision event after DownloadBundle, or BeforeInstall after Install"},
      {"CD243", "--events order that runs a new-revision event before DownloadBundle"},
      {"CD244", "Custom --events name that is not a hook in the appspec"},
      {"CD245", "files source leaving the archive, refused by agent 2.x's reject_path_traversal_in_bundle"},
      {"CD246", "files destination climbing above its root, refused by agent 2.x's reject_path_traversal_in_bundle"},
      {"CD247", "Hook location leaving the archive, refused by agent 2.x's reject_path_traversal_in_bundle"},
      {"CD248", "SUID/SGID permissions mode, refused by agent 2.x's reject_unsafe_permissions_in_bundle"},
      {"CD249", "Unconfined SELinux type, refused by agent 2.x's reject_unconfined_selinux_in_bundle"},
      {"CD301", "The appspec the agent looks for is not at the bundle root"},
      {"CD302", "Only Install's fallback appspec name is in the bundle; the hook events do not find it"},
      {"CD303", "Both appspec.yml and appspec.yaml at the bundle root"},
      {"CD304", "macOS Finder metadata in the bundle"},
      {"CD305", "Single top-level directory that the agent strips from the archive"},
      {"CD306", "tar or tgz bundle for an os: windows appspec"},
      {"CD307", "Appspec in the bundle that cannot be read: a directory, unreadable, or a broken symlink"},
      {"CD308", "Appspec that is a symlink to a file inside the bundle"},
      {"CD309", "Appspec file name that agent 2.1 refuses for deployments from the service"},
      {"CD310", "Bundle type that the agent's extractor cannot extract"},
      {"CD311", "Corrupt or truncated archive"},
      {"CD312", "Unreadable directory or entry in a directory bundle"},
      {"CD313", "Symlink loop in the bundle"},
      {"CD314", "Directory bundle nested deeper than 256 levels"},
      {"CD320", "Archive member outside the bundle root"},
      {"CD321", "Archive member name with a .. component"},
      {"CD322", "Symlink or hard link leading outside the bundle root"},
      {"CD323", "Device, FIFO or socket in the bundle"},
      {"CD330", "Hook script missing from the bundle"},
      {"CD331", "Hook script location containing whitespace"},
      {"CD332", "Hook script location leading outside the bundle"},
      {"CD333", "Hook script location that is not a regular file"},
      {"CD340", "files source missing from the bundle"},
      {"CD341", "files source leading outside the bundle"},
      {"CD350", "Script starting with a UTF-8 byte order mark"},
      {"CD351", "Script with CRLF line endings"},
      {"CD352", "Script without a #! line"},
      {"CD353", "Script whose #! interpreter is unknown or missing"},
      {"CD354", "Script whose #! interpreter is a relative path"},
      {"CD355", "Background job that keeps the agent's stdout or stderr open"},
      {"CD356", "DEPLOYMENT_GROUP_NAME used in a deployment-root path"},
      {"CD357", "Binary script; content checks skipped"},
      {"CD358", "Script without the execute bit"},
      {"CD359", "Script that agent 2.x cannot exec: no #! line and neither runas nor sudo"},
      {"CD360", "Hook script creating files under agent 2.x deploy-local's umask 0027"},
      {"CD361", "Symbolic or hard link in the bundle, refused by agent 2.x's reject_symlinks_in_bundle"},
      {"CD362", "Archive member with a \"..\" or \"/\" component, refused by agent 2.x's reject_path_traversal_in_bundle"},
      {"CD363", "SUID/SGID file in the bundle, refused by agent 2.x's reject_unsafe_permissions_in_bundle"},
      {"CD364", "Archive declaring more bytes than agent 2.x's archive_max_extraction_size"},
      {"CD600", "Previous revision or its appspec missing"},
      {"CD601", "Previous revision's appspec rejected by the agent's parser"},
      {"CD602", "Script of the previous revision missing from its archive"},
      {"CD603", "New-revision hook script missing from the bundle"},
      {"CD604", "New appspec rejected by the agent's parser"},
      {"CD605", "Appspec hook names outside the possible lifecycle events"},
      {"CD606", "Files that Install would copy already exist (DISALLOW)"},
      {"CD607", "files source missing from the bundle"},
      {"CD608", "Unreadable bundle"},
      {"CD609", "Event name that is not PascalCase"},
      {"CD610", "Install destination this user cannot create or write here"},
      {"CD611", "permissions owner or group that does not exist on this host"},
      {"CD612", "Directories agent 2.x's deploy-local would create with mode 0750 (umask 0027)"},
      {"CD613", "permissions owner or group unknown here, which agent 2.x skips silently"},
      {"CD614", "AppSpecFilename missing from the bundle, which agent 2.x requires before any hook"},
      {"CD615", "What agent 2.x does instead of what agent 1.8 does"},
      {"CD616", "Appspec agent 2.x accepts and agent 1.8 refuses: agent 2.x's scripts and files not predicted"},
  };
  return table;
}

// ECS (CD4nn) and Lambda (CD5nn) rules numbered 00-39 mean the same on both platforms.
const Table& ecs_lambda_shared_rules() {
  static const Table table{
      {"00", "The appspec is not a mapping"},
      {"01", "version is missing"},
      {"02", "version is not 0.0"},
      {"03", "Key or hook event not written in its documented case"},
      {"04", "Unknown key"},
      {"05", "Same key twice in one mapping"},
      {"06", "Resources is missing"},
      {"07", "Resources is not a list"},
      {"08", "Resources does not hold exactly one entry"},
      {"09", "Resources item that is not a single logical name"},
      {"10", "Resource that is empty or not a mapping"},
      {"11", "Resource Type is missing"},
      {"12", "Resource Type of another platform"},
      {"13", "Properties is missing or empty"},
      {"14", "Value of the wrong YAML kind"},
      {"15", "Hooks is not a list"},
      {"16", "Hooks item that is not one event-function pair"},
      {"17", "Reserved hook event"},
      {"18", "Unknown hook event"},
      {"19", "Hook event of another compute platform"},
      {"20", "Same hook event listed twice"},
      {"21", "Hook names no function"},
      {"22", "Hook function not named CodeDeployHook_..."},
      {"23", "Hook value that is neither a Lambda function name nor an ARN"},
      {"24", "Alias with no anchor before it"},
      {"25", "Hooks has no value"},
      {"26", "Plain value that YAML types as a number or boolean"},
      {"27", "Further findings only counted"},
  };
  return table;
}

const Table& ecs_rules() {
  static const Table table{
      {"40", "TaskDefinition is missing or empty"},
      {"41", "TaskDefinition is not a task-definition revision ARN"},
      {"42", "TaskDefinition is a CodePipeline placeholder"},
      {"43", "LoadBalancerInfo is missing or empty"},
      {"44", "LoadBalancerInfo is a list"},
      {"45", "ContainerName is missing or empty"},
      {"46", "ContainerPort is missing or empty"},
      {"47", "Number written as a quoted string"},
      {"48", "ContainerPort is not a whole number"},
      {"49", "ContainerPort outside 1-65535"},
      {"50", "AwsvpcConfiguration gives only some of its three settings"},
      {"51", "AssignPublicIp is not ENABLED or DISABLED"},
      {"52", "Subnets or SecurityGroups empty or not a list of strings"},
      {"53", "Subnet or security group that does not look like an id"},
      {"54", "NetworkConfiguration without AwsvpcConfiguration"},
      {"55", "CapacityProviderStrategy item without CapacityProvider"},
      {"56", "Base or Weight is not a whole number of 0 or more"},
      {"57", "More than one capacity provider sets Base above 0"},
      {"58", "No capacity provider has a Weight above 0"},
      {"59", "AfterAllowTestTraffic runs only with a test listener"},
  };
  return table;
}

const Table& lambda_rules() {
  static const Table table{
      {"40", "Name is missing or empty"},
      {"41", "Alias is missing or empty"},
      {"42", "CurrentVersion is missing"},
      {"43", "TargetVersion is missing or empty"},
      {"44", "Version is not a positive whole number"},
      {"45", "Version is $LATEST"},
      {"46", "CurrentVersion equals TargetVersion"},
  };
  return table;
}

const char* find(const Table& table, const std::string& key) {
  const auto found = table.find(key);
  return found == table.end() ? nullptr : found->second;
}

}  // namespace

std::string diagnostic_code_summary(const std::string& code) {
  if (const char* summary = find(server_and_bundle_codes(), code)) return summary;
  if (code.size() != 5 || code.compare(0, 2, "CD") != 0 || (code[2] != '4' && code[2] != '5')) return "";
  const std::string rule = code.substr(3);
  if (const char* summary = find(ecs_lambda_shared_rules(), rule)) return summary;
  const char* summary = find(code[2] == '4' ? ecs_rules() : lambda_rules(), rule);
  return summary ? summary : "";
}

}  // namespace cdrun
