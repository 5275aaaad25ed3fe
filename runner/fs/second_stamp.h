// The local time at the start of every scripts.log-style line, "YYYY-MM-DD HH:MM:SS": formatted
// once per second rather than per line, because a hook may write millions of lines.
#pragma once

#include <ctime>
#include <string>

namespace cdrun {

class SecondStamp {
 public:
  // Now, in local time.
  const std::string& now();

 private:
  std::time_t second_ = -1;
  std::string text_;
};

}  // namespace cdrun
