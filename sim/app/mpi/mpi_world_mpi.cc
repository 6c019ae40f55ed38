// The MPI build (-DHOMEWARD_MPI=ON).
#include <mpi.h>

#include <cstdlib>
#include <vector>

#include "sim/app/mpi_world.h"

namespace homeward::app {
namespace {

bool g_initialised = false;

// Only under a launcher: a plain `homeward run` must not need an MPI runtime.
// Where each rank's text starts in the concatenation, and its total length.
int offsets_of(const std::vector<int>& lengths, std::vector<int>& offsets) {
  int total = 0;
  for (std::size_t r = 0; r < lengths.size(); ++r) {
    offsets[r] = total;
    total += lengths[r];
  }
  return total;
}

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  MPI_Init(&argc, &argv);
  g_initialised = true;
}

MpiSession::~MpiSession() {
  if (g_initialised) MPI_Finalize();
  g_initialised = false;
}

MpiWorld mpi_world() {
  MpiWorld world;
  if (!g_initialised) return world;
  MPI_Comm_rank(MPI_COMM_WORLD, &world.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world.size);
  return world;
}

std::string gather_at_root(const std::string& text) {
  if (!g_initialised) return text;
  const MpiWorld world = mpi_world();
  // Sizes first; journals can exceed an int's range only far beyond any real run.
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(world.size), offsets(world.size);
  MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (world.rank == 0) all.resize(static_cast<std::size_t>(offsets_of(lengths, offsets)));
  MPI_Gatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  return all;
}

std::string gather_everywhere(const std::string& text) {
  if (!g_initialised) return text;
  const MpiWorld world = mpi_world();
  int length = static_cast<int>(text.size());
  std::vector<int> lengths(world.size), offsets(world.size);
  MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD);
  std::string all(static_cast<std::size_t>(offsets_of(lengths, offsets)), '\0');
  MPI_Allgatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  return all;
}

int broadcast_from_root(int value) {
  if (g_initialised) MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return value;
}

}  // namespace homeward::app
