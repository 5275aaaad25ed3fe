#include "runner/process/process_lines.h"

#include <cstring>

namespace cdrun {

void LineSplitter::feed(const char* data, std::size_t size, const Sink& sink) {
  while (size > 0) {
    const void* newline = std::memchr(data, '\n', size);
    const std::size_t take =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) + 1 : size;
    const std::size_t room = max_line_ > pending_.size() ? max_line_ - pending_.size() : 0;
    if (take > room) {
      // Over-long line: pass on a full piece now rather than growing the buffer without bound.
      pending_.append(data, room);
      data += room;
      size -= room;
      sink(pending_);
      pending_.clear();
      continue;
    }
    pending_.append(data, take);
    data += take;
    size -= take;
    if (newline) {
      sink(pending_);
      pending_.clear();
    }
  }
}

void LineSplitter::finish(const Sink& sink) {
  if (pending_.empty()) return;
  sink(pending_);
  pending_.clear();
}

}  // namespace cdrun
