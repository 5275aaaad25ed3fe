#include "aws/core/xml_text.h"

#include <cstdlib>

namespace cdrun::aws {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool decode_entity(const std::string& entity, std::string& out) {
  if (entity == "amp") out += '&';
  else if (entity == "lt") out += '<';
  else if (entity == "gt") out += '>';
  else if (entity == "quot") out += '"';
  else if (entity == "apos") out += '\'';
  else if (entity.size() > 1 && entity[0] == '#') {
    const bool hex = entity[1] == 'x' || entity[1] == 'X';
    const std::string digits = entity.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    char* end = nullptr;
    const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (*end != '\0' || cp == 0 || cp > 0x10FFFF) return false;
    append_utf8(out, cp);
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> xml_element(const std::string& xml, const std::string& name) {
  const std::string open = "<" + name;
  for (size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at + 1)) {
    const size_t after = at + open.size();
    if (after >= xml.size()) return std::nullopt;
    const char next = xml[after];
    if (next != '>' && next != ' ' && next != '\t' && next != '\n' && next != '\r' && next != '/') continue;
    const size_t tag_end = xml.find('>', after);
    if (tag_end == std::string::npos) return std::nullopt;
    if (xml[tag_end - 1] == '/') return std::string();  // <Name/>
    const size_t close = xml.find("</" + name + ">", tag_end + 1);
    if (close == std::string::npos) return std::nullopt;
    return xml.substr(tag_end + 1, close - tag_end - 1);
  }
  return std::nullopt;
}

std::optional<std::string> xml_element_text(const std::string& xml, const std::string& name) {
  std::optional<std::string> raw = xml_element(xml, name);
  if (!raw) return std::nullopt;
  return xml_unescape(*raw);
}

std::string xml_unescape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      const size_t semi = text.find(';', i + 1);
      if (semi != std::string::npos && semi - i <= 10 && decode_entity(text.substr(i + 1, semi - i - 1), out)) {
        i = semi;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace cdrun::aws
