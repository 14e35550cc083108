#include "ui/kiosk/kiosk_messages.h"

#include "ui/kiosk/home_view.h"

namespace hk {

CitizenMessage printerProblem(DeviceError error)
{
    const QString next = QStringLiteral("请按下方“帮办”呼叫工作人员，或到服务台取号。");
    switch (error) {
    case DeviceError::PaperOut:
        return {QStringLiteral("打印机缺纸，暂时无法取号"), next};
    case DeviceError::CoverOpen:
        return {QStringLiteral("打印机仓门未关好，暂时无法取号"), next};
    case DeviceError::CutterError:
        return {QStringLiteral("打印机切纸故障，暂时无法取号"), next};
    case DeviceError::MechanicalError:
        return {QStringLiteral("打印机故障，暂时无法取号"), next};
    case DeviceError::Offline:
    case DeviceError::Timeout:
    case DeviceError::BadReply:
    case DeviceError::WriteFailed:
    case DeviceError::Busy:
        break;
    }
    return {QStringLiteral("打印机未连接或无响应，暂时无法取号"), next};
}

QString printFailureReason(DeviceError error)
{
    switch (error) {
    case DeviceError::PaperOut:
        return QStringLiteral("打印机缺纸。");
    case DeviceError::CoverOpen:
        return QStringLiteral("打印机仓门打开。");
    default:
        return QStringLiteral("打印机出现故障。");
    }
}

CitizenMessage hallClosed(const std::optional<QDateTime> &opensAtLocal, const QDate &today)
{
    const QString title = QStringLiteral("现在不是取号时间");
    if (!opensAtLocal)
        return {title, QStringLiteral("本中心暂停对外服务。请按“帮办”咨询工作人员。")};
    const QDate day = opensAtLocal->date();
    const QString time = opensAtLocal->toString(QStringLiteral("HH:mm"));
    QString when;
    if (day == today)
        when = QStringLiteral("今天 %1").arg(time);
    else if (day == today.addDays(1))
        when = QStringLiteral("明天（%1）%2").arg(chineseDate(day, false), time);
    else
        when = QStringLiteral("%1 %2").arg(chineseDate(day, false), time);
    return {title, QStringLiteral("下次取号时间：%1 起。").arg(when)};
}

} // namespace hk
