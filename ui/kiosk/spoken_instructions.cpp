#include "ui/kiosk/spoken_instructions.h"

#include <QCoreApplication>

// The texts are marked for lupdate as QCoreApplication::translate("hk::spoken", …): the English
// .ts files take them like every other citizen text.
namespace hk::spoken {
namespace {

// A screen's title read as one sentence: its line breaks become pauses.
QString sentence(const QString &shown)
{
    static const QString kPauses = QStringLiteral("，。？！、；：,.?!;:…");
    static const QString kEnds = QStringLiteral("。？！.?!…");
    QString text;
    for (const QChar c : shown.trimmed()) {
        if (c != QLatin1Char('\n'))
            text += c;
        else if (!text.isEmpty() && !kPauses.contains(text.back()))
            text += QStringLiteral("，");
    }
    if (!text.isEmpty() && !kEnds.contains(text.back()))
        text += QStringLiteral("。");
    return text;
}

// Spaces around a number keep the synthesiser from running it into the words beside it (as the
// hall's calls do).
QString number(const QString &n)
{
    return QStringLiteral(" %1 ").arg(n);
}

} // namespace

QString home()
{
    return QCoreApplication::translate("hk::spoken", "请选择要办理的业务，点按业务名称取号。预约过的，请扫预约二维码或刷身份证签到。");
}

QString notice(const QString &title, const QString &action)
{
    QString said = sentence(title);
    if (!action.isEmpty())
        said += QCoreApplication::translate("hk::spoken", "要%1，请点按屏幕中间的按钮。").arg(QString(action).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    return said;
}

QString ticket(const QString &title, const QString &n)
{
    QString said = sentence(title);
    if (!n.isEmpty())
        said += QCoreApplication::translate("hk::spoken", "您的号码是%1号，请留意大厅屏幕和语音叫号。").arg(number(n));
    return said;
}

QString choice()
{
    return QCoreApplication::translate("hk::spoken", "您今天有几个预约，请点按现在要办理的一项。");
}

QString guide(const QString &title, const QString &prompt)
{
    return sentence(title) + sentence(prompt);
}

QString myTicket(const QString &title, const QString &text)
{
    return sentence(title) + sentence(text);
}

QString myTicketStatus(const QString &n, const QString &state)
{
    return QCoreApplication::translate("hk::spoken", "您的号码是%1号。").arg(number(n)) + sentence(state);
}

QString bookingStep(BookingFlowPresenter::Step step, const QString &title)
{
    using S = BookingFlowPresenter::Step;
    switch (step) {
    case S::Group:
        return QCoreApplication::translate("hk::spoken", "请选择要预约的业务类别，点按类别名称。");
    case S::Matter:
        return QCoreApplication::translate("hk::spoken", "请选择要办的事项，点按事项名称。");
    case S::Materials:
        return QCoreApplication::translate("hk::spoken", "这是办这个事项要带的材料。看好后，请点按“选择日期”。");
    case S::Day:
        return QCoreApplication::translate("hk::spoken", "请选择哪一天来办，点按日期。");
    case S::Slot:
        return QCoreApplication::translate("hk::spoken", "请选择几点来办，点按时段。");
    case S::Confirm:
        return QCoreApplication::translate("hk::spoken", "请核对预约信息，没有问题就点按“确认预约”。");
    case S::CancelList:
        return QCoreApplication::translate("hk::spoken", "请点按要取消的预约。");
    case S::CancelConfirm:
        return QCoreApplication::translate("hk::spoken", "确定要取消这个预约吗？确定就点按“确认取消预约”。");
    default:
        return sentence(title); // a step this file does not know: its own title
    }
}

QString keypad()
{
    return QCoreApplication::translate("hk::spoken", "请用屏幕上的数字键输入您的手机号码，输好后点按“确认手机号”。");
}

QString idleWarning(int seconds)
{
    return QCoreApplication::translate("hk::spoken", "%1秒后将自动返回首页。还要继续办理，请点一下屏幕。").arg(number(QString::number(seconds))).trimmed();
}

} // namespace hk::spoken
