// The JSON API and the page of `homeward serve` (docs/api.md), as a plain
// function from a request to a response: no sockets, so every route, limit
// and refusal is tested directly. sim/serve/http_server.cc only carries
// requests and responses between cpp-httplib and handle().
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/serve/run_manager.h"
#include "sim/serve/workspace.h"

namespace homeward::serve {

struct ApiRequest {
  std::string method;  // "GET", "POST", "PUT", "DELETE", ...
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;
  std::string body;
  std::string content_type;  // the Content-Type header; "" when absent
  std::string host;          // the Host header
  std::string origin;        // the Origin header; "" when absent
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is this file's bytes (sent as they are read).
  std::filesystem::path file;
};

struct ApiSettings {
  std::size_t max_body_bytes = std::size_t{4} << 20;
  // Host headers accepted, e.g. "127.0.0.1:8765" and "localhost:8765", so a
  // web site cannot reach the server through DNS rebinding; empty: any.
  std::vector<std::string> allowed_hosts;
  std::string page;  // the workbench page's HTML; "" when built without it
};

class Api {
 public:
  Api(const Workspace& workspace, RunManager& runs, ApiSettings settings);
  ApiResponse handle(const ApiRequest& request) const;
  // REQUIRES: no request is being handled (call it before serving starts).
  void set_allowed_hosts(std::vector<std::string> hosts) { settings_.allowed_hosts = std::move(hosts); }

 private:
  ApiResponse route(const ApiRequest& request, const std::vector<std::string>& parts) const;
  ApiResponse info() const;
  ApiResponse list_scenarios() const;
  ApiResponse get_scenario(const std::string& file) const;
  ApiResponse put_scenario(const ApiRequest& request, const std::string& file) const;
  ApiResponse validate(const ApiRequest& request) const;
  ApiResponse submit_run(const ApiRequest& request) const;
  ApiResponse list_runs() const;
  ApiResponse get_run(const std::string& id) const;
  ApiResponse cancel_run(const std::string& id) const;
  ApiResponse run_file(const std::string& id, const std::string& name, bool download) const;
  ApiResponse page() const;

  const Workspace& workspace_;
  RunManager& runs_;
  ApiSettings settings_;
};

}  // namespace homeward::serve
