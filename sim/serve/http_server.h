// The HTTP side of `homeward serve`: cpp-httplib carries each request to
// Api::handle and its response back, and refuses bodies over the limit
// (413) before reading them. Nothing else happens here.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "sim/serve/api.h"

namespace httplib {
class Server;
}

namespace homeward::serve {

struct HttpSettings {
  std::string host = "127.0.0.1";  // the address to listen on
  int port = 8765;                 // 0: any free port
  std::size_t max_body_bytes = std::size_t{4} << 20;
};

class HttpServer {
 public:
  HttpServer(const Api& api, HttpSettings settings);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the address; returns the port. Throws std::runtime_error saying why not.
  int bind();
  // Serves until stop(); returns false when serving failed.
  bool serve();
  // From any thread: stops accepting, finishes the requests under way.
  void stop();

 private:
  const Api& api_;
  HttpSettings settings_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace homeward::serve
