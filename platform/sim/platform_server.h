#pragma once

#include "app/domain/result.h"
#include "app/ports/clock.h"
#include "platform/sim/reference_platform.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>

#include <memory>
#include <optional>
#include <random>

namespace hk {

// Faults the reference platform can be told to commit, for tests and for technicians rehearsing
// an outage. Rates are per request of the contract's API (never the /sim/v1 admin routes).
struct FaultPlan {
    double failRate = 0;    // answer 500 without doing anything
    int delayMs = 0;        // do the work, then answer this much later (longer than the terminal's timeout: a hang)
    double dropRate = 0;    // do the work, then close the connection half-way through the answer
    double garbageRate = 0; // do the work, then answer 200 with a body that is not JSON
    friend bool operator==(const FaultPlan &, const FaultPlan &) = default;
};

struct ServerStats {
    int requests = 0;
    int failed = 0;
    int delayed = 0;
    int dropped = 0;
    int garbled = 0;
    int unauthorized = 0; // bad signature or unknown terminal
    int skewed = 0;       // clock_skew answers
};

// The reference platform on HTTP (QHttpServer): the routes of DESIGN §6 under an optional base
// path, each request's HMAC signature and timestamp checked (skew over 300 s → 401 clock_skew with
// server_time; a bad signature → 401 bad_signature), faults injected as planned, and a small
// admin API on loopback for tests and technicians:
//   GET /sim/v1/stats, GET /sim/v1/events?after=SEQ&limit=N, GET|POST /sim/v1/faults,
//   PUT /sim/v1/catalog (a new catalog version).
class PlatformServer : public QObject {
    Q_OBJECT
public:
    PlatformServer(ReferencePlatform &platform, const Clock &clock, QObject *parent = nullptr);
    ~PlatformServer() override;

    void setBasePath(const QString &path); // "/gw": the API lives under /gw/api/v1/…
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    void setFaults(const FaultPlan &faults);
    FaultPlan faults() const { return m_faults; }
    void setSeed(quint32 seed) { m_random.seed(seed); }

    // Listens (port 0: any free one); returns the port.
    Result<quint16, QString> listen(const QHostAddress &address, quint16 port);
    // Stops listening and drops every connection: the platform is down until listen() again.
    void close();
    bool isListening() const { return bool(m_server); }
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:PORT/base/"

    const ServerStats &stats() const { return m_stats; }

    static constexpr qint64 kMaxSkewS = 300;

Q_SIGNALS:
    void requestServed(const QString &target, int status); // the path and query as sent
    void eventsTaken(int accepted, int duplicates, int rejected);

private:
    void onRequest(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    std::optional<ApiReply> authenticate(const QHttpServerRequest &request, QString *terminalId);
    ApiReply dispatch(const QHttpServerRequest &request, const QString &apiPath, const QString &terminalId);
    ApiReply admin(const QHttpServerRequest &request, const QString &adminPath);
    void respond(QHttpServerResponder &&responder, const ApiReply &reply, bool faultsApply, const QString &target);
    bool roll(double rate);

    ReferencePlatform &m_platform;
    const Clock &m_clock;
    QString m_basePath;
    std::optional<std::pair<QSslCertificate, QSslKey>> m_tls;
    std::unique_ptr<QHttpServer> m_server;
    QHostAddress m_address;
    quint16 m_port = 0;
    FaultPlan m_faults;
    std::mt19937 m_random{1};
    ServerStats m_stats;
};

} // namespace hk
