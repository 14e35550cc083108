// drivers/protocols/escpos: exact bytes from shared/reference/device-protocols.md §3, status
// bytes from §3.4, and the stream decoder fed at every split.

#include "drivers/protocols/escpos/escpos_document_encoder.h"
#include "drivers/protocols/escpos/escpos_encoder.h"
#include "drivers/protocols/escpos/escpos_status.h"
#include "drivers/protocols/escpos/escpos_stream_decoder.h"
#include "drivers/sim/ticket_text_renderer.h"

#include <QTest>

using namespace hk;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

PrintDocument sampleTicket()
{
    using A = PrintBlock::Align;
    PrintDocument doc;
    doc.blocks << PrintBlock::textLine(QStringLiteral("青山县政务服务中心"), A::Center, 1, true)
               << PrintBlock::textLine(QStringLiteral("A001"), A::Center, 4, true)
               << PrintBlock::textLine(QStringLiteral("社保医保"), A::Center, 2)
               << PrintBlock::feed(1)
               << PrintBlock::textLine(QStringLiteral("前面还有 3 人"), A::Center)
               << PrintBlock::qr(QByteArrayLiteral("HK1:SQ-001:8d0c6f1e-0000-4000-8000-000000000001"))
               << PrintBlock::textLine(QStringLiteral("请留意叫号"), A::Left);
    return doc;
}

} // namespace

class TestEscPosCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<QByteArray>("actual");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("initialize") << EscPosEncoder().initialize().bytes() << hex("1B 40");
        QTest::newRow("chinese on") << EscPosEncoder().chineseMode(true).bytes() << hex("1C 26");
        QTest::newRow("chinese off") << EscPosEncoder().chineseMode(false).bytes() << hex("1C 2E");
        QTest::newRow("size 2x2") << EscPosEncoder().size(2, 2).bytes() << hex("1D 21 11");
        QTest::newRow("size 1x1") << EscPosEncoder().size(1, 1).bytes() << hex("1D 21 00");
        QTest::newRow("size 8x8") << EscPosEncoder().size(8, 8).bytes() << hex("1D 21 77");
        QTest::newRow("size 3 wide 1 high") << EscPosEncoder().size(3, 1).bytes() << hex("1D 21 20");
        QTest::newRow("size clamps") << EscPosEncoder().size(0, 9).bytes() << hex("1D 21 07");
        QTest::newRow("align left") << EscPosEncoder().align(EscPosEncoder::Align::Left).bytes() << hex("1B 61 00");
        QTest::newRow("align center") << EscPosEncoder().align(EscPosEncoder::Align::Center).bytes() << hex("1B 61 01");
        QTest::newRow("align right") << EscPosEncoder().align(EscPosEncoder::Align::Right).bytes() << hex("1B 61 02");
        QTest::newRow("bold on") << EscPosEncoder().bold(true).bytes() << hex("1B 45 01");
        QTest::newRow("bold off") << EscPosEncoder().bold(false).bytes() << hex("1B 45 00");
        QTest::newRow("feed 3") << EscPosEncoder().feed(3).bytes() << hex("1B 64 03");
        QTest::newRow("partial cut after 96 dots") << EscPosEncoder().cut(EscPosEncoder::Cut::Partial, 96).bytes() << hex("1D 56 42 60");
        QTest::newRow("full cut") << EscPosEncoder().cut(EscPosEncoder::Cut::Full, 0).bytes() << hex("1D 56 41 00");
        QTest::newRow("status 1") << EscPosEncoder::statusRequest(1) << hex("10 04 01");
        QTest::newRow("status 4") << EscPosEncoder::statusRequest(4) << hex("10 04 04");
        QTest::newRow("ascii line") << EscPosEncoder().line(QStringLiteral("A001")).bytes() << hex("41 30 30 31 0A");
        // Reference §3.1: 请A001号到3号窗口 in GB18030.
        QTest::newRow("chinese text") << EscPosEncoder().text(QStringLiteral("请A001号到3号窗口")).bytes()
                                      << hex("C7 EB 41 30 30 31 BA C5 B5 BD 33 BA C5 B4 B0 BF DA");
        QTest::newRow("nihao") << EscPosEncoder().text(QStringLiteral("你好")).bytes() << hex("C4 E3 BA C3");
        // A character outside GBK takes four GB18030 bytes: 𠀀 (U+20000) = 95 32 82 36.
        QTest::newRow("four-byte rare character") << EscPosEncoder().text(QString::fromUcs4(U"\U00020000")).bytes()
                                                  << hex("95 32 82 36");
        QTest::newRow("euro sign") << EscPosEncoder().text(QStringLiteral("€")).bytes() << hex("A2 E3");
        QTest::newRow("raster") << EscPosEncoder().raster(2, 1, hex("F0 0F")).bytes() << hex("1D 76 30 00 02 00 01 00 F0 0F");
    }
    void commands()
    {
        QFETCH(QByteArray, actual);
        QFETCH(QByteArray, expected);
        QCOMPARE(actual.toHex(' '), expected.toHex(' '));
    }

    void qrCode()
    {
        // Reference §3.2: model 2, module size, error correction, store "A001", print.
        const QByteArray bytes = EscPosEncoder().qr(QByteArrayLiteral("A001"), 6, EscPosEncoder::QrErrorCorrection::M).bytes();
        const QByteArray expected = hex("1D 28 6B 04 00 31 41 32 00"
                                        "1D 28 6B 03 00 31 43 06"
                                        "1D 28 6B 03 00 31 45 31"
                                        "1D 28 6B 07 00 31 50 30 41 30 30 31"
                                        "1D 28 6B 03 00 31 51 30");
        QCOMPARE(bytes.toHex(' '), expected.toHex(' '));
    }

    void qrStoreLengthUsesTwoBytes()
    {
        const QByteArray data(300, 'x'); // pL + 256·pH = 303
        const QByteArray bytes = EscPosEncoder().qr(data).bytes();
        const QByteArray store = hex("1D 28 6B 2F 01 31 50 30");
        QVERIFY(bytes.contains(store));
    }

    void statusBytes_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("reply");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("canPrint");
        QTest::addColumn<QString>("flag");
        QTest::newRow("healthy 1") << 1 << 0x12 << true << true << "";
        QTest::newRow("offline") << 1 << 0x1A << true << false << "offline";
        QTest::newRow("cover open") << 2 << 0x16 << true << false << "coverOpen";
        QTest::newRow("paper end stop") << 2 << 0x32 << true << false << "paperEndStop";
        QTest::newRow("error occurred") << 2 << 0x52 << true << false << "errorOccurred";
        QTest::newRow("cutter error") << 3 << 0x1A << true << true << "cutterError";
        QTest::newRow("unrecoverable") << 3 << 0x32 << true << true << "unrecoverable";
        QTest::newRow("near end") << 4 << 0x1E << true << true << "paperNearEnd";
        QTest::newRow("paper end") << 4 << 0x72 << true << false << "paperEnd";
        QTest::newRow("paper out example") << 4 << 0x7E << true << false << "paperEnd,paperNearEnd";
        // Every bit the reference names (§3.4), one at a time.
        QTest::newRow("n1 bit 2 drawer: nothing we act on") << 1 << 0x16 << true << true << "";
        QTest::newRow("n1 bit 5 waiting for recovery") << 1 << 0x32 << true << true << "";
        QTest::newRow("n1 bit 6 feed button") << 1 << 0x52 << true << true << "";
        QTest::newRow("n2 bit 3 feeding by button") << 2 << 0x1A << true << true << "";
        QTest::newRow("n3 bit 2 mechanical") << 3 << 0x16 << true << true << "mechanicalError";
        QTest::newRow("n3 bit 6 auto-recoverable") << 3 << 0x52 << true << true << "autoRecoverable";
        QTest::newRow("n4 bit 2 alone is not near end") << 4 << 0x16 << true << true << "";
        QTest::newRow("n4 bit 5 alone is not paper end") << 4 << 0x32 << true << true << "";
        QTest::newRow("not a status byte (bit 0)") << 1 << 0x13 << false << true << "";
        QTest::newRow("not a status byte (bit 7)") << 2 << 0x92 << false << true << "";
        QTest::newRow("ASB-looking byte") << 1 << 0x10 << false << true << "";
        QTest::newRow("n out of range") << 5 << 0x12 << false << true << "";
    }
    void statusBytes()
    {
        QFETCH(int, n);
        QFETCH(int, reply);
        QFETCH(bool, valid);
        QFETCH(bool, canPrint);
        QFETCH(QString, flag);
        EscPosStatus s;
        QCOMPARE(applyEscPosStatus(s, n, std::uint8_t(reply)), valid);
        QCOMPARE(s.canPrint(), canPrint);
        const QMap<QString, bool> flags{{QStringLiteral("offline"), s.offline},
                                        {QStringLiteral("coverOpen"), s.coverOpen},
                                        {QStringLiteral("paperEndStop"), s.paperEndStop},
                                        {QStringLiteral("errorOccurred"), s.errorOccurred},
                                        {QStringLiteral("cutterError"), s.cutterError},
                                        {QStringLiteral("unrecoverable"), s.unrecoverable},
                                        {QStringLiteral("mechanicalError"), s.mechanicalError},
                                        {QStringLiteral("autoRecoverable"), s.autoRecoverable},
                                        {QStringLiteral("paperNearEnd"), s.paperNearEnd},
                                        {QStringLiteral("paperEnd"), s.paperEnd}};
        for (auto it = flags.begin(); it != flags.end(); ++it)
            QCOMPARE(it.value(), flag.split(QLatin1Char(',')).contains(it.key()));
    }

    void documentEncodesInOrder()
    {
        const QByteArray bytes = EscPosDocumentEncoder::encode(sampleTicket(), EscPosProfile{});
        QVERIFY(bytes.startsWith(hex("1B 40 1C 26")));
        QVERIFY(bytes.endsWith(hex("1B 61 00 1D 56 42 60")));
        // The number: centred, 4×4, bold, then back to normal size and weight.
        QVERIFY(bytes.contains(hex("1B 61 01 1D 21 33 1B 45 01 41 30 30 31 0A 1B 45 00 1D 21 00")));
        QVERIFY(bytes.contains(EscPosEncoder::gb18030(QStringLiteral("社保医保"))));
        QVERIFY(bytes.contains(QByteArrayLiteral("HK1:SQ-001:8d0c6f1e-0000-4000-8000-000000000001")));
        EscPosProfile noChinese;
        noChinese.chineseMode = false;
        QVERIFY(!EscPosDocumentEncoder::encode(sampleTicket(), noChinese).contains(hex("1C 26")));
    }

    void decoderReadsBackAtEverySplit()
    {
        const QByteArray bytes = EscPosEncoder::statusRequest(1) + EscPosDocumentEncoder::encode(sampleTicket(), EscPosProfile{});
        EscPosStreamDecoder whole;
        const QList<EscPosEvent> reference = whole.feed(bytes);
        QCOMPARE(whole.pendingBytes(), 0);
        QCOMPARE(reference.first().kind, EscPosEvent::Kind::StatusRequest);
        QCOMPARE(reference.last().kind, EscPosEvent::Kind::Cut);
        QByteArray rebuilt;
        for (const EscPosEvent &e : reference)
            rebuilt += e.raw;
        QCOMPARE(rebuilt, bytes);

        TicketTextRenderer referenceRenderer;
        const QString referenceText = referenceRenderer.apply(reference).value(0);
        for (qsizetype split = 1; split < bytes.size(); ++split) {
            EscPosStreamDecoder decoder;
            QList<EscPosEvent> events = decoder.feed(bytes.left(split));
            events += decoder.feed(bytes.mid(split));
            QCOMPARE(decoder.pendingBytes(), 0);
            QByteArray raw;
            for (const EscPosEvent &e : events)
                raw += e.raw;
            QCOMPARE(raw, bytes);
            TicketTextRenderer renderer;
            QCOMPARE(renderer.apply(events).value(0), referenceText);
        }
    }

    void decoderByteByByte()
    {
        const QByteArray bytes = EscPosDocumentEncoder::encode(sampleTicket(), EscPosProfile{});
        EscPosStreamDecoder decoder;
        TicketTextRenderer renderer;
        QList<QString> tickets;
        for (char c : bytes)
            tickets += renderer.apply(decoder.feed(QByteArray(1, c)));
        QCOMPARE(tickets.size(), 1);
        QVERIFY(tickets.first().contains(QStringLiteral("社保医保")));
    }

    void decoderWaitsForIncompleteCommands()
    {
        EscPosStreamDecoder decoder;
        QVERIFY(decoder.feed(hex("1D 28 6B 07 00 31 50")).isEmpty());
        QCOMPARE(decoder.pendingBytes(), 7);
        const auto events = decoder.feed(hex("30 41 30 30 31"));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().kind, EscPosEvent::Kind::QrStore);
        QCOMPARE(events.first().data, QByteArrayLiteral("A001"));
        QVERIFY(decoder.feed(hex("10 04")).isEmpty());
        QCOMPARE(decoder.feed(hex("02")).first().value, 2);
    }

    void rendererShowsWhatPaperWouldShow()
    {
        TicketTextRenderer renderer;
        EscPosStreamDecoder decoder;
        const QString text = renderer.apply(decoder.feed(EscPosDocumentEncoder::encode(sampleTicket(), EscPosProfile{}))).value(0);
        QVERIFY2(text.contains(QStringLiteral("青山县政务服务中心")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("A001  [x4]")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("前面还有 3 人")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("[QR HK1:SQ-001:8d0c6f1e-0000-4000-8000-000000000001]")), qPrintable(text));
        // Centred lines are indented; the left-aligned footer is not.
        QVERIFY2(text.contains(QStringLiteral("\n请留意叫号\n")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("    前面还有 3 人")), qPrintable(text));
    }
};

QTEST_APPLESS_MAIN(TestEscPosCodec)
#include "tst_escpos_codec.moc"
