// Failures of AWS calls as values, and the sentences a person needs to fix them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/http/transport_failure.h"

namespace cdrun::aws {

enum class FailureKind {
  kNetwork,   // no HTTP answer: DNS, connect, TLS, timeout (`transport` says which)
  kService,   // AWS answered with an error document (code/message)
  kResponse,  // an answer we could not understand (not the expected document)
};

struct AwsFailure {
  FailureKind kind = FailureKind::kNetwork;
  http::TransportError transport = http::TransportError::kNone;  // for kNetwork
  long http_status = 0;   // for kService / kResponse
  std::string code;       // AWS error code, e.g. "AccessDenied" (kService)
  std::string message;    // AWS's message, or what the transport saw
  std::string request_id;
};

// A value or the failure that prevented it.
template <typename T>
struct AwsResult {
  std::optional<T> value;
  AwsFailure failure;  // meaningful only when !ok()
  bool ok() const { return value.has_value(); }
  static AwsResult success(T v) { return AwsResult{std::move(v), {}}; }
  static AwsResult fail(AwsFailure f) { return AwsResult{std::nullopt, std::move(f)}; }
};

struct Done {};

// What the failing call was, to phrase the explanation.
struct FailureContext {
  std::string operation;      // "sts:AssumeRole on arn:aws:iam::...:role/X"
  std::string endpoint;       // URL called
  std::string identity;       // "access key AKIA****WXYZ (shared credentials file ..., profile default)"
};

// One or more sentences: what happened, the likely cause and what to do. Never contains secrets
// (AWS messages are passed through redact() by the caller when secrets are known).
std::string explain_failure(const AwsFailure& failure, const FailureContext& context);

// True for failures that may pass by themselves (network, throttling, 5xx): worth a quick retry.
bool is_transient(const AwsFailure& failure);

// "AKIA****WXYZ": enough to tell keys apart in logs, not enough to use one.
std::string mask_access_key(const std::string& access_key_id);

// `text` with every occurrence of each non-empty secret replaced by "****".
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace cdrun::aws
