#include "sim/serve/serve_command.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "sim/app/commands.h"
#include "sim/app/mpi_world.h"
#include "sim/io/number_text.h"
#include "sim/serve/api.h"
#include "sim/serve/embedded.h"
#include "sim/serve/http_server.h"
#include "sim/serve/workspace.h"

namespace homeward::serve {
namespace {

// A signal or a failed listener wakes the main thread through this pipe. A
// pipe rather than sigwait: threads a library started (Open MPI's) may receive
// the signal, and the handler works on whichever thread it runs.
int g_wake[2] = {-1, -1};

extern "C" void wake_on_signal(int signal) {
  const unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] const ssize_t n = ::write(g_wake[1], &byte, 1);
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

// The Host headers a browser sends to this server, for Api's DNS-rebinding check.
std::vector<std::string> allowed_hosts(const std::string& host, int port) {
  const std::string p = std::to_string(port);
  if (host == "::1") return {fmt::format("[::1]:{}", p), fmt::format("localhost:{}", p)};
  if (is_loopback(host)) return {fmt::format("127.0.0.1:{}", p), fmt::format("localhost:{}", p)};
  return {};  // listening elsewhere: the user chose to be reachable by other names
}

std::string url(const std::string& host, int port) {
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return "http://" + shown + ":" + std::to_string(port) + "/";
}

}  // namespace

int serve_command(const ServeOptions& options) {
  if (app::mpi_world().size > 1) {
    if (app::mpi_world().rank == 0)
      std::fprintf(stderr, "error: homeward serve runs in one process, not under mpirun\n");
    return app::kExitBadInput;
  }
  std::optional<Workspace> workspace;
  try {
    workspace.emplace(Workspace::open(options.workspace));
    const auto copied = workspace->seed_scenarios(shipped_scenarios());
    if (!options.quiet && !copied.empty())
      std::fprintf(stderr, "copied %s into %s\n", io::counted(copied.size(), "shipped scenario").c_str(), workspace->scenarios_dir().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return app::kExitBadInput;
  }

  if (::pipe2(g_wake, O_CLOEXEC) != 0) {
    std::perror("error: pipe");
    return app::kExitInternal;
  }
  struct sigaction action {};
  action.sa_handler = wake_on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a browser that goes away mid-response is not fatal

  RunManager runs(*workspace, options.limits);
  ApiSettings api_settings;
  api_settings.max_body_bytes = options.max_request_bytes;
  api_settings.page = std::string(workbench_page());
  Api api(*workspace, runs, api_settings);
  HttpServer server(api, HttpSettings{options.host, options.port, options.max_request_bytes});
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    ::close(g_wake[0]);
    ::close(g_wake[1]);
    return app::kExitBadInput;
  }
  // Known only now with --port 0; set before the first request is served.
  api.set_allowed_hosts(allowed_hosts(options.host, port));

  std::printf("%s\n", url(options.host, port).c_str());
  std::fflush(stdout);
  if (!options.quiet) {
    std::fprintf(stderr, "homeward serve: open %s in a browser; workspace %s; Ctrl-C stops\n",
                 url(options.host, port).c_str(), workspace->root().c_str());
    if (workbench_page().empty())
      std::fprintf(stderr,
                   "warning: built without the workbench page (npm ci --prefix web, then build): the JSON "
                   "API works, the page does not\n");
  }
  if (!is_loopback(options.host))
    std::fprintf(stderr,
                 "warning: listening on %s: anyone who can reach this address can run scenarios and read "
                 "the workspace's results; the server has no passwords\n",
                 options.host.c_str());

  bool failed = false;
  std::thread listener([&] {
    failed = !server.serve();
    wake_on_signal(0);  // stopped or failed: either way the main thread wakes
  });
  unsigned char why = 0;
  while (::read(g_wake[0], &why, 1) < 0 && errno == EINTR) {
  }
  if (!options.quiet && why != 0)
    std::fprintf(stderr, "homeward serve: stopping (signal %d): cancelling runs under way\n", static_cast<int>(why));
  runs.shutdown();  // running batches stop between replications and keep nothing
  server.stop();
  listener.join();
  ::close(g_wake[0]);
  ::close(g_wake[1]);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (why == 0 && failed) {
    std::fprintf(stderr, "error: the server stopped listening on %s\n", url(options.host, port).c_str());
    return app::kExitInternal;
  }
  if (!options.quiet) std::fprintf(stderr, "homeward serve: stopped\n");
  return app::kExitOk;
}

}  // namespace homeward::serve
