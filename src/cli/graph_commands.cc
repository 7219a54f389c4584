// credo graph: the relationship graph (thin layer over src/graph/graph.h).
//   credo graph build
//   credo graph load FILE.csv [--source NAME] [--no-create]
//   credo graph ubo COMPANY [--threshold 25] [--control 50] [--json]
//   credo graph group COMPANY [--control 50] [--json]
//   credo graph circles [--min-size 2] [--json]
//   credo graph closes GUARANTOR BORROWER
//   credo graph contagion --default SUBJECT[,SUBJECT] [--lgd 0.45] [--buffer-share 1] [--json]
//   credo graph neighbours SUBJECT [--depth 2] [--json]
//   credo graph rings [--degree-cap 10] [--min-size 2] [--json]
// SUBJECT / COMPANY is a subject id or a unified social credit code.
#include <cinttypes>
#include <cmath>
#include <map>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command_context.h"
#include "core/identifier.h"
#include "graph/graph.h"
#include "store/store.h"

namespace credo::cli {
namespace {

using Json = nlohmann::ordered_json;

struct GraphArgs {
  std::string subject;
  std::string other;
  std::string file;
  std::string source = "relations";
  bool no_create = false;
  double threshold = 25;
  double control = 50;
  int min_size = 2;
  std::string defaults;
  double lgd = 0.45;
  double buffer_share = 1.0;
  int depth = 2;
  int degree_cap = 10;
  bool json = false;
  std::string as_of;  //!< relations in force on this day (YYYY-MM-DD); empty: today
};

Result<std::unique_ptr<Store>> OpenBureau(const CommandContext& ctx) {
  StoreOptions options;
  options.location = ctx.db;
  options.key_file = ctx.key_file.empty() ? DefaultKeyFileFor(ctx.db) : ctx.key_file;
  const char* user = std::getenv("USER");
  options.actor = std::string("cli:") + (user ? user : "unknown");
  return OpenStore(options);
}

//! "12" -> 12; an 18-character unified social credit code -> its subject.
Result<SubjectId> ParseSubject(Store& store, const std::string& text) {
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos &&
      text.size() < 18) {
    return static_cast<SubjectId>(std::stoll(text));
  }
  auto identifier = MakeIdentifier(IdentifierKind::kCnUnifiedSocialCredit, text);
  if (!identifier.ok()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + MaskIdentifier(text) +
                         "' is neither a subject id nor a valid unified social credit code",
                     "graph");
  }
  std::vector<SubjectId> found;
  CREDO_TRY(store.WithReadTransaction([&](Transaction& txn) -> Status {
    CREDO_ASSIGN_OR_RETURN(found, txn.FindSubjectsByIdentifier(*identifier));
    return Ok();
  }));
  if (found.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "no subject holds the unified social credit code " + MaskIdentifier(text),
                     "graph");
  }
  return found.front();
}

std::string Amount(int64_t minor) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s%" PRId64 ".%02" PRId64, minor < 0 ? "-" : "",
                (minor < 0 ? -minor : minor) / 100, (minor < 0 ? -minor : minor) % 100);
  return buffer;
}

std::string Fixed(double value, int decimals) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

//! Registered names of organizations (public registry data); persons stay "person".
std::string NameOf(Store& store, SubjectId subject) {
  std::string name = "person";
  (void)store.WithReadTransaction([&](Transaction& txn) -> Status {
    auto found = txn.GetSubject(subject);
    if (found.ok() && found->kind == SubjectKind::kOrganization) name = found->organization.name;
    return Ok();
  });
  return name;
}

struct Session {
  std::unique_ptr<Store> store;
  graph::RelationshipGraph graph;
  graph::BuildStats stats;
};

Result<Session> Open(const CommandContext& ctx, const GraphArgs& args) {
  Session session;
  std::optional<Date> as_of;
  if (!args.as_of.empty()) {
    auto day = Date::ParseIso(args.as_of);
    if (!day.ok()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "--as-of " + args.as_of + " is not a date: use YYYY-MM-DD", "--as-of");
    }
    as_of = *day;
  }
  CREDO_ASSIGN_OR_RETURN(session.store, OpenBureau(ctx));
  CREDO_ASSIGN_OR_RETURN(session.graph, graph::BuildGraph(*session.store, &session.stats, as_of));
  return session;
}

void PrintWarnings(CommandContext& ctx, const std::vector<graph::OwnershipWarning>& warnings) {
  for (const auto& warning : warnings) {
    *ctx.err << "warning: [" << warning.code << "] " << warning.message << "\n";
  }
}

