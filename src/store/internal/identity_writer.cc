#include "store/internal/identity_writer.h"

#include <charconv>
#include <cstdint>
#include <string_view>

#include "store/internal/codec.h"

namespace credo::store_internal {
namespace {

// Strict UTF-8 as nlohmann's decoder reads it: no overlong forms, no surrogates, nothing past
// U+10FFFF.
bool IsValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + length > size) return false;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return false;
    for (size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  bool ok() const { return ok_; }
  void Raw(std::string_view text) { out_.append(text); }

  void String(std::string_view text) {
    if (!IsValidUtf8(text)) ok_ = false;
    out_.push_back('"');
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(text, run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\b': out_.append("\\b"); break;
        case '\f': out_.append("\\f"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
          out_.append(escape, sizeof escape);
        }
      }
    }
    out_.append(text, run, text.size() - run);
    out_.push_back('"');
  }

  void Integer(int64_t value) {
    char digits[24];
    auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
    out_.append(digits, static_cast<size_t>(end - digits));
  }

  void Date(const std::optional<credo::Date>& date) {
    if (date) {
      Integer(date->days_since_epoch());
    } else {
      Raw("null");
    }
  }

  void Strings(const std::vector<std::string>& values) {
    out_.push_back('[');
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_.push_back(',');
      String(values[i]);
    }
    out_.push_back(']');
  }

  void Identifiers(const std::vector<Identifier>& identifiers) {
    out_.push_back('[');
    for (size_t i = 0; i < identifiers.size(); ++i) {
      if (i > 0) out_.push_back(',');
      out_.push_back('[');
      String(IdentifierKindCode(identifiers[i].kind));
      out_.push_back(',');
      String(identifiers[i].value);
      out_.push_back(']');
    }
    out_.push_back(']');
  }

  void Addresses(const std::vector<Address>& addresses) {
    out_.push_back('[');
    for (size_t i = 0; i < addresses.size(); ++i) {
      const Address& a = addresses[i];
      if (i > 0) out_.push_back(',');
      Raw("{\"city\":");
      String(a.city);
      Raw(",\"country\":");
      String(a.country);
      Raw(",\"line1\":");
      String(a.line1);
      Raw(",\"line2\":");
      String(a.line2);
      Raw(",\"postcode\":");
      String(a.postcode);
      Raw(",\"region\":");
      String(a.region);
      Raw(",\"reported_on\":");
      Date(a.reported_on);
      out_.push_back('}');
    }
    out_.push_back(']');
  }

 private:
  std::string& out_;
  bool ok_ = true;
};

}  // namespace

bool WriteIdentityDirect(const Subject& subject, std::string& out) {
  Writer w(out);
  // Keys in the order of nlohmann's std::map: byte-wise.
  if (subject.kind == SubjectKind::kPerson) {
    const Person& p = subject.person;
    w.Raw("{\"addresses\":");
    w.Addresses(p.addresses);
    w.Raw(",\"birth_date\":");
    w.Date(p.birth_date);
    w.Raw(",\"emails\":");
    w.Strings(p.emails);
    w.Raw(",\"employment\":[");
    for (size_t i = 0; i < p.employment.size(); ++i) {
      const Employment& e = p.employment[i];
      if (i > 0) w.Raw(",");
      w.Raw("{\"employer\":");
      w.String(e.employer);
      w.Raw(",\"occupation\":");
      w.String(e.occupation);
      w.Raw(",\"since\":");
      w.Date(e.since);
      w.Raw("}");
    }
    w.Raw("],\"family_name\":");
    w.String(p.family_name);
    w.Raw(",\"full_name\":");
    w.String(p.full_name);
    w.Raw(",\"given_name\":");
    w.String(p.given_name);
    w.Raw(",\"identifiers\":");
    w.Identifiers(p.identifiers);
    w.Raw(",\"phones\":");
    w.Strings(p.phones);
    w.Raw(",\"v\":1}");
    return w.ok();
  }
  const Organization& o = subject.organization;
  w.Raw("{\"addresses\":");
  w.Addresses(o.addresses);
  w.Raw(",\"established_on\":");
  w.Date(o.established_on);
  w.Raw(",\"identifiers\":");
  w.Identifiers(o.identifiers);
  w.Raw(",\"industry_code\":");
  w.String(o.industry_code);
  w.Raw(",\"legal_representative\":");
  w.String(o.legal_representative);
  w.Raw(",\"name\":");
  w.String(o.name);
  w.Raw(",\"phones\":");
  w.Strings(o.phones);
  w.Raw(",\"registered_capital\":");
  if (o.registered_capital) {
    w.Raw("[");
    w.Integer(o.registered_capital->minor_units);
    w.Raw(",");
    w.String(o.registered_capital->currency.code());
    w.Raw("]");
  } else {
    w.Raw("null");
  }
  w.Raw(",\"status\":");
  w.String(OrganizationStatusCode(o.status));
  w.Raw(",\"v\":1}");
  return w.ok();
}

}  // namespace credo::store_internal
