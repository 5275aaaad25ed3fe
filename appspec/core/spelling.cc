#include "appspec/core/spelling.h"

#include <algorithm>
#include <cctype>

namespace cdrun {

namespace {

std::string lowercase(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

size_t edit_distance(const std::string& from, const std::string& to) {
  // Optimal string alignment: Levenshtein's table plus the swap of two adjacent letters.
  const size_t rows = from.size() + 1;
  const size_t cols = to.size() + 1;
  std::vector<size_t> table(rows * cols);
  auto at = [&](size_t i, size_t j) -> size_t& { return table[i * cols + j]; };
  for (size_t i = 0; i < rows; ++i) at(i, 0) = i;
  for (size_t j = 0; j < cols; ++j) at(0, j) = j;
  for (size_t i = 1; i < rows; ++i) {
    for (size_t j = 1; j < cols; ++j) {
      const size_t replace = from[i - 1] == to[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + replace});
      if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(rows - 1, cols - 1);
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 64) return {};
  const std::string lowered = lowercase(word);
  std::string best;
  size_t best_distance = 0;
  for (const std::string& candidate : candidates) {
    // Case differences count as nearly free: "applicationstart" is clearly ApplicationStart.
    size_t distance = lowercase(candidate) == lowered ? 0 : edit_distance(lowered, lowercase(candidate));
    if (best.empty() || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  return best_distance <= limit ? best : std::string{};
}

}  // namespace cdrun
