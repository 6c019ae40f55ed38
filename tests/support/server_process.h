// `homeward serve` as a child process for end-to-end tests: started with a
// free port (--port 0), its address read from the first line of its stdout,
// stopped with SIGTERM (or killed) when the test is done.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace homeward::testing::e2e {

class ServerProcess {
 public:
  // Starts `binary serve --port 0 --workspace WORKSPACE extra...` with stderr
  // to `stderr_path`; waits up to 30 s for the address on stdout.
  ServerProcess(const std::string& binary, const std::filesystem::path& workspace, std::vector<std::string> extra,
                const std::filesystem::path& stderr_path) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, 2);
      close(out[0]);
      std::vector<std::string> args = {binary, "serve", "--port", "0", "--workspace", workspace.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = out[0];
    first_line_ = read_line(30);
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) close(stdout_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& first_line() const { return first_line_; }
  pid_t pid() const { return pid_; }
  // The port of "http://127.0.0.1:PORT/", or -1.
  int port() const {
    const std::size_t colon = first_line_.rfind(':');
    if (first_line_.rfind("http://", 0) != 0 || colon == std::string::npos) return -1;
    return std::atoi(first_line_.c_str() + colon + 1);
  }

  // Sends `signal` and waits up to `seconds` for the exit; the exit code, or -1
  // when it did not exit normally (then it is killed).
  int stop(int signal = SIGTERM, double seconds = 30) {
    kill(pid_, signal);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    while (std::chrono::steady_clock::now() < until) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

  // Waits for an exit that is already under way (e.g. a failed start).
  int wait_exit() {
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  std::string read_line(int seconds) {
    std::string line;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{stdout_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(stdout_, &c, 1) != 1) break;  // closed: the server exited
      if (c == '\n') return line;
      line += c;
    }
    return line;
  }

  pid_t pid_ = -1;
  int stdout_ = -1;
  bool exited_ = false;
  std::string first_line_;
};

}  // namespace homeward::testing::e2e
