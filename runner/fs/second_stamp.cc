#include "runner/fs/second_stamp.h"

namespace cdrun {

const std::string& SecondStamp::now() {
  const std::time_t now = std::time(nullptr);
  if (now != second_) {
    std::tm local{};
    localtime_r(&now, &local);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    text_ = text;
    second_ = now;
  }
  return text_;
}

}  // namespace cdrun
