// Just enough XML for STS's flat answers: the text of the first element with a given name.
// STS documents have no mixed content, CDATA or repeated names where we look, so a tag scan is
// exact for them; anything else is not an answer we accept anyway.
#pragma once

#include <optional>
#include <string>

namespace cdrun::aws {

// The raw inner text of the first <name>...</name> (or <name attr="...">...</name>) in `xml`,
// or nullopt. Elements whose name merely starts with `name` (<ArnX>) are skipped.
std::optional<std::string> xml_element(const std::string& xml, const std::string& name);

// The same, entity references decoded (&amp; &lt; &gt; &quot; &apos; &#N; &#xH;).
std::optional<std::string> xml_element_text(const std::string& xml, const std::string& name);

// Decodes the five predefined entities and numeric character references (to UTF-8).
std::string xml_unescape(const std::string& text);

}  // namespace cdrun::aws
