#include "sim/model/pathway_graph.h"

#include "sim/model/prepared_scenario.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <cmath>
#include <unordered_map>

namespace homeward::model {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

}  // namespace

PathwayGraph PathwayGraph::build(const Scenario& scenario, std::vector<GraphProblem>& problems) {
  PathwayGraph g;
  std::unordered_map<std::string, std::uint32_t> by_name;
  auto add = [&](VertexKind kind, std::uint32_t index, const std::string& name) {
    if (!by_name.emplace(name, static_cast<std::uint32_t>(g.vertices_.size())).second)
      problems.push_back({name, "the name '" + name + "' is used twice"});
    g.vertices_.push_back({kind, index, name});
  };
  for (int p = 0; p < kPathwayCount; ++p)
    add(VertexKind::entry, p, pathway_code(static_cast<Pathway>(p)));
  for (std::uint32_t s = 0; s < scenario.services.size(); ++s)
    add(VertexKind::service, s, scenario.services[s].name);
  for (std::uint32_t e = 0; e < scenario.exits.size(); ++e)
    add(VertexKind::exit, e, scenario.exits[e]);

  const std::size_t n = g.vertices_.size();
  g.targets_.assign(n, {});
  g.cumulative_.assign(n, {});
  Graph graph(n);
  for (const Transition& t : scenario.transitions) {
    auto from = by_name.find(t.from);
    auto to = by_name.find(t.to);
    if (from == by_name.end()) {
      problems.push_back({t.from, "routes from '" + t.from + "', which is not a pathway or service"});
      continue;
    }
    if (to == by_name.end()) {
      problems.push_back({t.from, "routes to '" + t.to + "', which is not a service or exit"});
      continue;
    }
    if (g.vertices_[from->second].kind == VertexKind::exit) {
      problems.push_back({t.from, "exit '" + t.from + "' cannot have routes"});
      continue;
    }
    if (g.vertices_[to->second].kind == VertexKind::entry) {
      problems.push_back({t.from, "routes to pathway '" + t.to + "'; routes go to services or exits"});
      continue;
    }
    const double previous = g.cumulative_[from->second].empty() ? 0 : g.cumulative_[from->second].back();
    g.targets_[from->second].push_back(to->second);
    g.cumulative_[from->second].push_back(previous + t.probability);
    boost::add_edge(from->second, to->second, graph);
  }

  const auto used_entry = pathways_in_use(scenario);
  // Bridges and trusted assessor teams are not steps of a route: they
  // neither have routes nor are routed to.
  std::vector<bool> auxiliary(n, false);
  for (std::uint32_t s = 0; s < scenario.services.size(); ++s)
    auxiliary[kPathwayCount + s] = acts_for_other_services(scenario, scenario.services[s]);
  for (const Transition& t : scenario.transitions) {
    auto from = by_name.find(t.from), to = by_name.find(t.to);
    if (from != by_name.end() && auxiliary[from->second])
      problems.push_back({t.from, "'" + t.from + "' acts for other services (a bridge or trusted assessor) and "
                                  "cannot have routes"});
    if (to != by_name.end() && auxiliary[to->second])
      problems.push_back({t.from, "routes to '" + t.to + "', which acts for other services (a bridge or trusted "
                                  "assessor) and cannot be routed to"});
  }
  if (!scenario.home_first.later_service.empty()) {
    auto later = by_name.find(scenario.home_first.later_service);
    if (later == by_name.end() || g.vertices_[later->second].kind != VertexKind::service || auxiliary[later->second])
      problems.push_back({"", "home_first.later_service '" + scenario.home_first.later_service +
                                  "' is not a service that can be routed to"});
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    const Vertex& vertex = g.vertices_[v];
    if (vertex.kind == VertexKind::exit || auxiliary[v]) continue;
    if (vertex.kind == VertexKind::entry && !used_entry[vertex.index] && g.targets_[v].empty()) continue;
    if (g.targets_[v].empty()) {
      problems.push_back({vertex.name, "'" + vertex.name + "' has no routes: every pathway used by a "
                                       "cohort and every service needs at least one"});
    } else if (std::fabs(g.cumulative_[v].back() - 1.0) > 1e-6) {
      problems.push_back({vertex.name, "route probabilities from '" + vertex.name + "' sum to " +
                                           std::to_string(g.cumulative_[v].back()) + ", expected 1"});
    }
  }

  // Every vertex must reach an exit, or a patient could circulate for ever:
  // search backwards from all exits and flag what is not reached.
  std::vector<boost::default_color_type> colour(n, boost::white_color);
  auto reversed = boost::make_reverse_graph(graph);
  auto colour_map = boost::make_iterator_property_map(colour.begin(), boost::get(boost::vertex_index, reversed));
  boost::queue<std::size_t> queue;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (g.vertices_[v].kind == VertexKind::exit && colour[v] == boost::white_color)
      boost::breadth_first_visit(reversed, v, queue, boost::default_bfs_visitor(), colour_map);
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    const Vertex& vertex = g.vertices_[v];
    if (colour[v] != boost::white_color || g.targets_[v].empty()) continue;
    problems.push_back({vertex.name, "'" + vertex.name + "' cannot reach any exit (a dead end or a "
                                     "cycle without a way out)"});
  }
  return g;
}

std::uint32_t PathwayGraph::next(std::uint32_t v, engine::RandomStream& stream) const {
  const auto& targets = targets_[v];
  if (targets.size() == 1) return targets[0];
  return targets[stream.pick(cumulative_[v])];
}

std::uint32_t PathwayGraph::next_given(std::uint32_t v, double uniform) const {
  const auto& targets = targets_[v];
  if (targets.size() == 1) return targets[0];
  return targets[engine::RandomStream::pick(uniform, cumulative_[v])];
}

bool PathwayGraph::leads_straight_to_exits(std::uint32_t v) const {
  if (targets_[v].empty()) return false;
  for (std::uint32_t t : targets_[v])
    if (vertices_[t].kind != VertexKind::exit) return false;
  return true;
}

}  // namespace homeward::model
