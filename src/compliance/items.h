// credo compliance: references to the items of a credit file that compliance rules act on
// (disputes, suppressions, statements, negative items).
//
// Text form, used by the CLI and in JSON: "tradeline:12" (a whole account),
// "tradeline:12:2019-03" (one month of its payment history), "public_record:4",
// "identity:full_name" (one identity field of the subject).
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::compliance {

enum class ItemKind { kTradeline, kTradelineMonth, kPublicRecord, kIdentityField };

std::string_view ItemKindName(ItemKind kind);
Result<ItemKind> ParseItemKind(std::string_view name);

struct ItemRef {
  ItemKind kind = ItemKind::kTradeline;
  int64_t id = 0;       //!< tradeline or public record id (0 for identity fields)
  Date month;           //!< first day of the month (tradeline months only)
  std::string field;    //!< identity field name (identity fields only)
  bool operator==(const ItemRef&) const = default;
};

//! Identity fields a subject may dispute.
bool IsDisputableIdentityField(std::string_view field);

std::string FormatItemRef(const ItemRef& item);
//! Parses the text form; kInvalidArgument names the part that is wrong and the accepted forms.
Result<ItemRef> ParseItemRef(std::string_view text);

//! The month column value used in the module's tables (0 when the item is not a month).
int64_t MonthKey(const ItemRef& item);
ItemRef ItemFromColumns(std::string_view kind, int64_t id, int64_t month, std::string field);

//! kNotFound unless the item exists and belongs to `subject_id` (after merges).
Status CheckItemBelongsTo(Transaction& tx, SubjectId subject_id, const ItemRef& item);

}  // namespace credo::compliance
