// One asynchronous Asio/Beast operation run to completion on a private io_context: the async forms are
// the ones Beast's tcp_stream deadlines (expires_at) apply to, and the call stays synchronous.
#pragma once

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/error_code.hpp>

namespace cdrun::aws::http {

// `start` receives a completion handler and starts exactly one operation with it.
template <class Start>
boost::system::error_code run_step(boost::asio::io_context& io, Start&& start) {
  boost::system::error_code result = boost::asio::error::would_block;
  start([&result](boost::system::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
}

}  // namespace cdrun::aws::http
