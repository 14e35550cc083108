#pragma once

#include "ui/web/console_services.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <memory>
#include <vector>

namespace hk {

// The WebSocket side of DESIGN §7 (`/ws`): every console and display gets `called`,
// `queue_changed`, `window_changed` and `help` frames as things happen. A new connection first gets
// the present — every window, the queue, the last calls (marked `replay`) — so a display switched
// on mid-morning is right at once. The frames carry no personal data; the API's actions need a
// token, the live view does not.
class ConsoleSocketHub : public QObject {
    Q_OBJECT
public:
    static constexpr int kRecentCalls = 8;
    static constexpr int kQueueRefreshMs = 15000; // waits grow with time: the at-risk list too
    // DESIGN §16: every client is pinged; one that has sent nothing (a pong counts) for a minute is dropped.
    static constexpr int kPingMs = 30000;
    static constexpr int kSilentDropMs = 60000;

    explicit ConsoleSocketHub(ConsoleServices services, QObject *parent = nullptr);
    ~ConsoleSocketHub() override;

    void add(std::unique_ptr<QWebSocket> socket);
    int clients() const { return int(m_sockets.size()); }
    int clientsFrom(const QHostAddress &address) const;

    QJsonObject windowJson(int window) const;
    QJsonObject queueJson() const;
    // Sends queue_changed soon (coalesced), e.g. after a ticket was issued.
    void queueMayHaveChanged();
    // The hall's database reached or lost (DESIGN §11): {"type": "hall", "connected", "detail"}.
    void hallChanged(bool connected, const QString &detail);
    // A line every console shows: {"type": "notice", "text", "at"}.
    void notice(const QString &text, const QDateTime &at);

Q_SIGNALS:
    void frameSent(const QString &type); // for tests and benchmarks

private:
    void broadcast(const QJsonObject &frame);
    void sendQueueIfChanged(bool force);
    void sendAllWindows();
    void pingAll();
    void dropSilent();
    void remove(QWebSocket *socket);

    struct Client {
        std::unique_ptr<QWebSocket> socket;
        QHostAddress address;
        QElapsedTimer lastHeard;
    };
    ConsoleServices m_services;
    std::vector<Client> m_sockets;
    QTimer m_ping;
    QTimer m_reaper;
    QTimer m_queueRefresh;
    bool m_queueScheduled = false;
    QJsonObject m_lastQueue;
};

} // namespace hk
