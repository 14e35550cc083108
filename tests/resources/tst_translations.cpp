// Every string a citizen reads has its English (DESIGN §14): lupdate — the real tool, run the way
// the update_translations target runs it — reads the translated sources into a temporary copy of
// each .ts; the test fails on a message left unfinished (a new or changed source string), one that
// vanished from the sources (the .ts is stale), an empty translation, or a translation that drops a
// placeholder (%1, %2 …) of its source. Each failure names the source string and where it is.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString location; // file:line of its first use
    QString type;     // the translation's type attribute: '', unfinished, vanished, obsolete
    QStringList forms; // the translation, or its plural forms
    bool numerus = false;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name"))
            context = xml.readElementText();
        else if (name == QLatin1String("message")) {
            if (!m.source.isNull())
                messages.append(m);
            m = {};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("location") && m.location.isEmpty())
            m.location = xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':') +
                         xml.attributes().value(QLatin1String("line")).toString();
        else if (name == QLatin1String("source"))
            m.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!m.numerus)
                m.forms << xml.readElementText();
        } else if (name == QLatin1String("numerusform"))
            m.forms << xml.readElementText();
    }
    if (!m.source.isNull())
        messages.append(m);
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%[1-9]"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.removeDuplicates();
    found.sort();
    return found;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyCitizenStringIsTranslated_data()
    {
        QTest::addColumn<QString>("ts");
        for (const QString &ts : QStringLiteral(HALLKIOSK_TS_FILES).split(QLatin1Char(';')))
            QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts;
    }

    void everyCitizenStringIsTranslated()
    {
        QFETCH(QString, ts);
        QFile list(QStringLiteral(HALLKIOSK_TRANSLATED_SOURCES_LIST));
        QVERIFY2(list.open(QIODevice::ReadOnly), qPrintable(list.fileName()));
        const QStringList sources = QString::fromUtf8(list.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(sources.size() >= 10, "the list of translated sources is empty");

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(ts).fileName());
        QVERIFY2(QFile::copy(ts, copy), qPrintable(ts));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        // As update_translations runs it, but keeping what vanished (no -no-obsolete) and absolute
        // locations, so a failure says where the string is.
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(HALLKIOSK_LUPDATE),
                      QStringList{QStringLiteral("-I"), QStringLiteral(HALLKIOSK_SOURCE_DIR), QStringLiteral("-locations"),
                                  QStringLiteral("absolute"), QStringLiteral("-source-language"), QStringLiteral("zh_CN"),
                                  QStringLiteral("-target-language"), QStringLiteral("en")}
                          + sources + QStringList{QStringLiteral("-ts"), copy});
        QVERIFY2(lupdate.waitForFinished(60000), "lupdate did not finish");
        const QString output = QString::fromUtf8(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));

        QString error;
        const QList<Message> messages = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() >= 300, qPrintable(QStringLiteral("only %1 strings found: %2").arg(messages.size()).arg(output)));

        QStringList problems;
        for (const Message &m : messages) {
            const QString where = QStringLiteral("[%1] \"%2\" (%3)").arg(m.context, m.source, m.location);
            if (m.type == QLatin1String("unfinished"))
                problems << QStringLiteral("no English yet: ") + where;
            else if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                problems << QStringLiteral("no longer in the sources (run update_translations): ") + where;
            else if (m.forms.isEmpty() || std::any_of(m.forms.begin(), m.forms.end(), [](const QString &f) { return f.trimmed().isEmpty(); }))
                problems << QStringLiteral("empty translation: ") + where;
            else {
                for (const QString &form : m.forms) {
                    if (placeholders(form) != placeholders(m.source)) {
                        problems << QStringLiteral("placeholders %1 in \"%2\": ").arg(placeholders(m.source).join(QLatin1Char(',')), form) + where;
                        break;
                    }
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 of %2 strings:\n").arg(problems.size()).arg(messages.size()) +
                                                problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
