// End-to-end: `homeward serve` over real sockets. It prints its address first
// and listens on 127.0.0.1 only; a compare through the API gives the CLI's
// files byte for byte; oversized requests and paths out of the workspace are
// refused; SIGTERM mid-run stops it cleanly with nothing half-written; and the
// page's journey runs in Debian's headless Chromium (web/test/journey.mjs).
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "support/e2e_support.h"
#include "support/server_process.h"

namespace {

namespace fs = std::filesystem;
using homeward::testing::e2e::ServerProcess;
using homeward::testing::e2e::slurp;
using nlohmann::json;

const std::string kBinary = HOMEWARD_BINARY;
const std::string kSource = HOMEWARD_SOURCE_DIR;

fs::path scratch(const std::string& name) { return homeward::testing::e2e::scratch("homeward_serve", name); }

std::string shipped(const std::string& file) { return slurp(fs::path(kSource) / "scenarios" / file); }

// The listening sockets of `port` in /proc/net/tcp and tcp6, as "address:port" in the kernel's hex.
std::set<std::string> listeners(int port) {
  std::set<std::string> out;
  char hex_port[8];
  std::snprintf(hex_port, sizeof hex_port, "%04X", port);
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state;
      fields >> slot >> local >> remote >> state;
      if (state == "0A" && local.size() > 5 && local.substr(local.size() - 4) == hex_port) out.insert(local);
    }
  }
  return out;
}

