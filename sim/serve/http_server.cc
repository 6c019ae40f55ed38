#include "sim/serve/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <fstream>
#include <stdexcept>

namespace homeward::serve {

namespace {

constexpr std::size_t kWorkers = 16;

ApiRequest to_api(const httplib::Request& in) {
  ApiRequest out;
  out.method = in.method;
  out.path = in.path;
  for (const auto& [key, value] : in.params) out.query.emplace(key, value);
  out.body = in.body;
  out.content_type = in.get_header_value("Content-Type");
  out.host = in.get_header_value("Host");
  out.origin = in.get_header_value("Origin");
  return out;
}

void from_api(ApiResponse&& in, httplib::Response& out) {
  out.status = in.status;
  for (auto& [key, value] : in.headers) out.set_header(key, value);
  if (in.file.empty()) {
    out.set_content(std::move(in.body), in.content_type);
    return;
  }
  // Streamed, so a large monthly.csv is never held whole.
  auto file = std::make_shared<std::ifstream>(in.file, std::ios::binary);
  std::error_code error;
  const auto size = std::filesystem::file_size(in.file, error);
  if (!*file || error) {
    out.status = 500;
    out.set_content("{\"error\": \"cannot read the file\"}\n", "application/json");
    return;
  }
  out.set_content_provider(static_cast<std::size_t>(size), in.content_type,
                           [file](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             char buffer[1 << 16];
                             file->seekg(static_cast<std::streamoff>(offset));
                             file->read(buffer, static_cast<std::streamsize>(std::min(length, sizeof buffer)));
                             const std::streamsize got = file->gcount();
                             if (got <= 0) return false;
                             sink.write(buffer, static_cast<std::size_t>(got));
                             return true;
                           });
}

}  // namespace

HttpServer::HttpServer(const Api& api, HttpSettings settings)
    : api_(api), settings_(std::move(settings)), server_(std::make_unique<httplib::Server>()) {
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    from_api(api_.handle(to_api(request)), response);
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Delete(".*", handler);
  server_->Options(".*", handler);
  server_->Patch(".*", handler);
  server_->set_payload_max_length(settings_.max_body_bytes);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and
  // take a share of the connections. SO_REUSEADDR alone: a restart may reuse the port at once,
  // but a port in use is refused.
  server_->set_socket_options([](int socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // A browser keeps several idle connections open, each holding a worker until its keep-alive
  // ends: enough workers, and a short keep-alive, so a new request never waits for an idle one.
  server_->new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  server_->set_keep_alive_timeout(1);
  // cpp-httplib compresses text with Brotli at its slowest quality whenever a browser accepts it:
  // 9 s for the 1 MB page on a busy machine. gzip (zlib's default level) takes milliseconds, so
  // the server offers only gzip. The request is httplib's own object, not a constant.
  server_->set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
    auto& headers = const_cast<httplib::Request&>(request).headers;
    const std::string accepted = request.get_header_value("Accept-Encoding");
    headers.erase("Accept-Encoding");
    if (accepted.find("gzip") != std::string::npos) headers.emplace("Accept-Encoding", "gzip");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    const std::string message = response.status == 413 ? "the request is too large" : "the request was refused";
    response.set_content("{\"error\": \"" + message + "\"}\n", "application/json");
  });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const std::string where = settings_.host + ":" + std::to_string(settings_.port);
  if (settings_.port == 0) {
    const int port = server_->bind_to_any_port(settings_.host);
    if (port < 0) throw std::runtime_error("cannot listen on " + settings_.host);
    return port;
  }
  if (!server_->bind_to_port(settings_.host, settings_.port))
    throw std::runtime_error("cannot listen on " + where + " (in use? choose another with --port)");
  return settings_.port;
}

bool HttpServer::serve() { return server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

}  // namespace homeward::serve