Json WarningsJson(const std::vector<graph::OwnershipWarning>& warnings) {
  Json array = Json::array();
  for (const auto& w : warnings) {
    array.push_back({{"code", w.code}, {"subject_id", w.subject_id}, {"message", w.message}});
  }
  return array;
}

void RunBuild(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  const auto& s = session->stats;
  std::ostream& out = *ctx.out;
  out << "graph built in " << Fixed(s.seconds, 2) << " s: " << session->graph.node_count()
      << " nodes (" << s.subjects << " subjects, " << s.contact_points << " contact points), "
      << session->graph.edge_count() << " edges (" << s.relation_edges << " relations, "
      << s.contact_edges << " contact links)\n";
  out << "financial statements: " << s.statements << ", tradelines: " << s.tradelines
      << ", memory: " << Fixed(session->graph.MemoryBytes() / 1048576.0, 1) << " MiB\n";
  int64_t by_kind[8] = {};
  for (const auto& edge : session->graph.edges()) ++by_kind[static_cast<int>(edge.kind)];
  for (int k = 0; k < 7; ++k) {
    if (by_kind[k] == 0) continue;
    out << "  " << graph::EdgeKindName(static_cast<graph::EdgeKind>(k)) << ": " << by_kind[k]
        << "\n";
  }
}

void RunLoad(CommandContext& ctx, const GraphArgs& args) {
  auto store = OpenBureau(ctx);
  if (!store.ok()) return (void)Fail(ctx, store.error());
  graph::RelationsFeedOptions options;
  options.source = args.source;
  options.create_missing = !args.no_create;
  auto result = graph::LoadRelationsFile(**store, args.file, options);
  if (!result.ok()) return (void)Fail(ctx, result.error());
  if (result->already_loaded) {
    *ctx.out << args.file << ": already loaded as batch " << result->batch_id
             << " (same SHA-256): nothing to do\n";
    return;
  }
  *ctx.out << args.file << ": batch " << result->batch_id << " committed: " << result->rows
           << " rows, " << result->accepted << " relations, " << result->quarantined
           << " quarantined, " << result->subjects_created << " subjects created\n";
}

void RunUbo(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  auto company = ParseSubject(*session->store, args.subject);
  if (!company.ok()) return (void)Fail(ctx, company.error());
  graph::OwnershipOptions options;
  options.threshold_percent = args.threshold;
  options.control_percent = args.control;
  auto ubo = graph::UltimateOwners(session->graph, *company, options);
  if (!ubo.ok()) return (void)Fail(ctx, ubo.error());
  if (args.json) {
    Json owners = Json::array();
    for (const auto& owner : ubo->owners) {
      owners.push_back({{"subject_id", owner.subject_id},
                        {"kind", graph::NodeKindName(owner.kind)},
                        {"effective_percent", std::round(owner.effective_percent * 1e4) / 1e4},
                        {"shortest_chain", owner.shortest_chain},
                        {"beneficial", owner.effective_percent + 1e-9 >= args.threshold},
                        {"controls", owner.controls}});
    }
    Json json{{"company", ubo->company}, {"threshold_percent", args.threshold},
              {"owners", owners},
              {"unidentified_percent", std::round(ubo->unidentified_percent * 1e4) / 1e4},
              {"unresolved_percent", std::round(ubo->unresolved_percent * 1e4) / 1e4},
              {"cycle", ubo->cycle}, {"warnings", WarningsJson(ubo->warnings)}};
    *ctx.out << json.dump(2) << "\n";
    return;
  }
  PrintWarnings(ctx, ubo->warnings);
  std::ostream& out = *ctx.out;
  out << "ultimate owners of company " << ubo->company << " (" << NameOf(*session->store, ubo->company)
      << "), beneficial at >= " << Fixed(args.threshold, 2) << "%:\n";
  char line[256];
  std::snprintf(line, sizeof line, "%10s  %-12s  %10s  %5s  %-10s  %s\n", "subject", "kind",
                "effective", "chain", "", "name");
  out << line;
  for (const auto& owner : ubo->owners) {
    bool beneficial = owner.effective_percent + 1e-9 >= args.threshold;
    std::snprintf(line, sizeof line, "%10" PRId64 "  %-12s  %9.2f%%  %5d  %-10s  %s\n",
                  owner.subject_id, std::string(graph::NodeKindName(owner.kind)).c_str(),
                  owner.effective_percent, owner.shortest_chain,
                  owner.controls ? "controls" : beneficial ? "beneficial" : "",
                  NameOf(*session->store, owner.subject_id).c_str());
    out << line;
  }
  out << ubo->beneficial_owners.size() << " beneficial owner(s); "
      << Fixed(ubo->unidentified_percent, 2) << "% held by no recorded holder";
  if (!ubo->cycle.empty()) out << "; shareholding cycle through " << ubo->cycle.size() << " companies";
  out << "\n";
}

