// The API as a function from request to response (docs/api.md): routes,
// refusals (foreign hosts and origins, other media types, oversized bodies,
// names that leave the workspace) and what each answer holds.
#include "sim/serve/api.h"

#include <gtest/gtest.h>

#include "serve/serve_test_support.h"
#include "sim/io/scenario_schema.h"

namespace homeward::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::scratch;
using testing::shipped;
using testing::slurp;

class ApiTest : public ::testing::Test {
 protected:
  ApiTest()
      : dir_(scratch(::testing::UnitTest::GetInstance()->current_test_info()->name())),
        workspace_(testing::seeded_workspace(dir_ / "ws")),
        runs_(workspace_, {}),
        api_(workspace_, runs_, settings()) {}

  static ApiSettings settings() {
    ApiSettings s;
    s.max_body_bytes = 100000;
    s.allowed_hosts = {"127.0.0.1:8765", "localhost:8765"};
    s.page = "<!doctype html><title>page</title>";
    return s;
  }

  ApiResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                   std::map<std::string, std::string> query = {}) const {
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.body = body;
    r.query = std::move(query);
    r.content_type = body.empty() ? "" : "application/json";
    r.host = "127.0.0.1:8765";
    return api_.handle(r);
  }

  static json body(const ApiResponse& r) { return json::parse(r.body); }

  fs::path dir_;
  Workspace workspace_;
  RunManager runs_;
  Api api_;
};

