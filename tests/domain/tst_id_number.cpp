// app/domain/id_number: GB 11643-1999's MOD 11-2 check character with the verified vectors of
// shared/reference/device-protocols.md §2, and the kinds of number a card carries.

#include "app/domain/booking/id_number.h"

#include <QTest>

using namespace hk;

namespace QTest {
template <> inline char *toString(const std::optional<IdNumberKind> &k)
{
    return qstrdup(k ? QByteArray::number(int(*k)).constData() : "nullopt");
}
template <> inline char *toString(const std::optional<char> &c)
{
    return qstrdup(c ? QByteArray(1, *c).constData() : "nullopt");
}
} // namespace QTest

class TestIdNumber : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gb11643_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("valid");
        // Reference §2, verified vectors.
        QTest::newRow("X") << "11010519491231002X" << true;
        QTest::newRow("4") << "440524188001010014" << true;
        QTest::newRow("X again") << "34052419800101001X" << true;
        QTest::newRow("lower-case x") << "34052419800101001x" << true;
        QTest::newRow("wrong check") << "110105194912310021" << false;
        QTest::newRow("17 digits") << "11010519491231002" << false;
        QTest::newRow("letter inside") << "1101051949123100AX" << false;
        QTest::newRow("HK residence permit") << "810000199001011230" << true;
        QTest::newRow("foreigner 2023") << "93184019850315001X" << true;
    }
    void gb11643()
    {
        QFETCH(QString, number);
        QFETCH(bool, valid);
        QCOMPARE(hasValidGb11643Check(number.toStdString()), valid);
    }

    void numberKinds()
    {
        QCOMPARE(classifyIdNumber("11010519491231002X"), std::optional(IdNumberKind::Resident));
        QCOMPARE(classifyIdNumber("810000199001011230"), std::optional(IdNumberKind::HkMacaoTaiwan));
        QCOMPARE(classifyIdNumber("820000197506120048"), std::optional(IdNumberKind::HkMacaoTaiwan));
        QCOMPARE(classifyIdNumber("93184019850315001X"), std::optional(IdNumberKind::Foreigner2023));
        QCOMPARE(classifyIdNumber("USA310085031501"), std::optional(IdNumberKind::Foreigner2017));
        QVERIFY(!classifyIdNumber("usa310085031501"));
        QVERIFY(!classifyIdNumber("110105194912310021"));
        QCOMPARE(gb11643CheckCharacter("11010519491231002"), std::optional('X'));
        QVERIFY(!gb11643CheckCharacter("1101051949123100"));
    }

};

QTEST_APPLESS_MAIN(TestIdNumber)
#include "tst_id_number.moc"
