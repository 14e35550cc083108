// platform/request_signer: the HMAC of DESIGN §6 against vectors computed independently
// (Python's hmac and hashlib; see tests/fixtures/platform/signature-vectors.md).

#include "platform/request_signer.h"

#include <QTest>

using namespace hk;

class TestRequestSigner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void canonicalString()
    {
        QCOMPARE(RequestSigner::canonicalString("get", "/api/v1/centers/SQ-001/catalog", 1795000000, {}),
                 QByteArray("GET\n/api/v1/centers/SQ-001/catalog\n1795000000\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void signatures_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("get, empty body") << QByteArray("GET") << QByteArray("/api/v1/centers/SQ-001/catalog") << QByteArray()
                                         << QByteArray(SIG_GET);
        QTest::newRow("get with query as sent")
            << QByteArray("GET") << QByteArray("/hk/api/v1/centers/SQ-001/bookings?since=c%2F1&limit=500") << QByteArray()
            << QByteArray(SIG_QUERY);
        QTest::newRow("post with body") << QByteArray("POST") << QByteArray("/api/v1/centers/SQ-001/events")
                                        << QByteArray(R"({"events":[]})") << QByteArray(SIG_POST);
    }
    void signatures()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, expected);
        RequestSigner signer("T01", "s3cret-terminal-key");
        QCOMPARE(signer.signature(method, path, 1795000000, body), expected);
        const auto headers = signer.headers(method, path, 1795000000, body);
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(0), qMakePair(QByteArray("X-Terminal-Id"), QByteArray("T01")));
        QCOMPARE(headers.at(1), qMakePair(QByteArray("X-Timestamp"), QByteArray("1795000000")));
        QCOMPARE(headers.at(2), qMakePair(QByteArray("X-Signature"), expected));
    }
};

QTEST_APPLESS_MAIN(TestRequestSigner)
#include "tst_request_signer.moc"