TEST_F(ApiTest, ThePageAndTheSchema) {
  ApiResponse page = call("GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body, "<!doctype html><title>page</title>");
  const auto header = [](const ApiResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return std::string();
  };
  EXPECT_NE(header(page, "Content-Security-Policy").find("connect-src 'self'"), std::string::npos);
  EXPECT_EQ(header(page, "X-Content-Type-Options"), "nosniff");
  const ApiResponse schema = call("GET", "/api/schema");
  EXPECT_EQ(schema.status, 200);
  EXPECT_EQ(schema.body, std::string(io::scenario_schema()));
  const json info = body(call("GET", "/api"));
  EXPECT_EQ(info["workspace"], workspace_.root().string());
  EXPECT_EQ(info["limits"]["max_request_bytes"], 100000);
  EXPECT_EQ(call("GET", "/nothing").status, 404);
  EXPECT_EQ(call("GET", "/api/nothing").status, 404);
  EXPECT_EQ(call("POST", "/api/schema", "{}").status, 405);
}

TEST_F(ApiTest, RequestsFromElsewhereAreRefused) {
  ApiRequest r;
  r.method = "GET";
  r.path = "/api/scenarios";
  r.host = "attacker.example:8765";  // DNS rebinding: a foreign name that resolves to 127.0.0.1
  EXPECT_EQ(api_.handle(r).status, 403);
  r.host = "localhost:8765";
  EXPECT_EQ(api_.handle(r).status, 200);
  r.origin = "http://attacker.example";  // another page's script
  EXPECT_EQ(api_.handle(r).status, 403);
  r.origin = "http://localhost:8765";
  EXPECT_EQ(api_.handle(r).status, 200);
  // A form post from another page cannot send JSON without asking first, which the server never allows.
  r.method = "POST";
  r.path = "/api/runs";
  r.origin = "";
  r.content_type = "text/plain";
  r.body = json{{"scenarios", {shipped("baseline.json")}}}.dump();
  EXPECT_EQ(api_.handle(r).status, 415);
  EXPECT_TRUE(runs_.list().empty());
}

TEST_F(ApiTest, OversizedBodiesAreRefusedUnread) {
  const ApiResponse r = call("POST", "/api/validate", std::string(100001, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(call("POST", "/api/validate", "{}").status, 200);
}

TEST_F(ApiTest, ScenariosAreListedWithTheirBases) {
  const json list = body(call("GET", "/api/scenarios"))["scenarios"];
  std::map<std::string, json> by_file;
  for (const json& s : list) by_file[s["file"]] = s;
  EXPECT_EQ(by_file.at("baseline.json")["name"], "baseline");
  EXPECT_TRUE(by_file.at("baseline.json")["base_file"].is_null());
  for (const char* lever :
       {"seven_day.json", "hart.json", "trusted_assessor.json", "home_first.json", "early_planning.json"})
    EXPECT_EQ(by_file.at(lever)["base_file"], "baseline.json") << lever;

  const json hart = body(call("GET", "/api/scenarios/hart.json"));
  EXPECT_EQ(hart["document"], shipped("hart.json"));
  EXPECT_TRUE(hart["problems"].empty());
  EXPECT_EQ(hart["resolved"]["services"]["hart"]["slots"], shipped("hart.json")["patch"]["services"]["hart"]["slots"]);
  EXPECT_EQ(hart["resolved"]["admissions"], shipped("baseline.json")["admissions"]);
}

TEST_F(ApiTest, ScenarioNamesCannotLeaveTheFolder) {
  std::ofstream(dir_ / "secret.json") << "{\"name\": \"secret\"}";
  fs::create_symlink(dir_ / "secret.json", workspace_.scenarios_dir() / "linked.json");
  // httplib decodes %2F before the API sees the path, so these arrive with their slashes.
  for (const char* path : {"/api/scenarios/../secret.json", "/api/scenarios/..%2Fsecret.json",
                           "/api/scenarios/.hidden.json", "/api/scenarios/x"}) {
    const ApiResponse r = call("GET", path);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << path << " " << r.status;
    EXPECT_EQ(r.body.find("secret\""), std::string::npos) << path;
  }
  const ApiResponse linked = call("GET", "/api/scenarios/linked.json");
  EXPECT_EQ(linked.status, 403);
  EXPECT_EQ(linked.body.find("\"secret\""), std::string::npos);
  // Nor can a save write through a link.
  const ApiResponse put = call("PUT", "/api/scenarios/linked.json", "{\"name\": \"x\"}", {{"replace", "true"}});
  EXPECT_EQ(put.status, 403);
  EXPECT_EQ(slurp(dir_ / "secret.json"), "{\"name\": \"secret\"}");
}

TEST_F(ApiTest, SavingKeepsTheTextAndRefusesToOverwriteUnasked) {
  json mine = shipped("hart.json");
  mine["name"] = "hart_12";
  mine["patch"]["services"]["hart"]["slots"] = 12;
  const std::string text = mine.dump(2);
  ApiResponse r = call("PUT", "/api/scenarios/hart_12.json", text);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(body(r)["problems"].empty());
  EXPECT_EQ(slurp(workspace_.scenarios_dir() / "hart_12.json"), text + "\n");
  EXPECT_EQ(call("PUT", "/api/scenarios/hart_12.json", text).status, 409);
  mine["patch"]["services"]["hart"]["slots"] = -1;  // saved all the same, with its problem
  r = call("PUT", "/api/scenarios/hart_12.json", mine.dump(), {{"replace", "true"}});
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(body(r)["problems"].size(), 1u);
  EXPECT_EQ(body(r)["problems"][0]["pointer"], "/services/hart/slots");
  EXPECT_EQ(body(r)["problems"][0]["file"], "scenarios/hart_12.json");
  EXPECT_EQ(call("PUT", "/api/scenarios/x.json", "[1, 2]").status, 400);
  EXPECT_EQ(call("PUT", "/api/scenarios/x.json", "{\"a\": 1, \"a\": 2}").status, 400);
  EXPECT_FALSE(fs::exists(workspace_.scenarios_dir() / "x.json"));
}

TEST_F(ApiTest, ValidateGivesProblemsWithPointers) {
  json bad = shipped("baseline.json");
  bad["services"]["step_down"]["beds"] = 0;
  const json r = body(call("POST", "/api/validate", bad.dump()));
  ASSERT_EQ(r["problems"].size(), 1u);
  EXPECT_EQ(r["problems"][0]["pointer"], "/services/step_down/beds");
  EXPECT_EQ(r["problems"][0]["file"], "scenarios/request-scenario-1.json");
  EXPECT_NE(r["problems"][0]["message"].get<std::string>().find("/services/step_down/beds: expected"),
            std::string::npos);
  const json syntax = body(call("POST", "/api/validate", "{\"name\": }"));
  ASSERT_EQ(syntax["problems"].size(), 1u);
  EXPECT_NE(syntax["problems"][0]["found"].get<std::string>().find("line 1"), std::string::npos) << syntax.dump();
  EXPECT_TRUE(body(call("POST", "/api/validate", shipped("seven_day.json").dump()))["problems"].empty());
}

TEST_F(ApiTest, ARunFromSubmissionToFiles) {
  const json request = {
      {"scenarios", {shipped("baseline.json"), shipped("trusted_assessor.json")}}, {"replications", 3}, {"seed", 4}};
  ApiResponse r = call("POST", "/api/runs", request.dump());
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string id = body(r)["id"];
  EXPECT_EQ(call("GET", "/api/runs/" + id + "/files/summary.json").status, 409);  // not there yet, or not done
  ASSERT_TRUE(runs_.wait(id, 120));
  const json status = body(call("GET", "/api/runs/" + id));
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_EQ(status["progress"], 1.0);
  const fs::path folder = workspace_.runs_dir() / id;
  // The summary is summary.json itself, keys in the file's order.
  EXPECT_EQ(status["summary"].dump(), json::parse(slurp(folder / "summary.json")).dump());
  const std::string text = call("GET", "/api/runs/" + id).body;
  EXPECT_LT(text.find("\"base\""), text.find("\"differences\""));

  const ApiResponse xlsx = call("GET", "/api/runs/" + id + "/files/summary.xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.file, folder / "summary.xlsx");
  EXPECT_EQ(call("GET", "/api/runs/" + id + "/files/state.json").status, 404);  // not a result file
  EXPECT_EQ(call("GET", "/api/runs/" + id + "/files/..").status, 404);
  EXPECT_EQ(call("GET", "/api/runs/../runs/" + id).status, 404);
  EXPECT_EQ(call("DELETE", "/api/runs/" + id).status, 409);  // finished: nothing to cancel
  EXPECT_EQ(call("DELETE", "/api/runs/nope").status, 404);
  const json list = body(call("GET", "/api/runs"))["runs"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], id);
  EXPECT_FALSE(list[0].contains("summary"));  // the list stays small
}

TEST_F(ApiTest, BadRunRequestsGet400WithEachProblemsScenario) {
  json bad = shipped("hart.json");
  bad["patch"]["services"]["hart"]["slots"] = "ten";
  const ApiResponse r = call("POST", "/api/runs", json{{"scenarios", {shipped("baseline.json"), bad}}}.dump());
  ASSERT_EQ(r.status, 400);
  const json problems = body(r)["problems"];
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0]["scenario"], 1);
  EXPECT_EQ(problems[0]["pointer"], "/services/hart/slots");
  EXPECT_EQ(problems[0]["found"], "\"ten\"");
  EXPECT_TRUE(runs_.list().empty());
  EXPECT_EQ(call("POST", "/api/runs", "not json").status, 400);
}

}  // namespace
}  // namespace homeward::serve