void RunGroup(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  auto company = ParseSubject(*session->store, args.subject);
  if (!company.ok()) return (void)Fail(ctx, company.error());
  graph::OwnershipOptions options;
  options.control_percent = args.control;
  auto group = graph::GroupOf(session->graph, *company, options);
  if (!group.ok()) return (void)Fail(ctx, group.error());
  const std::string& currency = session->graph.currency();
  if (args.json) {
    Json members = Json::array();
    for (const auto& m : group->members) {
      members.push_back({{"subject_id", m.subject_id}, {"controlled_by", m.controlled_by},
                         {"controlled_percent", m.controlled_percent},
                         {"loan_balance_minor", m.loan_balance},
                         {"guarantees_given_minor", m.guarantees_given},
                         {"guarantees_given_outside_minor", m.guarantees_given_outside}});
    }
    Json json{{"company", group->company}, {"top_controller", group->top_controller},
              {"top_controller_kind", graph::NodeKindName(group->top_controller_kind)},
              {"currency", currency}, {"members", members},
              {"loan_balance_minor", group->loan_balance},
              {"guarantees_given_minor", group->guarantees_given},
              {"guarantees_given_outside_minor", group->guarantees_given_outside},
              {"warnings", WarningsJson(group->warnings)}};
    *ctx.out << json.dump(2) << "\n";
    return;
  }
  PrintWarnings(ctx, group->warnings);
  std::ostream& out = *ctx.out;
  out << "group of company " << group->company << ": top controller "
      << graph::NodeKindName(group->top_controller_kind) << " " << group->top_controller << " ("
      << NameOf(*session->store, group->top_controller) << "), " << group->members.size()
      << " member companies\n";
  char line[320];
  std::snprintf(line, sizeof line, "%10s  %13s  %9s  %18s  %18s  %18s  %s\n", "subject",
                "controlled by", "stake", "loans", "guarantees given", "outside group", "name");
  out << line;
  for (const auto& m : group->members) {
    std::snprintf(line, sizeof line, "%10" PRId64 "  %13s  %9s  %18s  %18s  %18s  %s\n",
                  m.subject_id, m.controlled_by ? std::to_string(m.controlled_by).c_str() : "-",
                  m.controlled_by ? (Fixed(m.controlled_percent, 2) + "%").c_str() : "-",
                  Amount(m.loan_balance).c_str(), Amount(m.guarantees_given).c_str(),
                  Amount(m.guarantees_given_outside).c_str(),
                  NameOf(*session->store, m.subject_id).c_str());
    out << line;
  }
  out << "group exposure (" << currency << "): loans " << Amount(group->loan_balance)
      << ", guarantees given " << Amount(group->guarantees_given) << " (outside the group "
      << Amount(group->guarantees_given_outside) << ")\n";
}

