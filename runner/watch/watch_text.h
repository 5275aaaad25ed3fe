// `cdrun watch --format text`: a line per event as it happens, so a CI log shows progress live.
#pragma once

#include <ostream>

#include "runner/watch/watch_engine.h"
#include "runner/watch/watch_events.h"

namespace cdrun::watch {

class TextObserver : public WatchObserver {
 public:
  explicit TextObserver(std::ostream& out) : out_(out) {}
  void on_event(const WatchEvent& event) override;

 private:
  std::ostream& out_;
};

// The last line: "result: Succeeded", "result: Failed [CODE] message (rollback d-R)", "result: TimedOut".
void write_text_summary(std::ostream& out, const WatchResult& result);

}  // namespace cdrun::watch
