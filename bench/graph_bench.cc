// Relationship-graph benchmark. Two modes, sizes as parameters:
//   --mode store  : generate a bureau (persons, companies), load it through the ingest pipeline
//                   (card issuer and online lender files for persons and their contact points,
//                   registry, canonical statements, corporate loans) and `graph load` the
//                   relations file; then time BuildGraph from the store, guarantee circles, UBO
//                   for every company and contact components.
//   --mode memory : build the graph of the generator's world directly in memory (every person's
//                   phone and e-mail, every company's holders, legal representative and
//                   guarantees) at the target size, and time the same queries.
// Peer: networkx strongly_connected_components on the same guarantee edge list (pure Python;
// run as a child process). Prints figures, the targets (build < 60 s, circles + UBO for all
// companies < 10 s at 1,000,000 persons and 100,000 companies) and peak RSS. Not a timed test.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_map>

#include "core/profile.h"
#include "graph/graph.h"
#include "ingest/batch/pipeline.h"
#include "ingest/generate/generate.h"
#include "ingest/generate/population.h"
#include "store/keys.h"

namespace fs = std::filesystem;
using namespace credo;
using WallClock = std::chrono::steady_clock;

namespace {

double Since(WallClock::time_point start) {
  return std::chrono::duration<double>(WallClock::now() - start).count();
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

uint64_t KeyOf(const std::string& text, bool email) {
  uint64_t key = std::hash<std::string>{}(text) & ~(uint64_t{1} << 63);
  return email ? key | (uint64_t{1} << 63) : key;
}

graph::RelationshipGraph MemoryGraph(int64_t persons, int64_t companies, uint64_t seed) {
  ingest::generate::GeneratorOptions options;
  options.persons = persons;
  options.companies = companies;
  options.seed = seed;
  auto plan = ingest::generate::MakeWorldPlan(options);
  graph::RelationshipGraph g;
  for (int64_t i = 0; i < persons; ++i) {
    auto person = ingest::generate::MakePerson(plan, i);
    graph::NodeId node = g.AddSubject(i + 1, graph::NodeKind::kPerson);
    g.AddEdge(node, g.AddContactPoint(KeyOf(person.phone, false), graph::NodeKind::kPhone),
              graph::EdgeKind::kContact, 0, 0, "phone");
    if (!person.email.empty()) {
      g.AddEdge(node, g.AddContactPoint(KeyOf(person.email, true), graph::NodeKind::kEmail),
                graph::EdgeKind::kContact, 0, 0, "email");
    }
  }
  auto company_node = [&](int64_t index) {
    return g.AddSubject(persons + index + 1, graph::NodeKind::kOrganization);
  };
  for (int64_t c = 0; c < companies; ++c) company_node(c);
  for (int64_t c = 0; c < companies; ++c) {
    auto company = ingest::generate::MakeCompany(plan, c);
    graph::NodeId node = company_node(c);
    g.mutable_facts(node).net_assets = company.registered_capital;
    for (const auto& holder : company.shareholders) {
      graph::NodeId from = holder.is_company ? company_node(holder.index) : g.NodeOf(holder.index + 1);
      g.AddEdge(from, node, graph::EdgeKind::kShareholding, holder.percent);
    }
    if (company.legal_representative >= 0) {
      g.AddEdge(g.NodeOf(company.legal_representative + 1), node,
                graph::EdgeKind::kLegalRepresentative);
    }
    for (const auto& guarantee : ingest::generate::GuaranteesGivenBy(plan, c)) {
      g.AddEdge(node, company_node(guarantee.borrower), graph::EdgeKind::kGuarantee, 0,
                guarantee.amount);
    }
  }
  g.Finalize();
  return g;
}

Status LoadStore(const std::string& dir, int64_t persons, int64_t companies, uint64_t seed,
                 std::unique_ptr<Store>& store) {
  ingest::generate::GeneratorOptions options;
  options.persons = persons;
  options.companies = companies;
  options.seed = seed;
  options.out_dir = dir + "/intake";
  auto started = WallClock::now();
  CREDO_ASSIGN_OR_RETURN(auto summary, ingest::generate::Generate(options));
  std::printf("generate: %.1f s\n", Since(started));
  std::string db = dir + "/bureau.db";
  CREDO_ASSIGN_OR_RETURN(auto keys, InitKeyFile(db + ".keys"));
  (void)keys;
  StoreOptions store_options;
  store_options.location = db;
  store_options.create_if_missing = true;
  CREDO_ASSIGN_OR_RETURN(store, OpenStore(store_options));
  CREDO_ASSIGN_OR_RETURN(auto profile, LoadBuiltinProfile("cn"));
  started = WallClock::now();
  const std::pair<std::string, std::string> files[] = {
      {"card_issuer/cards_202601.csv", "card_issuer"},
      {"online_lender/loans_202601.jsonl", "online_lender"},
      {"registry/companies.csv", "registry"},
      {"financials/statements_canonical.jsonl", ""},
      {"bank_corporate/loans_202601.csv", "bank_corporate_loans"}};
  for (const auto& [relative, mapping_name] : files) {
    std::optional<ingest::Mapping> mapping;
    if (!mapping_name.empty()) {
      CREDO_ASSIGN_OR_RETURN(mapping, ingest::LoadIngestMapping(options.out_dir + "/mappings/" +
                                                                 mapping_name + ".toml"));
    }
    std::string path = options.out_dir + "/" + relative;
    CREDO_ASSIGN_OR_RETURN(auto result,
                           ingest::IngestFile(*store, path, mapping_name.empty() ? "financials" : mapping_name,
                                              ingest::GuessInputFormat(path),
                                              mapping ? &*mapping : nullptr, profile));
    std::printf("ingest %s: %lld records\n", relative.c_str(),
                static_cast<long long>(result.dq.records));
  }
  CREDO_ASSIGN_OR_RETURN(auto relations,
                         graph::LoadRelationsFile(*store, options.out_dir + "/relations/relations.csv"));
  std::printf("graph load relations: %lld relations, %lld subjects created; loading took %.1f s\n",
              static_cast<long long>(relations.accepted),
              static_cast<long long>(relations.subjects_created), Since(started));
  return Ok();
}

void Queries(const graph::RelationshipGraph& g, const std::string& dir, bool peer) {
  auto started = WallClock::now();
  double cpu = CpuSeconds();
  auto circles = graph::GuaranteeCircles(g);
  double circles_s = Since(started);
  int64_t members = 0;
  for (const auto& c : circles) members += static_cast<int64_t>(c.members.size());
  started = WallClock::now();
  int64_t companies = 0, warnings = 0, beneficial = 0;
  for (graph::NodeId node = 0; node < static_cast<graph::NodeId>(g.node_count()); ++node) {
    if (g.kind(node) != graph::NodeKind::kOrganization) continue;
    ++companies;
    auto ubo = graph::UltimateOwnersOfNode(g, node, {});
    warnings += static_cast<int64_t>(ubo.warnings.size());
    beneficial += static_cast<int64_t>(ubo.beneficial_owners.size());
  }
  double ubo_s = Since(started);
  double query_cpu = CpuSeconds() - cpu;
  started = WallClock::now();
  auto rings = graph::ContactComponents(g);
  double rings_s = Since(started);
  std::printf("circles: %zu (%lld members) in %.3f s\n", circles.size(),
              static_cast<long long>(members), circles_s);
  std::printf("UBO for %lld companies: %.3f s (%lld beneficial owners, %lld warnings)\n",
              static_cast<long long>(companies), ubo_s, static_cast<long long>(beneficial),
              static_cast<long long>(warnings));
  std::printf("circles + UBO: %.3f s wall, %.3f s CPU (target < 10 s at 100,000 companies)\n",
              circles_s + ubo_s, query_cpu);
  std::printf("contact components (cap 10): %zu groups of >= 2 in %.3f s\n",
              rings.components.size(), rings_s);
  if (!peer) return;
  std::string edges = dir + "/guarantee_edges.tsv";
  {
    std::ofstream out(edges);
    for (const auto& edge : g.edges()) {
      if (edge.kind == graph::EdgeKind::kGuarantee) out << edge.from << "\t" << edge.to << "\n";
    }
  }
  std::string command = std::string("python3 ") + CREDO_GRAPH_PEER_SCRIPT + " " + edges;
  FILE* pipe = popen(command.c_str(), "r");
  char line[512] = {0};
  if (pipe && fgets(line, sizeof line, pipe)) {
    double seconds = 0, scc_seconds = 0;
    long long components = 0, peer_members = 0;
    if (std::sscanf(line, "seconds %lf scc_seconds %lf components_ge2 %lld members %lld", &seconds,
                    &scc_seconds, &components, &peer_members) == 4) {
      std::printf("peer networkx SCC on the same guarantee edges: %.3f s (load + SCC), SCC alone "
                  "%.3f s, %lld circles, %lld members -> credo circles %.1fx faster than SCC alone%s\n",
                  seconds, scc_seconds, components, peer_members,
                  scc_seconds / std::max(circles_s, 1e-9),
                  components == static_cast<long long>(circles.size()) ? " (same circles count)"
                                                                        : " (COUNTS DIFFER)");
    } else {
      std::printf("peer output not understood: %s\n", line);
    }
  } else {
    std::printf("peer: python3 with networkx not available\n");
  }
  if (pipe) pclose(pipe);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t persons = 20000, companies = 2000;
  uint64_t seed = 1;
  std::string mode = "store";
  std::string dir = (fs::temp_directory_path() / ("credo_graph_bench_" + std::to_string(getpid()))).string();
  bool peer = true, keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--persons") persons = std::stoll(next());
    else if (arg == "--companies") companies = std::stoll(next());
    else if (arg == "--seed") seed = std::stoull(next());
    else if (arg == "--mode") mode = next();
    else if (arg == "--dir") dir = next();
    else if (arg == "--no-peer") peer = false;
    else if (arg == "--keep") keep = true;
    else {
      std::fprintf(stderr, "usage: graph_bench [--mode store|memory] [--persons N] [--companies M] "
                           "[--seed S] [--dir DIR] [--no-peer] [--keep]\n");
      return 2;
    }
  }
  fs::create_directories(dir);
  std::printf("graph_bench --mode %s --persons %lld --companies %lld --seed %llu\n", mode.c_str(),
              static_cast<long long>(persons), static_cast<long long>(companies),
              static_cast<unsigned long long>(seed));
  graph::RelationshipGraph g;
  if (mode == "memory") {
    auto started = WallClock::now();
    g = MemoryGraph(persons, companies, seed);
    std::printf("in-memory graph from the generator's world: %.2f s (includes generating the "
                "entities)\n", Since(started));
  } else {
    std::unique_ptr<Store> store;
    Status loaded = LoadStore(dir, persons, companies, seed, store);
    if (!loaded.ok()) {
      std::fprintf(stderr, "load failed: %s\n", loaded.error().ToString().c_str());
      return 1;
    }
    graph::BuildStats stats;
    double cpu = CpuSeconds();
    auto built = graph::BuildGraph(*store, &stats);
    if (!built.ok()) {
      std::fprintf(stderr, "build failed: %s\n", built.error().ToString().c_str());
      return 1;
    }
    g = std::move(built).value();
    std::printf("BuildGraph from the store: %.2f s wall, %.2f s CPU (target < 60 s at 1,000,000 "
                "persons): %lld subjects, %lld contact points, %lld relations, %lld statements, "
                "%lld tradelines\n",
                stats.seconds, CpuSeconds() - cpu, static_cast<long long>(stats.subjects),
                static_cast<long long>(stats.contact_points),
                static_cast<long long>(stats.relation_edges),
                static_cast<long long>(stats.statements), static_cast<long long>(stats.tradelines));
  }
  std::printf("graph: %zu nodes, %zu edges, %.1f MiB\n", g.node_count(), g.edge_count(),
              g.MemoryBytes() / 1048576.0);
  Queries(g, dir, peer);
  std::printf("peak RSS: %.1f MiB\n", PeakRssMb());
  if (!keep) fs::remove_all(dir);
  return 0;
}
