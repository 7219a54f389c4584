#include "compliance/items.h"

#include <array>
#include <charconv>

#include "compliance/internal/sql.h"

namespace credo::compliance {
namespace {

constexpr std::array<std::string_view, 9> kIdentityFields = {
    "full_name", "given_name", "family_name", "birth_date", "address",
    "phone",     "email",      "identifier",  "employment"};

Result<int64_t> ParseId(std::string_view text, std::string_view whole) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "item \"" + std::string(whole) + "\": \"" + std::string(text) +
                         "\" is not a positive id; write tradeline:ID, tradeline:ID:YYYY-MM, "
                         "public_record:ID or identity:FIELD");
  }
  return value;
}

}  // namespace

std::string_view ItemKindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kTradeline: return "tradeline";
    case ItemKind::kTradelineMonth: return "tradeline_month";
    case ItemKind::kPublicRecord: return "public_record";
    case ItemKind::kIdentityField: return "identity";
  }
  return "tradeline";
}

Result<ItemKind> ParseItemKind(std::string_view name) {
  if (name == "tradeline") return ItemKind::kTradeline;
  if (name == "tradeline_month") return ItemKind::kTradelineMonth;
  if (name == "public_record") return ItemKind::kPublicRecord;
  if (name == "identity") return ItemKind::kIdentityField;
  return MakeError(ErrorCode::kInvalidArgument,
                   "unknown item kind \"" + std::string(name) +
                       "\"; kinds are tradeline, tradeline_month, public_record, identity");
}

bool IsDisputableIdentityField(std::string_view field) {
  for (auto known : kIdentityFields) {
    if (known == field) return true;
  }
  return false;
}

std::string FormatItemRef(const ItemRef& item) {
  switch (item.kind) {
    case ItemKind::kTradeline: return "tradeline:" + std::to_string(item.id);
    case ItemKind::kTradelineMonth:
      return "tradeline:" + std::to_string(item.id) + ":" + item.month.ToIso().substr(0, 7);
    case ItemKind::kPublicRecord: return "public_record:" + std::to_string(item.id);
    case ItemKind::kIdentityField: return "identity:" + item.field;
  }
  return {};
}

Result<ItemRef> ParseItemRef(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "item \"" + std::string(text) +
                         "\" has no kind; write tradeline:ID, tradeline:ID:YYYY-MM, "
                         "public_record:ID or identity:FIELD");
  }
  std::string_view kind = text.substr(0, colon);
  std::string_view rest = text.substr(colon + 1);
  ItemRef item;
  if (kind == "tradeline") {
    auto second = rest.find(':');
    CREDO_ASSIGN_OR_RETURN(item.id, ParseId(rest.substr(0, second), text));
    item.kind = ItemKind::kTradeline;
    if (second != std::string_view::npos) {
      std::string month = std::string(rest.substr(second + 1));
      if (month.size() == 7) month += "-01";
      auto parsed = Date::ParseIso(month);
      if (!parsed.ok() || parsed->day() != 1) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "item \"" + std::string(text) + "\": the month must be YYYY-MM");
      }
      item.kind = ItemKind::kTradelineMonth;
      item.month = *parsed;
    }
    return item;
  }
  if (kind == "public_record") {
    item.kind = ItemKind::kPublicRecord;
    CREDO_ASSIGN_OR_RETURN(item.id, ParseId(rest, text));
    return item;
  }
  if (kind == "identity") {
    if (!IsDisputableIdentityField(rest)) {
      std::string fields;
      for (auto f : kIdentityFields) fields += (fields.empty() ? "" : ", ") + std::string(f);
      return MakeError(ErrorCode::kInvalidArgument, "item \"" + std::string(text) +
                                                        "\": unknown identity field; fields are " +
                                                        fields);
    }
    item.kind = ItemKind::kIdentityField;
    item.field = std::string(rest);
    return item;
  }
  return MakeError(ErrorCode::kInvalidArgument,
                   "item \"" + std::string(text) + "\": unknown kind \"" + std::string(kind) +
                       "\"; write tradeline:ID, tradeline:ID:YYYY-MM, public_record:ID or "
                       "identity:FIELD");
}

int64_t MonthKey(const ItemRef& item) {
  return item.kind == ItemKind::kTradelineMonth ? item.month.days_since_epoch() : 0;
}

ItemRef ItemFromColumns(std::string_view kind, int64_t id, int64_t month, std::string field) {
  ItemRef item;
  item.kind = ParseItemKind(kind).value_or(ItemKind::kTradeline);
  item.id = id;
  if (item.kind == ItemKind::kTradelineMonth) item.month = Date::FromDays(static_cast<int32_t>(month));
  item.field = std::move(field);
  return item;
}

Status CheckItemBelongsTo(Transaction& tx, SubjectId subject_id, const ItemRef& item) {
  CREDO_ASSIGN_OR_RETURN(SubjectId surviving, tx.ResolveSubjectId(subject_id));
  auto not_found = [&](std::string why) {
    return MakeError(ErrorCode::kNotFound,
                     "item " + FormatItemRef(item) + " " + why + " of subject " +
                         std::to_string(subject_id));
  };
  switch (item.kind) {
    case ItemKind::kTradeline:
    case ItemKind::kTradelineMonth: {
      auto row = tx.GetTradeline(item.id);
      if (!row.ok()) return not_found("does not exist in the file");
      auto owner = tx.ResolveSubjectId(row->tradeline.subject_id);
      if (!owner.ok() || *owner != surviving) return not_found("is not in the file");
      if (item.kind == ItemKind::kTradelineMonth) {
        CREDO_ASSIGN_OR_RETURN(auto months, tx.ListTradelineMonths(item.id));
        for (const auto& m : months) {
          if (m.month == item.month) return Ok();
        }
        return not_found("has no reported month " + item.month.ToIso().substr(0, 7) + " in the file");
      }
      return Ok();
    }
    case ItemKind::kPublicRecord: {
      auto record = tx.GetPublicRecord(item.id);
      if (!record.ok()) return not_found("does not exist in the file");
      auto owner = tx.ResolveSubjectId(record->subject_id);
      if (!owner.ok() || *owner != surviving) return not_found("is not in the file");
      return Ok();
    }
    case ItemKind::kIdentityField:
      if (!IsDisputableIdentityField(item.field)) return not_found("is not an identity field");
      return Ok();
  }
  return Ok();
}

namespace internal {

// Rows about the subject's items wherever they were recorded: after a merge (store
// MergeSubjects) the items move to the surviving subject but rows written before keep the old id.
std::string SubjectItemsFilter(SubjectId surviving, std::vector<SqlValue>& params) {
  // The item ids come from the tables themselves: listing the tradelines in C++ to write their
  // ids into the SQL decoded every tradeline and made a new statement per subject.
  for (int i = 0; i < 3; ++i) params.push_back(Int(surviving));
  return "(subject_id = ? OR (item_kind IN ('tradeline', 'tradeline_month') AND item_id IN "
         "(SELECT id FROM tradelines WHERE subject_id = ?)) OR (item_kind = 'public_record' AND "
         "item_id IN (SELECT id FROM public_records WHERE subject_id = ?)))";
}


}  // namespace internal

}  // namespace credo::compliance
