// The workspace keeps the server inside its folder: names, relative paths and
// symbolic links that would lead out are refused; one server holds it.
#include "sim/serve/workspace.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "serve/serve_test_support.h"

namespace homeward::serve {
namespace {

namespace fs = std::filesystem;
using testing::scratch;
using testing::slurp;

TEST(Workspace, OpensWithItsFoldersAndSeedsWithoutOverwriting) {
  const fs::path dir = scratch("open") / "new" / "ws";
  {
    Workspace ws = Workspace::open(dir);
    EXPECT_EQ(ws.root(), fs::canonical(dir));
    EXPECT_TRUE(fs::is_directory(dir / "scenarios"));
    EXPECT_TRUE(fs::is_directory(dir / "runs"));
    std::ofstream(dir / "scenarios" / "baseline.json") << "{\"mine\": true}";
    const auto copied = ws.seed_scenarios({{"baseline.json", "{}"}, {"other.json", "{\"a\": 1}"}});
    EXPECT_EQ(copied, std::vector<std::string>{"other.json"});
    EXPECT_EQ(slurp(dir / "scenarios" / "baseline.json"), "{\"mine\": true}");
    EXPECT_EQ(ws.scenario_files(), (std::vector<std::string>{"baseline.json", "other.json"}));
  }
  // Every shipped scenario, and the schema is not offered as one.
  Workspace ws = testing::seeded_workspace(scratch("seeded"));
  const auto files = ws.scenario_files();
  for (const char* f : {"baseline.json", "hart.json", "seven_day.json", "trusted_assessor.json", "home_first.json",
                        "early_planning.json"})
    EXPECT_NE(std::find(files.begin(), files.end(), f), files.end()) << f;
  for (const auto& f : files) EXPECT_FALSE(f.ends_with(".schema.json")) << f;
}

TEST(Workspace, ScenarioFileNamesCannotNameAnotherFolder) {
  for (const char* good : {"baseline.json", "my-plan_2.v1.json", "2019.json"})
    EXPECT_TRUE(Workspace::is_scenario_file_name(good)) << good;
  for (const char* bad : {"", ".json", "../x.json", "a/b.json", "..json", ".hidden.json", "x.JSON", "x.json/",
                          "x y.json", "x\\y.json", "x.json\n", "caf\xc3\xa9.json"})
    EXPECT_FALSE(Workspace::is_scenario_file_name(bad)) << bad;
  EXPECT_FALSE(Workspace::is_scenario_file_name(std::string(97, 'a') + ".json"));
  EXPECT_FALSE(Workspace::is_scenario_file_name(std::string("a\0b.json", 8)));
}

TEST(Workspace, RelativePathsMayNotLeaveIt) {
  const fs::path dir = scratch("resolve");
  Workspace ws = Workspace::open(dir / "ws");
  const fs::path scenarios = ws.scenarios_dir();
  EXPECT_EQ(ws.resolve(scenarios, "baseline.json"), scenarios / "baseline.json");
  EXPECT_EQ(ws.resolve(scenarios, "sub/../x.json"), scenarios / "x.json");
  EXPECT_EQ(ws.resolve(scenarios, "../runs/x.json"), ws.root() / "runs" / "x.json");  // still inside
  EXPECT_TRUE(ws.resolve(scenarios, ".."));  // the workspace itself: inside, though not a file
  for (const char* bad : {"../../etc/passwd", "/etc/passwd", "../../ws-other/x.json", "../..", ""})
    EXPECT_FALSE(ws.resolve(scenarios, bad)) << bad;
  EXPECT_FALSE(ws.resolve(scenarios, std::string("a\0/../../x", 10)));

  // A link inside that leads outside is refused; one that stays inside is not.
  fs::create_directories(dir / "outside");
  std::ofstream(dir / "outside" / "secret.json") << "{}";
  fs::create_directory_symlink(dir / "outside", scenarios / "door");
  fs::create_symlink(dir / "outside" / "secret.json", scenarios / "secret.json");
  fs::create_symlink(scenarios / "x.json", scenarios / "alias.json");
  EXPECT_FALSE(ws.resolve(scenarios, "door/secret.json"));
  EXPECT_FALSE(ws.resolve(scenarios, "secret.json"));
  EXPECT_TRUE(ws.resolve(scenarios, "alias.json"));
  EXPECT_FALSE(ws.contains(scenarios / "secret.json"));
  std::string error;
  EXPECT_FALSE(ws.read_file(scenarios / "secret.json", 1000, error));
  EXPECT_NE(error.find("not a file inside the workspace"), std::string::npos) << error;
  // Listing leaves out links to outside.
  const auto files = ws.scenario_files();
  EXPECT_EQ(std::find(files.begin(), files.end(), "secret.json"), files.end());
}

TEST(Workspace, ReadsOnlyRegularFilesUpToALimit) {
  Workspace ws = Workspace::open(scratch("read"));
  const fs::path file = ws.scenarios_dir() / "a.json";
  std::ofstream(file) << "0123456789";
  std::string error;
  EXPECT_EQ(ws.read_file(file, 10, error), "0123456789");
  EXPECT_FALSE(ws.read_file(file, 9, error));
  EXPECT_NE(error.find("larger than 9 bytes"), std::string::npos) << error;
  EXPECT_FALSE(ws.read_file(ws.scenarios_dir(), 100, error));  // a folder
  fs::create_symlink(file, ws.scenarios_dir() / "link.json");  // even to inside: the last step is not followed
  EXPECT_FALSE(ws.read_file(ws.scenarios_dir() / "link.json", 100, error));
  EXPECT_EQ(ws.relative_label((ws.scenarios_dir() / "a.json").string()), "scenarios/a.json");
}

TEST(Workspace, OneServerAtATime) {
  const fs::path dir = scratch("lock");
  Workspace first = Workspace::open(dir);
  // The lock is between processes: a child tries to open the same folder.
  const pid_t child = fork();
  if (child == 0) {
    try {
      Workspace::open(dir);
      _exit(0);
    } catch (const std::runtime_error& e) {
      _exit(std::string(e.what()).find("another homeward serve (process " + std::to_string(getppid())) !=
                    std::string::npos
                ? 3
                : 4);
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 3);
}

TEST(Workspace, RefusesScenarioFoldersThatAreLinks) {
  const fs::path dir = scratch("linked");
  fs::create_directories(dir / "elsewhere");
  fs::create_directories(dir / "ws");
  fs::create_directory_symlink(dir / "elsewhere", dir / "ws" / "scenarios");
  EXPECT_THROW(Workspace::open(dir / "ws"), std::runtime_error);
}

}  // namespace
}  // namespace homeward::serve
