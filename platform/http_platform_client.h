#pragma once

#include "app/config/config.h"
#include "app/domain/result.h"
#include "app/ports/clock.h"
#include "app/ports/platform_client.h"
#include "platform/request_signer.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>

#include <memory>

class QNetworkReply;

namespace hk {

// Where the platform is and how the terminal proves who it is (DESIGN §6, §8).
struct PlatformEndpoint {
    QUrl baseUrl;
    QString terminalId;
    QString centerId;
    QByteArray secret;
    QList<QSslCertificate> caCertificates; // platform.ca_file; empty: the system's bundle
    bool allowHttp = false;                // plain HTTP beyond loopback
    int timeoutMs = 10000;
};

// The platform contract over HTTP(S) with QNetworkAccessManager: every request signed
// (RequestSigner), every request under a deadline, every answer checked against the contract
// before anyone sees it. A clock_skew answer is measured and the request sent once more with the
// platform's time, so a terminal whose clock drifted keeps delivering while health shows it.
class HttpPlatformClient final : public QObject, public PlatformClient {
    Q_OBJECT
public:
    // Refuses plain HTTP to anything but loopback unless allowed; the error names the config key.
    static Result<std::unique_ptr<HttpPlatformClient>, QString> create(PlatformEndpoint endpoint, const Clock &clock,
                                                                       QObject *parent = nullptr);
    // The endpoint a config names: reads the secret and the CA bundle. Errors name the key.
    static Result<PlatformEndpoint, QString> endpointFrom(const Config &config);
    // API paths go after the base URL with exactly one "/" between them (DESIGN §6).
    static QUrl join(const QUrl &base, const QString &apiPath);
    static bool isLoopbackHost(const QString &host);

    ~HttpPlatformClient() override;

    void fetchCatalog(Callback<PulledCatalog> done) override;
    void fetchBookings(const std::optional<QString> &cursor, int limit, Callback<BookingPage> done) override;
    void sendEvents(const std::vector<OutboxEvent> &events, Callback<EventBatchReply> done) override;
    void fetchSlots(const CivilDate &date, const QString &matterCode, Callback<std::vector<SlotAvailability>> done) override;
    void createBooking(const BookingOrder &order, Callback<PlacedBooking> done) override;
    void cancelBooking(const QString &bookingId, Callback<BookingRecord> done) override;
    std::optional<qint64> clockOffsetS() const override { return m_offsetS; }

    const PlatformEndpoint &endpoint() const { return m_endpoint; }

private:
    struct HttpReply {
        int status = 0;
        QJsonObject json;
    };
    struct Call {
        QByteArray method;
        QString apiPath;
        QString query;
        QByteArray body;
        std::function<void(Result<HttpReply, PlatformError>)> done;
        bool skewRetried = false;
    };

    HttpPlatformClient(PlatformEndpoint endpoint, const Clock &clock, QObject *parent);
    void send(Call call);
    void onFinished(QNetworkReply *reply, Call call, qint64 sentAtLocal);
    Result<HttpReply, PlatformError> interpret(QNetworkReply *reply) const;
    QString centerPath(const QString &tail) const;

    PlatformEndpoint m_endpoint;
    const Clock &m_clock;
    RequestSigner m_signer;
    QSslConfiguration m_ssl;
    QNetworkAccessManager m_network;
    QSet<QNetworkReply *> m_inFlight;
    std::optional<qint64> m_offsetS;
};

} // namespace hk
