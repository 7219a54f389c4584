#include "ingest/batch/attach.h"

namespace credo::ingest {
namespace {

class StrongIdentifierAttacher : public SubjectAttacher {
 public:
  using SubjectAttacher::Attach;
  Result<Attachment> Attach(Transaction& txn, const Subject& incoming,
                            const RecordOrigin&) override {
    const std::vector<Identifier>& identifiers = incoming.kind == SubjectKind::kPerson
                                                     ? incoming.person.identifiers
                                                     : incoming.organization.identifiers;
    for (const Identifier& identifier : identifiers) {
      if (!IsStrongIdentifier(identifier.kind)) continue;
      CREDO_ASSIGN_OR_RETURN(std::vector<SubjectId> found,
                             txn.FindSubjectsByIdentifier(identifier));
      if (!found.empty()) return Attachment{found.front(), false};
    }
    Subject subject = incoming;
    subject.id = 0;
    CREDO_ASSIGN_OR_RETURN(SubjectId id, txn.InsertSubject(subject));
    return Attachment{id, true};
  }
};

}  // namespace

std::string RecordOrigin::Describe() const {
  if (batch_id == 0) return {};
  std::string text = "batch " + std::to_string(batch_id);
  if (line > 0) text += ", line " + std::to_string(line);
  return text;
}

std::unique_ptr<SubjectAttacher> MakeStrongIdentifierAttacher() {
  return std::make_unique<StrongIdentifierAttacher>();
}

namespace {
AttacherFactory& DefaultFactory() {
  static AttacherFactory factory;
  return factory;
}
}  // namespace

void SetDefaultAttacherFactory(AttacherFactory factory) { DefaultFactory() = std::move(factory); }

Result<std::unique_ptr<SubjectAttacher>> MakeDefaultAttacher(Store& store) {
  if (DefaultFactory()) return DefaultFactory()(store);
  return MakeStrongIdentifierAttacher();
}

}  // namespace credo::ingest
