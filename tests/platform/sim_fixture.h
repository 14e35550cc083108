#pragma once

// The reference platform in the test's own process, on an ephemeral loopback port, sharing the
// test's clock: contract tests of the client and the sync run against it.

#include "platform/http_platform_client.h"
#include "platform/secret_file.h"
#include "platform/sim/platform_keys.h"
#include "platform/sim/platform_server.h"
#include "platform/sim/reference_platform.h"
#include "platform/sim/sim_store.h"
#include "tests/support/hall_time.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace hk::test {

// December 2026 in the hall (the 2nd is a Wednesday).
inline QDateTime centerTime(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute), hallZone());
}

inline QByteArray countyCatalogJson()
{
    QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/platform/sim/county-catalog.json"));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

struct SimPlatform {
    explicit SimPlatform(const Clock &clock, const QString &terminalId = QStringLiteral("T01"))
        : keys(PlatformKeys::openOrCreate(dir.filePath(QStringLiteral("platform"))).value())
        , store(SimStore::open(dir.filePath(QStringLiteral("platform/platform.db"))).value())
        , platform(*store, keys, clock)
        , server(platform, clock)
    {
        secretFile = keys.provisionTerminal(terminalId).value();
        secret = SecretFile::read(secretFile).value();
        if (auto loaded = platform.loadCatalog(countyCatalogJson()); !loaded)
            qFatal("county catalog: %s", qPrintable(loaded.error()));
    }

    bool start(quint16 port = 0)
    {
        auto bound = server.listen(QHostAddress::LocalHost, port);
        return bound.ok();
    }

    PlatformEndpoint endpoint(const QString &terminalId = QStringLiteral("T01")) const
    {
        PlatformEndpoint e;
        e.baseUrl = QUrl(server.baseUrl());
        e.terminalId = terminalId;
        e.centerId = QStringLiteral("SQ-001");
        e.secret = secret;
        e.timeoutMs = 5000;
        return e;
    }

    QTemporaryDir dir;
    PlatformKeys keys;
    std::unique_ptr<SimStore> store;
    ReferencePlatform platform;
    PlatformServer server;
    QString secretFile;
    QByteArray secret;
};

// Waits (in the test, never in product code) for a client call's callback.
template <typename T>
Result<T, PlatformError> await(const std::function<void(PlatformClient::Callback<T>)> &start, int timeoutMs = 30000)
{
    std::optional<Result<T, PlatformError>> result;
    start([&result](Result<T, PlatformError> r) { result.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return fail(PlatformError{PlatformError::Kind::Timeout, 0, {}, QStringLiteral("the test gave up waiting"), std::nullopt});
    return std::move(*result);
}

} // namespace hk::test
