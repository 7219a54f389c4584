#include "store/internal/identity_reader.h"

#include <charconv>
#include <cstdint>
#include <string>

#include "store/internal/codec.h"

namespace credo::store_internal {
namespace {

// A cursor over compact JSON. Every Read* answers false on what it does not accept; the reader
// then gives up and the general parser takes over, so none of these needs to say why.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() {
    SkipSpace();
    return position_ == text_.size();
  }

  bool Consume(char c) {
    SkipSpace();
    if (position_ < text_.size() && text_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }

  bool ReadNull() {
    SkipSpace();
    if (text_.substr(position_, 4) != "null") return false;
    position_ += 4;
    return true;
  }

  bool ReadString(std::string& out) {
    if (!Consume('"')) return false;
    out.clear();
    size_t run = position_;  // the start of bytes copied as they are
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c == '"') {
        out.append(text_, run, position_ - run);
        ++position_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;  // JSON forbids raw controls
      if (c != '\\') {
        ++position_;
        continue;
      }
      out.append(text_, run, position_ - run);
      if (++position_ >= text_.size()) return false;
      switch (text_[position_]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          // EncodeIdentity escapes only control characters this way; anything else goes to the
          // general parser (surrogate pairs and all).
          if (position_ + 4 >= text_.size()) return false;
          unsigned value = 0;
          auto [end, error] = std::from_chars(text_.data() + position_ + 1,
                                              text_.data() + position_ + 5, value, 16);
          if (error != std::errc() || end != text_.data() + position_ + 5 || value >= 0x80) {
            return false;
          }
          out.push_back(static_cast<char>(value));
          position_ += 4;
          break;
        }
        default: return false;
      }
      run = ++position_;
    }
    return false;
  }

  bool ReadInteger(int64_t& out) {
    SkipSpace();
    const char* begin = text_.data() + position_;
    const char* end = text_.data() + text_.size();
    auto [stop, error] = std::from_chars(begin, end, out);
    if (error != std::errc() || stop == begin) return false;
    if (stop != end && (*stop == '.' || *stop == 'e' || *stop == 'E')) return false;
    position_ += static_cast<size_t>(stop - begin);
    return true;
  }

  bool ReadDate(std::optional<Date>& out) {
    if (ReadNull()) {
      out.reset();
      return true;
    }
    int64_t days = 0;
    if (!ReadInteger(days) || days < INT32_MIN || days > INT32_MAX) return false;
    out = Date::FromDays(static_cast<int32_t>(days));
    return true;
  }

  // Calls element() for each element of an array; element() reads it.
  template <typename Element>
  bool ReadArray(Element element) {
    if (!Consume('[')) return false;
    if (Consume(']')) return true;
    do {
      if (!element()) return false;
    } while (Consume(','));
    return Consume(']');
  }

  // Calls member(key) for each member of an object; member() reads the value.
  template <typename Member>
  bool ReadObject(Member member) {
    if (!Consume('{')) return false;
    if (Consume('}')) return true;
    std::string key;
    do {
      if (!ReadString(key) || !Consume(':') || !member(key)) return false;
    } while (Consume(','));
    return Consume('}');
  }

  bool ReadStrings(std::vector<std::string>& out) {
    out.clear();
    return ReadArray([&] { return ReadString(out.emplace_back()); });
  }

  bool ReadIdentifiers(std::vector<Identifier>& out) {
    out.clear();
    std::string code;
    return ReadArray([&] {
      Identifier& identifier = out.emplace_back();
      if (!Consume('[') || !ReadString(code) || !Consume(',') || !ReadString(identifier.value) ||
          !Consume(']')) {
        return false;
      }
      auto kind = IdentifierKindFromCode(code);
      identifier.kind = kind.ok() ? *kind : IdentifierKind::kOther;
      return true;
    });
  }

  bool ReadAddresses(std::vector<Address>& out) {
    out.clear();
    return ReadArray([&] {
      Address& address = out.emplace_back();
      unsigned seen = 0;
      bool ok = ReadObject([&](const std::string& key) {
        if (key == "line1") return Mark(seen, 0) && ReadString(address.line1);
        if (key == "line2") return Mark(seen, 1) && ReadString(address.line2);
        if (key == "city") return Mark(seen, 2) && ReadString(address.city);
        if (key == "region") return Mark(seen, 3) && ReadString(address.region);
        if (key == "postcode") return Mark(seen, 4) && ReadString(address.postcode);
        if (key == "country") return Mark(seen, 5) && ReadString(address.country);
        if (key == "reported_on") return Mark(seen, 6) && ReadDate(address.reported_on);
        return false;
      });
      return ok && seen == 0x7F;
    });
  }

  bool ReadEmployment(std::vector<Employment>& out) {
    out.clear();
    return ReadArray([&] {
      Employment& employment = out.emplace_back();
      unsigned seen = 0;
      bool ok = ReadObject([&](const std::string& key) {
        if (key == "employer") return Mark(seen, 0) && ReadString(employment.employer);
        if (key == "occupation") return Mark(seen, 1) && ReadString(employment.occupation);
        if (key == "since") return Mark(seen, 2) && ReadDate(employment.since);
        return false;
      });
      return ok && seen == 0x7;
    });
  }

  // Records that field `bit` was read; a field read twice is left to the general parser.
  static bool Mark(unsigned& seen, int bit) {
    if (seen & (1u << bit)) return false;
    seen |= 1u << bit;
    return true;
  }

 private:
  void SkipSpace() {
    while (position_ < text_.size() &&
           (text_[position_] == ' ' || text_[position_] == '\n' || text_[position_] == '\r' ||
            text_[position_] == '\t')) {
      ++position_;
    }
  }

  std::string_view text_;
  size_t position_ = 0;
};

