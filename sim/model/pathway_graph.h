// PathwayGraph: services, pathway entries and exits as the vertices of a
// Boost.Graph, transitions with probabilities as its edges. Built and checked
// once at load; the simulation routes patients with integer vertex ids.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/random.h"
#include "sim/model/scenario.h"

namespace homeward::model {

// A defect of the graph, at the vertex named (a pathway, service or exit).
struct GraphProblem {
  std::string vertex;
  std::string message;
};

class PathwayGraph {
 public:
  enum class VertexKind : std::uint8_t { entry, service, exit };
  struct Vertex {
    VertexKind kind;
    std::uint32_t index;  // pathway, service or exit index
    std::string name;
  };

  // Builds the graph and lists every problem: unknown names, probabilities that
  // do not sum to 1, vertices with no routes, vertices that cannot reach an exit.
  static PathwayGraph build(const Scenario& scenario, std::vector<GraphProblem>& problems);

  std::uint32_t entry_vertex(Pathway p) const { return static_cast<std::uint32_t>(p); }
  std::uint32_t service_vertex(std::uint32_t service) const { return kPathwayCount + service; }
  const Vertex& vertex(std::uint32_t v) const { return vertices_[v]; }
  // REQUIRES: vertex v has out-edges.
  std::uint32_t next(std::uint32_t v, engine::RandomStream& stream) const;
  // True when vertex v draws from the stream to choose its next vertex (it has more than one).
  bool draws_next(std::uint32_t v) const { return targets_[v].size() > 1; }
  // The vertex next(v, stream) returns when the stream's next uniform01() is `uniform`.
  std::uint32_t next_given(std::uint32_t v, double uniform) const;
  // True when every route out of vertex v ends at an exit at once.
  bool leads_straight_to_exits(std::uint32_t v) const;

 private:
  std::vector<Vertex> vertices_;
  std::vector<std::vector<std::uint32_t>> targets_;   // per vertex
  std::vector<std::vector<double>> cumulative_;       // per vertex, cumulative probabilities
};

}  // namespace homeward::model