// Polls a run until it settles; its last status.
json settle(httplib::Client& client, const std::string& id) {
  for (int i = 0; i < 1200; ++i) {
    const auto r = client.Get(("/api/runs/" + id).c_str());
    if (!r) return json();
    json status = json::parse(r->body);
    if (status["state"] != "queued" && status["state"] != "running") return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return json();
}

TEST(Serve, PrintsItsAddressFirstAndListensOnLoopbackOnly) {
  const fs::path dir = scratch("address");
  ServerProcess server(kBinary, dir / "ws", {}, dir / "stderr");
  ASSERT_TRUE(std::regex_match(server.first_line(), std::regex("http://127\\.0\\.0\\.1:[0-9]+/")))
      << server.first_line() << slurp(dir / "stderr");
  const int port = server.port();
  // 0100007F is 127.0.0.1 as the kernel writes it: one listener, on loopback, nothing on 0.0.0.0 or ::.
  char loopback[16];
  std::snprintf(loopback, sizeof loopback, "0100007F:%04X", port);
  EXPECT_EQ(listeners(port), std::set<std::string>{loopback});
  httplib::Client client("127.0.0.1", port);
  const auto info = client.Get("/api");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, 200);
  EXPECT_EQ(json::parse(info->body)["workspace"], fs::canonical(dir / "ws").string());
  // A foreign Host (DNS rebinding) is refused even on loopback.
  const auto rebound = client.Get("/api", {{"Host", "attacker.example"}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);
  EXPECT_EQ(server.stop(SIGINT), 0) << slurp(dir / "stderr");
  EXPECT_NE(slurp(dir / "stderr").find("stopped"), std::string::npos);
}

TEST(Serve, ACompareThroughTheApiIsTheClisByteForByte) {
  const fs::path dir = scratch("equal");
  ServerProcess server(kBinary, dir / "ws", {}, dir / "stderr");
  ASSERT_GT(server.port(), 0) << slurp(dir / "stderr");
  httplib::Client client("127.0.0.1", server.port());
  // hart.json exactly as shipped: a variant whose base is the workspace's copy of baseline.json.
  const std::string body = "{\"scenarios\": [" + shipped("baseline.json") + ", " + shipped("hart.json") +
                           "], \"replications\": 5, \"seed\": 42}";
  const auto posted = client.Post("/api/runs", body, "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 202) << posted->body;
  const std::string id = json::parse(posted->body)["id"];
  const json status = settle(client, id);
  ASSERT_EQ(status["state"], "done") << status.dump();

  const auto cli = homeward::testing::e2e::homeward("compare " + kSource + "/scenarios/baseline.json " + kSource +
                                                        "/scenarios/hart.json -n 5 --seed 42 --quiet "
                                                        "--out " +
                                                        (dir / "cli").string(),
                                                    dir);
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"}) {
    const auto got = client.Get(("/api/runs/" + id + "/files/" + file).c_str());
    ASSERT_TRUE(got);
    EXPECT_EQ(got->status, 200);
    EXPECT_EQ(got->body, slurp(dir / "cli" / file)) << file;
    EXPECT_NE(got->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  }
  EXPECT_EQ(status["summary"], json::parse(slurp(dir / "cli" / "summary.json")));
  const auto xlsx = client.Get(("/api/runs/" + id + "/files/summary.xlsx").c_str());
  ASSERT_TRUE(xlsx);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_EQ(server.stop(), 0);
}

TEST(Serve, OversizedRequestsAndPathsOutOfTheWorkspaceAreRefused) {
  const fs::path dir = scratch("refuse");
  std::ofstream(dir / "secret.json") << "{\"name\": \"SECRET\"}";
  ServerProcess server(kBinary, dir / "ws", {"--max-request-bytes", "4096"}, dir / "stderr");
  ASSERT_GT(server.port(), 0) << slurp(dir / "stderr");
  httplib::Client client("127.0.0.1", server.port());
  const auto big = client.Post("/api/runs", "{\"scenarios\": [" + shipped("baseline.json") + "]}", "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_TRUE(fs::is_empty(dir / "ws" / "runs"));
  for (const char* path : {"/api/scenarios/..%2F..%2Fsecret.json", "/api/scenarios/%2E%2E%2Fsecret.json",
                           "/api/scenarios/../../secret.json", "/api/runs/..%2F..%2F/files/summary.json",
                           "/%2E%2E/%2E%2E/secret.json", "/api/scenarios/%2Fetc%2Fpasswd"}) {
    const auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " " << r->status;
    EXPECT_EQ(r->body.find("SECRET"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // A variant whose base lies outside: 400 at /base, nothing read.
  std::string variant = shipped("hart.json");
  variant.replace(variant.find("\"baseline.json\""), 15, "\"" + (dir / "secret.json").string() + "\"");
  const auto outside = client.Post("/api/validate", variant, "application/json");
  ASSERT_TRUE(outside);
  EXPECT_EQ(json::parse(outside->body)["problems"][0]["pointer"], "/base");
  EXPECT_EQ(outside->body.find("SECRET"), std::string::npos);
  EXPECT_EQ(server.stop(), 0);
}

TEST(Serve, SigtermMidRunStopsCleanlyWithNothingHalfWritten) {
  const fs::path dir = scratch("sigterm");
  ServerProcess server(kBinary, dir / "ws", {"--threads", "1"}, dir / "stderr");
  ASSERT_GT(server.port(), 0) << slurp(dir / "stderr");
  httplib::Client client("127.0.0.1", server.port());
  const std::string body = "{\"scenarios\": [" + shipped("baseline.json") + "], \"replications\": 5000}";
  const auto queued = client.Post("/api/runs", body, "application/json");  // waits behind the first
  const auto posted = client.Post("/api/runs", body, "application/json");
  ASSERT_TRUE(posted && queued);
  const std::string running = json::parse(queued->body)["id"], waiting = json::parse(posted->body)["id"];
  for (int i = 0; i < 300; ++i) {
    const json s = json::parse(client.Get(("/api/runs/" + running).c_str())->body);
    if (s["progress"].get<double>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(server.stop(SIGTERM, 60), 0) << slurp(dir / "stderr");
  for (const std::string& id : {running, waiting}) {
    const fs::path folder = dir / "ws" / "runs" / id;
    std::set<std::string> left;
    for (const auto& entry : fs::directory_iterator(folder)) left.insert(entry.path().filename().string());
    EXPECT_EQ(left, (std::set<std::string>{"request.json", "state.json"})) << id;
    EXPECT_EQ(json::parse(slurp(folder / "state.json"))["state"], "cancelled") << id;
  }
  // Started again, the server lists them as cancelled.
  ServerProcess again(kBinary, dir / "ws", {}, dir / "stderr2");
  httplib::Client client2("127.0.0.1", again.port());
  const json runs = json::parse(client2.Get("/api/runs")->body)["runs"];
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["state"], "cancelled");
  EXPECT_EQ(again.stop(), 0);
}

TEST(Serve, ABusyPortOrAHeldWorkspaceExitsTwo) {
  const fs::path dir = scratch("busy");
  ServerProcess first(kBinary, dir / "ws", {}, dir / "stderr");
  ASSERT_GT(first.port(), 0);
  const auto taken = homeward::testing::e2e::homeward(
      "serve --port " + std::to_string(first.port()) + " --workspace " + (dir / "other").string(), dir);
  EXPECT_EQ(taken.exit_code, 2);
  EXPECT_NE(taken.err.find("cannot listen"), std::string::npos) << taken.err;
  const auto held = homeward::testing::e2e::homeward("serve --port 0 --workspace " + (dir / "ws").string(), dir);
  EXPECT_EQ(held.exit_code, 2);
  EXPECT_NE(held.err.find("another homeward serve (process " + std::to_string(first.pid()) + ")"), std::string::npos)
      << held.err;
  EXPECT_EQ(first.stop(), 0);
}

// Why the browser journey cannot run here, or "" when it can.
std::string browser_missing(const std::string& chromium) {
  if (!fs::exists(chromium)) return "no Chromium at " + chromium + " (scripts/quickstart.sh test installs it)";
  if (std::system("command -v node >/dev/null 2>&1") != 0) return "no Node.js (scripts/quickstart.sh installs it)";
  if (!fs::exists(fs::path(kSource) / "web" / "node_modules" / "playwright-core" / "package.json"))
    return "web/node_modules lacks playwright-core: run `npm ci --prefix web` (scripts/quickstart.sh does)";
  return "";
}

// The journey's screenshots and check.json go to test-output/serve_browser/ in the
// directory ctest runs in (the build directory).
TEST(ServeBrowser, TheJourneyInHeadlessChromium) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (const std::string missing = browser_missing(chromium); !missing.empty()) GTEST_SKIP() << missing;
  const fs::path output = fs::absolute("test-output/serve_browser");
  fs::remove_all(output);
  fs::create_directories(output);
  ServerProcess server(kBinary, output / "ws", {}, output / "server-stderr");
  ASSERT_GT(server.port(), 0) << slurp(output / "server-stderr");
  httplib::Client client("127.0.0.1", server.port());
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  if (page->status == 503) GTEST_SKIP() << "homeward was built without web/node_modules: " << page->body;

  const auto journey =
      homeward::testing::e2e::shell("node " + kSource + "/web/test/journey.mjs --url " + server.first_line() +
                                        " --out " + output.string() + " --chromium " + chromium + " --replications 8",
                                    output);
  std::cout << journey.out << journey.err;
  ASSERT_EQ(journey.exit_code, 0) << journey.out << journey.err;
  EXPECT_EQ(server.stop(), 0);
  const json check = json::parse(slurp(output / "check.json"));
  EXPECT_TRUE(check["failures"].empty());
  EXPECT_GT(fs::file_size(output / "workbench.png"), 50000u);

  // What the page ran with HART switched on is what the CLI runs for hart.json: the same bytes.
  const std::string hart_run = check["runs"]["hart"];
  const auto cli = homeward::testing::e2e::homeward("compare " + kSource + "/scenarios/baseline.json " + kSource +
                                                        "/scenarios/hart.json -n 8 --seed 3 --quiet "
                                                        "--out " +
                                                        (output / "cli").string(),
                                                    output);
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  for (const char* file : {"summary.json", "replications.csv", "monthly.csv"})
    EXPECT_EQ(slurp(output / "ws" / "runs" / hart_run / file), slurp(output / "cli" / file)) << file;
  // And the scenario it saved is valid for the CLI.
  const auto validate =
      homeward::testing::e2e::homeward("validate " + (output / "saved.json").string() + " " +
                                           (output / "ws" / "scenarios" / "hart_from_the_page.json").string(),
                                       output);
  EXPECT_EQ(validate.exit_code, 0) << validate.err;
  std::cout << "screenshot: " << (output / "workbench.png").string() << "\n";
}

// The journey's guards can fail: made to log an error and to ask another host for an image,
// the page fails the journey with both.
TEST(ServeBrowser, TheJourneysGuardsCatchConsoleErrorsAndOutsideRequests) {
  const char* chromium_env = std::getenv("HOMEWARD_CHROMIUM");
  const std::string chromium = chromium_env != nullptr ? chromium_env : "/usr/bin/chromium";
  if (const std::string missing = browser_missing(chromium); !missing.empty()) GTEST_SKIP() << missing;
  const fs::path dir = scratch("self_test");
  ServerProcess server(kBinary, dir / "ws", {}, dir / "server-stderr");
  ASSERT_GT(server.port(), 0) << slurp(dir / "server-stderr");
  httplib::Client client("127.0.0.1", server.port());
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  if (page->status == 503) GTEST_SKIP() << "homeward was built without web/node_modules: " << page->body;
  const auto journey = homeward::testing::e2e::shell("node " + kSource + "/web/test/journey.mjs --self-test --url " +
                                                         server.first_line() + " --out " + (dir / "out").string() +
                                                         " --chromium " + chromium,
                                                     dir);
  EXPECT_EQ(journey.exit_code, 1) << journey.out << journey.err;
  EXPECT_NE(journey.err.find("FAIL console error: homeward self-test"), std::string::npos) << journey.err;
  EXPECT_NE(journey.err.find("FAIL the page requested http://192.0.2.1/self-test.png"), std::string::npos)
      << journey.err;
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
