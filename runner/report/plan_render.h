// `cdrun plan`'s output: a readable text report, or one JSON object with the same information.
#pragma once

#include <ostream>

#include "runner/plan/plan_model.h"

namespace cdrun {

void write_plan_text(std::ostream& out, const PlanReport& report);
void write_plan_json(std::ostream& out, const PlanReport& report);

}  // namespace cdrun
