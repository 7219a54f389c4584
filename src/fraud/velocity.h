// credo fraud: velocity counters over 1 hour, 1 day, 7 days and 30 days.
//
// Counted from the fraud_points table (indexed by (kind, blind_index, occurred_at) and
// (subject_id, occurred_at)): distinct applicants per phone, e-mail, address, device and IP;
// distinct phones and addresses per subject and per claimed identifier; applications and distinct
// institutions per subject (多头借贷, multi-lender borrowing). An event not yet recorded (id 0)
// counts as one more application at `now`. Windows end at `now` and include it; an application
// dated after `now` is ignored. Applications recorded under a subject merged since count for the
// survivor (the store keeps merge redirects): a subject's applications are counted under every
// id merged into it (Transaction::ListMergedSubjectIds), applicants by surviving id. Reads only;
// a few indexed queries per call.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/result.h"
#include "fraud/application.h"
#include "store/store.h"

namespace credo::fraud {

enum class VelocityWindow { kHour, kDay, kWeek, kMonth };
inline constexpr std::array<VelocityWindow, 4> kVelocityWindows = {
    VelocityWindow::kHour, VelocityWindow::kDay, VelocityWindow::kWeek, VelocityWindow::kMonth};
//! "1h", "1d", "7d", "30d".
std::string_view VelocityWindowName(VelocityWindow window);
int64_t VelocityWindowSeconds(VelocityWindow window);

//! One count per window (each window includes the shorter ones).
struct WindowCounts {
  std::array<int64_t, 4> counts{};
  int64_t at(VelocityWindow window) const { return counts[static_cast<size_t>(window)]; }
};

struct VelocityCounts {
  // Distinct applicants (subjects) sharing the event's contact point.
  WindowCounts applicants_per_phone;
  WindowCounts applicants_per_email;
  WindowCounts applicants_per_address;
  WindowCounts applicants_per_device;
  WindowCounts applicants_per_ip;
  // Distinct contact points the subject applied with.
  WindowCounts phones_per_subject;
  WindowCounts addresses_per_subject;
  // Distinct contact points given with the claimed identifier (any subject).
  WindowCounts phones_per_identifier;
  WindowCounts addresses_per_identifier;
  // Multi-lender borrowing.
  WindowCounts applications_per_subject;
  WindowCounts institutions_per_subject;
};

//! `event` may be null (a subject with no application at hand: subject counters only). When
//! given it must be normalised (NormalizeApplication) and about `subject`.
Result<VelocityCounts> MeasureVelocity(Transaction& transaction, SubjectId subject,
                                       const ApplicationEvent* event, int64_t now_unix);

}  // namespace credo::fraud
