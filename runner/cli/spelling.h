// Did-you-mean for mistyped subcommands, as git and ninja offer it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cdrun {

// Edits (insert, delete, replace, swap two neighbours) that turn `from` into `to`: "deplyo" is one
// edit from "deploy".
size_t edit_distance(const std::string& from, const std::string& to);

// The candidate closest to `word`, when it is close enough to be what the user meant: at most one
// edit per three letters typed (at least one, at most three). The first one wins a tie.
std::optional<std::string> closest_word(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace cdrun
