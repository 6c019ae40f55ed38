// `homeward serve`: the commissioner's workbench, a local web page and JSON
// API (docs/api.md) over a workspace folder. Prints its address on the first
// line of stdout, listens on 127.0.0.1 unless told otherwise, and stops
// cleanly on SIGINT or SIGTERM: running batches are cancelled and keep no
// half-written results.
#pragma once

#include <cstddef>
#include <string>

#include "sim/serve/run_manager.h"

namespace homeward::serve {

struct ServeOptions {
  std::string workspace = "homeward-workspace";  // created when missing
  std::string host = "127.0.0.1";                // the address to listen on
  int port = 8765;                               // 0: any free port
  std::size_t max_request_bytes = std::size_t{4} << 20;
  RunLimits limits;
  bool quiet = false;  // no lines on stderr but errors
};

// Returns 0 once stopped by SIGINT or SIGTERM; 2 when the workspace or the
// address cannot be used (the reason on stderr); 1 on an internal error.
int serve_command(const ServeOptions& options);

}  // namespace homeward::serve
