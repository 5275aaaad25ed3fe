// Turns the byte chunks read from one of a hook's pipes into the lines the agent's reader threads
// would log (`each_line`: each line keeps its '\n'; what is left when the stream closes is delivered
// without one).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace cdrun {

class LineSplitter {
 public:
  using Sink = std::function<void(const std::string& line)>;

  // A line longer than `max_line` bytes is handed on in pieces of that size (without '\n' except
  // the last), so a script printing megabytes without a newline cannot make us hold them all.
  explicit LineSplitter(std::size_t max_line = kDefaultMaxLine) : max_line_(max_line ? max_line : 1) {}

  void feed(const char* data, std::size_t size, const Sink& sink);
  // The stream closed: deliver the unterminated rest, if any.
  void finish(const Sink& sink);

  static constexpr std::size_t kDefaultMaxLine = 1024 * 1024;

 private:
  std::size_t max_line_;
  std::string pending_;
};

}  // namespace cdrun
