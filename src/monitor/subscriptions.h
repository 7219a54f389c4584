// credo monitor: an institution's subscriptions (which subjects, which triggers, since when).
//
// A subscription is (institution, subject) with its triggers and a baseline date: the first
// evaluation compares what the bureau knew on the baseline with what it knows on the evaluation
// date; each evaluation moves the baseline forward. Subscribing a subject again replaces its
// triggers (the baseline is kept). Every change is audited ("monitor.subscribe").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "monitor/triggers.h"
#include "store/store.h"

namespace credo::monitor {

struct Subscription {
  int64_t id = 0;
  std::string institution;
  SubjectId subject_id = 0;
  std::vector<TriggerSpec> triggers;
  Date baseline_on;        //!< knowledge already evaluated (alerts are about what came after)
  int64_t created_at = 0;  //!< unix seconds
};

struct SubscribeSummary {
  int64_t added = 0;    //!< new subscriptions
  int64_t updated = 0;  //!< existing ones whose triggers were replaced
  std::vector<SubjectId> subject_ids;  //!< surviving ids, in input order
};

//! Subscribes existing subjects (ids are resolved through merges; an unknown id is kNotFound and
//! nothing is written). `institution` must be non-empty; `triggers` non-empty.
Result<SubscribeSummary> Subscribe(Transaction& transaction, std::string_view institution,
                                   const std::vector<SubjectId>& subject_ids,
                                   const std::vector<TriggerSpec>& triggers, Date baseline_on,
                                   int64_t now_unix_seconds);

//! A subscription file: one subject per line, "kind,value" (kind as IdentifierKindName, e.g.
//! "cn_resident_id,110105194912310021") or "subject_id,42"; blank lines and lines starting
//! with '#' are skipped; an optional header line "kind,value" is skipped. Every line must resolve
//! to exactly one subject, else the whole file is refused (kInvalidArgument) with each bad line
//! named "FILE:LINE: reason" (values masked); nothing is written.
Result<SubscribeSummary> SubscribeFromText(Transaction& transaction, std::string_view institution,
                                           std::string_view file_name, std::string_view text,
                                           const std::vector<TriggerSpec>& triggers,
                                           Date baseline_on, int64_t now_unix_seconds);

//! Subscriptions of an institution, by subject id.
Result<std::vector<Subscription>> ListSubscriptions(Transaction& transaction,
                                                    std::string_view institution);
//! Removes a subscription (kNotFound when there is none). Alerts already raised stay.
Status Unsubscribe(Transaction& transaction, std::string_view institution, SubjectId subject_id);

}  // namespace credo::monitor