void RunCircles(CommandContext& ctx, const GraphArgs& args) {
  if (args.min_size < 1) {
    return (void)Fail(ctx, MakeError(ErrorCode::kInvalidArgument,
                                     "--min-size must be at least 1", "graph circles"));
  }
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  graph::CircleOptions options;
  options.min_size = args.min_size;
  auto circles = graph::GuaranteeCircles(session->graph, options);
  const std::string& currency = session->graph.currency();
  if (args.json) {
    Json array = Json::array();
    for (const auto& circle : circles) {
      Json members = Json::array();
      for (const auto& m : circle.members) {
        Json member{{"subject_id", m.subject_id},
                    {"guarantees_given_inside_minor", m.guarantees_given_inside},
                    {"guarantees_given_total_minor", m.guarantees_given_total},
                    {"guarantees_received_inside_minor", m.guarantees_received_inside},
                    {"out_degree_inside", m.out_degree_inside},
                    {"in_degree_inside", m.in_degree_inside}};
        member["net_assets_minor"] = m.net_assets ? Json(*m.net_assets) : Json(nullptr);
        member["leverage"] = m.leverage ? Json(std::round(*m.leverage * 1e4) / 1e4) : Json(nullptr);
        members.push_back(std::move(member));
      }
      array.push_back({{"id", circle.id}, {"size", circle.members.size()},
                       {"internal_guarantees", circle.internal_guarantees},
                       {"total_guaranteed_minor", circle.total_guaranteed},
                       {"currency", currency}, {"members", members}});
    }
    *ctx.out << Json{{"circles", array}}.dump(2) << "\n";
    return;
  }
  std::ostream& out = *ctx.out;
  out << circles.size() << " guarantee circle(s) of at least " << args.min_size << " members\n";
  char line[320];
  for (const auto& circle : circles) {
    out << "\ncircle " << circle.id << ": " << circle.members.size() << " members, "
        << circle.internal_guarantees << " guarantees inside, total guaranteed "
        << Amount(circle.total_guaranteed) << " " << currency << "\n";
    std::snprintf(line, sizeof line, "%10s  %18s  %18s  %18s  %9s  %s\n", "subject",
                  "given inside", "given in total", "net assets", "leverage", "name");
    out << line;
    for (const auto& m : circle.members) {
      std::snprintf(line, sizeof line, "%10" PRId64 "  %18s  %18s  %18s  %9s  %s\n", m.subject_id,
                    Amount(m.guarantees_given_inside).c_str(),
                    Amount(m.guarantees_given_total).c_str(),
                    m.net_assets ? Amount(*m.net_assets).c_str() : "unknown",
                    m.leverage ? (Fixed(*m.leverage, 2) + "x").c_str() : "-",
                    NameOf(*session->store, m.subject_id).c_str());
      out << line;
    }
  }
}

void RunCloses(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  auto guarantor = ParseSubject(*session->store, args.subject);
  if (!guarantor.ok()) return (void)Fail(ctx, guarantor.error());
  auto borrower = ParseSubject(*session->store, args.other);
  if (!borrower.ok()) return (void)Fail(ctx, borrower.error());
  auto closure = graph::ClosesCircle(session->graph, *guarantor, *borrower);
  if (!closure.ok()) return (void)Fail(ctx, closure.error());
  if (!closure->closes) {
    *ctx.out << "a guarantee " << *guarantor << " -> " << *borrower << " closes no circle\n";
    return;
  }
  std::string path;
  for (SubjectId id : closure->path) path += std::to_string(id) + " -> ";
  *ctx.out << "a guarantee " << *guarantor << " -> " << *borrower
           << " CLOSES a circle: existing guarantees " << path.substr(0, path.size() - 4)
           << ", then the new one back to " << *borrower << "\n";
}

void RunContagion(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  std::vector<SubjectId> defaulted;
  std::stringstream list(args.defaults);
  std::string item;
  while (std::getline(list, item, ',')) {
    if (item.empty()) continue;
    auto subject = ParseSubject(*session->store, item);
    if (!subject.ok()) return (void)Fail(ctx, subject.error());
    defaulted.push_back(*subject);
  }
  graph::ContagionOptions options;
  options.lgd = args.lgd;
  options.buffer_share = args.buffer_share;
  auto result = graph::RunContagion(session->graph, defaulted, options);
  if (!result.ok()) return (void)Fail(ctx, result.error());
  const std::string& currency = session->graph.currency();
  if (args.json) {
    Json subjects = Json::array();
    for (const auto& s : result->subjects) {
      subjects.push_back({{"subject_id", s.subject_id}, {"defaulted", s.defaulted},
                          {"round", s.round}, {"guarantee_calls_minor", s.guarantee_calls},
                          {"buffer_minor", s.buffer ? Json(*s.buffer) : Json(nullptr)},
                          {"loan_balance_minor", s.loan_balance}, {"called_by", s.called_by}});
    }
    Json json{{"rounds", result->rounds}, {"defaulted", result->defaulted},
              {"at_risk", result->at_risk}, {"lgd", result->lgd}, {"currency", currency},
              {"exposure_at_default_minor", result->exposure_at_default},
              {"expected_loss_minor", result->expected_loss},
              {"calls_on_survivors_minor", result->calls_on_survivors},
              {"calls_on_defaulted_minor", result->calls_on_defaulted},
              {"subjects", subjects}};
    *ctx.out << json.dump(2) << "\n";
    return;
  }
  std::ostream& out = *ctx.out;
  out << "contagion from " << defaulted.size() << " defaulted subject(s): fixed point after "
      << result->rounds << " round(s) of cascade; " << result->defaulted << " defaulted, "
      << result->at_risk << " called but standing\n";
  char line[320];
  std::snprintf(line, sizeof line, "%10s  %-9s  %5s  %18s  %18s  %18s  %s\n", "subject", "status",
                "round", "guarantee calls", "buffer", "loans", "called by");
  out << line;
  for (const auto& s : result->subjects) {
    std::string called_by;
    for (SubjectId id : s.called_by) called_by += (called_by.empty() ? "" : ",") + std::to_string(id);
    std::snprintf(line, sizeof line, "%10" PRId64 "  %-9s  %5s  %18s  %18s  %18s  %s\n",
                  s.subject_id, s.defaulted ? "defaulted" : "at risk",
                  s.defaulted ? std::to_string(s.round).c_str() : "-",
                  Amount(s.guarantee_calls).c_str(),
                  s.buffer ? Amount(*s.buffer).c_str() : "unknown", Amount(s.loan_balance).c_str(),
                  called_by.c_str());
    out << line;
  }
  out << "exposure at default " << Amount(result->exposure_at_default) << " " << currency
      << ", LGD " << Fixed(result->lgd, 2) << ", expected loss " << Amount(result->expected_loss)
      << " " << currency << "; guarantee calls on survivors " << Amount(result->calls_on_survivors)
      << ", on defaulted guarantors " << Amount(result->calls_on_defaulted) << "\n";
}

