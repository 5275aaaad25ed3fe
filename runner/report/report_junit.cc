// JUnit XML for CodeBuild report groups: one test case per diagnostic, failing ones for errors
// (and warnings under --strict), so a build's Reports tab lists every finding.
#include <string>

#include "runner/report/report.h"

namespace cdrun {
namespace report_detail {
namespace {

bool allowed_in_xml(long code_point) {
  // XML 1.0 Char production; anything else makes the whole report unparsable.
  if (code_point == 0x9 || code_point == 0xA || code_point == 0xD) return true;
  if (code_point >= 0x20 && code_point <= 0xD7FF) return true;
  if (code_point >= 0xE000 && code_point <= 0xFFFD) return true;
  return code_point >= 0x10000 && code_point <= 0x10FFFF;
}

}  // namespace

std::string xml_escape(const std::string& text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const auto step = report_detail::decode_utf8(text, pos);
    const size_t start = pos;
    pos += step.length;
    if (!allowed_in_xml(step.code_point)) continue;
    switch (step.code_point) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out.append(text, start, step.length);
    }
  }
  return out;
}

}  // namespace report_detail

namespace {

std::string attr(const std::string& text) { return report_detail::xml_escape(text, true); }
std::string body(const std::string& text) { return report_detail::xml_escape(text, false); }

// The failure body repeats the text format's heading, which is what people grep CodeBuild logs for.
std::string heading(const Diagnostic& d) {
  std::string text = report_detail::location_text(d);
  if (!text.empty()) text += ": ";
  text += std::string(severity_name(d.severity)) + ": " + d.message;
  if (!d.code.empty()) text += " [" + d.code + "]";
  return text;
}

void write_testcase(std::ostream& out, const Report& report, const Diagnostic& d) {
  std::string name = report_detail::location_text(d);
  if (!name.empty()) name += ' ';
  name += d.message;
  out << "    <testcase classname=\"cdrun." << attr(d.code) << "\" name=\"" << attr(name) << "\"";
  if (report_detail::fails(report, d)) {
    out << ">\n      <failure message=\"" << attr(d.message) << "\" type=\"" << severity_name(d.severity) << "\">"
        << body(heading(d));
    if (!d.hint.empty()) out << body("\nhint: " + d.hint);
    out << "</failure>\n    </testcase>\n";
  } else if (!d.hint.empty()) {
    out << ">\n      <system-out>" << body(d.hint) << "</system-out>\n    </testcase>\n";
  } else {
    out << "/>\n";
  }
}

}  // namespace

void write_junit(std::ostream& out, const Report& report) {
  const Diagnostics diagnostics = report_detail::sorted_diagnostics(report.diagnostics);
  int failures = report.read_error.empty() ? 0 : 1;
  for (const Diagnostic& d : diagnostics) failures += report_detail::fails(report, d) ? 1 : 0;
  const size_t tests = diagnostics.empty() ? 1 : diagnostics.size();
  const std::string counts =
      " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\"";

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"cdrun validate\"" << counts << ">\n";
  out << "  <testsuite name=\"" << attr(report.target) << "\"" << counts << ">\n";
  if (!report.read_error.empty()) {
    out << "    <testcase classname=\"cdrun.validate\" name=\"" << attr(report.target + " can be read") << "\">\n"
        << "      <failure message=\"" << attr(report.read_error) << "\" type=\"error\">" << body(report.read_error)
        << "</failure>\n    </testcase>\n";
  } else if (diagnostics.empty()) {
    out << "    <testcase classname=\"cdrun.validate\" name=\"" << attr(report.target + " is valid") << "\"/>\n";
  }
  for (const Diagnostic& d : diagnostics) write_testcase(out, report, d);
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace cdrun
