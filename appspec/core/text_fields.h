// Splitting text at a separator the way both codedeploy-local (--events) and Psych (base-60
// numbers) do before they look at the pieces.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cdrun {

// Every field between separators, empty ones included, nothing trimmed: "a,,b" gives a, "", b.
std::vector<std::string> split_fields(const std::string& text, char separator);

// The same fields as views into `text`, for callers that only look at them.
std::vector<std::string_view> split_field_views(std::string_view text, char separator);

}  // namespace cdrun
