// credo monitor internal: the related-party trigger's view of guarantee circles (担保圈).
//
// A subject in a guarantee circle carries the risk of every other member, not only of those it
// guarantees directly: a default anywhere in the circle reaches it through the chain of
// guarantees. GuaranteeCirclesAround finds the circles (graph::GuaranteeCircles, strongly
// connected components of the guarantee relations, the same circles `credo graph circles`
// lists) that hold at least one of the given subjects; DetectDefaultOrWorsening says whether a
// member defaulted (DetectDefault) or, short of a default, got worse (a tradeline newly past due
// or more past due than before), which is what a circle member's subscription is alerted to.
//
// Reads the store's guarantee relations in one query; pure otherwise. Without the graph module
// in the build, no circles are found.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "features/credit_file.h"
#include "monitor/alerts.h"
#include "monitor/internal/detectors.h"
#include "store/store.h"

namespace credo::monitor::internal {

struct CircleOfSubject {
  int64_t circle_id = 0;              //!< the smallest member subject id (graph's circle id)
  std::vector<SubjectId> members;     //!< ascending, surviving ids
  int64_t internal_guarantees = 0;    //!< guarantee relations between members
  int64_t total_guaranteed = 0;       //!< their amounts, minor units
  std::string currency;
};

//! Circles holding at least one of `subjects`, by member subject id (every member of such a
//! circle is a key, not only the given subjects).
Result<std::map<SubjectId, CircleOfSubject>> GuaranteeCirclesAround(
    Transaction& transaction, const std::vector<SubjectId>& subjects);

//! What happened to a circle member between the two files: its default (severity high), or a
//! worsening short of default (severity medium); nullopt when neither.
struct MemberEvent {
  DefaultEvent event;
  Severity severity = Severity::kHigh;
  bool defaulted = false;
};
std::optional<MemberEvent> DetectDefaultOrWorsening(const features::CreditFile& before,
                                                    const features::CreditFile& after);

//! The related-party finding raised on a circle member's subscription.
Finding CircleFinding(const CircleOfSubject& circle, SubjectId related, const MemberEvent& event);

}  // namespace credo::monitor::internal
