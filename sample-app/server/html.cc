#include "html.h"

namespace cdrun::sample_app {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_page(const std::string& title, const std::string& instance, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title) +
         "</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "<footer><p>Served by instance " +
         escape(instance) + "</p></footer>\n</body>\n</html>\n";
}

}  // namespace cdrun::sample_app
