// credo fraud: application events, what an inquiry or credit application carries beyond the
// subject (phone, e-mail, address, device, IP, institution, the identity the applicant claimed),
// and how they are kept: as keyed blind indexes in the module's own tables, never in clear.
//
// Contract
//   * EnsureFraudSchema(store) installs the tables (schema component "fraud"); idempotent.
//   * NormalizeApplication validates and normalises the contact points (E.164 phone, lower-case
//     e-mail, folded address, trimmed device id, dotted IP). A bad value is kInvalidArgument naming
//     the field and the masked value; nothing is written.
//   * RecordApplication runs inside the caller's transaction (the inquiry's): one row in
//     fraud_applications plus one row per contact point in fraud_points. Each point carries an
//     HMAC-SHA256 blind index in the namespace "fraud.<kind>"; phones and e-mails also carry the
//     store's own identifier index (namespace "phone"/"email"), so that rings link an application's
//     phone to the same phone held in a subject's identity. Appends an audit entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/identifier.h"
#include "core/result.h"
#include "core/subject.h"
#include "store/store.h"

namespace credo::fraud {

//! The kinds of contact point an application carries; each has its own blind-index namespace.
enum class PointKind {
  kPhone,
  kEmail,
  kAddress,
  kDevice,
  kIp,
  kInstitution,
  kIdentifier,  //!< the national identifier the applicant gave (kind + value)
  kName,        //!< the name the applicant gave
  kBirthDate,   //!< the birth date the applicant gave
};
//! "phone", "email", "address", "device", "ip", "institution", "identifier", "name", "birth_date".
std::string_view PointKindName(PointKind kind);
//! "fraud.phone" ...: the blind-index namespace of the kind.
std::string PointNamespace(PointKind kind);

struct ApplicationEvent {
  int64_t id = 0;                //!< 0 until recorded; RecordApplication returns the id
  SubjectId subject_id = 0;
  std::string institution;       //!< the inquiring institution (required)
  int64_t occurred_at = 0;       //!< unix seconds
  std::string phone;             //!< as given; normalised to E.164
  std::string email;
  std::string address;           //!< one line as given; folded (case, spaces, punctuation)
  std::string device_id;
  std::string ip;
  std::optional<Identifier> identifier;  //!< the national identifier the applicant claimed
  std::string name;                      //!< the name the applicant claimed
  std::optional<Date> birth_date;        //!< the birth date the applicant claimed
};

//! A normalised (kind, value) pair of an application, before blind indexing.
struct ApplicationPoint {
  PointKind kind = PointKind::kPhone;
  std::string normalised;
};

//! Validates and normalises the event's points. `default_country` ("cn", "us") reads national
//! phone numbers. Errors name the field ("application.phone") and the masked value.
Result<ApplicationEvent> NormalizeApplication(const ApplicationEvent& event,
                                              std::string_view default_country = "cn");
//! An institution as applications record it (surrounding white space off), so an institution
//! named elsewhere (an inquiry) indexes to the same point.
std::string NormalizeInstitution(std::string_view institution);
//! The normalised points of an already-normalised event (empty fields are skipped).
std::vector<ApplicationPoint> PointsOf(const ApplicationEvent& normalised_event);
//! Folds an address line for indexing: ASCII letters lower-cased, ASCII punctuation to spaces, runs of
//! spaces collapsed ("3栋 1202室, 建设路88号" and "3栋1202室 建设路88号" stay distinct, but
//! "1234 Main St." and "1234  MAIN ST" agree).
std::string NormalizeAddressLine(std::string_view line);
//! Address of a subject's identity as one line (line1 line2 city region postcode country).
std::string AddressLineOf(const Address& address);

//! The module's tables (component "fraud").
const SchemaComponent& FraudSchema();
Status EnsureFraudSchema(Store& store);
//! True when the fraud tables exist in the store this transaction reads.
Result<bool> FraudSchemaInstalled(Transaction& transaction);

//! Stores the (normalised) event in the caller's transaction; returns the application id.
Result<int64_t> RecordApplication(Transaction& transaction, const ApplicationEvent& event);

}  // namespace credo::fraud
