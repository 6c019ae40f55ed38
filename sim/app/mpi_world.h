// The MPI world this process belongs to. Built without MPI (the default), or
// started without an MPI launcher, it is a world of one. Under
// `mpirun -n K homeward ...` with -DHOMEWARD_MPI=ON, run and compare give
// each rank a contiguous share of the replications, and rank 0 gathers the
// shares' journals and writes the outputs, identical to one process's;
// calibrate shares each generation's simulations the same way, every rank
// runs the same optimiser on all of them, and rank 0 writes the outputs.
#pragma once

#include <string>

namespace homeward::app {

struct MpiWorld {
  int rank = 0;
  int size = 1;
};

// Initialises MPI when started by an MPI launcher; finalises it on destruction.
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

MpiWorld mpi_world();
// Every rank's text, concatenated in rank order, at rank 0 (empty elsewhere).
std::string gather_at_root(const std::string& text);
// Every rank's text, concatenated in rank order, on every rank (calibration:
// each rank's share of a generation's simulations, which every rank's copy of
// the optimiser needs).
std::string gather_everywhere(const std::string& text);
// Rank 0's value, on every rank.
int broadcast_from_root(int value);

}  // namespace homeward::app
