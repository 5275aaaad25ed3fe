#include "aws/core/aws_errors.h"

namespace cdrun::aws {
namespace {

std::string aws_said(const AwsFailure& f) {
  std::string said = "AWS said: " + f.code;
  if (!f.message.empty()) said += ": " + f.message;
  if (!f.request_id.empty()) said += " (request id " + f.request_id + ")";
  return said;
}

std::string network_cause(const AwsFailure& f, const FailureContext& c) {
  // Hints about ports, proxies and TLS depend on the scheme: an http:// endpoint (a local mock, a
  // private gateway) has no TLS, and its proxy comes from http_proxy instead.
  const bool https = c.endpoint.rfind("https://", 0) == 0;
  switch (f.transport) {
    case http::TransportError::kResolve:
      return "the host name of " + c.endpoint + " does not resolve: check DNS and the region/endpoint";
    case http::TransportError::kProxy:
      return "no connection to " + c.endpoint + " through the proxy: check " +
             (https ? "https_proxy/HTTPS_PROXY" : "http_proxy/HTTP_PROXY") + ", or exempt the host in no_proxy/NO_PROXY";
    case http::TransportError::kConnect:
      if (!https)
        return "no connection to " + c.endpoint +
               ": the connection was refused or the host is unreachable; is the endpoint running, with this host and port?";
      return "no connection to " + c.endpoint + ": is outbound HTTPS (443) allowed, or is a proxy needed (HTTPS_PROXY)?";
    case http::TransportError::kTimeout:
      return "no answer from " + c.endpoint + " in time: a firewall dropping packets, or the network is down";
    case http::TransportError::kTlsVerify:
      return "the TLS certificate of " + c.endpoint +
             " is not trusted: for a proxy or private endpoint with its own CA, point AWS_CA_BUNDLE (or SSL_CERT_FILE) "
             "at the CA file; a certificate for another host name is refused whatever the CA";
    case http::TransportError::kCaUnreadable:
      return "the CA bundle (AWS_CA_BUNDLE, the ca_bundle setting or SSL_CERT_FILE) could not be read";
    case http::TransportError::kNoCaCertificates:
      return "no CA certificates to check " + c.endpoint +
             " with: install the distribution's CA certificates, or point AWS_CA_BUNDLE or SSL_CERT_FILE at a PEM bundle";
    case http::TransportError::kTlsHandshake:
      return "the TLS handshake with " + c.endpoint + " failed (is it really an https endpoint?)";
    case http::TransportError::kBadUrl:
      return "the endpoint " + c.endpoint + " is not a usable http(s) URL";
    case http::TransportError::kIo:
      return "the connection to " + c.endpoint + " broke before a complete answer: retry; a proxy or firewall may cut it";
    default:
      return "the request to " + c.endpoint + " failed";
  }
}

std::string service_cause(const AwsFailure& f, const FailureContext& c) {
  const std::string& code = f.code;
  if (code == "SignatureDoesNotMatch" || code == "InvalidSignatureException")
    return "AWS rejected the request signature: the secret access key does not belong to " + c.identity +
           " (a mistyped or rotated secret), or this host's clock is far off";
  if (code == "InvalidClientTokenId" || code == "UnrecognizedClientException")
    return "AWS does not know " + c.identity +
           ": the key was deleted or deactivated, belongs to another partition, or its session token is wrong";
  if (code == "ExpiredToken" || code == "ExpiredTokenException")
    return "the session token of " + c.identity +
           " has expired: temporary base credentials must be refreshed (long-lived IAM user keys avoid this)";
  if (code == "RequestExpired" || code == "RequestTimeTooSkewed")
    return "this host's clock differs too much from AWS's: synchronise it (NTP)";
  if (code == "AccessDenied" || code == "AccessDeniedException")
    return c.identity + " is not allowed " + c.operation +
           ": its IAM policy must allow the action on the resource" +
           (c.operation.rfind("sts:AssumeRole", 0) == 0 ? ", and the role's trust policy must name this identity" : "");
  if (code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded")
    return "AWS is throttling these calls: retry later";
  if (code == "RegionDisabledException")
    return "STS is not activated for this region in the account: activate it in IAM account settings or use another region";
  if (code == "ValidationError" && f.message.find("DurationSeconds") != std::string::npos)
    return "the session duration is longer than the role allows: lower --duration or raise the role's MaxSessionDuration";
  if (code == "MalformedPolicyDocument" || code == "PackedPolicyTooLarge") return "AWS rejected the session policy";
  if (f.http_status >= 500) return "AWS had an internal error: retry later";
  return "AWS rejected " + c.operation;
}

}  // namespace

std::string explain_failure(const AwsFailure& f, const FailureContext& c) {
  switch (f.kind) {
    case FailureKind::kNetwork: {
      std::string text = network_cause(f, c);
      if (!f.message.empty()) text += " (" + f.message + ")";
      return text;
    }
    case FailureKind::kService:
      return service_cause(f, c) + ". " + aws_said(f);
    case FailureKind::kResponse:
      return "unexpected answer from " + c.endpoint + " to " + c.operation + " (HTTP " + std::to_string(f.http_status) +
             "): " + f.message + "; is the endpoint really AWS?";
  }
  return f.message;
}

bool is_transient(const AwsFailure& f) {
  if (f.kind == FailureKind::kNetwork) return true;
  if (f.code == "Throttling" || f.code == "ThrottlingException" || f.code == "RequestLimitExceeded") return true;
  return f.http_status >= 500;
}

std::string mask_access_key(const std::string& id) {
  if (id.size() <= 8) return "****";
  return id.substr(0, 4) + "****" + id.substr(id.size() - 4);
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 4))
      text.replace(at, secret.size(), "****");
  }
  return text;
}

}  // namespace cdrun::aws
