// Feeds arbitrary bytes to everything `cdrun validate` does with an appspec's text: the agent
// parser emulation for both agent OSes, agent 2.x's parser and the diagnostics that compare the
// two agents, cdrun's own server rules, and the ECS/Lambda rules; and the same bytes as agent
// 2.x's configuration file; and the appspec under every hardening setting.
#include <cstddef>
#include <cstdint>
#include <string>

#include "appspec/agent/agent_parser.h"
#include "appspec/agent2/agent2_hardening.h"
#include "appspec/agent2/agent2_parser.h"
#include "appspec/agent2/agent2_settings.h"
#include "appspec/ecs_lambda/ecs_lambda.h"
#include "appspec/server/server_rules.h"
#include "appspec/validation/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const cdrun::Agent2Verdict verdict2 = cdrun::parse_agent2_appspec(text);
  (void)cdrun::parse_agent2_settings(text);
  (void)cdrun::check_agent2_hardened_appspec(text, cdrun::Agent2Settings{true, true, true, true, 1}, "appspec.yml");
  for (cdrun::AgentOs os : {cdrun::AgentOs::linux, cdrun::AgentOs::windows}) {
    cdrun::AgentVerdict verdict = cdrun::agent_parse(text, os);
    cdrun::ServerCheckInput input;
    input.verdict = &verdict;
    input.file = "appspec.yml";
    input.events = std::string("ApplicationStop,DownloadBundle,Install,AfterInstall");
    (void)cdrun::check_server_appspec(input);
    (void)cdrun::agent_diagnostics(verdict, "appspec.yml");
    (void)cdrun::agent2_diagnostics(cdrun::AgentVerdicts{&verdict, &verdict2, os}, text, "appspec.yml");
    (void)cdrun::appspec_text_diagnostics(text, verdict.document, "appspec.yml", cdrun::Platform::server);
  }
  cdrun::yaml::Document document = cdrun::yaml::parse_first_document(text);
  if (document.root) {
    (void)cdrun::detect_platform(document.root.get());
    (void)cdrun::check_ecs_appspec(*document.root, "appspec.yaml");
    (void)cdrun::check_lambda_appspec(*document.root, "appspec.yaml");
  }
  return 0;
}
