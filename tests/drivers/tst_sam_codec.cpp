// drivers/protocols/sam_idcard: the GA 467 frames of shared/reference/device-protocols.md §1 byte
// for byte (commands §1.3, the exact response frames of §1.4), every SW3 code, the 256-byte text
// blocks of the resident card and the J, I and Y cards (§1.6, §1.8), and the frame decoder fed
// malformed input and split at every offset.

#include "drivers/protocols/sam_idcard/id_card_text_decoder.h"
#include "drivers/protocols/sam_idcard/id_card_text_encoder.h"
#include "drivers/protocols/sam_idcard/sam_command.h"
#include "drivers/protocols/sam_idcard/sam_frame_decoder.h"
#include "drivers/protocols/sam_idcard/sam_response.h"
#include "drivers/protocols/sam_idcard/ucs2_text.h"

#include <QFile>
#include <QTest>

using namespace hk;

namespace {

std::vector<std::uint8_t> hex(const char *text)
{
    const QByteArray bytes = QByteArray::fromHex(QByteArray(text).replace(' ', ""));
    return {bytes.begin(), bytes.end()};
}

QByteArray toHex(const std::vector<std::uint8_t> &bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())).toHex(' ');
}

// Frames only, in order, from feeding `stream` in the given pieces.
std::vector<std::vector<std::uint8_t>> framesOf(const std::vector<std::uint8_t> &stream, std::size_t split)
{
    SamFrameDecoder decoder;
    std::vector<std::vector<std::uint8_t>> frames;
    const auto take = [&frames](const std::vector<SamFrameDecoder::Event> &events) {
        for (const auto &e : events) {
            if (e.kind == SamFrameDecoder::Event::Kind::Frame)
                frames.push_back(e.body);
        }
    };
    take(decoder.feed(stream.data(), std::min(split, stream.size())));
    if (split < stream.size())
        take(decoder.feed(stream.data() + split, stream.size() - split));
    return frames;
}

IdCardText residentText()
{
    IdCardText t;
    t.kind = IdCardKind::Resident;
    t.name = "张三";
    t.sex = "1";
    t.nation = "01";
    t.birthDate = "19491231";
    t.address = "北京市西城区复兴门外大街999号院11号楼3单元502室";
    t.idNumber = "11010519491231002X";
    t.issuer = "北京市公安局西城分局";
    t.validFrom = "20150728";
    t.validTo = "20350728";
    return t;
}

// The 1295-byte read response of §1.4: header, 256 text, 1024 photo, checksum.
std::vector<std::uint8_t> readResponseFrame(const std::array<std::uint8_t, 256> &text)
{
    std::vector<std::uint8_t> data{0x01, 0x00, 0x04, 0x00};
    data.insert(data.end(), text.begin(), text.end());
    data.insert(data.end(), 1024, 0x5A);
    return SamResponse::withStatus(SamStatus::Ok, data).encode();
}

} // namespace

class TestSamCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandFrames_data()
    {
        QTest::addColumn<QByteArray>("actual");
        QTest::addColumn<QByteArray>("expected");
        // Reference §1.3, checksums recomputed there.
        QTest::newRow("reset 10 FF") << toHex(SamCommand::reset().encode()) << QByteArray("aa aa aa 96 69 00 03 10 ff ec");
        QTest::newRow("status 11 FF") << toHex(SamCommand::status().encode()) << QByteArray("aa aa aa 96 69 00 03 11 ff ed");
        QTest::newRow("SAM id 12 FF") << toHex(SamCommand::readSamId().encode()) << QByteArray("aa aa aa 96 69 00 03 12 ff ee");
        QTest::newRow("find 20 01") << toHex(SamCommand::findCard().encode()) << QByteArray("aa aa aa 96 69 00 03 20 01 22");
        QTest::newRow("select 20 02") << toHex(SamCommand::selectCard().encode()) << QByteArray("aa aa aa 96 69 00 03 20 02 21");
        QTest::newRow("read 30 01") << toHex(SamCommand::readText().encode()) << QByteArray("aa aa aa 96 69 00 03 30 01 32");
        QTest::newRow("read 30 10") << toHex(SamCommand::readTextAndFingerprint().encode()) << QByteArray("aa aa aa 96 69 00 03 30 10 23");
        QTest::newRow("max RF 61 FF 50") << toHex(SamCommand::setMaxRfBytes(0x50).encode()) << QByteArray("aa aa aa 96 69 00 04 61 ff 50 ca");
    }
    void commandFrames()
    {
        QFETCH(QByteArray, actual);
        QFETCH(QByteArray, expected);
        QCOMPARE(actual, expected);
    }

    void exactResponseFrames_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("sw3");
        QTest::addColumn<int>("dataBytes");
        // Reference §1.4, as guocihong/GasStationCardManageSystem saw them.
        QTest::newRow("status OK") << QByteArray("AAAAAA9669000400009094") << 0x90 << 0;
        QTest::newRow("SAM self-test failed") << QByteArray("AAAAAA9669000400006064") << 0x60 << 0;
        QTest::newRow("find OK") << QByteArray("AAAAAA966900080000 9F 00000000 97") << 0x9F << 4;
        QTest::newRow("find failed") << QByteArray("AAAAAA9669000400008084") << 0x80 << 0;
        QTest::newRow("select OK") << QByteArray("AAAAAA9669000C0000 90 0000000000000000 9C") << 0x90 << 8;
        QTest::newRow("select failed") << QByteArray("AAAAAA9669000400008185") << 0x81 << 0;
        QTest::newRow("read failed") << QByteArray("AAAAAA9669000400004145") << 0x41 << 0;
    }
    void exactResponseFrames()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, sw3);
        QFETCH(int, dataBytes);
        const std::vector<std::uint8_t> bytes = hex(frame.constData());
        SamFrameDecoder decoder;
        const auto events = decoder.feed(bytes);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(int(events.front().kind), int(SamFrameDecoder::Event::Kind::Frame));
        const auto response = SamResponse::fromBody(events.front().body);
        QVERIFY(response);
        QCOMPARE(int(response->sw1), 0);
        QCOMPARE(int(response->sw2), 0);
        QCOMPARE(int(response->sw3), sw3);
        QCOMPARE(int(response->data.size()), dataBytes);
        // And back: the encoder writes the very same frame.
        QCOMPARE(toHex(response->encode()), toHex(bytes));
    }

    void readResponseIs1295BytesWithTheTextAtByte14()
    {
        const auto text = *IdCardTextEncoder::encode(residentText());
        const std::vector<std::uint8_t> frame = readResponseFrame(text);
        QCOMPARE(frame.size(), size_t(1295));
        // Header of §1.4: AA AA AA 96 69 05 08 00 00 90 01 00 04 00.
        QCOMPARE(toHex({frame.begin(), frame.begin() + 14}), QByteArray("aa aa aa 96 69 05 08 00 00 90 01 00 04 00"));
        QVERIFY(std::equal(text.begin(), text.end(), frame.begin() + 14));
        SamFrameDecoder decoder;
        const auto events = decoder.feed(frame);
        QCOMPARE(events.size(), size_t(1));
        const auto response = SamResponse::fromBody(events.front().body);
        const auto payload = SamReadPayload::parse(response->data, false);
        QVERIFY(payload);
        QCOMPARE(payload->photoLength, size_t(1024));
        QVERIFY(payload->text == std::vector<std::uint8_t>(text.begin(), text.end()));
    }

    void readWithFingerprintHasItsOwnHeader()
    {
        // §1.5: 30 10 adds a third length; LEN = 3 + 6 + 256 + 1024 + 1024 + 1 = 0x090A.
        std::vector<std::uint8_t> data{0x01, 0x00, 0x04, 0x00, 0x04, 0x00};
        data.insert(data.end(), 256 + 2048, 0x20);
        const auto frame = SamResponse::withStatus(SamStatus::Ok, data).encode();
        QCOMPARE(int(frame[5]), 0x09);
        QCOMPARE(int(frame[6]), 0x0A);
        const auto payload = SamReadPayload::parse(data, true);
        QVERIFY(payload);
        QCOMPARE(payload->fingerprintLength, size_t(1024));
        SamReadPayload::Error error{};
        QVERIFY(!SamReadPayload::parse(std::vector<std::uint8_t>(data.begin(), data.end() - 1), true, &error));
        QCOMPARE(int(error), int(SamReadPayload::Error::LengthsDisagree));
        QVERIFY(!SamReadPayload::parse({0x01, 0x00}, false, &error));
        QCOMPARE(int(error), int(SamReadPayload::Error::TooShort));
    }

    void everyStatusCodeIsTyped_data()
    {
        QTest::addColumn<int>("sw3");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("statusClass");
        QTest::addColumn<QString>("text");
        using S = SamStatus;
        using C = SamStatusClass;
        const auto row = [](const char *name, int sw3, S s, C c, const char *text) {
            QTest::newRow(name) << sw3 << int(s) << int(c) << QString::fromUtf8(text);
        };
        // Reference §1.4, the whole table.
        row("90", 0x90, S::Ok, C::Success, "操作成功");
        row("91", 0x91, S::NoSuchContent, C::CardProblem, "居民身份证中无此项内容");
        row("9F", 0x9F, S::CardFound, C::Success, "寻找居民身份证成功");
        row("10", 0x10, S::ChecksumError, C::HostError, "接收业务终端数据的校验和错");
        row("11", 0x11, S::LengthError, C::HostError, "接收业务终端数据的长度错");
        row("21", 0x21, S::CommandError, C::HostError, "接收业务终端的命令错误");
        row("23", 0x23, S::NotPermitted, C::HostError, "越权操作");
        row("24", 0x24, S::UnrecognisedError, C::HostError, "无法识别的错误");
        row("31", 0x31, S::CardAuthenticationFailed, C::CardProblem, "居民身份证认证SAM_A失败");
        row("32", 0x32, S::SamAuthenticationFailed, C::CardProblem, "SAM_A认证居民身份证失败");
        row("33", 0x33, S::VerificationFailed, C::CardProblem, "信息验证失败");
        row("37", 0x37, S::FingerprintVerificationFailed, C::CardProblem, "指纹信息验证错误");
        row("3F", 0x3F, S::InformationLengthError, C::CardProblem, "信息长度错误");
        row("40", 0x40, S::UnknownCardType, C::CardProblem, "无法识别的居民身份证类型");
        row("41", 0x41, S::ReadFailed, C::CardProblem, "读居民身份证操作失败");
        row("47", 0x47, S::RandomNumberFailed, C::CardProblem, "取随机数失败");
        row("60", 0x60, S::SelfTestFailed, C::ModuleFault, "SAM_A自检失败，不能接收命令");
        row("66", 0x66, S::NotAuthorised, C::ModuleFault, "SAM_A没经过授权，无法使用");
        row("80", 0x80, S::CardNotFound, C::NoCard, "寻找居民身份证失败");
        row("81", 0x81, S::SelectFailed, C::CardProblem, "选取居民身份证失败");
        // SDK-only codes never appear on the wire (§1.4); on it they are unknown.
        row("02 (SDK only)", 0x02, S::Unknown, C::HostError, "未知状态");
        row("FF", 0xFF, S::Unknown, C::HostError, "未知状态");
    }
    void everyStatusCodeIsTyped()
    {
        QFETCH(int, sw3);
        QFETCH(int, status);
        QFETCH(int, statusClass);
        QFETCH(QString, text);
        const SamStatus s = samStatusFromByte(std::uint8_t(sw3));
        QCOMPARE(int(s), status);
        QCOMPARE(int(classOf(s)), statusClass);
        QCOMPARE(QString::fromUtf8(samStatusText(s).data(), qsizetype(samStatusText(s).size())), text);
        QVERIFY(!samStatusName(s).empty());
    }

    void splitAtEveryOffset()
    {
        // A conversation's worth of replies back to back, including the 1295-byte read.
        std::vector<std::uint8_t> stream = hex("AAAAAA9669000400009094 AAAAAA966900080000 9F 00000000 97 AAAAAA9669000400008084");
        const auto read = readResponseFrame(*IdCardTextEncoder::encode(residentText()));
        stream.insert(stream.end(), read.begin(), read.end());
        const auto whole = framesOf(stream, stream.size());
        QCOMPARE(whole.size(), size_t(4));
        for (std::size_t split = 0; split <= stream.size(); ++split)
            QVERIFY2(framesOf(stream, split) == whole, qPrintable(QString::number(split)));
        // And one byte at a time.
        SamFrameDecoder decoder;
        std::size_t frames = 0;
        for (std::uint8_t b : stream) {
            for (const auto &e : decoder.feed(&b, 1))
                frames += e.kind == SamFrameDecoder::Event::Kind::Frame;
        }
        QCOMPARE(frames, size_t(4));
        QCOMPARE(decoder.buffered(), size_t(0));
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("frames");
        QTest::addColumn<int>("badChecksums");
        QTest::addColumn<int>("badLengths");
        QTest::newRow("noise before a frame") << QByteArray("00 FF AA 96 AA AA AAAAAA9669000400009094") << 1 << 0 << 0;
        QTest::newRow("bad checksum, then a good frame") << QByteArray("AAAAAA9669000400009095 AAAAAA9669000400008084") << 1 << 1 << 0;
        QTest::newRow("length 0") << QByteArray("AAAAAA96690000 AAAAAA9669000400008084") << 1 << 0 << 1;
        QTest::newRow("length beyond any frame") << QByteArray("AAAAAA9669FFFF AAAAAA9669000400008084") << 1 << 0 << 1;
        QTest::newRow("a preamble inside a bad frame") << QByteArray("AAAAAA966900 06 AAAAAA9669000400009094") << 1 << 1 << 0;
        QTest::newRow("truncated frame waits") << QByteArray("AAAAAA96690004000090") << 0 << 0 << 0;
        QTest::newRow("only noise") << QByteArray("0102030405060708090A") << 0 << 0 << 0;
        QTest::newRow("four AA") << QByteArray("AAAAAAAA9669000400009094") << 1 << 0 << 0;
    }
    void malformedInput()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, frames);
        QFETCH(int, badChecksums);
        QFETCH(int, badLengths);
        SamFrameDecoder decoder;
        int f = 0, c = 0, l = 0;
        for (const auto &e : decoder.feed(hex(stream.constData()))) {
            f += e.kind == SamFrameDecoder::Event::Kind::Frame;
            c += e.kind == SamFrameDecoder::Event::Kind::BadChecksum;
            l += e.kind == SamFrameDecoder::Event::Kind::BadLength;
        }
        QCOMPARE(f, frames);
        QCOMPARE(c, badChecksums);
        QCOMPARE(l, badLengths);
        QVERIFY(decoder.buffered() < 16); // noise never piles up
    }

    void responsesShorterThanTheStatusAreRefused()
    {
        QVERIFY(!SamResponse::fromBody({0x00, 0x00}));
        QVERIFY(!SamCommand::fromBody({0x20}));
        const auto command = SamCommand::fromBody({0x61, 0xFF, 0x50});
        QVERIFY(command);
        QVERIFY(*command == SamCommand::setMaxRfBytes(0x50));
    }

    void ucs2Fields()
    {
        // Reference §1.6: 张三 = 20 5F 09 4E, padded with spaces (20 00).
        std::uint8_t field[8];
        QVERIFY(ucs2::encodeField("张三", field, sizeof field));
        QCOMPARE(toHex({field, field + 8}), QByteArray("20 5f 09 4e 20 00 20 00"));
        QCOMPARE(*ucs2::decodeField(field, sizeof field), std::string("张三"));
        QVERIFY(!ucs2::encodeField("张三李四", field, 6)); // does not fit
        QVERIFY(!ucs2::encodeField("\xff", field, sizeof field)); // not UTF-8
        // A rare name character outside the BMP, as a surrogate pair: 𠀀 (U+20000).
        std::uint8_t rare[4];
        QVERIFY(ucs2::encodeField("\xf0\xa0\x80\x80", rare, sizeof rare));
        QCOMPARE(toHex({rare, rare + 4}), QByteArray("40 d8 00 dc"));
        QCOMPARE(*ucs2::decodeField(rare, sizeof rare), std::string("\xf0\xa0\x80\x80"));
        const std::uint8_t lone[2] = {0x00, 0xD8};
        QVERIFY(!ucs2::decodeField(lone, sizeof lone));
    }

    void residentCardText()
    {
        const auto block = IdCardTextEncoder::encode(residentText());
        QVERIFY(block);
        // Offsets of §1.6: the name at 0, the sex at 30, the number at 122, blank type at 248.
        QCOMPARE(int((*block)[0]), 0x20);
        QCOMPARE(int((*block)[1]), 0x5F);
        QCOMPARE(int((*block)[30]), int('1'));
        QCOMPARE(int((*block)[122]), int('1'));
        QCOMPARE(int((*block)[248]), 0x20);
        const auto text = IdCardTextDecoder::decode(block->data(), block->size());
        QVERIFY(text.ok());
        QVERIFY(text.value() == residentText());
        QCOMPARE(text->displayName(), std::string("张三"));
    }

    void otherCardLayouts_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("typeChar");
        QTest::newRow("J residence permit") << int(IdCardKind::HkMacaoTaiwan) << "J";
        QTest::newRow("I foreigner 2017") << int(IdCardKind::Foreigner2017) << "I";
        QTest::newRow("Y foreigner 2023") << int(IdCardKind::Foreigner2023) << "Y";
    }
    void otherCardLayouts()
    {
        QFETCH(int, kind);
        QFETCH(QString, typeChar);
        IdCardText t;
        t.kind = IdCardKind(kind);
        t.sex = "1";
        t.birthDate = "19850315";
        t.validFrom = "20231201";
        t.validTo = "20331201";
        switch (t.kind) {
        case IdCardKind::HkMacaoTaiwan:
            t.name = "陈大文";
            t.address = "广东省深圳市福田区福华三路88号";
            t.idNumber = "810000199001011230";
            t.issuer = "深圳市公安局";
            t.passNumber = "H12345678";
            t.issueCount = "01";
            break;
        case IdCardKind::Foreigner2017:
            t.englishName = "SMITH JOHN";
            t.name = "史密斯";
            t.idNumber = "USA310085031501";
            t.nationality = "USA";
            t.cardVersion = "01";
            t.authorityCode = "1100";
            break;
        case IdCardKind::Foreigner2023:
            t.name = "史约翰";
            t.englishName = "SMITH JOHN WILLIAM ALEXANDER BARTHOLOMEW"; // over 35: its tail sits at 220
            t.renewalCount = "00";
            t.idNumber = "93184019850315001X";
            t.nationality = "USA";
            break;
        case IdCardKind::Resident:
            break;
        }
        const auto block = IdCardTextEncoder::encode(t);
        QVERIFY(block);
        QCOMPARE(QChar(char16_t((*block)[248] | ((*block)[249] << 8))), typeChar.at(0)); // §1.8: the type at 248
        const auto text = IdCardTextDecoder::decode(block->data(), block->size());
        QVERIFY2(text.ok(), qPrintable(QString::number(text.ok() ? -1 : int(text.error()))));
        QVERIFY(text.value() == t);
    }

    void foreigner2023EnglishNameRunsOnWhole_data()
    {
        // What stands around the cut after the 35th UCS-2 unit (52 + 70 = 122; the rest at 220).
        QTest::addColumn<QString>("name");
        const QString head34 = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH"); // 34 units
        QTest::newRow("a space as the 35th unit") << head34 + QStringLiteral(" JONES");
        QTest::newRow("a space as the 36th unit") << head34 + QStringLiteral("I JONES");
        QTest::newRow("a NUL as the 35th unit") << head34 + QChar(0) + QStringLiteral("X"); // found by fuzz_sam_decoder
        QTest::newRow("a surrogate pair across the cut") << head34 + QStringLiteral("\U00020000Z");
        QTest::newRow("exactly 35") << head34 + QStringLiteral("I");
        QTest::newRow("all 46") << head34 + QStringLiteral("IJKLMNOPQRST");
        QTest::newRow("short") << QStringLiteral("LI MING");
    }
    void foreigner2023EnglishNameRunsOnWhole()
    {
        QFETCH(QString, name);
        IdCardText t;
        t.kind = IdCardKind::Foreigner2023;
        t.englishName = name.toStdString();
        t.idNumber = "93184019850315001X";
        const auto block = IdCardTextEncoder::encode(t);
        QVERIFY(block);
        // Exactly 35 units at 52, the rest at 220, space-padded.
        std::u16string units = name.toStdU16String();
        units.resize(46, u' ');
        for (std::size_t i = 0; i < 46; ++i) {
            const std::size_t at = i < 35 ? 52 + 2 * i : 220 + 2 * (i - 35);
            QCOMPARE(int((*block)[at] | ((*block)[at + 1] << 8)), int(units[i]));
        }
        const auto text = IdCardTextDecoder::decode(block->data(), block->size());
        QVERIFY(text.ok());
        QCOMPARE(QString::fromStdString(text->englishName), name);
        const auto again = IdCardTextEncoder::encode(text.value());
        QVERIFY(again && *again == *block);
        t.englishName = (name.leftJustified(46, QLatin1Char('Q')) + QLatin1Char('Q')).toStdString(); // 47 units
        QVERIFY(!IdCardTextEncoder::encode(t));
    }

    void foreigner2017NumberSitsAt122For30Bytes()
    {
        // §1.8: English name 0/120, sex 120/2, number 122/30, nationality 152/6, Chinese name 158/30.
        IdCardText t;
        t.kind = IdCardKind::Foreigner2017;
        t.englishName = "SMITH JOHN";
        t.idNumber = "USA310085031501";
        t.nationality = "USA";
        const auto block = *IdCardTextEncoder::encode(t);
        QCOMPARE(*ucs2::decodeField(block.data() + 122, 30), std::string("USA310085031501"));
        QCOMPARE(*ucs2::decodeField(block.data() + 152, 6), std::string("USA"));
        const auto text = IdCardTextDecoder::decode(block.data(), block.size());
        QVERIFY(text.ok());
        QCOMPARE(text->displayName(), std::string("SMITH JOHN")); // no Chinese name: the English one
    }

    void badTextBlocks_data()
    {
        QTest::addColumn<QByteArray>("patch"); // offset:hex bytes
        QTest::addColumn<int>("error");
        QTest::newRow("unknown type X") << QByteArray("248:5800") << int(IdCardTextDecoder::Error::UnknownCardType);
        QTest::newRow("check digit wrong") << QByteArray("156:3100") << int(IdCardTextDecoder::Error::InvalidNumber);
        QTest::newRow("number blank") << QByteArray("122:200020002000200020002000200020002000200020002000200020002000200020002000")
                                      << int(IdCardTextDecoder::Error::NoNumber);
        QTest::newRow("lone surrogate in the name") << QByteArray("0:00d8") << int(IdCardTextDecoder::Error::BadEncoding);
        QTest::newRow("letters in the number") << QByteArray("124:4100") << int(IdCardTextDecoder::Error::InvalidNumber);
    }
    void badTextBlocks()
    {
        QFETCH(QByteArray, patch);
        QFETCH(int, error);
        auto block = *IdCardTextEncoder::encode(residentText());
        const int colon = int(patch.indexOf(':'));
        const int offset = patch.left(colon).toInt();
        const QByteArray bytes = QByteArray::fromHex(patch.mid(colon + 1));
        std::copy(bytes.begin(), bytes.end(), block.begin() + offset);
        const auto text = IdCardTextDecoder::decode(block.data(), block.size());
        QVERIFY(!text.ok());
        QCOMPARE(int(text.error()), error);
        QVERIFY(!IdCardTextDecoder::decode(block.data(), 255).ok());
    }

    void lowerCaseCheckXIsAccepted()
    {
        IdCardText t = residentText();
        t.idNumber = "11010519491231002x";
        const auto block = *IdCardTextEncoder::encode(t);
        const auto text = IdCardTextDecoder::decode(block.data(), block.size());
        QVERIFY(text.ok());
        QCOMPARE(text->idNumber, std::string("11010519491231002X"));
    }

    void theSimulatorsCardFileHoldsEveryKind()
    {
        // resources/sim/idcards.json: the cards the demo and the tests present.
        QFile file(QStringLiteral(HALLKIOSK_SOURCE_DIR "/resources/sim/idcards.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        for (const char *name : {"\"resident\"", "\"J\"", "\"I\"", "\"Y\"", "\"bad-checksum\"", "\"failing_read\"", "\"removed\""})
            QVERIFY2(json.contains(name), name);
    }
};

QTEST_APPLESS_MAIN(TestSamCodec)
#include "tst_sam_codec.moc"
