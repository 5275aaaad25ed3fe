// Report validity and the helpers every output format shares.
#include "runner/report/report.h"

#include <algorithm>
#include <tuple>

namespace cdrun {

bool Report::valid() const {
  return read_error.empty() && std::none_of(diagnostics.begin(), diagnostics.end(),
                      [this](const Diagnostic& d) { return report_detail::fails(*this, d); });
}

namespace report_detail {

SeverityCounts count_severities(const Diagnostics& diagnostics) {
  SeverityCounts counts;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::error: ++counts.errors; break;
      case Severity::warning: ++counts.warnings; break;
      case Severity::note: ++counts.notes; break;
    }
  }
  return counts;
}

bool fails(const Report& report, const Diagnostic& diagnostic) {
  if (diagnostic.severity == Severity::error) return true;
  return report.strict && diagnostic.severity == Severity::warning;
}

Diagnostics sorted_diagnostics(const Diagnostics& diagnostics) {
  Diagnostics sorted = diagnostics;
  // Stable so that findings at the same spot keep the order the checks produced them in.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.position.line, a.position.column) <
           std::tie(b.file, b.position.line, b.position.column);
  });
  return sorted;
}

std::string location_text(const Diagnostic& diagnostic) {
  // An option is named as typed, so that it does not read as a line of the appspec.
  if (!diagnostic.option.empty()) return "cdrun validate " + diagnostic.option;
  std::string text = diagnostic.file;
  if (diagnostic.position.line <= 0) return text;
  text += ':' + std::to_string(diagnostic.position.line);
  if (diagnostic.position.column <= 0) return text;
  return text + ':' + std::to_string(diagnostic.position.column);
}

std::optional<std::string> source_line(const Report& report, const std::string& file, int line) {
  if (line <= 0) return std::nullopt;
  const auto found = report.sources.find(file);
  if (found == report.sources.end()) return std::nullopt;
  const std::string& text = found->second;
  size_t start = 0;
  for (int current = 1; current < line; ++current) {
    const size_t newline = text.find('\n', start);
    if (newline == std::string::npos) return std::nullopt;
    start = newline + 1;
  }
  // The empty piece after a final newline counts as a line: parsers report end-of-file errors there.
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  std::string result = text.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.pop_back();
  return result;
}

Utf8Step decode_utf8(const std::string& text, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1};
  size_t length = 0;
  long code_point = 0;
  long minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07, minimum = 0x10000;
  } else {
    return {};
  }
  if (pos + length > text.size()) return {};
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (next & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not characters.
  if (code_point < minimum || code_point > 0x10FFFF) return {};
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return {};
  return {code_point, length};
}

}  // namespace report_detail
}  // namespace cdrun
