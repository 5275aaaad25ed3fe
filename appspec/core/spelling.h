// Did-you-mean, for mistyped event names, keys and values in appspecs and for mistyped
// subcommands on the command line: one edit distance and one notion of "close enough".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cdrun {

// Edits (insert, delete, replace, swap two neighbours) that turn `from` into `to`: "deplyo" is one
// edit from "deploy", "ApplicationStrat" one from "ApplicationStart".
size_t edit_distance(const std::string& from, const std::string& to);

// The candidate closest to `word`, ignoring case, or "" when none is close enough to be what was
// meant: at most max(2, length / 3) edits. The first one wins a tie.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace cdrun
