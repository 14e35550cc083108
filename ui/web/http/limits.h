#pragma once

#include <QtGlobal>

#include <chrono>

namespace hk::http {

// The bounds of DESIGN §16 that no client, however slow or numerous, gets past. The defaults are
// the terminal's; tests use them as they are.
struct Limits {
    int maxConnections = 256;             // open connections in all (config http.max_connections)
    int maxPerAddress = 32;               // open connections from one client address
    std::chrono::milliseconds headTimeout{10000}; // request line + headers, then again for the body
    std::chrono::milliseconds idleTimeout{30000}; // nothing read or written on an open connection
    std::chrono::milliseconds lingerTimeout{2000}; // discarding what a refused client still sends
    qint64 maxHeadBytes = 16 * 1024;      // beyond: 431
    qint64 maxBodyBytes = 64 * 1024;      // a Content-Length beyond: 413 before the body is read
    qint64 maxPendingWriteBytes = 256 * 1024; // the next pipelined request waits until the client reads
};

} // namespace hk::http
