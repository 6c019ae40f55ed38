// A world of one: the build without MPI.
#include "sim/app/mpi_world.h"

namespace homeward::app {

MpiSession::MpiSession(int&, char**&) {}
MpiSession::~MpiSession() = default;
MpiWorld mpi_world() { return {}; }
std::string gather_at_root(const std::string& text) { return text; }
std::string gather_everywhere(const std::string& text) { return text; }
int broadcast_from_root(int value) { return value; }

}  // namespace homeward::app