bool ReadPerson(Cursor& cursor, Person& p) {
  unsigned seen = 0;
  bool ok = cursor.ReadObject([&](const std::string& key) {
    if (key == "v") {
      int64_t version = 0;
      return Cursor::Mark(seen, 0) && cursor.ReadInteger(version) && version == 1;
    }
    if (key == "given_name") return Cursor::Mark(seen, 1) && cursor.ReadString(p.given_name);
    if (key == "family_name") return Cursor::Mark(seen, 2) && cursor.ReadString(p.family_name);
    if (key == "full_name") return Cursor::Mark(seen, 3) && cursor.ReadString(p.full_name);
    if (key == "birth_date") return Cursor::Mark(seen, 4) && cursor.ReadDate(p.birth_date);
    if (key == "identifiers") return Cursor::Mark(seen, 5) && cursor.ReadIdentifiers(p.identifiers);
    if (key == "addresses") return Cursor::Mark(seen, 6) && cursor.ReadAddresses(p.addresses);
    if (key == "phones") return Cursor::Mark(seen, 7) && cursor.ReadStrings(p.phones);
    if (key == "emails") return Cursor::Mark(seen, 8) && cursor.ReadStrings(p.emails);
    if (key == "employment") return Cursor::Mark(seen, 9) && cursor.ReadEmployment(p.employment);
    return false;
  });
  return ok && seen == 0x3FF;
}

bool ReadOrganization(Cursor& cursor, Organization& o) {
  unsigned seen = 0;
  std::string code;
  bool ok = cursor.ReadObject([&](const std::string& key) {
    if (key == "v") {
      int64_t version = 0;
      return Cursor::Mark(seen, 0) && cursor.ReadInteger(version) && version == 1;
    }
    if (key == "name") return Cursor::Mark(seen, 1) && cursor.ReadString(o.name);
    if (key == "identifiers") return Cursor::Mark(seen, 2) && cursor.ReadIdentifiers(o.identifiers);
    if (key == "legal_representative") {
      return Cursor::Mark(seen, 3) && cursor.ReadString(o.legal_representative);
    }
    if (key == "registered_capital") {
      if (!Cursor::Mark(seen, 4)) return false;
      if (cursor.ReadNull()) {
        o.registered_capital.reset();
        return true;
      }
      int64_t minor_units = 0;
      if (!cursor.Consume('[') || !cursor.ReadInteger(minor_units) || !cursor.Consume(',') ||
          !cursor.ReadString(code) || !cursor.Consume(']')) {
        return false;
      }
      auto currency = Currency::Parse(code);
      o.registered_capital = Money{minor_units, currency.value_or(Currency())};
      return true;
    }
    if (key == "established_on") return Cursor::Mark(seen, 5) && cursor.ReadDate(o.established_on);
    if (key == "status") {
      if (!Cursor::Mark(seen, 6) || !cursor.ReadString(code)) return false;
      auto status = OrganizationStatusFromCode(code);
      o.status = status.ok() ? *status : OrganizationStatus::kUnknown;
      return true;
    }
    if (key == "industry_code") return Cursor::Mark(seen, 7) && cursor.ReadString(o.industry_code);
    if (key == "addresses") return Cursor::Mark(seen, 8) && cursor.ReadAddresses(o.addresses);
    if (key == "phones") return Cursor::Mark(seen, 9) && cursor.ReadStrings(o.phones);
    return false;
  });
  return ok && seen == 0x3FF;
}

}  // namespace

bool ReadIdentityDirect(std::string_view bytes, Subject& subject) {
  Cursor cursor(bytes);
  bool ok = subject.kind == SubjectKind::kPerson ? ReadPerson(cursor, subject.person)
                                                 : ReadOrganization(cursor, subject.organization);
  return ok && cursor.AtEnd();
}

}  // namespace credo::store_internal