void RunNeighbours(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  auto subject = ParseSubject(*session->store, args.subject);
  if (!subject.ok()) return (void)Fail(ctx, subject.error());
  graph::NeighbourhoodOptions options;
  options.depth = args.depth;
  options.contact_degree_cap = args.degree_cap;
  auto hood = graph::NeighbourhoodOf(session->graph, *subject, options);
  if (!hood.ok()) return (void)Fail(ctx, hood.error());
  if (args.json) {
    *ctx.out << graph::NeighbourhoodToJson(*hood, session->graph.currency()) << "\n";
    return;
  }
  std::ostream& out = *ctx.out;
  out << "neighbourhood of subject " << hood->center << " to depth " << hood->depth << ": "
      << hood->nodes.size() << " nodes, " << hood->edges.size() << " edges"
      << (hood->truncated ? " (truncated)" : "") << "\n";
  std::map<graph::NodeId, std::string> label;
  for (const auto& node : hood->nodes) {
    label[node.node] = node.subject_id ? std::to_string(node.subject_id)
                                       : "[" + std::string(graph::NodeKindName(node.kind)) + "]";
    out << "  depth " << node.depth << "  " << graph::NodeKindName(node.kind) << "  "
        << node.label;
    if (node.kind == graph::NodeKind::kOrganization) out << "  " << NameOf(*session->store, node.subject_id);
    out << "\n";
  }
  out << "edges:\n";
  for (const auto& edge : hood->edges) {
    out << "  " << label[edge.from] << " -" << graph::EdgeKindName(edge.kind) << "-> "
        << label[edge.to];
    if (edge.kind == graph::EdgeKind::kShareholding) out << "  " << Fixed(edge.percent, 2) << "%";
    if (edge.amount) out << "  " << Amount(edge.amount) << " " << session->graph.currency();
    if (!edge.role.empty() && edge.kind != graph::EdgeKind::kContact) out << "  (" << edge.role << ")";
    out << "\n";
  }
}

void RunRings(CommandContext& ctx, const GraphArgs& args) {
  auto session = Open(ctx, args);
  if (!session.ok()) return (void)Fail(ctx, session.error());
  graph::ContactComponentOptions options;
  options.degree_cap = args.degree_cap;
  options.min_size = args.min_size;
  auto result = graph::ContactComponents(session->graph, options);
  if (args.json) {
    Json array = Json::array();
    for (const auto& c : result.components) {
      array.push_back({{"id", c.id}, {"members", c.members},
                       {"shared_contact_points", c.shared_contact_points}, {"phones", c.phones},
                       {"emails", c.emails}});
    }
    *ctx.out << Json{{"degree_cap", args.degree_cap},
                     {"capped_contact_points", result.capped_contact_points},
                     {"components", array}}.dump(2)
             << "\n";
    return;
  }
  *ctx.out << result.components.size() << " group(s) of at least " << args.min_size
           << " subjects sharing contact points (degree cap " << args.degree_cap << ", "
           << result.capped_contact_points << " contact points over the cap not used)\n";
  for (const auto& c : result.components) {
    std::string members;
    for (SubjectId id : c.members) members += (members.empty() ? "" : ",") + std::to_string(id);
    *ctx.out << "  group " << c.id << ": " << c.members.size() << " subjects, "
             << c.shared_contact_points << " shared contact points (" << c.phones << " phones, "
             << c.emails << " e-mails): " << members << "\n";
  }
}

}  // namespace

