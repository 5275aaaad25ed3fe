// `cdrun status`'s output: text for people (the first few cleanup paths), JSON with everything.
#pragma once

#include <ostream>

#include "runner/plan/status_scan.h"

namespace cdrun {

void write_status_text(std::ostream& out, const RootStatus& status);
void write_status_json(std::ostream& out, const RootStatus& status);

}  // namespace cdrun
