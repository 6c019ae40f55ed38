// What a step of a command says instead of printing: ok, or refused with the
// exit code that stands for why and every message to show. Only the command
// prints them (leveldb's Status discipline), so a step can be tested for what
// it refuses and why without capturing stderr, and no message is printed twice.
#pragma once

#include <string>
#include <vector>

namespace homeward::app {

class Status {
 public:
  static Status ok() { return Status(); }
  // exit_code: commands.h's kExit* (never kExitOk).
  static Status refused(int exit_code, std::string message);
  static Status bad_input(std::string message);

  bool is_ok() const { return exit_code_ == 0; }
  int exit_code() const { return exit_code_; }
  // One line each, without "error: ".
  const std::vector<std::string>& messages() const { return messages_; }

  // Adds another refusal's messages; the first refusal's exit code stands.
  void merge(const Status& other);

 private:
  int exit_code_ = 0;
  std::vector<std::string> messages_;
};

// Prints each message on stderr as "error: ...", or "internal error: ..."
// for exit code 1; returns the exit code.
int print_status(const Status& status);

}  // namespace homeward::app