void AddGraphCommands(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* graph = app.add_subcommand(
      "graph", "Relationship graph: owners, groups, guarantee circles, contagion, neighbourhoods");
  graph->require_subcommand(1);

  CLI::App* build = graph->add_subcommand("build", "Build the graph from the bureau and show its size");
  build->callback([&ctx, args] { RunBuild(ctx, *args); });

  CLI::App* load = graph->add_subcommand(
      "load", "Load a canonical relations CSV (guarantees, officers, supply, shareholdings)");
  load->add_option("FILE", args->file, "relations CSV")->required();
  load->add_option("--source", args->source, "feed name the batch is from");
  load->add_flag("--no-create", args->no_create,
                 "quarantine rows naming a subject the bureau does not know (default: create it)");
  load->callback([&ctx, args] { RunLoad(ctx, *args); });

  CLI::App* ubo = graph->add_subcommand("ubo", "Ultimate beneficial owners of a company");
  ubo->add_option("COMPANY", args->subject, "subject id or unified social credit code")->required();
  ubo->add_option("--threshold", args->threshold, "beneficial owner at or above this percent");
  ubo->add_option("--control", args->control, "control above this percent");
  ubo->add_flag("--json", args->json, "print JSON");
  ubo->callback([&ctx, args] { RunUbo(ctx, *args); });

  CLI::App* group = graph->add_subcommand("group", "The group a company belongs to, with exposure");
  group->add_option("COMPANY", args->subject, "subject id or unified social credit code")->required();
  group->add_option("--control", args->control, "control above this percent");
  group->add_flag("--json", args->json, "print JSON");
  group->callback([&ctx, args] { RunGroup(ctx, *args); });

  CLI::App* circles = graph->add_subcommand("circles", "Guarantee circles (strongly connected components)");
  circles->add_option("--min-size", args->min_size, "smallest circle listed");
  circles->add_flag("--json", args->json, "print JSON");
  circles->callback([&ctx, args] { RunCircles(ctx, *args); });

  CLI::App* closes = graph->add_subcommand("closes", "Would a new guarantee close a circle?");
  closes->add_option("GUARANTOR", args->subject, "guarantor")->required();
  closes->add_option("BORROWER", args->other, "borrower")->required();
  closes->callback([&ctx, args] { RunCloses(ctx, *args); });

  CLI::App* contagion = graph->add_subcommand("contagion", "Default contagion through guarantees");
  contagion->add_option("--default", args->defaults, "defaulted subjects, comma separated")->required();
  contagion->add_option("--lgd", args->lgd, "loss given default, 0..1");
  contagion->add_option("--buffer-share", args->buffer_share,
                        "share of net assets that absorbs guarantee calls");
  contagion->add_flag("--json", args->json, "print JSON");
  contagion->callback([&ctx, args] { RunContagion(ctx, *args); });

  CLI::App* neighbours = graph->add_subcommand("neighbours", "Neighbourhood of a subject");
  neighbours->add_option("SUBJECT", args->subject, "subject id or unified social credit code")->required();
  neighbours->add_option("--depth", args->depth, "hops, 0..6");
  neighbours->add_option("--degree-cap", args->degree_cap, "do not expand contact points shared by more");
  neighbours->add_flag("--json", args->json, "print JSON");
  neighbours->callback([&ctx, args] { RunNeighbours(ctx, *args); });

  CLI::App* rings = graph->add_subcommand("rings", "Subjects joined by shared contact points");
  rings->add_option("--degree-cap", args->degree_cap, "contact points shared by more join nobody");
  rings->add_option("--min-size", args->min_size, "smallest group listed");
  rings->add_flag("--json", args->json, "print JSON");
  rings->callback([&ctx, args] { RunRings(ctx, *args); });
  // Every command that reads the graph reads the relations in force on one day.
  for (CLI::App* command : {build, ubo, group, circles, closes, contagion, neighbours, rings}) {
    command->add_option("--as-of", args->as_of,
                        "relations in force on this day, YYYY-MM-DD (default today): a guarantee "
                        "or holding that ended before it, or begins after it, is no edge");
  }
}

}  // namespace credo::cli
