// How serde_yaml 0.9.34 reads a plain scalar as a number, a boolean or a null (de.rs parse_f64,
// parse_unsigned_int, parse_bool, parse_null), and how Rust prints what the agent puts in its
// messages (f64's Display, str's Debug, str::trim).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cdrun::agent2 {

bool is_yaml_null(std::string_view plain);                       // "", ~, null, Null, NULL
std::optional<bool> parse_yaml_bool(std::string_view plain);      // true/True/TRUE, false/False/FALSE
std::optional<uint64_t> parse_yaml_unsigned(std::string_view plain);  // decimal, 0x, 0o, 0b
std::optional<double> parse_yaml_f64(std::string_view plain);     // Rust's f64 grammar, .inf, .nan

// Rust's `{}` of an f64: shortest round-trip digits, never an exponent ("1", "0.0000001", "NaN", "inf").
std::string rust_f64_display(double value);

// Rust's `{:?}` of a str, quotes included.
std::string rust_debug_str(std::string_view text);

// Rust's str::trim: strips Unicode White_Space from both ends (the text is valid UTF-8).
std::string_view rust_trim(std::string_view text);

// Whether the bytes are valid UTF-8 as Rust's String requires.
bool is_valid_utf8(std::string_view text);

// Decodes the UTF-8 character at text[pos] (valid UTF-8 assumed); returns its length.
size_t utf8_char_length(std::string_view text, size_t pos);

}  // namespace cdrun::agent2
