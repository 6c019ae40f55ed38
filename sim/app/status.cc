#include "sim/app/status.h"

#include <cstdio>

#include "sim/app/commands.h"

namespace homeward::app {

Status Status::refused(int exit_code, std::string message) {
  Status status;
  status.exit_code_ = exit_code == kExitOk ? kExitInternal : exit_code;
  status.messages_.push_back(std::move(message));
  return status;
}

Status Status::bad_input(std::string message) { return refused(kExitBadInput, std::move(message)); }

void Status::merge(const Status& other) {
  if (other.is_ok()) return;
  if (is_ok()) exit_code_ = other.exit_code_;
  messages_.insert(messages_.end(), other.messages_.begin(), other.messages_.end());
}

int print_status(const Status& status) {
  const char* prefix = status.exit_code() == kExitInternal ? "internal error" : "error";
  for (const std::string& message : status.messages()) std::fprintf(stderr, "%s: %s\n", prefix, message.c_str());
  return status.exit_code();
}

}  // namespace homeward::app
