// credo store internal: what the open read-only transaction has already read about one subject.
//
// One credit report asks the store for the same rows several times: the compliance view, the
// balance trend, the fraud header and the score each list the subject's tradelines, their months,
// its inquiries and the subject itself. A read-only transaction sees one snapshot, so a second
// answer is the first one; the memo hands back a copy instead of reading, decrypting and decoding
// the rows again. It holds one subject's lists at a time (an export that walks through every
// subject keeps only the last), is filled and used only in read-only transactions (a write may
// change the rows between two calls), and is emptied when the transaction ends.
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <vector>

#include "store/store.h"

namespace credo::store_internal {

class ReadMemo {
 public:
  //! Known on: none is a key of its own.
  static int32_t Key(std::optional<Date> known_on) {
    return known_on ? known_on->days_since_epoch() : INT32_MIN;
  }

  const std::vector<TradelineRow>* Tradelines(SubjectId asked) const {
    return tradelines_ && asked == subject_of_ ? &*tradelines_ : nullptr;
  }
  void KeepTradelines(SubjectId asked, const std::vector<TradelineRow>& rows) {
    Retarget(asked);
    tradelines_ = rows;
  }

  const std::vector<TradelineMonth>* Months(int64_t tradeline_id, int32_t known_on) const {
    for (const auto& kept : months_) {
      if (kept.tradeline_id == tradeline_id && kept.known_on == known_on) return &kept.months;
    }
    return nullptr;
  }
  void KeepMonths(int64_t tradeline_id, int32_t known_on, const std::vector<TradelineMonth>& months) {
    if (months_.size() >= kMaxMonthLists) months_.clear();  // another subject's accounts
    months_.push_back({tradeline_id, known_on, months});
  }

  const std::vector<Inquiry>* Inquiries(SubjectId asked, int32_t known_on) const {
    if (asked != subject_of_) return nullptr;
    for (const auto& kept : inquiries_) {
      if (kept.known_on == known_on) return &kept.inquiries;
    }
    return nullptr;
  }
  void KeepInquiries(SubjectId asked, int32_t known_on, const std::vector<Inquiry>& inquiries) {
    Retarget(asked);
    inquiries_.push_back({known_on, inquiries});
  }

  const Subject* SubjectRead(SubjectId asked) const {
    return subject_ && asked == subject_of_ ? &*subject_ : nullptr;
  }
  void KeepSubject(SubjectId asked, const Subject& subject) {
    Retarget(asked);
    subject_ = subject;
  }

  void Clear() {
    subject_of_ = 0;
    tradelines_.reset();
    subject_.reset();
    months_.clear();
    inquiries_.clear();
  }

 private:
  struct MonthList {
    int64_t tradeline_id;
    int32_t known_on;
    std::vector<TradelineMonth> months;
  };
  struct InquiryList {
    int32_t known_on;
    std::vector<Inquiry> inquiries;
  };
  // Far more accounts than one file has; past it the lists are another subject's, dropped.
  static constexpr size_t kMaxMonthLists = 256;

  // A read about another subject drops what was kept about the last one, so every list kept is
  // about `subject_of_` (the id as asked).
  void Retarget(SubjectId asked) {
    if (asked == subject_of_) return;
    Clear();
    subject_of_ = asked;
  }

  SubjectId subject_of_ = 0;
  std::optional<std::vector<TradelineRow>> tradelines_;
  std::optional<Subject> subject_;
  std::vector<MonthList> months_;
  std::vector<InquiryList> inquiries_;
};

}  // namespace credo::store_internal
