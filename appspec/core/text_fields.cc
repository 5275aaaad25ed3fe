#include "appspec/core/text_fields.h"

namespace cdrun {

std::vector<std::string_view> split_field_views(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      fields.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return fields;
}

std::vector<std::string> split_fields(const std::string& text, char separator) {
  const std::vector<std::string_view> views = split_field_views(text, separator);
  return std::vector<std::string>(views.begin(), views.end());
}

}  // namespace cdrun
